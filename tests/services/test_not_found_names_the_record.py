"""A save refused because its record was deleted meanwhile names that record, not only its kind, wherever
the caller knows it (the form being saved holds its name or number): «Школа «МБОУ СШ № 2»: запись не
найдена …», not «Школа: запись не найдена …». A caller that has only an id keeps the kind alone (and
never the id), a need keeps its number."""

from __future__ import annotations

import pytest

from chemcluster_desktop.services import inventory, procurement, schedule
from chemcluster_desktop.services.errors import NotFoundError
from chemcluster_desktop.services.inventory import decisions
from tests.inventory.helpers import add_room, decision, equipment

TAIL = "запись не найдена — её удалили или изменили. Обновите список (F5)."


def _gone(call) -> str:
    with pytest.raises(NotFoundError) as e:
        call()
    text = str(e.value)
    assert text.endswith(TAIL), text
    return text


def test_schedule_records_named_from_the_form(db):
    sid = schedule.create_school({"name": "МБОУ «Средняя школа № 2»", "address": "г. Дзержинск"})
    cid = schedule.create_class({"school_id": sid, "name": "8А", "pupils": 25, "weekdays": [1, 3]})
    school = next(x for x in schedule.list_schools() if x["id"] == sid)
    cls = next(x for x in schedule.list_classes() if x["id"] == cid)
    schedule.delete_class(cid, version=cls["version"])
    # the forms still open on the screen are saved
    assert _gone(lambda: schedule.update_class(cid, cls, version=cls["version"])).startswith(
        "Карточка класса «8А»: запись не найдена")
    schedule.delete_school(sid, version=school["version"])
    assert _gone(lambda: schedule.update_school(sid, school, version=school["version"])).startswith(
        "Школа «МБОУ «Средняя школа № 2»»: запись не найдена")
    slot = schedule.create_slot({"number": 1, "starts_at": "08:30", "ends_at": "09:15"})
    schedule.delete_slot(slot)
    assert "«урок № 1»" in _gone(lambda: schedule.update_slot(slot, {"number": 1, "starts_at": "08:30",
                                                                     "ends_at": "09:15"}))


def test_inventory_item_and_decision_named_from_the_form(db):
    lab = add_room("Лаборатория аналитической химии (ауд. 201)")
    item = equipment("Весы аналитические", room_id=lab, inventory_number="ОС-1")
    card = inventory.get_item(item)
    inventory.delete_item(item, version=card["version"])
    assert _gone(lambda: inventory.update_item(item, card, version=card["version"])).startswith(
        "Позиция «ОС-1»: запись не найдена")
    dec = decision([lab], number="12-инв")
    saved = decisions.get_decision(dec)
    _drop_decision(dec)  # (no service deletes a decision: removed as another copy of the program would)
    assert _gone(lambda: decisions.update_decision(dec, {**saved, "members": saved["members"]},
                                                   version=saved["version"])).startswith(
        "Решение об инвентаризации «№ 12-инв»: запись не найдена")


def _drop_decision(dec_id: int) -> None:
    from chemcluster_desktop.services import context
    from chemcluster_desktop.storage.inventory_paperwork import StocktakingDecision

    with context.uow() as s:
        s.delete(s.get(StocktakingDecision, dec_id))


def test_procurement_supplier_named_and_id_only_callers_keep_the_kind(db):
    sup = procurement.create_supplier({"name": "ООО «ХимЛабСнаб»", "inn": "5249023823", "kpp": "524901001"})
    info = procurement.get_supplier(sup)
    procurement.delete_supplier(sup, version=info.version)
    assert _gone(lambda: procurement.update_supplier(sup, {"name": "ООО «ХимЛабСнаб»"}, version=info.version)) \
        .startswith("Карточка поставщика «ООО «ХимЛабСнаб»»: запись не найдена")
    # an id is all these callers have: the kind, never the id
    text = _gone(lambda: procurement.get_supplier(sup))
    assert text.startswith("Карточка поставщика: запись не найдена") and str(sup) not in text.split(":")[0]
    assert _gone(lambda: procurement.get_need(987654)).startswith("Потребность № 987654: запись не найдена")
