"""The areas of the program: one place that names them.

``Area`` is the key of a data area: the value stored in the journal's ``area`` column, the name of the
storage module that holds its tables and of the service package that owns them, and what a unit of
work publishes after commit (see :func:`chemcluster_desktop.services.context.set_change_hook`).
It is a ``StrEnum``, so ``Area.INVENTORY == "inventory"`` and old journal rows compare equal.
"""

from __future__ import annotations

from enum import StrEnum


class Area(StrEnum):
    CORE = "core"
    INVENTORY = "inventory"
    ACCREDITATION = "accreditation"
    SCHEDULE = "schedule"
    PROCUREMENT = "procurement"
    CLUSTER = "cluster"
