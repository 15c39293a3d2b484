"""Helpers every area's services share: fetch a record or say it is gone, check the version a form
was opened with, and the create / update / delete convention.

The convention (one for every area)::

    create_x(data) -> int                          # the new record's id
    update_x(x_id, data, *, version) -> None       # version: what the form was opened with
    delete_x(x_id, *, version=None) -> None

``data`` is a dict (or a frozen dataclass) of field values; a missing record raises
:class:`NotFoundError`, a stale version :class:`ConcurrentEditError` — both with a message for the
person at the keyboard.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import ConcurrentEditError, NotFoundError

T = TypeVar("T")


def get_or_404(s: Session, model: type[T], id_: Any, what: str | None = None, *, for_update: bool = False,
               named: Any = None) -> T:
    """The record ``model`` with primary key ``id_``, or :class:`NotFoundError` naming ``what``
    (a Russian noun such as «Позиция»; the model's name when not given). The message names the record
    before «запись не найдена» so that it reads right whatever the noun's gender («Договор № 35 не
    найдена» was printed before), and names the id only where people know it (:data:`ID_IS_THE_NUMBER`).
    ``named``: the record as the person knows it — its name or number from the form being saved — when
    the caller has it («Школа «МБОУ СШ № 2»: запись не найдена …», not only «Школа: …»): the record is
    gone, so the message cannot read it from the database."""
    obj = s.get(model, id_, with_for_update=for_update) if id_ is not None else None
    if obj is None:
        name = what or model.__name__
        known = " ".join(str(named).split()) if named is not None else ""
        if known:
            raise NotFoundError(translate("Errors", "{0} «{1}»: запись не найдена — её удалили или изменили. "
                                                    "Обновите список (F5).").format(name, known))
        if model.__name__ in ID_IS_THE_NUMBER:
            raise NotFoundError(translate("Errors", "{0} № {1}: запись не найдена — её удалили или изменили. "
                                                    "Обновите список (F5).").format(name, id_))
        # an internal id means nothing to the person (the record was chosen in a list and is gone)
        raise NotFoundError(translate("Errors", "{0}: запись не найдена — её удалили или изменили. "
                                                "Обновите список (F5).").format(name))
    return obj


# records whose id is the number people see and type: a need's «№» in the needs list, ``--need ID``
ID_IS_THE_NUMBER = frozenset({"Need"})


def check_version(obj: Any, version: int | None) -> None:
    """Refuse a save made from a form opened on an older version of ``obj``."""
    if version is not None and getattr(obj, "version", None) != version:
        raise ConcurrentEditError()


def require_version(obj: Any, version: int | None) -> None:
    """As :func:`check_version`, but a save that does not say which version it was made from is refused too:
    without it a save overwrote whatever another user had saved meanwhile (issue 19, finding 14)."""
    if version is None or isinstance(version, bool) or not isinstance(version, int):
        from chemcluster_desktop.services.errors import ValidationError

        raise ValidationError(translate("Errors", "Не указана версия записи, с которой начато изменение: "
                                                  "сохранение вслепую перезаписало бы чужие правки. Откройте "
                                                  "запись заново и повторите."), field="version")
    check_version(obj, version)
