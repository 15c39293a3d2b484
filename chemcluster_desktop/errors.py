"""Typed errors whose message is meant for the person at the keyboard.

Every message says what went wrong, where (field or row) and what to do. The GUI shows
``str(error)`` in a dialog or beside the field; the CLI prints it on stderr and exits 1.

A neutral module (it imports only i18n), so that every layer can raise and catch them: the services
raise most, ``reports/`` and ``xlsx/`` raise :class:`Cancelled` from a long loop. ``services.errors``
re-exports every name, so ``from chemcluster_desktop.services.errors import …`` keeps working.
"""

from __future__ import annotations

from chemcluster_desktop.i18n import translate


class ServiceError(Exception):
    """Base class: an operation was refused or failed; nothing was written."""

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row

    def __str__(self) -> str:
        return self.message


class ValidationError(ServiceError):
    """Bad input: a field or a row; ``errors`` may carry several (field, message) pairs."""

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None,
                 errors: list[tuple[str, str]] | None = None):
        super().__init__(message, field=field, row=row)
        self.errors = errors or ([(field, message)] if field else [])


class NotFoundError(ServiceError):
    pass


class DuplicateError(ValidationError):
    pass


class PermissionDenied(ServiceError):
    pass


class ConcurrentEditError(ServiceError):
    """Someone else saved the record first (version column)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or translate(
            "Errors",
            "Запись уже изменил другой пользователь. Обновите её (F5) и внесите изменения заново.",
        ))


class DatabaseOpenError(ServiceError):
    """The database cannot be opened: missing, locked, read-only, corrupt, too new, wrong URL."""

    def __init__(self, message: str, *, kind: str = "other", path: str | None = None):
        super().__init__(message)
        self.kind = kind  # corrupt | too_new | locked | readonly | url | unreachable | other
        self.path = path


class FileFormatError(ServiceError):
    """A file given to an importer cannot be read as what it claims to be."""


class Cancelled(ServiceError):
    def __init__(self, message: str | None = None):
        super().__init__(message or translate("Errors", "Операция отменена; ничего не изменено."))
