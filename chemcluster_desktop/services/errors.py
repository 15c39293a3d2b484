"""The typed errors, as the services' callers have always imported them: they live in the neutral
module :mod:`chemcluster_desktop.errors` (so that ``reports/`` and ``xlsx/`` need not import upward)
and are the same classes here."""

from chemcluster_desktop.errors import (
    Cancelled,
    ConcurrentEditError,
    DatabaseOpenError,
    DuplicateError,
    FileFormatError,
    NotFoundError,
    PermissionDenied,
    ServiceError,
    ValidationError,
)

__all__ = ["Cancelled", "ConcurrentEditError", "DatabaseOpenError", "DuplicateError", "FileFormatError",
           "NotFoundError", "PermissionDenied", "ServiceError", "ValidationError"]
