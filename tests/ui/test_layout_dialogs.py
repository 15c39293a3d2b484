"""Issue 16: every dialog (every QDialog subclass in ui/, message boxes, the login dialog after a wrong
password, the PDF preview) opened with realistic demo data on the simulated 1366×768 screen and
measured by the checks of tests/ui/test_layout_checks.py: inside the screen, nothing overlapping or
cut off, no cut label/button/header text, no message wrapped inside a word, no blank drop-down.
``test_every_dialog_class_is_covered`` fails when a new dialog class appears without a case here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from chemcluster_desktop.services.listing import ListQuery
from tests.ui.test_layout_checks import check_all, check_inside_screen, check_lists_sideways

UI = Path(__file__).resolve().parents[2] / "chemcluster_desktop" / "ui"


def _ws():
    from chemcluster_desktop.services import accreditation as acc

    return acc.workshops()[0]


def _line_row():
    from chemcluster_desktop.services import accreditation as acc

    return acc.checklist(_ws().id)[0]


def _infra_list():
    from chemcluster_desktop.services import accreditation as acc

    return acc.lists()[0]


def _plan_line():
    from chemcluster_desktop.services import procurement as P

    return P.get_plan_line(P.list_plan_lines(ListQuery(limit=5))[0]["id"])


def _contract():
    from chemcluster_desktop.services import procurement as P

    return P.get_contract(P.list_contracts(ListQuery(limit=5))[0]["id"])


def _items(n=3):
    from chemcluster_desktop.services import inventory

    return inventory.list_items(ListQuery(limit=n))


def _room_id():
    from chemcluster_desktop.services import inventory

    return next(r["id"] for r in inventory.rooms_with_items())


def _stocktaking():
    from chemcluster_desktop.services.inventory import stocktaking
    from tests.inventory.helpers import decision

    room = _room_id()
    return stocktaking.start(room, decision=decision([room]))


def _pdf(tmp: Path) -> Path:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    pdf = tmp / "Инвентаризационная опись.pdf"
    c = canvas.Canvas(str(pdf), pagesize=landscape(A4))
    for page in range(3):
        c.drawString(72, 500, f"Инвентаризационная опись — лист {page + 1}")
        c.showPage()
    c.save()
    return pdf


# --- one factory per dialog: (window, tmp_path) -> the dialog, not shown yet ---------------------------
def _about(w, _t):
    from chemcluster_desktop.ui.dialogs.about import AboutDialog
    return AboutDialog(w)


def _help(w, _t):
    from chemcluster_desktop.ui.dialogs.help import HelpDialog
    return HelpDialog(w)


def _settings(w, _t):
    from chemcluster_desktop.ui.dialogs.settings import SettingsDialog
    return SettingsDialog(w)


def _database_folder(w, _t):
    from chemcluster_desktop.ui.dialogs.database_folder import DatabaseFolderDialog
    return DatabaseFolderDialog(w)


def _restore(w, _t):
    from chemcluster_desktop.ui.dialogs.backup import RestoreDialog
    return RestoreDialog(w)


def _recover(w, _t):
    from chemcluster_desktop.services import backup as backup_service
    from chemcluster_desktop.services import context
    from chemcluster_desktop.ui.dialogs.recover import RecoverDialog, good_backups

    url = context.current().url
    backup_service.backup(reason="manual")
    return RecoverDialog(w, url, "Файл базы данных повреждён: database disk image is malformed", good_backups(url))


def _login(w, _t):
    from chemcluster_desktop.ui.dialogs.login import LoginDialog
    return LoginDialog(w)


def _pdf_preview(w, tmp):
    from chemcluster_desktop.ui.dialogs.pdf_preview import PdfPreviewDialog
    return PdfPreviewDialog(_pdf(tmp), "Инвентаризационная опись", w)


def _item_card(w, _t):
    from chemcluster_desktop.ui.dialogs.item_card import ItemCardDialog
    return ItemCardDialog(w, _items(1)[0]["id"])


def _item_card_new_reagent(w, _t):
    from chemcluster_desktop.ui.dialogs.item_card import ItemCardDialog
    return ItemCardDialog(w, None, kind="reagent")


def _movement(w, _t):
    from chemcluster_desktop.ui.dialogs.movement import MovementDialog
    return MovementDialog(w, "transfer", _items(3))


def _movement_writeoff(w, _t):
    from chemcluster_desktop.ui.dialogs.movement import MovementDialog
    return MovementDialog(w, "writeoff", _items(3))


def _inventory_import(w, _t):
    from chemcluster_desktop.services import inventory
    from chemcluster_desktop.ui.dialogs.inventory_import import InventoryImportDialog
    from tests.inventory.files import STATEMENT

    return InventoryImportDialog(w, str(STATEMENT), inventory.preview_import(STATEMENT))


def _stocktaking_new(w, _t):
    from chemcluster_desktop.ui.dialogs.stocktaking import StocktakingDialog
    return StocktakingDialog(w, room_id=_room_id())


def _stocktaking_open(w, _t):
    from chemcluster_desktop.ui.dialogs.stocktaking import StocktakingDialog
    return StocktakingDialog(w, stocktaking_id=_stocktaking())


def _stocktaking_post(w, _t):
    from chemcluster_desktop.services.inventory import stocktaking
    from chemcluster_desktop.ui.dialogs.stocktaking_post import StocktakingPostDialog

    st = _stocktaking()  # counted: one surplus found, then closed — what the posting dialog lists
    stocktaking.add_unknown(st, "Штатив лабораторный без инвентарного номера", 2)
    stocktaking.close(st)
    return StocktakingPostDialog(w, st)


def _decision(w, _t):
    from chemcluster_desktop.ui.dialogs.stocktaking_decision import DecisionDialog
    return DecisionDialog(w, room_id=_room_id())


def _workshop_new(w, _t):
    from chemcluster_desktop.ui.dialogs.workshop_dialog import WorkshopDialog
    return WorkshopDialog(w)


def _workshop_edit(w, _t):
    from chemcluster_desktop.ui.dialogs.workshop_dialog import WorkshopDialog
    return WorkshopDialog(w, workshop_id=_ws().id)


def _commission(w, _t):
    from chemcluster_desktop.ui.dialogs.commission_dialog import CommissionDialog
    return CommissionDialog(_ws().id, w)


def _infra_import(w, _t):
    from chemcluster_desktop.ui.dialogs.infra_import import InfraImportDialog
    return InfraImportDialog(w, competency=_ws().competency)


def _infra_lists(w, _t):
    from chemcluster_desktop.ui.dialogs.infra_lists import InfraListsDialog
    return InfraListsDialog(w, list_id=_infra_list().id)


def _infra_line(w, _t):
    from chemcluster_desktop.services import accreditation as acc
    from chemcluster_desktop.ui.dialogs.infra_lists import InfraLineDialog
    return InfraLineDialog(w, acc.list_lines(_infra_list().id)[0])


def _item_picker(w, _t):
    from chemcluster_desktop.ui.dialogs.workshop_item_picker import ItemPickerDialog
    return ItemPickerDialog(_ws().id, _line_row()["name"], w)


def _loan(w, _t):
    from chemcluster_desktop.ui.dialogs.loan_dialog import LoanDialog
    return LoanDialog(_line_row(), w)


def _need_new(w, _t):
    from chemcluster_desktop.ui.dialogs.procurement_dialogs import NeedDialog
    return NeedDialog(w, None)


def _need_edit(w, _t):
    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.ui.dialogs.procurement_dialogs import NeedDialog
    return NeedDialog(w, P.get_need(P.list_needs(ListQuery(limit=1))[0]["id"]))


def _supplier(w, _t):
    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.ui.dialogs.procurement_dialogs import SupplierDialog
    return SupplierDialog(w, P.get_supplier(P.list_suppliers(ListQuery(limit=1))[0]["id"]))


def _source(w, _t):
    from chemcluster_desktop.ui.dialogs.procurement_dialogs import SourceDialog
    return SourceDialog(w, None)


def _plan_line_dialog(w, _t):
    from chemcluster_desktop.ui.dialogs.procurement_dialogs import PlanLineDialog
    return PlanLineDialog(w, _plan_line())


def _plan_line_new(w, _t):
    """A new line: the list of the needs not yet planned, the longest demo entries included."""
    from chemcluster_desktop.services import procurement as P
    from chemcluster_desktop.ui.dialogs.procurement_dialogs import PlanLineDialog

    assert P.unplanned_needs(), "the demo has no unplanned needs to list"
    return PlanLineDialog(w, None)


def _contract_dialog(w, _t):
    from chemcluster_desktop.ui.dialogs.procurement_contract_dialogs import ContractDialog
    return ContractDialog(w, _plan_line())


def _delivery(w, _t):
    from chemcluster_desktop.ui.dialogs.procurement_contract_dialogs import DeliveryDialog
    return DeliveryDialog(w, _contract())


def _step(w, _t):
    from chemcluster_desktop.ui.dialogs.procurement_contract_dialogs import StepDialog
    return StepDialog(w, _plan_line(), "notice_published")


def _price_requests(w, _t):
    from chemcluster_desktop.ui.dialogs.procurement_law_dialogs import PriceRequestsDialog
    return PriceRequestsDialog(w, _plan_line())


def _procurement_settings(w, _t):
    from chemcluster_desktop.ui.dialogs.procurement_law_dialogs import ProcurementSettingsDialog
    return ProcurementSettingsDialog(w)


def _participant(w, _t):
    from chemcluster_desktop.services import cluster
    from chemcluster_desktop.ui.dialogs.cluster_dialogs import ParticipantDialog
    return ParticipantDialog(w, cluster.list_participants()[0]["id"])


def _direction(w, _t):
    from chemcluster_desktop.services import cluster
    from chemcluster_desktop.ui.dialogs.cluster_dialogs import DirectionDialog
    return DirectionDialog(w, cluster.list_directions()[0]["id"])


def _kpi(w, _t):
    from chemcluster_desktop.services import cluster
    from chemcluster_desktop.ui.dialogs.cluster_dialogs import KpiDialog
    return KpiDialog(w, cluster.list_kpis(live=False)[0].code)


def _kpi_value(w, _t):
    from chemcluster_desktop.services import cluster
    from chemcluster_desktop.ui.dialogs.cluster_dialogs import KpiValueDialog
    k = next(k for k in cluster.list_kpis(live=False) if not k.computed)
    return KpiValueDialog(w, k.code, None)


def _room(w, _t):
    from chemcluster_desktop.services import locations
    from chemcluster_desktop.ui.pages.reference import RoomDialog
    return RoomDialog(w, locations.get_room(_room_id()))


def _buildings(w, _t):
    from chemcluster_desktop.ui.pages.reference import BuildingsDialog
    return BuildingsDialog(w)


def _building(w, _t):
    from chemcluster_desktop.services import locations
    from chemcluster_desktop.ui.pages.reference import BuildingDialog
    return BuildingDialog(w, "Здание", locations.list_buildings()[0])


def _mol_positions(w, _t):
    from chemcluster_desktop.ui.dialogs.mol_positions import MolPositionsDialog
    return MolPositionsDialog(w)


def _acc_needs_preview(w, _t):
    """«Дефициты → закупки»: the preview the accreditation page opens (a BulkPreviewDialog)."""
    from chemcluster_desktop.ui.dialogs import acc_bulk
    dlg = acc_bulk.needs_preview(w.show_page("accreditation"), _ws().id)
    assert dlg is not None, "the demo's first workshop has no gaps to preview"
    return dlg


def _user(w, _t):
    from chemcluster_desktop.services import security
    from chemcluster_desktop.ui.widgets.users_panel import UserDialog
    return UserDialog(w, security.list_users()[0])


def _password(w, _t):
    from chemcluster_desktop.ui.widgets.users_panel import PasswordDialog
    return PasswordDialog(w, "admin")


def _schedule(open_fn):
    def make(w, _t):
        page = w.show_page("schedule")
        page.last_dialog = None
        open_fn(page)
        dlg = page.last_dialog
        assert dlg is not None, "the schedule page opened no dialog"
        return dlg
    return make


def _message_error(w, _t):
    """What ops shows when a service refuses (the longest kind of message: a row, a field, what to do)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Не выполнено",
                      "Строка 12, поле «Цена за ед., ₽»: «12 5OO,00» — не число. Исправьте значение в файле "
                      "и импортируйте его снова; ничего не записано.", QMessageBox.StandardButton.Ok, w)
    return box


