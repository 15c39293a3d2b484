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
from chemcluster_desktop.services.inventory.vocabulary import (
    KIND_LABELS,
    STATUS_LABELS,
    kind_label,
    status_label,
)
from chemcluster_desktop.services.listing import ListQuery
from chemcluster_desktop.services.printing import ReportResult, page_count, requisites

TITLE = "Инвентаризационная опись (ф. 0510466)"
FILTERS = ["room", "kind", "search", "status", "ids", "stocktaking"]
# --status all: every state, the written-off items too (the list's «Списанные» ticked with «Любое состояние»)
ALL_STATES = "all"


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
    if isinstance(room, int):  # chosen in a list (the inventory page's room filter) and deleted since
        raise NotFoundError(_t("Помещение, выбранное в списке, уже удалено — обновите список (F5)."))
    raise NotFoundError(_t("Помещение «{0}» не найдено.").format(room))


def parse_ids(ids) -> list[int]:
    if isinstance(ids, list | tuple):
        return [int(i) for i in ids]
    try:
        return [int(x) for x in str(ids).replace(";", ",").split(",") if x.strip()]
    except ValueError as e:
        raise ValidationError(_t("--ids: нужны номера id через запятую, например 12,15,40.")) from e


def choices(name: str) -> list[tuple[str, str]] | None:
    """The reports centre's list for «Состояние»; the other filters take the common lists."""
    if name == "status":
        return [*((k, status_label(k)) for k in STATUS_LABELS), (ALL_STATES, _t("любое, и списанные"))]
    return None


def records_query(*, room=None, kind=None, search=None, status=None, ids=None) -> tuple[ListQuery, str]:
    """The inventory list's query for these filters — the rows the «Инвентарь» page shows with the same
    search, kind, room, state and «Списанные» — and the line that names the selection on the paper
    («поиск «колба», помещение ауд. 214»; "" for the whole list of items not written off)."""
    filters: dict = {}
    said: list[str] = []
    if ids:
        filters["ids"] = parse_ids(ids)
        said.append(_t("выбранные в списке позиции ({0})").format(len(filters["ids"])))
    search = (search or "").strip()
    if search:
        said.append(_t("поиск «{0}»").format(search))
    if kind:
        if kind not in KIND_LABELS:
            raise ValidationError(_t("Неизвестный вид позиций «{0}»: equipment, furniture, consumable, reagent.")
                                  .format(kind))
        filters["kind"] = kind
        said.append(_t("вид: {0}").format(kind_label(kind).lower()))
    if room is not None:
        r = resolve_room(room)
        filters["room_id"] = r["id"]
        said.append(_t("помещение «{0}»").format(r["name"]))
    if status:
        if status == ALL_STATES:
            filters["include_written_off"] = True
            said.append(_t("в любом состоянии, и списанные"))
        elif status in STATUS_LABELS:
            filters["status"] = status
            said.append(_t("состояние: {0}").format(status_label(status).lower()))
        else:
            raise ValidationError(_t("Неизвестное состояние «{0}»: {1}.").format(
                status, " | ".join((*STATUS_LABELS, ALL_STATES))), field="status")
    text = _t("Отбор: {0}").format(", ".join(said)) if said else ""
    return ListQuery(search=search, filters=filters, sort="room"), text


def build(dest, *, progress=None, cancelled=None, room=None, kind=None, search=None, status=None, ids=None,
          stocktaking=None) -> ReportResult:
    """ф. 0510466, one list per МОЛ and account: of a stock-taking (counted), or of the records
    (blank actual columns for the commission) — the rows of the inventory list with these filters,
    the selection named on each list."""
    # reportlab is imported when a document is made, not with the report registry
    from chemcluster_desktop.reports import form_0510466 as rep
    from chemcluster_desktop.reports.unified_forms import Requisites, Signer

    if stocktaking is not None:
        if room or kind or ids or search or status:
            raise ValidationError(_t("Опись инвентаризации строится по её строкам: --room, --kind, --search, "
                                     "--status и --ids с --stocktaking не указываются."))
        data = paperwork.stocktaking_lists(st_service.find(stocktaking))
        base = data["stocktaking"]["number"]
        on = data["stocktaking"]["started_on"]
        selection = ""
    else:
        query, selection = records_query(room=room, kind=kind, search=search, status=status, ids=ids)
        items = []
        for n, it in enumerate(iter_items(query), 1):
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
                              rows=rows, commission=signers, selection=selection))
    n = rep.build_lists(dest, Requisites(**requisites()), lists, counted=data["counted"], cancelled=cancelled)
    return ReportResult(str(dest), page_count(dest), _t(TITLE), n)
