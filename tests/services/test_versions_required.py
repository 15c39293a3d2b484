"""Issue 19, finding 14: a save through the services API must say which version of the record it was
made from — a missing version used to overwrite whatever another user had saved meanwhile."""

from __future__ import annotations

import inspect

import pytest

from chemcluster_desktop.services import accreditation, cluster, inventory, locations, procurement, schedule
from chemcluster_desktop.services.errors import ValidationError

MODULES = (inventory, accreditation, schedule, procurement, cluster, locations)
# record updates whose rows carry no version column (reference rows, settings), with the reason
NO_VERSION = {
    "update_slot": "bell times: a reference row without a version column",
    "update_holiday": "holidays: a reference row without a version column",
    "update_requirement": "a load line: no version column",
}


def _updates():
    for m in MODULES:
        for name in sorted(getattr(m, "__all__", dir(m))):
            fn = getattr(m, name, None)
            if name.startswith("update_") and callable(fn) and name not in NO_VERSION:
                yield f"{m.__name__.rsplit('.', 1)[-1]}.{name}", fn


@pytest.mark.parametrize("name,fn", list(_updates()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_update_requires_its_version(name, fn):
    params = inspect.signature(fn).parameters
    assert "version" in params, f"{name} takes no version"
    assert params["version"].default is inspect.Parameter.empty, f"{name}: version has a default"


def test_a_save_without_a_version_is_refused_and_changes_nothing(db):
    iid = inventory.create_item({"kind": "equipment", "name": "Колба мерная"})
    card = inventory.get_item(iid)
    with pytest.raises(ValidationError, match="версия"):
        inventory.update_item(iid, {**card, "name": "Чужая правка"}, version=None)
    assert inventory.get_item(iid)["name"] == "Колба мерная"
    pid = cluster.create_participant({"name": "Школа № 1", "kind": "school"})
    with pytest.raises(ValidationError, match="версия"):
        cluster.update_participant(pid, {"name": "Школа № 2", "kind": "school"}, version=None)
    assert cluster.get_participant(pid).name == "Школа № 1"