def _message_confirm(w, _t):
    box = QMessageBox(QMessageBox.Icon.Question, "Удалить?",
                      "Удалить мастерскую «Лабораторный химический анализ»? 34 строки чек-листа и 57 связей с "
                      "инвентарём будут удалены; готовность кластера: 74,1 % → 68,0 %.",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, w)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def _message_nmck(w, _t):
    """The НМЦК message of the issue: a verdict with a long rule reference."""
    from chemcluster_desktop.services import procurement as P

    need = P.list_needs(ListQuery(limit=1))[0]
    box = QMessageBox(QMessageBox.Icon.Information, "НМЦК",
                      f"Потребность № {need.get('number', 1)}: совокупность цен неоднородна (коэффициент вариации "
                      "41,2 % > 33 %). Запросите дополнительные коммерческие предложения (приказ Минэкономразвития "
                      "России от 02.10.2013 № 567, п. 3.20).", QMessageBox.StandardButton.Ok, w)
    return box


CASES = {
    "about": _about, "help": _help, "settings": _settings, "database_folder": _database_folder,
    "restore": _restore, "recover": _recover, "login": _login, "pdf_preview": _pdf_preview,
    "item_card": _item_card, "item_card_new_reagent": _item_card_new_reagent, "movement": _movement,
    "movement_writeoff": _movement_writeoff, "inventory_import": _inventory_import,
    "stocktaking_new": _stocktaking_new, "stocktaking_open": _stocktaking_open,
    "stocktaking_post": _stocktaking_post, "decision": _decision,
    "workshop_new": _workshop_new, "workshop_edit": _workshop_edit, "commission": _commission,
    "infra_import": _infra_import, "infra_lists": _infra_lists, "infra_line": _infra_line,
    "item_picker": _item_picker, "loan": _loan,
    "need_new": _need_new, "need_edit": _need_edit, "supplier": _supplier, "source": _source,
    "plan_line": _plan_line_dialog, "plan_line_new": _plan_line_new, "contract": _contract_dialog, "delivery": _delivery, "step": _step,
    "price_requests": _price_requests, "procurement_settings": _procurement_settings,
    "participant": _participant, "direction": _direction, "kpi": _kpi, "kpi_value": _kpi_value,
    "room": _room, "buildings": _buildings, "building": _building, "mol_positions": _mol_positions,
    "acc_needs_preview": _acc_needs_preview, "user": _user, "password": _password,
    "schedule_lesson": _schedule(lambda p: p.new_lesson()),
    "schedule_generate": _schedule(lambda p: p.on_generate()),
    "schedule_substitute": _schedule(lambda p: p.on_substitute()),
    "schedule_school": _schedule(lambda p: p._record_dialog("classes", {"kind": "school"})),
    "schedule_term": _schedule(lambda p: p._record_dialog("year", {"kind": "term"})),
    "schedule_holiday": _schedule(lambda p: p._record_dialog("year", {"kind": "holiday"})),
    "schedule_slot": _schedule(lambda p: p._record_dialog("year", {"kind": "slot"})),
    "schedule_class": _schedule(lambda p: p._record_dialog("classes", None)),
    "schedule_instructor": _schedule(lambda p: p._record_dialog("instructors", None)),
    "schedule_module": _schedule(lambda p: p._record_dialog("modules", None)),
    "schedule_requirement": _schedule(lambda p: p._record_dialog("requirements", None)),
    "message_error": _message_error, "message_confirm": _message_confirm, "message_nmck": _message_nmck,
}

