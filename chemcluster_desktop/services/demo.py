"""The demo data set: a believable Dzerzhinsk cluster covering every area.

Each data area contributes a module ``services/<area>/demo.py`` (``services/core_demo.py`` for the core)
with ``load(session, rng)``, declared as its ``demo`` in the area registry; they run in the registry's
order (an area's tables may refer to earlier areas') inside one transaction, so the demo loads whole
or not at all.
"""

from __future__ import annotations

import importlib
import random

from chemcluster_desktop import areas
from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.database import is_empty
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.core import Setting

SEED = 20261126


def load_demo(progress=None) -> dict[str, int]:
    require("admin")
    if not is_empty():
        raise ServiceError(translate("Demo", "Демо-данные загружаются только в пустую базу. Создайте новую базу "
                                             "(--db новый_файл.sqlite3) или восстановите пустую."))
    rng = random.Random(SEED)
    with context.uow() as s:
        loaders = [spec.demo for spec in areas.data_owners() if spec.demo]
        for i, name in enumerate(loaders):
            importlib.import_module(name).load(s, rng)
            s.flush()
            if progress:
                progress(i + 1, len(loaders))
        row = s.get(Setting, "demo")
        if row is None:
            s.add(Setting(key="demo", value="1"))
        else:
            row.value = "1"
    from chemcluster_desktop.services.database import stats

    return stats()
