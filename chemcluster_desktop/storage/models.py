"""Import every model module so that ``Base.metadata`` knows every table.

The modules and their order come from the area registry (:mod:`chemcluster_desktop.areas`).
"""

import importlib

from chemcluster_desktop import areas
from chemcluster_desktop.storage.base import Base

for _module in areas.storage_modules():
    importlib.import_module(_module)

# Order of the per-area Alembic revisions (db/versions/000N_<area>.py); a later area may refer to an
# earlier one's tables, never the other way round.
AREAS = tuple(a.value for a in areas.data_areas())

metadata = Base.metadata


def table_area(table) -> str:
    if "area" in table.info:
        return table.info["area"]
    for mapper in Base.registry.mappers:
        if table in mapper.tables:
            return mapper.class_.__module__.rsplit(".", 1)[-1]
    raise LookupError(table.name)
