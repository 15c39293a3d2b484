"""Cluster services: periods and values refused with clear messages, the registry, KPI actuals,
the dashboard's numbers and the KPI report's text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chemcluster_desktop.services import cluster
from chemcluster_desktop.services.cluster.periods import _q
from chemcluster_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from tests.cluster.helpers import check_pdf, norm


def test_periods():
    assert cluster.validate_period("2025") == "2025"
    assert cluster.validate_period(" 2025 q3 ") == "2025-Q3"
    assert cluster.validate_period("2026-К2") == "2026-Q2"
    for bad in ("2045", "1999", "abc", "2025-Q5", ""):
        with pytest.raises(ValidationError) as e:
            cluster.validate_period(bad)
        assert e.value.field == "period"
    with pytest.raises(ValidationError, match="не существует"):
        cluster.validate_period("2045")


def test_values():
    assert cluster.parse_value("1 234,5", "чел.") == Decimal("1234.50")
    assert cluster.parse_value("85 %", "%") == Decimal("85.00")
    with pytest.raises(ValidationError, match="отрицательным"):
        cluster.parse_value("-1", "чел.", "Целевая аудитория")
    with pytest.raises(ValidationError, match="не число"):
        cluster.parse_value("много", "чел.", "Целевая аудитория")
    with pytest.raises(ValidationError, match="больше 100"):
        cluster.parse_value("100,5", "%", "Доля")
    assert cluster.parse_value("100", "%") == Decimal("100.00")


def test_demo_registry_and_kpis(demo_db):
    parts = cluster.list_participants()
    non_school = [p for p in parts if p["kind"] != "school"]
    assert len(non_school) == 8
    assert any(p["kind"] == "school" for p in parts)
    assert any("Синтез ОКА" in p["name"] for p in parts)
    dirs = cluster.list_directions()
    assert len(dirs) == 17
    codes = {d["code"] for d in dirs}
    assert {"18.02.12", "18.01.33"} <= codes
    kpis = {k.code: k for k in cluster.list_kpis()}
    assert kpis["audience"].target == 19000
    assert kpis["students"].target == 2081
    assert kpis["employment"].target == 85 and kpis["employment"].unit == "%"
    assert kpis["equipped"].target == 100 and kpis["equipped"].computed == "equipped"
    for code in ("audience", "students", "employment"):
        assert {v.period for v in kpis[code].values} == {"2024", "2025", "2026"}
    assert kpis["participants"].live == 8
    assert kpis["directions"].live == 17


def test_enter_actual_changes_dashboard_and_report(demo_db, tmp_path):
    cluster.set_kpi_value("students", "2026", "2 081", "Приём выполнен полностью")
    d = cluster.dashboard()
    tile = next(t for t in d["tiles"] if t["code"] == "students")
    assert tile["value"] == 2081
    assert tile["percent"] == Decimal("100.0")
    assert tile["previous"] == 1687 and tile["trend"] == 394
    cluster.set_kpi_value("employment", "2026", "88,2")
    tile = next(t for t in cluster.dashboard()["tiles"] if t["code"] == "employment")
    assert tile["value"] == Decimal("88.2") and tile["percent"] == Decimal("103.8")

    from chemcluster_desktop.services import printing

    res = printing.build("kpi", tmp_path / "kpi.pdf", period="2026")
    text, pages = check_pdf(res.path, printing.title("kpi"))
    flat = norm(text)
    assert "прием выполнен полностью" in flat
    assert "2 081" in text or "2081" in text.replace("\xa0", "").replace(" ", "")
    assert "103,8 %" in text
    assert "отчетный период: 2026" in flat
    assert "директор" in flat
    assert pages == res.pages


def test_bad_actuals_write_nothing(demo_db):
    before = cluster.get_kpi("students").value_for("2025").value
    with pytest.raises(ValidationError, match="отрицательным"):
        cluster.set_kpi_value("students", "2025", "-5")
    with pytest.raises(ValidationError, match="не число"):
        cluster.set_kpi_value("students", "2025", "abc")
    with pytest.raises(ValidationError, match="больше 100"):
        cluster.set_kpi_value("employment", "2025", "120")
    with pytest.raises(ValidationError, match="не существует"):
        cluster.set_kpi_value("students", "2099", "10")
    with pytest.raises(NotFoundError):
        cluster.set_kpi_value("nope", "2025", "10")
    assert cluster.get_kpi("students").value_for("2025").value == before


def test_viewer_cannot_write(demo_db, as_role):
    with as_role("viewer"):
        with pytest.raises(PermissionDenied):
            cluster.set_kpi_value("students", "2025", "10")
        assert cluster.dashboard()["tiles"]


def test_registry_crud_and_computed_counts(db):
    assert cluster.computed_value("participants") == 0
    pid = cluster.create_participant({"name": "АО «Тест» <b>", "kind": "enterprise", "inn": "5249000000",
                                      "agreement_date": "01.02.2025"})
    cluster.create_participant({"name": "Школа № 1", "kind": "school"})
    assert cluster.computed_value("participants") == 1
    with pytest.raises(ValidationError) as e:
        cluster.create_participant({"name": "", "kind": "x", "inn": "12"})
    assert {f for f, _m in e.value.errors} == {"name", "kind", "inn"}
    with pytest.raises(ValidationError):
        cluster.create_participant({"name": "АО «Тест» <b>", "kind": "enterprise"})
    p = cluster.get_participant(pid)
    cluster.update_participant(pid, {**p.__dict__, "role": "Работодатель"}, version=p.version)
    assert cluster.get_participant(pid).role == "Работодатель"
    from chemcluster_desktop.services.errors import ConcurrentEditError

    with pytest.raises(ConcurrentEditError):
        cluster.update_participant(pid, {**p.__dict__, "role": "Другое"}, version=p.version)
    from chemcluster_desktop.services.listing import ListQuery

    assert cluster.count_participants(ListQuery(search="ТЕСТ")) == 1
    did = cluster.create_direction({"code": "18.02.12", "name": "Технология аналитического контроля",
                                    "level": "specialty", "places_per_year": "25"})
    with pytest.raises(ValidationError, match="18.02.12"):
        cluster.create_direction({"code": "18-02-12", "name": "x"})
    d = cluster.get_direction(did)
    cluster.update_direction(did, {**d.__dict__, "places_per_year": 50}, version=d.version)
    assert cluster.get_direction(did).places_per_year == 50
    with pytest.raises(ConcurrentEditError):
        cluster.delete_direction(did, version=d.version)
    assert cluster.computed_value("directions") == 1
    cluster.delete_direction(did)
    cluster.delete_participant(pid)
    assert cluster.computed_value("directions") == 0


def test_readiness_and_budget_figures(demo_db):
    r = cluster.readiness()
    b = cluster.budget()
    p = cluster.pupils()
    d = cluster.dashboard()
    assert d["readiness"]["available"] == r.available
    if r.available and r.workshops:
        assert d["readiness"]["ready"] == sum(1 for w in r.workshops if w["ready"])
        tile = next(t for t in d["tiles"] if t["code"] == "workshops_ready")
        assert tile["value"] == r.ready
    if b.available:
        tile = next(t for t in d["tiles"] if t["code"] == "budget_paid")
        assert tile["value"] == _q(b.total["paid"])
    assert p.pupils >= 0


def test_card_kpis_in_a_new_database(db):
    assert cluster.list_kpis() == []
    assert cluster.create_card_kpis() == 9
    assert cluster.create_card_kpis() == 0
    kpis = {k.code: k for k in cluster.list_kpis()}
    assert kpis["audience"].target == 19000 and kpis["directions"].target == 17
    assert all(not k.values for k in kpis.values())
    rows = {r.code: r for r in cluster.kpi_rows("2024")}
    assert rows["students"].actual is None and rows["students"].percent is None


def test_kpi_entered_by_hand_created_and_changed(db):
    kid = cluster.create_kpi({"code": "grants", "name": "Гранты колледжа", "unit": "ед.", "target": "3",
                              "period": "2026"})
    k = cluster.get_kpi("grants")
    assert (k.id, k.name, k.target, k.period, k.computed) == (kid, "Гранты колледжа", Decimal(3), "2026", "")
    with pytest.raises(ValidationError, match="латинские"):
        cluster.create_kpi({"code": "Гранты", "name": "x", "unit": "ед.", "target": "1"})
    with pytest.raises(ValidationError):  # a share cannot exceed 100 %
        cluster.update_kpi(kid, {"name": "Доля", "unit": "%", "target": "120"}, version=k.version)
    cluster.update_kpi(kid, {"name": "Гранты и конкурсы", "unit": "ед.", "target": "4", "period": "2025-Q4",
                             "description": "Победы в конкурсах"}, version=k.version)
    k2 = cluster.get_kpi(kid)
    assert (k2.name, k2.target, k2.period, k2.description) == ("Гранты и конкурсы", Decimal(4), "2025-Q4",
                                                               "Победы в конкурсах")
    from chemcluster_desktop.services.errors import ConcurrentEditError

    with pytest.raises(ConcurrentEditError):
        cluster.update_kpi(kid, {"name": "x", "unit": "ед.", "target": "1"}, version=k.version)
