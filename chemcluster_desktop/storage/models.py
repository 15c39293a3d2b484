"""Import every model module so that ``Base.metadata`` knows every table."""

from chemcluster_desktop.storage import (  # noqa: F401
    accreditation,
    cluster,
    core,
    inventory,
    procurement,
    schedule,
)
from chemcluster_desktop.storage.base import Base

# Order of the per-area Alembic revisions (db/versions/000N_<area>.py); a later area may refer to an
# earlier one's tables, never the other way round.
AREAS = ("core", "inventory", "accreditation", "schedule", "procurement", "cluster")

metadata = Base.metadata


def table_area(table) -> str:
    if "area" in table.info:
        return table.info["area"]
    for mapper in Base.registry.mappers:
        if table in mapper.tables:
            return mapper.class_.__module__.rsplit(".", 1)[-1]
    raise LookupError(table.name)
