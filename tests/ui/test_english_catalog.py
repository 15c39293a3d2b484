"""Issue 16 (Language): what ``resources/translations/update.py`` must find so that nothing is left out of
the English catalog — the texts that went missing when the areas were split into packages."""

from __future__ import annotations

import functools
import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "chemcluster_desktop"


@functools.cache
def _update():
    spec = importlib.util.spec_from_file_location("tr_update", ROOT / "resources" / "translations" / "update.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@functools.cache
def _helpers(mod) -> dict:
    return mod.all_helpers(mod.sources())


def _found(mod, rel: str) -> set[tuple[str, str]]:
    helpers = _helpers(mod)
    return {(c, s) for c, s, _ln in mod.extract(PKG / rel, helpers)}


def test_helper_imported_from_the_areas_common_module():
    mod = _update()
    found = _found(mod, "services/inventory/stock_alerts.py")
    assert ("Inventory", "Мало на складе: «{0}» — {1} {2} при минимуме {3}.") in found


def test_vocabularies_translated_where_used():
    mod = _update()
    assert ("Inventory", "Списано") in _found(mod, "services/inventory/vocabulary.py")  # _t(STATUS_LABELS.get(k))
    assert ("Inventory", "Опасные для здоровья") in _found(mod, "services/inventory/vocabulary.py")
    assert ("Schedule", "Мастерская занята дважды") in _found(mod, "services/schedule/check.py")
    assert ("UsersPanel", "Последний вход") in _found(mod, "ui/widgets/users_panel.py")  # self.HEADERS
    found = _found(mod, "services/printing.py")  # FILTER_NAMES labels and the CLI's value forms
    assert ("Reports", "Потребность") in found and ("Reports", "номер или id") in found
    # codes beside the texts are not taken for texts
    assert not any(s in ("--need", "in_use") for _c, s in found)


def test_report_titles_and_badges():
    mod = _update()
    assert ("Reports", "Обоснование НМЦК") in _found(mod, "services/procurement/report_nmck.py")
    assert any(s == "Частично · вручную, без подтверждения" for _c, s in _found(mod, "ui/pages/accreditation.py"))


def test_the_catalog_has_no_untranslated_message():
    ts = ET.parse(ROOT / "resources" / "translations" / "chemcluster_en.ts").getroot()
    todo = [(c.findtext("name"), m.findtext("source")) for c in ts.iter("context") for m in c.iter("message")
            if (m.find("translation") is None or m.find("translation").get("type") == "unfinished"
                or not (m.findtext("translation") or "").strip())]
    assert not todo, todo[:20]
