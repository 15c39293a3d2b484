"""``report inventory``: the inventory list, ф. 0510466 (инвентаризационная опись (сличительная
ведомость) по объектам НФА) — one per МОЛ and account, of a stock-taking or of the records."""

from __future__ import annotations

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services.errors import Cancelled, NotFoundError, ValidationError
from chemcluster_desktop.services.inventory import paperwork
from chemcluster_desktop.services.inventory import stocktaking as st_service
from chemcluster_desktop.services.inventory.item_list import iter_items
from chemcluster_desktop.services.inventory.positions import position_of
from chemcluster_desktop.services.inventory.room_lookup import room_by_name, rooms
from chemcluster_desktop.services.inventory.vocabulary import KIND_LABELS
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.printing import ReportResult, page_count, requisites

TITLE = "Инвентаризационная опись (ф. 0510466)"
FILTERS = ["room", "kind", "ids", "stocktaking"]


def _t(s: str) -> str:
    return translate("Reports", s)


def resolve_room(room) -> dict:
    if isinstance(room, int):
        for r in rooms():
            if r["id"] == room:
                return r
    else:
        r = room_by_name(str(room))
        if r is not None:
            return r
    raise NotFoundError(_t("Помещение «{0}» не найдено.").format(room))


def parse_ids(ids) -> list[int]:
    if isinstance(ids, list | tuple):
        return [int(i) for i in ids]
    try:
        return [int(x) for x in str(ids).replace(";", ",").split(",") if x.strip()]
    except ValueError as e:
        raise ValidationError(_t("--ids: нужны номера id через запятую, например 12,15,40.")) from e


def build(dest, *, progress=None, cancelled=None, room=None, kind=None, ids=None, stocktaking=None) -> ReportResult:
    """ф. 0510466, one list per МОЛ and account: of a stock-taking (counted), or of the records
    (blank actual columns for the commission)."""
    # reportlab is imported when a document is made, not with the report registry
    from chemcluster_desktop.reports import form_0510466 as rep
    from chemcluster_desktop.reports.unified_forms import Requisites, Signer

    if stocktaking is not None:
        if room or kind or ids:
            raise ValidationError(_t("Опись инвентаризации строится по её строкам: --room, --kind и --ids с "
                                     "--stocktaking не указываются."))
        data = paperwork.stocktaking_lists(st_service.find(stocktaking))
        base = data["stocktaking"]["number"]
        on = data["stocktaking"]["started_on"]
    else:
        filters = {}
        if room is not None:
            filters["room_id"] = resolve_room(room)["id"]
        if kind:
            if kind not in KIND_LABELS:
                raise ValidationError(_t("Неизвестный вид позиций «{0}»: equipment, furniture, consumable, reagent.")
                                      .format(kind))
            filters["kind"] = kind
        if ids:
            filters["ids"] = parse_ids(ids)
        items = []
        for n, it in enumerate(iter_items(ListQuery(filters=filters, sort="room")), 1):
            if cancelled is not None and n % 1000 == 0 and cancelled():
                raise Cancelled()
            items.append(it)
        if not items:
            raise NotFoundError(_t("Нет позиций для описи: измените фильтры."))
        data = paperwork.records_lists(items)
        base = "—"
        on = None
    dec = data["decision"]
    signers = [Signer(*x) for x in paperwork.commission_signers(dec)]
    keys = sorted(data["groups"], key=lambda k: (k[0] or "\uffff", k[1]))
    positions = position_of([mol for mol, _acc in keys])
    lists = []
    for k, (mol, acc) in enumerate(keys, 1):
        rows = [rep.OpisRow(**r) for r in data["groups"][(mol, acc)]]
        lists.append(rep.Opis(number=paperwork.list_number(base, k, len(keys)), date=on, responsible=mol,
                              responsible_position=positions.get(mol, ""), account=paperwork.account_label(acc), rooms=data["rooms"],
                              basis=paperwork.basis_of(dec), starts_on=data["starts_on"], ends_on=data["ends_on"],
                              rows=rows, commission=signers))
    n = rep.build_lists(dest, Requisites(**requisites()), lists, counted=data["counted"], cancelled=cancelled)
    return ReportResult(str(dest), page_count(dest), _t(TITLE), n)
