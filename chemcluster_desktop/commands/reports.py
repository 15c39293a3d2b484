"""``chemcluster report KIND -o FILE.pdf [filters]``: every printed document, headless.

KIND is one of :data:`services.printing.KINDS`; the filters are the flags of
:data:`services.printing.FILTER_NAMES`. A filter the document does not take is refused (exit 1).
"""

from __future__ import annotations

import os
import sys

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import printing


def _t(s: str) -> str:
    return translate("Cli", s)


def register(sub) -> None:
    sp = sub.add_parser("report", help=_t("сформировать документ PDF: ") + " | ".join(printing.KINDS))
    sp.add_argument("kind", metavar="KIND", choices=printing.KINDS,
                    help=" | ".join(printing.KINDS))
    sp.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help=_t("куда записать PDF"))
    for name, (flag, _label) in printing.FILTER_NAMES.items():
        sp.add_argument(flag, dest=f"f_{name}", metavar=name.rstrip("_").upper(), help=printing.filter_help(name))
    sp.set_defaults(func=cmd_report, open_db=True)


def cmd_report(args) -> int:
    from chemcluster_desktop.services.errors import ServiceError, ValidationError

    out = args.output
    if not out.lower().endswith(".pdf"):
        out += ".pdf"
    parent = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(parent):
        raise ValidationError(_t("Папка «{0}» не существует: укажите существующую папку для файла PDF.")
                              .format(parent))
    from chemcluster_desktop.files import writable_dir

    if not writable_dir(parent):  # tried: os.access ignores Windows ACLs
        raise ValidationError(_t("В папку «{0}» нельзя записать файл: нет прав.").format(parent))
    filters = {name: getattr(args, f"f_{name}") for name in printing.FILTER_NAMES
               if getattr(args, f"f_{name}", None) not in (None, "")}
    try:
        printing.module(args.kind)
    except ModuleNotFoundError as e:
        raise ServiceError(_t("Документ «{0}» пока недоступен в этой версии программы ({1}).")
                           .format(args.kind, e.name)) from e
    from chemcluster_desktop.services.settings_service import register_logo

    register_logo()  # the college logo from the settings in every document's header
    try:
        res = printing.build(args.kind, out, **filters)
    except OSError as e:
        raise ServiceError(_t("Не удалось записать файл «{0}»: {1}").format(out, e.strerror or e)) from e
    print(_t("{0}: {1} (страниц: {2})").format(res.title, res.path, res.pages))
    sys.stdout.flush()
    return 0
