"""Issue 16, «Done when»: the four workflows walked as a person walks them, on the 1366×768 laptop, over a
real migrated SQLite file with the demo data:

1. inventory: a room, a search, the item's card, the room's list as PDF;
2. accreditation: an infrastructure list imported (checked first), a workshop on it, the match (previewed,
   then confirmed), the packet as PDF;
3. timetable: generation (previewed, then applied), one school's timetable as PDF;
4. procurement: a need, three commercial offers typed into the table, the НМЦК as PDF, a plan-schedule
   line, the budget.

Pages are chosen on the left rail; page actions are used from «Правка» (the menu that holds every action of
the page's toolbar), and each is first asserted reachable — enabled, in the menu, and on the toolbar or
behind its visible overflow button «»»; dialogs are filled and accepted through their buttons. Before
each step that replaces or removes records the preview is asserted to be on screen with the data still
untouched. Every PDF is read back with pypdf. At every step the main window and the dialog on top are
measured with the layout checks (tests/ui/test_layout_checks.py).

With ``CHEMCLUSTER_WALK_SHOTS=<dir>`` each step is saved as ``<dir>/NN_<step>.png`` (the main window with
the dialogs on top of it, as the screen shows them); ``docs/screenshots/walk/remake.sh`` remakes the
manual's set under Xvfb."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from openpyxl import Workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QToolButton, QWidget

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services import inventory
from chemcluster_desktop.services import procurement as P
from chemcluster_desktop.services import schedule as S
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.pages import PAGES
from tests.ui.test_layout_checks import _menu_actions, check_all

COMPETENCY = "Аналитический контроль качества химических соединений"
LIST_LINES = [  # № , name, specification, quantity — what the demo's laboratory 201 has, and one it has not
    (1, "Баня водяная", "", 1),
    (2, "Центрифуга лабораторная", "до 4000 об/мин", 1),
    (3, "Рефрактометр", "nD 1,3–1,7", 1),
    (4, "Шкаф сушильный", "до 300 °C", 1),
    (5, "Спектрофотометр двухлучевой УФ-видимый", "190–1100 нм", 1),
]


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages)
                    .replace("\u00a0", " ").split())


class Walk:
    """The person at the laptop: the window, the pages, the screenshots."""

    def __init__(self, window, qtbot):
        self.w, self.qtbot, self.n = window, qtbot, 0
        out = os.environ.get("CHEMCLUSTER_WALK_SHOTS")
        self.shots = Path(out) if out else None
        if self.shots:
            self.shots.mkdir(parents=True, exist_ok=True)

    def settle(self, ms: int = 30) -> None:
        assert ops.wait_all(180000)
        QApplication.processEvents()
        self.qtbot.wait(ms)

    def page(self, key: str):
        """A click on the left rail."""
        row = [p.key for p in PAGES].index(key)
        item = self.w.nav.item(row)
        self.qtbot.mouseClick(self.w.nav.viewport(), Qt.MouseButton.LeftButton,
                              pos=self.w.nav.visualItemRect(item).center())
        self.settle()
        page = self.w.pages[key]
        assert self.w.current_page() is page and page.isVisible()
        return page

    def use(self, page, action) -> None:
        """Use a page action from «Правка», after asserting a person can reach it."""
        self.w.menu_edit.aboutToShow.emit()
        menu = _menu_actions(self.w.menu_edit)
        name = action.text()
        assert action in menu, f"«{name}» is not in «Правка»"
        assert action.isVisible() and action.isEnabled(), f"«{name}» cannot be used"
        tb = page.toolbar
        btn = tb.widgetForAction(action)
        shown = btn is not None and btn.isVisible() and tb.rect().contains(btn.geometry())
        if not shown:
            ext = tb.findChild(QToolButton, "qt_toolbar_ext_button")
            assert ext is not None and ext.isVisible(), f"«{name}» is neither on the toolbar nor behind «»»"
        action.trigger()  # as the menu's item does
        self.settle()

    def click(self, button) -> None:
        assert button.isVisible() and button.isEnabled(), button.text()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.settle()

    def dialogs(self) -> list[QWidget]:
        return [d for d in QApplication.topLevelWidgets() if isinstance(d, QDialog) and d.isVisible()]

    def step(self, name: str) -> None:
        """Measure what is on screen (the window and every dialog open over it) and keep a screenshot."""
        self.settle(60)
        found = check_all(self.w)
        for d in self.dialogs():
            found += [f"{d.objectName() or type(d).__name__}: {f}" for f in check_all(d)]
        assert found == [], f"{name}:\n" + "\n".join(found)
        self.n += 1
        if self.shots is None:
            return
        pix = QPixmap(self.w.size())
        pix.fill(Qt.GlobalColor.white)
        p = QPainter(pix)
        p.drawPixmap(0, 0, self.w.grab())
        origin = self.w.geometry().topLeft()
        for d in self.dialogs():
            p.drawPixmap(d.geometry().topLeft() - origin + QPoint(0, 0), d.grab())
        p.end()
        pix.save(str(self.shots / f"{self.n:02d}_{name}.png"))


@pytest.fixture
def walk(demo_window, qtbot):
    demo_window.showMaximized()
    qtbot.waitUntil(lambda: demo_window.width() >= 1300, timeout=3000)
    demo_window.activateWindow()  # the keyboard goes to the window (on a real X server too)
    qtbot.waitUntil(demo_window.isActiveWindow, timeout=3000)
    av = demo_window.screen().availableGeometry()
    assert (av.width(), av.height()) == (1366, 768)
    return Walk(demo_window, qtbot)


def _type(qtbot, widget, text: str) -> None:
    """QTest types ASCII only: Cyrillic goes in as an input method would put it."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def test_walk_the_four_workflows(walk, tmp_path):
    _inventory(walk)
    _accreditation(walk, tmp_path)
    _timetable(walk, tmp_path)
    _procurement(walk)


