"""The «Кластер» page over the demo database: tiles and charts show the numbers, a KPI actual
entered through the dialog changes them, bad input is refused beside the field, tiles click through."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from chemcluster_desktop.services import cluster
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.pages import PAGES


def _page(window, qtbot):
    page = window.show_page("cluster")
    qtbot.waitUntil(lambda: bool(page.dashboard.tiles), timeout=5000)
    return page


def test_dashboard_shows_kpis_and_charts(demo_window, qtbot):
    page = _page(demo_window, qtbot)
    tiles = page.dashboard.tiles
    assert set(tiles) >= {"audience", "participants", "directions", "students", "employment", "equipped"}
    assert tiles["audience"].value_label.text() == fmt.decimal(Decimal(15980))
    assert tiles["participants"].value_label.text() == "8"
    assert tiles["directions"].value_label.text() == "17"
    assert "▲" in tiles["students"].trend_label.text()
    bars = page.dashboard.kpi_chart.bar_values()
    assert len(next(iter(bars.values()))) >= 6
    assert page.dashboard.kpi_chart.stack.currentWidget() is page.dashboard.kpi_chart.view


def test_enter_kpi_actual_through_dialog(demo_window, qtbot):
    page = _page(demo_window, qtbot)
    kpis = page.show_tab("kpis")
    kpis.select_code("students")
    qtbot.mouseClick(kpis.add_value_btn, Qt.MouseButton.LeftButton)
    dlg = page.active_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.kpi.currentData() == "students"
    dlg.period.setCurrentText("2026")
    dlg.value.clear()
    qtbot.keyClicks(dlg.value, "-5")
    assert dlg.errors["value"].isVisible() and "отрицательным" in dlg.errors["value"].text()
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dlg.isVisible()
    assert cluster.get_kpi("students").value_for("2026").value == 1942
    dlg.value.clear()
    qtbot.keyClicks(dlg.value, "2081")
    assert not dlg.errors["value"].isVisible()
    dlg.comment.setPlainText("Приём выполнен")  # QTest types ASCII only
    qtbot.keyClick(dlg.value, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=3000)
    assert cluster.get_kpi("students").value_for("2026").value == 2081
    page.show_tab("dashboard")  # the tab shown is the one refreshed: the tiles follow when shown
    qtbot.waitUntil(lambda: page.dashboard.tiles["students"].value_label.text() == fmt.decimal(Decimal(2081)),
                    timeout=3000)
    assert "100,0 %" in page.dashboard.tiles["students"].target_label.text()
    kpis = page.show_tab("kpis")
    row = next(r for r in range(kpis.model.rowCount()) if kpis.model.row(r)["code"] == "students")
    assert kpis.model.row(row)["actual"] == 2081


def test_percentage_above_100_refused(demo_window, qtbot):
    page = _page(demo_window, qtbot)
    dlg = page.open_value_dialog("employment", "2026")
    dlg.value.clear()
    qtbot.keyClicks(dlg.value, "120")
    assert "больше 100" in dlg.errors["value"].text()
    dlg.period.setCurrentText("2077")
    assert "не существует" in dlg.errors["period"].text()
    dlg.reject()


def test_tiles_click_through(demo_window, qtbot):
    page = _page(demo_window, qtbot)
    qtbot.mouseClick(page.dashboard.tiles["participants"], Qt.MouseButton.LeftButton)
    assert page.current_tab().name == "participants"
    assert page.current_tab().model.total() >= 8
    page.show_tab("dashboard")
    qtbot.mouseClick(page.dashboard.tiles["workshop_coverage"], Qt.MouseButton.LeftButton)
    keys = [p.key for p in PAGES]
    assert demo_window.nav.currentRow() == keys.index("accreditation")
    demo_window.show_page("cluster")
    page.dashboard.budget_chart.activated.emit("federal")
    assert demo_window.nav.currentRow() == keys.index("procurement")
    proc = demo_window.pages["procurement"]
    assert proc.current_tab().name == "budget"
    demo_window.show_page("cluster")
    r = cluster.readiness()
    if r.workshops:
        page.dashboard.readiness_chart.activated.emit(str(r.workshops[0]["id"]))
        assert demo_window.nav.currentRow() == keys.index("accreditation")


def test_add_participant_through_form(demo_window, qtbot):
    page = _page(demo_window, qtbot)
    participants = page.show_tab("participants")
    before = participants.model.total()
    page.actions_by_name["new"].trigger()
    dlg = page.active_dialog
    qtbot.keyClicks(dlg.inn, "12")
    assert dlg.errors["inn"].isVisible()
    dlg.inn.clear()
    dlg.name.setText("ООО «Дзержинский завод <тест>»")  # QTest types ASCII only
    qtbot.keyClicks(dlg.name, " 2")
    dlg.kind.setCurrentIndex(dlg.kind.findData("enterprise"))
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: participants.model.total() == before + 1, timeout=3000)
    page.show_tab("dashboard")
    assert page.dashboard.tiles["participants"].value_label.text() == "9"


def test_print_kpi_report_from_cluster_page(demo_window, qtbot):
    from chemcluster_desktop.ui import ops

    page = _page(demo_window, qtbot)
    page.actions_by_name["print"].trigger()
    ops.wait_all(60000)
    qtbot.waitUntil(lambda: getattr(page, "_last_preview", None) is not None, timeout=30000)
    dlg = page._last_preview
    assert dlg.isVisible() and dlg.doc.pageCount() >= 1
    dlg.close()


def test_viewer_sees_dashboard_but_cannot_write(demo_window, qtbot, as_role):
    with as_role("viewer"):
        page = _page(demo_window, qtbot)
        page.refresh()
        assert not page.show_tab("kpis").add_value_btn.isVisible()
        assert not page.actions_by_name["new"].isVisible()
        page.show_tab("participants")
        assert not page.actions_by_name["delete"].isVisible()
        assert page.dashboard.tiles


def test_change_kpi_target(demo_window, qtbot):
    page = _page(demo_window, qtbot)
    kpis = page.show_tab("kpis")
    kpis.select_code("audience")
    qtbot.mouseClick(kpis.edit_kpi_btn, Qt.MouseButton.LeftButton)
    dlg = page.active_dialog
    dlg.target.clear()
    qtbot.keyClicks(dlg.target, "-3")
    assert dlg.errors["value"].isVisible()
    dlg.target.clear()
    qtbot.keyClicks(dlg.target, "20000")
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=3000)
    assert cluster.get_kpi("audience").target == 20000
    page.show_tab("dashboard")
    qtbot.waitUntil(lambda: "79,9 %" in page.dashboard.tiles["audience"].target_label.text(), timeout=3000)


def test_add_direction_with_enterprises(demo_window, qtbot):
    from chemcluster_desktop.ui.dialogs.cluster_dialogs import DirectionDialog

    page = _page(demo_window, qtbot)
    page.show_tab("directions")
    page.on_new()
    dlg = page.active_dialog
    assert isinstance(dlg, DirectionDialog)
    qtbot.keyClicks(dlg.code, "18-02")
    assert dlg.errors["code"].isVisible()
    dlg.code.clear()
    qtbot.keyClicks(dlg.code, "18.02.14")
    assert not dlg.errors["code"].isVisible()
    dlg.name.setText("Химическая технология производства химических соединений")
    dlg.places.setValue(25)
    i = dlg.add_enterprise.findData("АО «Синтез ОКА»")
    assert i > 0
    dlg.add_enterprise.activated.emit(i)  # picked twice: listed once
    dlg.add_enterprise.activated.emit(i)
    assert dlg.requested.toPlainText() == "АО «Синтез ОКА»"
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    rows = [d for d in cluster.list_directions() if d["code"] == "18.02.14"]
    assert rows and rows[0]["requested_by"] == "АО «Синтез ОКА»" and rows[0]["places_per_year"] == 25
    page.show_tab("dashboard")
    qtbot.waitUntil(lambda: page.dashboard.tiles["directions"].value_label.text() == "18", timeout=3000)


def test_empty_database_offers_card_kpis(window, qtbot):
    page = window.show_page("cluster")
    assert not page.dashboard.tiles
    assert page.dashboard.kpi_chart.stack.currentWidget() is page.dashboard.kpi_chart.empty
    kpis = page.show_tab("kpis")
    assert kpis.card_kpis_btn.isVisible()
    qtbot.mouseClick(kpis.card_kpis_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kpis.model.total() == 10, timeout=3000)
    assert not kpis.card_kpis_btn.isVisible()
    page.show_tab("dashboard")
    assert len(page.dashboard.tiles) == 10
    assert page.dashboard.tiles["participants"].value_label.text() == "0"


def test_edit_participant_and_direction_through_forms(demo_db, qtbot):
    from chemcluster_desktop.services.listing import ListQuery
    from chemcluster_desktop.ui.dialogs.cluster_dialogs import DirectionDialog, ParticipantDialog

    p = next(x for x in cluster.list_participants(ListQuery(limit=100)) if x["kind"] == "enterprise")
    dlg = ParticipantDialog(None, p["id"])
    qtbot.addWidget(dlg)
    assert dlg.name.text() == p["name"]
    dlg.role.setText("Базовое предприятие: практика и стажировки")
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dlg.saved_id == p["id"]
    after = cluster.get_participant(p["id"])
    assert (after.role, after.name, after.version) == ("Базовое предприятие: практика и стажировки", p["name"],
                                                       p["version"] + 1)

    d = cluster.list_directions(ListQuery(limit=100))[0]
    dlg = DirectionDialog(None, d["id"])
    qtbot.addWidget(dlg)
    dlg.places.setValue(d["places_per_year"] + 5)
    stale = DirectionDialog(None, d["id"])  # a second form opened on the same version
    qtbot.addWidget(stale)
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dlg.saved_id == d["id"]
    assert cluster.get_direction(d["id"]).places_per_year == d["places_per_year"] + 5
    stale.places.setValue(1)
    qtbot.mouseClick(stale.buttons.button(stale.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert stale.saved_id is None  # refused: the direction changed since the form was opened
    assert cluster.get_direction(d["id"]).places_per_year == d["places_per_year"] + 5


def test_card_and_own_indicators_apart_with_contract_alerts(demo_window, qtbot):
    import datetime as dt

    from PySide6.QtCore import QDate

    demo_window.resize(1366, 768)
    page = _page(demo_window, qtbot)
    d = page.dashboard
    card = {d.tiles_grid.itemAt(i).widget().code for i in range(d.tiles_grid.count())}
    own = {d.own_grid.itemAt(i).widget().code for i in range(d.own_grid.count())}
    assert card == {"audience", "participants", "directions", "students", "employment", "equipped"}
    assert own == {"workshop_coverage", "workshops_ready", "equipment_paid", "pupils"}
    assert "собственные" in d.own_title.text().lower()
    # the demo's small purchase is late: the dashboard says so
    assert d.alerts.isVisible() and "ЕП-2026-007" in d.alerts.text() and "Просрочено" in d.alerts.text()
    # a typed value is dated
    dlg = page.open_value_dialog("employment", "2026")
    dlg.as_of.setDate(QDate(2026, 10, 1))
    dlg.value.clear()
    qtbot.keyClicks(dlg.value, "83.1")
    qtbot.keyClick(dlg.value, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=3000)
    assert cluster.get_kpi("employment").value_for("2026").as_of == dt.date(2026, 10, 1)


def test_toolbar_and_search_follow_the_tab(demo_window, qtbot):
    page = _page(demo_window, qtbot)
    acts = page.actions_by_name
    assert "export" not in acts and "import" not in acts  # no tab offers them
    page.show_tab("dashboard")
    assert not page.search.isEnabled()
    assert acts["print"].isEnabled() and not acts["new"].isEnabled() and not acts["delete"].isEnabled()
    participants = page.show_tab("participants")
    assert page.search.isEnabled() and acts["new"].isEnabled() and not acts["delete"].isEnabled()
    participants.table.selectRow(0)
    assert acts["delete"].isEnabled() and acts["edit"].isEnabled()
    page.search.setText("Синтез")
    page.search.returnPressed.emit()
    assert participants.model.total() == 1
    page.show_tab("kpis")
    assert not page.search.isEnabled()
    assert acts["new"].isEnabled() and acts["edit"].isEnabled() and not acts["delete"].isEnabled()
