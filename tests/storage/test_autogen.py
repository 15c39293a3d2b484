"""The revision tool: released base revisions are frozen; a change becomes a new numbered revision."""

from __future__ import annotations

import pytest

from db import autogen


def test_regenerating_a_released_area_revision_is_refused_and_writes_nothing():
    target = autogen.VERSIONS / "0002_inventory.py"
    before = target.read_bytes()
    with pytest.raises(SystemExit, match="0002_inventory is frozen.*--new"):
        autogen.regenerate("inventory")
    assert target.read_bytes() == before


def test_new_revision_follows_the_head_and_is_empty_when_models_match(tmp_path):
    head = autogen._numbered()[-1].stem
    path = autogen.new_revision("Что-то: probe change!", dest=tmp_path)
    assert path.parent == tmp_path and path.name == f"{int(head[:4]) + 1:04d}_probe_change.py"
    text = path.read_text("utf-8")
    assert f"down_revision = {head!r}" in text
    # the models and the migrations agree, so the new revision has nothing to do
    upgrade = text.split("def upgrade() -> None:")[1].split("def downgrade")[0]
    assert "op." not in upgrade, upgrade
