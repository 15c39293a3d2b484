"""A refusal names what is gone in words the person knows, never by an internal id («Помещение не найдено
(id 17)» told nobody what to do): a room chosen in a list and deleted since, a record opened in a list."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from chemcluster_desktop.services import inventory, printing, schedule
from chemcluster_desktop.services.errors import NotFoundError, ServiceError
from chemcluster_desktop.services.inventory import decisions, movement_forms
from tests.inventory.helpers import add_room, equipment

GONE_ID = 987654
SERVICES = Path(__file__).resolve().parents[2] / "chemcluster_desktop" / "services"
ID_IN_TEXT = re.compile(r"\bid \{|\bid=\{|\bid \d")


def _no_id(e: ServiceError) -> str:
    text = str(e)
    assert str(GONE_ID) not in text and not ID_IN_TEXT.search(text), text
    return text


def test_no_message_of_the_services_names_an_internal_id():
    """Every translatable text of services/ (the first argument of translate / _t)."""
    bad = []
    for path in SERVICES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            texts = node.args[-1:] if name == "translate" else node.args[:1] if name == "_t" else []
            for t in texts:
                if isinstance(t, ast.Constant) and isinstance(t.value, str) and ID_IN_TEXT.search(t.value):
                    bad.append(f"{path.relative_to(SERVICES)}:{node.lineno}: {t.value}")
    assert not bad, "\n".join(bad)


def test_a_room_deleted_since_it_was_chosen(db, tmp_path):
    lab = add_room("Лаборатория аналитической химии (ауд. 201)")
    item = equipment(room_id=lab, inventory_number="ОС-1")
    card = inventory.get_item(item)
    with pytest.raises(ServiceError) as e:  # the item card saved with a room deleted meanwhile
        inventory.update_item(item, {**card, "room_id": GONE_ID}, version=card["version"])
    assert "Помещение, выбранное в списке, уже удалено — обновите список (F5)" in _no_id(e.value)
    assert e.value.field == "room_id"
    with pytest.raises(ServiceError) as e:  # the stock-taking decision
        decisions.create_decision({"number": "1-инв", "date": "01.12.2026", "reason": "Плановая",
                                   "room_ids": [lab, GONE_ID],
                                   "members": [{"role": "chair", "name": "Зайцева Т. П.", "position": "Зам."}]})
    assert "уже удалено" in _no_id(e.value) and e.value.field == "room_ids"
    with pytest.raises(NotFoundError) as e:  # the inventory page's room filter, printed
        printing.build("inventory", tmp_path / "x.pdf", room=GONE_ID)
    assert "уже удалено" in _no_id(e.value)
    with pytest.raises(NotFoundError, match="«ауд. 999»"):  # a name typed on the command line is named
        printing.build("inventory", tmp_path / "x.pdf", room="ауд. 999")


def test_a_record_gone_from_a_list(db):
    with pytest.raises(NotFoundError) as e:
        inventory.get_item(GONE_ID)
    assert _no_id(e.value).startswith("Позиция: запись не найдена") and "(F5)" in str(e.value)
    with pytest.raises(NotFoundError) as e:
        schedule.delete_class(GONE_ID, version=1)
    assert "(F5)" in _no_id(e.value)
    with pytest.raises(NotFoundError) as e:
        movement_forms.movement_document(GONE_ID)
    assert "Документ движения" in _no_id(e.value)


def test_a_need_is_named_by_its_number(db):
    """A need's id is its number: the needs list's «№» column and ``--need ID`` show it."""
    from chemcluster_desktop.services import procurement

    with pytest.raises(NotFoundError, match=f"Потребность № {GONE_ID}: запись не найдена"):
        procurement.get_need(GONE_ID)