# --- 1. inventory search → item card → list PDF -------------------------------------------------------------
def _inventory(walk: Walk) -> None:
    qtbot = walk.qtbot
    page = walk.page("inventory")
    page.room_filter.showPopup()  # the rooms are read when the list is opened
    room = next(i for i in range(page.room_filter.count()) if "(ауд. 201)" in page.room_filter.itemText(i))
    page.room_filter.hidePopup()
    page.window().activateWindow()  # the list was a window of its own
    qtbot.waitUntil(page.window().isActiveWindow)
    page.room_filter.setCurrentIndex(room)
    room_id = page.room_filter.currentData()
    walk.settle()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F: to the search field
    assert page.search.hasFocus()
    _type(qtbot, page.search, "рефрактом")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    walk.settle()
    rows = page.model.loaded_rows()
    assert rows and all(r["name"] == "Рефрактометр" for r in rows)
    page.table.selectRow(0)
    walk.step("inventory_search")

    item_id = page.current_id()
    walk.use(page, page.actions_by_name["edit"])
    card = page.last_dialog
    assert card.isVisible() and card.item_id == item_id and card.name.text() == "Рефрактометр"
    number = inventory.get_item(item_id)["inventory_number"]
    walk.step("inventory_card")
    walk.click(card.buttons.button(card.buttons.StandardButton.Cancel))
    assert not card.isVisible()

    walk.use(page, page.actions_by_name["print"])
    preview = page.last_preview
    assert preview.isVisible() and preview.doc.pageCount() >= 1
    walk.step("inventory_list_pdf")
    text = _text(preview.pdf_path)
    # the printed list is the list on the screen: the room's items the search found, and no other
    in_room = inventory.list_items(ListQuery(filters={"room_id": room_id}, limit=10000))
    shown = {r["id"] for r in rows}
    assert number in text and "Лаборатория аналитической химии" in text
    assert all(r["inventory_number"] in text for r in in_room if r["id"] in shown and r.get("inventory_number"))
    assert not any(r["inventory_number"] in text for r in in_room if r["id"] not in shown and r.get("inventory_number"))
    assert "Отбор: поиск «рефрактом», помещение «" in " ".join(text.split())
    walk.click(preview.close_btn)


