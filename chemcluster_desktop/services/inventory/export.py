"""Export of the (filtered) inventory list to Excel."""

from __future__ import annotations

from pathlib import Path

from chemcluster_desktop.services.errors import Cancelled, FileFormatError
from chemcluster_desktop.services.inventory.item_list import iter_items
from chemcluster_desktop.services.inventory.vocabulary import status_label
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.security import require
from chemcluster_desktop.xlsx import inventory as xinv
from chemcluster_desktop.xlsx.common import XlsxCancelled, XlsxFileError


def export_inventory(path, query: ListQuery | None = None, *, progress=None, cancelled=None) -> int:
    """Write the (filtered) list to .xlsx; returns the count of rows written."""
    require("inventory.read")
    q = query or ListQuery()

    def rows():
        for r in iter_items(q):
            r["status_label"] = status_label(r["status"])
            yield r

    try:
        n = xinv.write_inventory(path, rows(), cancelled=cancelled,
                                 progress=(lambda k: progress(k, 0)) if progress else None)
    except XlsxCancelled as e:
        tmp = Path(f"{path}.part")
        if tmp.exists():
            tmp.unlink()
        raise Cancelled() from e
    except XlsxFileError as e:
        raise FileFormatError(str(e)) from e
    return n
