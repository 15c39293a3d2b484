"""Issue 16 (Language): in English mode no interface text is Russian.

The walk starts the window in English over the demo data, opens every page and every tab, selects the
first row, triggers every toolbar action (and every «…» button that opens a window), every menu action,
and opens the dialogs no action reaches without a file or a broken database directly. Each dialog,
message box, input dialog and file dialog that opens is read and answered «Cancel», so nothing changes.
Every text is read (tests/ui/english_walk.py says what is read and how data — names typed into the
database — is told apart from interface text). A second test starts in Russian, opens everything, and
switches to English at run time: every page must follow without a restart.

Exempt by kind, with the reason:
- units of measure in the unit drop-downs: the ОКЕИ symbols («шт.», «мл», «м») are stored as
  written and matched to ОКЕИ codes for the official forms (services/inventory/form_codes.OKEI), like data;
- the language menu's «Русский» (a language is named in itself, english_walk.ENDONYMS).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget, QToolButton, QWidgetAction

from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.pages import PAGES
from tests.ui.english_walk import (
    CYRILLIC,
    Capture,
    Exemption,
    data_values,
    dialog_classes,
    opener_buttons,
    pump,
    russian_texts,
)

UNIT_COMBOS = {"itemUnit", "needUnit", "infraUnit"}
SKIP_ACTIONS = {"action_refresh"}


@pytest.fixture
def en_app(qapp, demo_db):
    from chemcluster_desktop.app import create_application, install_translators

    app = create_application(lang="en")
    yield app
    install_translators(app, "ru")


@pytest.fixture
def ru_app(qapp, demo_db):
    from chemcluster_desktop.app import create_application, install_translators

    app = create_application(lang="ru")
    yield app
    install_translators(app, "ru")


def _new_window(qtbot):
    from chemcluster_desktop.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _allowed(f) -> bool:
    from chemcluster_desktop.services.inventory.form_codes import OKEI

    unit_combo = f.kind == "combo item" and f.widget.split("#")[-1] in UNIT_COMBOS
    return unit_combo and f.text in OKEI


def _select_first_row(page) -> None:
    tab = page.current_tab() if hasattr(page, "current_tab") else page
    table = getattr(tab, "table", None) or getattr(page, "table", None)
    if table is not None and table.model() is not None and table.model().rowCount() > 0:
        table.selectRow(0)
        pump()


def _page_actions(page) -> list:
    acts = []
    tb = getattr(page, "toolbar", None)
    for a in tb.actions() if tb is not None else []:
        if a.isSeparator():
            continue
        w = tb.widgetForAction(a)
        if isinstance(a, QWidgetAction) and isinstance(w, QToolButton) and w.menu() is not None:
            acts.extend(x for x in w.menu().actions() if not x.isSeparator())
        elif not isinstance(a, QWidgetAction):
            acts.append(a)
    return [a for a in acts if a.isEnabled() and a.isVisible() and a.objectName() not in SKIP_ACTIONS]


def _tab_states(page) -> list:
    """None (the page as it opens) and each tab of each tab widget of the page, one at a time."""
    states = [None]
    for tw in page.findChildren(QTabWidget):
        states.extend((tw, i) for i in range(tw.count()) if tw.isTabEnabled(i))
    return states


def _trigger(window, capture: Capture, where: str, items) -> None:
    for item in items:
        capture.where = f"{where} › {item.text()}"
        before = set(QApplication.topLevelWidgets())
        item.trigger() if hasattr(item, "trigger") else item.click()
        pump()
        ops.wait_all(30000)
        pump()
        capture.read_new_windows(before, skip=[window])


def walk_pages(window, capture: Capture, trigger: bool = True) -> None:
    for e in PAGES:
        page = window.show_page(e.key)
        pump()
        ops.wait_all(30000)
        for state in _tab_states(page):
            where = e.key
            if state is not None:
                tw, i = state
                if not tw.isVisibleTo(page):
                    continue
                tw.setCurrentIndex(i)
                where = f"{e.key}/{tw.tabText(i)}"
            ops.wait_all(30000)
            pump(30)
            _select_first_row(page)
            window.menu_edit.aboutToShow.emit()
            capture.check(window, where)
            capture.check(window.menu_edit, f"{where} › Edit menu")
            if trigger:
                _trigger(window, capture, where, _page_actions(page))
                _select_first_row(page)
                _trigger(window, capture, where, opener_buttons(page))
        if e.key == "reports":  # every document's name, description and filters with their lists
            for row in range(page.list.count()):
                page.list.setCurrentRow(row)
                pump()
                ops.wait_all(30000)
                capture.check(page, f"reports/{page.list.item(row).text()}")


def walk_menus(window, capture: Capture) -> None:
    for menu in (window.menu_file, window.menu_tools, window.menu_view, window.menu_help):
        menu.aboutToShow.emit()
        capture.check(menu, f"menu {menu.title()}")
        acts = [a for a in menu.actions() if not a.isSeparator() and a.menu() is None and a.isEnabled()
                and a not in (window.act_quit, window.act_ru, window.act_en, *window.go_actions,
                              window.act_switch_user)]  # logs out; its log-in's Cancel quits (test_switch_user)
        _trigger(window, capture, f"menu {menu.title()}", acts)
    capture.check(window.menu_lang, "menu Language")


def _direct_dialogs(window) -> list:
    """The dialogs that need a file, a broken database or a state the demo does not have: opened
    with what they are given in real use."""
    from chemcluster_desktop.services import accreditation as acc
    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.ui.dialogs import procurement_contract_dialogs as D
    from chemcluster_desktop.ui.dialogs.commission_dialog import CommissionDialog
    from chemcluster_desktop.ui.dialogs.database_folder import DatabaseFolderDialog
    from chemcluster_desktop.ui.dialogs.infra_lists import InfraLineDialog
    from chemcluster_desktop.ui.dialogs.login import LoginDialog
    from chemcluster_desktop.ui.dialogs.stocktaking_post import StocktakingPostDialog
    from chemcluster_desktop.ui.widgets.users_panel import PasswordDialog

    wid = acc.workshops()[0].id
    contract = P.get_contract(P.list_contracts(_query())[0]["id"])
    line = P.get_plan_line(contract.plan_line_id)
    return [
        lambda: CommissionDialog(wid, window),
        lambda: DatabaseFolderDialog(window),
        lambda: InfraLineDialog(window),
        lambda: LoginDialog(window),
        lambda: PasswordDialog(window, "admin"),
        lambda: StocktakingPostDialog(window, 1),
        lambda: D.DeliveryDialog(window, contract),
        lambda: D.StepDialog(window, line, "supplier_chosen"),
        lambda: D.StepDialog(window, line, "cancelled"),
    ]


def _query():
    from chemcluster_desktop.services.listing import ListQuery

    return ListQuery()


def open_direct(window, capture: Capture, tmp_path) -> None:
    for make in _direct_dialogs(window):
        capture.where = "direct"
        dlg = make()
        capture.read_dialog(dlg)
        dlg.deleteLater()
    # the inventory import preview, over a file the program itself exported
    from chemcluster_desktop.services import inventory

    xlsx = tmp_path / "inventory.xlsx"
    inventory.export_inventory(xlsx)
    page = window.show_page("inventory")
    capture.where = "inventory › import preview"
    page.import_file(str(xlsx))
    ops.wait_all(60000)
    pump()
    # a damaged database: the recovery dialog, offering the backup made just before
    from chemcluster_desktop.services import backup, context
    from chemcluster_desktop.services.errors import DatabaseOpenError
    from chemcluster_desktop.ui.dialogs.recover import RecoverDialog

    backup.backup(reason="manual")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseOpenError) as err:
        context._check_sqlite_file(bad)
    capture.where = "start-up › damaged database"
    capture.read_dialog(RecoverDialog(window, None, err.value, backup.list_backups()))


# bases never opened themselves: each is checked through the subclasses that were
BASES = {"chemcluster_desktop.ui.forms.FormDialog", "chemcluster_desktop.ui.dialogs.procurement_dialogs.FormDialog",
         "chemcluster_desktop.ui.dialogs.cluster_dialogs.ClusterForm",
         "chemcluster_desktop.ui.dialogs.import_preview.ImportPreviewDialog"}


def _qualname(c: type) -> str:
    return f"{c.__module__}.{c.__name__}"


def test_no_russian_in_english_mode(en_app, qtbot, monkeypatch, tmp_path):
    window = _new_window(qtbot)
    exempt = Exemption(data_values())
    found: list = []
    capture = Capture(check=lambda root, where: found.extend(russian_texts(root, where, exempt)))
    capture.install(monkeypatch)
    walk_pages(window, capture)
    walk_menus(window, capture)
    open_direct(window, capture, tmp_path)
    capture.stop()
    misses = [f for f in found if not _allowed(f)]
    assert not misses, "Russian in English mode:\n" + "\n".join(dict.fromkeys(map(str, misses)))
    assert not capture.unexpected

    # every dialog the interface defines was opened (a new one must be reachable or added above)
    opened = {_qualname(c) for c in capture.dialogs}
    defined = {_qualname(c) for c in dialog_classes()}
    assert defined - opened - BASES == set()
    for base in BASES:
        assert any(base in {_qualname(b) for b in c.__mro__[1:]} for c in capture.dialogs), base

    # every file name a save dialog offered is English (a workshop's name aside: data)
    assert len({where.split(" › ")[0] for where, _c, _p in capture.save_names}) >= 4, capture.save_names
    for where, _caption, path in capture.save_names:
        name = Path(path).name
        assert not exempt.russian(name), (where, name)
    window.close()


def test_language_switch_at_run_time_updates_every_page(ru_app, qtbot, monkeypatch):
    """Every page built in Russian follows the switch to English without a restart."""
    from chemcluster_desktop.ui.startup import build_main_window

    window = build_main_window(ru_app)  # wired as the program wires it: «Вид → Язык» reinstalls translators
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    exempt = Exemption(data_values())
    found: list = []
    capture = Capture(check=lambda root, where: None)
    capture.install(monkeypatch)
    walk_pages(window, capture, trigger=False)  # every page and tab built and filled in Russian
    assert all(e.key in window.pages for e in PAGES)
    assert window.menu_file.title() == "&Файл"
    window.act_en.trigger()
    pump()
    ops.wait_all(30000)
    capture.check = lambda root, where: found.extend(russian_texts(root, where, exempt))
    walk_pages(window, capture, trigger=False)
    capture.stop()
    misses = [f for f in found if not _allowed(f)]
    assert not misses, "still Russian after switching to English:\n" + "\n".join(dict.fromkeys(map(str, misses)))
    window.act_ru.trigger()
    pump()
    assert window.menu_file.title() == "&Файл"
    window.close()


# --- default file names -------------------------------------------------------------------------
LATIN_WORD = re.compile(r"\b[A-Za-z][a-z]+\b")  # an English word; acronyms (PDF, QR, FET) are no language


def test_default_file_names_follow_the_language(qapp, demo_db):
    from chemcluster_desktop.app import create_application, install_translators
    from chemcluster_desktop.services import printing
    from chemcluster_desktop.ui import filenames

    workshop = "Мастерская «Аддитивные технологии»"
    for lang in ("ru", "en"):
        app = create_application(lang=lang)
        try:
            names = [filenames.default_name(k, workshop, ext="pdf") for k in filenames.NAMES]
            names += [filenames.report_name(k) for k in printing.KINDS]
            for n in names:
                stem = Path(n).stem.replace(workshop, "")
                assert "/" not in n and "\\" not in n and ":" not in n, n
                if lang == "en":
                    assert not CYRILLIC.search(stem), n
                else:  # Russian words (acronyms such as QR aside)
                    assert CYRILLIC.search(stem) and not LATIN_WORD.search(stem), n
        finally:
            install_translators(app, "ru")
    assert filenames.safe('a/b:c*?"<>|d. ') == "a_b_c______d"


def test_every_save_dialog_offers_a_name_from_filenames():
    """Each QFileDialog.getSaveFileName and each preview's suggested name in ui/ goes through
    ui/filenames.py. One exception, by kind: the backup keeps its technical name in every language
    (chemcluster-<date>-<time>-<reason>.sqlite3), because the restore and the recovery find backups by
    that pattern (services.backup.list_backups)."""
    import ast

    import chemcluster_desktop.ui as ui

    root = Path(ui.__file__).parent
    sites = 0
    for f in sorted(root.rglob("*.py")):
        tree = ast.parse(f.read_text("utf-8"))
        for n in ast.walk(tree):
            if not isinstance(n, ast.Call):
                continue
            name = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
            if name == "getSaveFileName":
                arg = n.args[2] if len(n.args) > 2 else next((k.value for k in n.keywords if k.arg == "dir"), None)
            elif name in ("preview", "PdfPreviewDialog"):
                arg = next((k.value for k in n.keywords if k.arg == "suggested_name"), None)
                if arg is None:
                    continue  # the preview names the file after its (translated) title: filenames.pdf_name
            else:
                continue
            sites += 1
            src = ast.unparse(arg) if arg is not None else ""
            where = f"{f.relative_to(root)}:{n.lineno}"
            if f.name == "backup.py":
                assert "default_backup_name" in ast.unparse(tree), where
                continue
            names = {x.id for x in ast.walk(arg) if isinstance(x, ast.Name)} if arg is not None else set()
            assert "filenames" in src or "suggested_name" in src or any(
                _assigned_from_filenames(tree, name) for name in names), (where, src)
    assert sites >= 8


def _assigned_from_filenames(tree, name: str) -> bool:
    import ast

    for n in ast.walk(tree):
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets):
            if "filenames" in ast.unparse(n.value) or "suggested_name" in ast.unparse(n.value):
                return True
    return False