# --- 2. infrastructure list → match → packet ----------------------------------------------------------------
def _list_file(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append([f"Инфраструктурный лист 2026. Компетенция «{COMPETENCY}»"])
    ws.append(["№", "Наименование", "Характеристики", "Количество"])
    for row in LIST_LINES:
        ws.append(list(row))
    wb.save(path)
    return path


def _links() -> int:
    return sum(r["links"] for w in acc.workshops() for r in acc.checklist(w.id))


def _accreditation(walk: Walk, tmp_path: Path) -> None:
    page = walk.page("accreditation")
    lists_before = len(acc.competencies())
    walk.use(page, page.actions_by_name["import"])
    imp = page._dialog
    imp.file.setText(str(_list_file(tmp_path / "infrastructure-list.xlsx")))
    imp.competency.setEditText(COMPETENCY)
    walk.click(imp.check_btn)  # «Проверить»: nothing written
    assert "Ничего не записано" in imp.summary.text() and len(acc.competencies()) == lists_before
    walk.step("accreditation_list_checked")
    walk.click(imp.import_btn)  # a new competency's list: nothing replaced, so no confirmation to ask
    assert imp.result_report is not None and imp.result_report.imported == len(LIST_LINES)
    walk.step("accreditation_list_imported")
    walk.click(next(b for b in imp.buttons.buttons() if imp.buttons.buttonRole(b) == imp.buttons.ButtonRole.RejectRole))

    walk.use(page, page.actions_by_name["new"])
    dlg = page._dialog
    _type(walk.qtbot, dlg.name, "Мастерская «Аналитический контроль» (ауд. 201)")
    dlg.competency.setCurrentIndex(dlg.competency.findText(COMPETENCY))
    assert dlg.list_combo.currentData() is not None  # the list just imported
    room = next(i for i in range(dlg.rooms.count()) if "(ауд. 201)" in dlg.rooms.item(i).text())
    dlg.rooms.item(room).setCheckState(Qt.CheckState.Checked)
    dlg.workplaces.setValue(2)
    walk.step("accreditation_workshop")
    walk.click(dlg.buttons.button(dlg.buttons.StandardButton.Save))
    wid = dlg.saved_id
    assert wid and page.workshop_id == wid and len(page.model.loaded_rows()) == len(LIST_LINES)

    links = _links()
    walk.use(page, page.act_match)
    preview = page._dialog
    assert preview.objectName() == "MatchPreviewDialog" and preview.isVisible() and preview.cancel_btn.isDefault()
    assert _links() == links  # previewed: nothing linked yet
    walk.step("accreditation_match_preview")
    walk.click(preview.confirm_btn)
    page._info_box.close()
    walk.settle()
    r = acc.workshop_readiness(wid)
    assert _links() > links and r.met >= 2 and r.missing >= 1  # the spectrophotometer is missing
    walk.step("accreditation_matched")

    walk.use(page, page.actions_by_name["print"])
    pdf = page._preview
    assert pdf.isVisible()
    walk.step("accreditation_packet")
    text = _text(pdf.pdf_path)
    assert "Аналитический контроль" in text and COMPETENCY.split()[0] in text
    assert all(name in text for _n, name, _s, _q in LIST_LINES)
    walk.click(pdf.close_btn)


# --- 3. timetable generation → one school's PDF -------------------------------------------------------------
def _lessons(term: str) -> list[tuple]:
    return sorted((x["date"], x["slot"], x["school"], x["class"], x["subgroup"], x["workshop"], x["instructor"],
                   x["module"]) for x in S.term_lessons(term)["lessons"])


def _timetable(walk: Walk, tmp_path: Path) -> None:
    page = walk.page("schedule")
    page.term.setCurrentIndex(page.term.findText("2026/27, 2 полугодие"))  # the next term, not made yet
    walk.settle()
    term = page.term.currentText()
    before = _lessons(term)
    walk.use(page, page.act_generate)
    gen = page.last_dialog
    assert gen.isVisible() and not gen.apply_button.isEnabled()  # nothing to apply before the preview
    walk.click(gen.preview_button)
    assert gen.plan is not None and _lessons(term) == before  # previewed: the term untouched
    assert re.search(r"добавится \d+, перенесётся \d+, удалится \d+", gen.summary.text())
    walk.step("timetable_generation_preview")
    plan = gen.plan
    assert plan["added"] + plan["moved"] + plan["removed"] > 0 and gen.table.rowCount() >= 1  # by school
    walk.click(gen.apply_button)
    assert "Записано" in gen.summary.text() and gen.undo_button.isEnabled()  # and it can be undone
    after = _lessons(term)
    assert len(after) == len(before) + plan["added"] - plan["removed"] and after != before
    walk.step("timetable_generated")
    walk.click(next(b for b in gen.findChildren(type(gen.apply_button)) if b.text() == "Закрыть"))

    reports = walk.page("reports")
    reports.select_kind("schedule")
    walk.settle()
    school = S.list_schools()[0]["name"]
    box = reports.filter_widgets["school"]
    box.setCurrentIndex(box.findText(school))
    reports.set_filter("term", term) if "term" in reports.filter_widgets else None
    walk.click(reports.preview_btn)
    assert reports.result is not None
    walk.step("timetable_school_pdf")
    saved = reports.on_save(str(tmp_path / "school.pdf"))
    text = _text(saved)
    assert school.split("«")[1].rstrip("»") in text and "УТВЕРЖДАЮ" in text
    others = [s["name"] for s in S.list_schools()[1:]]
    assert not any(o.split("«")[1].rstrip("»") in text for o in others)  # that school's paper only


# --- 4. need → 3 offers → НМЦК → budget ---------------------------------------------------------------------
def _type_in_cell(qtbot, table, row: int, col: int, text: str) -> None:
    table.setCurrentCell(row, col)
    table.editItem(table.item(row, col))
    editor = table.indexWidget(table.model().index(row, col))
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    _type(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(table.model().index(row, col)) is None, timeout=2000)
    qtbot.wait(50)


def _procurement(walk: Walk) -> None:
    qtbot = walk.qtbot
    page = walk.page("procurement")
    page.show_tab("needs")
    walk.settle()
    walk.use(page, page.actions_by_name["new"])
    dlg = page.active_dialog
    _type(qtbot, dlg.name, "Спектрофотометр двухлучевой УФ-видимый")
    dlg.quantity.selectAll()
    _type(qtbot, dlg.quantity, "2")
    assert dlg.quantity.text() == "2"
    walk.step("procurement_need")
    walk.click(dlg.buttons.button(dlg.buttons.StandardButton.Save))
    nid = dlg.saved_id
    need = P.get_need(nid)
    assert need.name == "Спектрофотометр двухлучевой УФ-видимый" and need.quantity == 2 and not need.offers
    assert page.select_id(nid)
    tab = page.tab("needs")
    for price in ("412 000,00", "398500", "405300,00"):
        walk.click(tab.add_offer_btn)
        _type_in_cell(qtbot, tab.offers, tab.offers.rowCount() - 1, 2, price)
    prices = sorted(o.unit_price for o in P.get_need(nid).offers)
    assert prices == [Decimal("398500.00"), Decimal("405300.00"), Decimal("412000.00")]
    nmck = P.nmck(nid)
    assert nmck["valid"] and tab.nmck_labels["nmck"].text().replace("\u00a0", " ") == "810 533,33 ₽"
    walk.step("procurement_offers_nmck")

    walk.use(page, page.actions_by_name["print"])
    qtbot.waitUntil(lambda: getattr(page, "_last_preview", None) is not None, timeout=30000)
    pdf = page._last_preview
    walk.step("procurement_nmck_pdf")
    text = _text(pdf.pdf_path)
    assert "Спектрофотометр двухлучевой" in text and "405 266,67" in text and "810 533,33" in text
    walk.click(pdf.close_btn)

    source = P.list_sources()[1]
    planned = {r.code: r.planned for r in P.budget().rows}
    page.show_tab("plan")
    walk.settle()
    walk.use(page, page.actions_by_name["new"])
    line = page.active_dialog
    _type(qtbot, line.title, "Поставка спектрофотометра")
    line.source.setCurrentIndex(line.source.findData(source.id))
    item = next(line.needs.item(i) for i in range(line.needs.count())
                if line.needs.item(i).data(Qt.ItemDataRole.UserRole) == nid)
    item.setCheckState(Qt.CheckState.Checked)
    walk.step("procurement_plan_line")
    walk.click(line.buttons.button(line.buttons.StandardButton.Save))
    page.show_tab("budget")
    walk.settle()
    after = {r.code: r.planned for r in P.budget().rows}
    assert after[source.code] - planned[source.code] == Decimal(nmck["nmck"]) == Decimal("810533.33")
    table = page.tab("budget").budget_table
    shown = [table.item(r, 2).text().replace("\u00a0", " ") for r in range(table.rowCount())]
    from chemcluster_desktop.ui import format as fmt

    assert fmt.money(after[source.code]).replace("\u00a0", " ") in shown
    walk.step("procurement_budget")