# the dialog classes each case opens (ImportPreviewDialog is the base of InventoryImportDialog; FormDialog
# and ClusterForm are bases too)
COVERED = {
    "AboutDialog", "HelpDialog", "SettingsDialog", "DatabaseFolderDialog", "RestoreDialog", "RecoverDialog",
    "LoginDialog", "PdfPreviewDialog", "ItemCardDialog", "MovementDialog", "InventoryImportDialog",
    "ImportPreviewDialog", "StocktakingDialog", "StocktakingPostDialog", "DecisionDialog", "WorkshopDialog",
    "CommissionDialog", "InfraImportDialog", "InfraListsDialog", "InfraLineDialog", "ItemPickerDialog",
    "LoanDialog", "NeedDialog", "SupplierDialog", "SourceDialog", "PlanLineDialog", "ContractDialog",
    "DeliveryDialog", "StepDialog", "PriceRequestsDialog", "ProcurementSettingsDialog", "ParticipantDialog",
    "DirectionDialog", "KpiDialog", "KpiValueDialog", "RoomDialog", "BuildingsDialog", "UserDialog",
    "PasswordDialog", "LessonDialog", "GenerateDialog", "SubstituteDialog", "RecordDialog",
    "FormDialog", "ClusterForm", "BuildingDialog", "MolPositionsDialog", "BulkPreviewDialog",
}


def test_every_dialog_class_is_covered():
    found = set()
    for f in UI.rglob("*.py"):
        for m in re.finditer(r"^class (\w+)\((?:QDialog|FormDialog|forms\.FormDialog|ClusterForm|"
                             r"ImportPreviewDialog|QMessageBox)\)", f.read_text(encoding="utf-8"), re.M):
            found.add(m.group(1))
    assert found, "no dialog classes found: the pattern is out of date"
    assert found - COVERED == set(), "dialogs without a layout case in tests/ui/test_layout_dialogs.py"


def _settle(qtbot) -> None:
    from chemcluster_desktop.ui import ops

    ops.wait_all()
    QApplication.processEvents()
    qtbot.wait(20)


def dialog_findings(dlg: QDialog, qtbot) -> list[str]:
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    _settle(qtbot)
    found = check_all(dlg) + check_lists_sideways(dlg) + check_inside_screen([dlg])
    return list(dict.fromkeys(found))


@pytest.fixture
def parent_window(request, qtbot, demo_db):
    """The main window for the cases opened from a page; a plain styled window for the others (fast)."""
    from chemcluster_desktop.app import create_application

    create_application()
    if getattr(getattr(request.node, "callspec", None), "params", {}).get("case", "").startswith(("schedule_", "acc_")):
        return request.getfixturevalue("demo_window")
    from PySide6.QtWidgets import QMainWindow

    w = QMainWindow()
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("case", sorted(CASES))
def test_dialog_layout(parent_window, qtbot, tmp_path, case):
    dlg = CASES[case](parent_window, tmp_path)
    try:
        found = dialog_findings(dlg, qtbot)
    finally:
        dlg.hide()
    assert found == [], "\n".join(found)


def test_login_after_wrong_password(qtbot, demo_db, monkeypatch):
    """The login dialog keeps its fields whole after a wrong password (the issue: the user field
    squashed by the error message)."""
    from chemcluster_desktop.services import security
    from chemcluster_desktop.ui.dialogs.login import LoginDialog

    monkeypatch.setattr(security, "failure_delay", lambda _n: 0.0)
    security.set_password("admin", "верный-пароль-1")
    dlg = LoginDialog(None)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    _settle(qtbot)
    before = dlg.login_edit.height()
    dlg.login_edit.setEditText("admin")
    dlg.password_edit.setText("неверный пароль")
    dlg.try_login()
    qtbot.waitUntil(lambda: dlg.error_label.isVisible() and dlg.error_label.text() != "", timeout=8000)
    found = dialog_findings(dlg, qtbot)
    assert found == [], "\n".join(found)
    assert dlg.login_edit.height() >= before, (before, dlg.login_edit.height())
    assert dlg.login_edit.currentText() == "admin"
    dlg.reject()
