"""Equipment procurement: funding sources, suppliers, needs, commercial offers and НМЦК, the
plan-schedule with its status road, contracts with payment stages, deliveries and acceptance onto
the inventory, and the budget against the project total and the grant cap.

Every public write function is one unit of work (``with uow()``) and checks rights first; the
``_name(session, …)`` variants do the same work inside a caller's session (the demo uses them).
Money is ``Decimal`` throughout.

Budget terms (per funding source):
- *planned* — the НМЦК of the needs on plan-schedule lines that are neither cancelled nor failed;
- *contracted* — the prices of signed contracts;
- *paid* — the payment stages marked paid;
- *remaining* — limit − committed, where committed = contracted + planned of lines without a contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.context import read, uow
from chemcluster_desktop.services.errors import (
    DuplicateError,
    NotFoundError,
    ValidationError,
)
from chemcluster_desktop.services.listing import ListQuery, apply_search, apply_sort, count_of, window
from chemcluster_desktop.services.procurement.inn import inn_error, kpp_error
from chemcluster_desktop.services.procurement.nmck_calc import (
    NmckResult,
    PricePoint,
    as_json,
    compute,
    fmt_money,
    is_stale,
)
from chemcluster_desktop.services.security import require
from chemcluster_desktop.storage.accreditation import ChecklistLine, Workshop, WorkshopRoom
from chemcluster_desktop.storage.base import utcnow
from chemcluster_desktop.storage.core import Room
from chemcluster_desktop.storage.procurement import (
    LAWS,
    Contract,
    Delivery,
    DeliveryItem,
    DeliveryLine,
    FundingSource,
    Need,
    Offer,
    Payment,
    PlanLine,
    PlanStep,
    Supplier,
)

PROJECT_TOTAL = Decimal("396600000.00")
GRANT_CAP = Decimal("100000000.00")
GRANT_CODE = "federal"

WRITE = "procurement.write"
NEEDS = "procurement.needs"

STATUS_LABELS = {
    "need": "Потребность",
    "in_plan": "В плане",
    "price_justified": "Цена обоснована",
    "notice_published": "Извещение опубликовано",
    "supplier_chosen": "Поставщик определён",
    "failed": "Не состоялась",
    "cancelled": "Отменена",
    "contract_signed": "Контракт заключён",
    "delivered": "Поставлено",
    "accepted": "Принято",
    "on_inventory": "На учёте",
}
# colour of the status badge
STATUS_COLORS = {
    "need": "muted", "in_plan": "info", "price_justified": "info", "notice_published": "info",
    "supplier_chosen": "warn", "failed": "bad", "cancelled": "muted", "contract_signed": "warn",
    "delivered": "warn", "accepted": "ok", "on_inventory": "ok",
}
# the status road: which steps may follow which
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    "need": ("in_plan",),
    "in_plan": ("price_justified", "cancelled"),
    "price_justified": ("notice_published", "cancelled"),
    "notice_published": ("supplier_chosen", "failed", "cancelled"),
    "supplier_chosen": ("contract_signed", "failed", "cancelled"),
    "failed": ("notice_published", "cancelled"),
    "cancelled": (),
    "contract_signed": ("delivered",),
    "delivered": ("accepted",),
    "accepted": ("delivered", "on_inventory"),
    "on_inventory": (),
}
ROAD = ("in_plan", "price_justified", "notice_published", "supplier_chosen", "contract_signed", "delivered",
        "accepted", "on_inventory")
INACTIVE = ("cancelled", "failed")
FROZEN = ("price_justified", "notice_published", "supplier_chosen", "contract_signed", "delivered", "accepted",
          "on_inventory")

SOURCE_NAMES = {
    "federal": "Грант федерального проекта «Профессионалитет»",
    "regional": "Областной бюджет Нижегородской области",
    "employer": "Софинансирование работодателей",
    "own": "Собственные средства колледжа",
}


def _t(s: str) -> str:
    return translate("Procurement", s)


def _status_names_for_lupdate() -> list[str]:
    """The status labels as literal translate() calls, so that pyside6-lupdate extracts them."""
    return [translate("Procurement", "Потребность"), translate("Procurement", "В плане"),
            translate("Procurement", "Цена обоснована"), translate("Procurement", "Извещение опубликовано"),
            translate("Procurement", "Поставщик определён"), translate("Procurement", "Не состоялась"),
            translate("Procurement", "Отменена"), translate("Procurement", "Контракт заключён"),
            translate("Procurement", "Поставлено"), translate("Procurement", "Принято"),
            translate("Procurement", "На учёте")]


def status_label(code: str) -> str:
    return _t(STATUS_LABELS.get(code, code))


# --- plain results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class SourceInfo:
    id: int
    code: str
    name: str
    limit: Decimal
    version: int


@dataclass(frozen=True)
class SupplierInfo:
    id: int
    name: str
    inn: str
    kpp: str
    contact: str
    email: str
    phone: str
    address: str
    version: int


@dataclass(frozen=True)
class OfferInfo:
    id: int
    need_id: int
    supplier_id: int | None
    supplier_name: str
    date: dt.date
    unit_price: Decimal
    reference: str
    document_name: str
    has_document: bool
    stale: bool
    version: int


@dataclass(frozen=True)
class NeedInfo:
    id: int
    name: str
    specification: str
    quantity: Decimal
    unit: str
    room_id: int | None
    room: str
    workshop_id: int | None
    workshop: str
    checklist_line_id: int | None
    zone: str
    justification: str
    okpd2: str
    law: str
    funding_source_id: int | None
    plan_line_id: int | None
    plan_number: str
    status: str
    nmck: Decimal | None
    version: int
    offers: list[OfferInfo] = field(default_factory=list)


@dataclass(frozen=True)
class StepInfo:
    status: str
    date: dt.date
    user_login: str
    note: str


@dataclass(frozen=True)
class PlanLineInfo:
    id: int
    number: str
    title: str
    law: str
    method: str
    okpd2: str
    funding_source_id: int | None
    source_name: str
    planned_year: int | None
    planned_quarter: int | None
    notice_number: str
    status: str
    amount: Decimal
    version: int
    needs: list[dict]
    steps: list[StepInfo]
    next_steps: list[str]
    blocked: dict[str, str]  # next step -> why it cannot be taken yet
    contract_ids: list[int]


@dataclass(frozen=True)
class PaymentInfo:
    id: int
    amount: Decimal
    due_on: dt.date | None
    paid_on: dt.date | None
    note: str


@dataclass(frozen=True)
class DeliveryLineInfo:
    id: int
    need_id: int | None
    name: str
    quantity: Decimal
    unit_price: Decimal
    item_ids: list[int]


@dataclass(frozen=True)
class DeliveryInfo:
    id: int
    contract_id: int
    contract_number: str
    date: dt.date
    document_number: str
    accepted_at: dt.datetime | None
    accepted_by: str
    amount: Decimal
    lines: list[DeliveryLineInfo]
    version: int


@dataclass(frozen=True)
class ContractInfo:
    id: int
    number: str
    date: dt.date
    supplier_id: int
    supplier_name: str
    plan_line_id: int | None
    plan_number: str
    plan_status: str
    funding_source_id: int | None
    source_name: str
    price: Decimal
    paid: Decimal
    delivered: Decimal
    subject: str
    payments: list[PaymentInfo]
    deliveries: list[DeliveryInfo]
    needs: list[dict]
    version: int


@dataclass(frozen=True)
class BudgetRow:
    code: str
    name: str
    limit: Decimal
    planned: Decimal
    contracted: Decimal
    paid: Decimal
    remaining: Decimal


@dataclass(frozen=True)
class BudgetSummary:
    rows: list[BudgetRow]
    totals: BudgetRow
    project_total: Decimal
    grant_cap: Decimal
    unassigned_planned: Decimal  # planned lines without a funding source

    def row(self, code: str) -> BudgetRow | None:
        return next((r for r in self.rows if r.code == code), None)

    @property
    def limits_left(self) -> Decimal:
        """How much of the project total no source's limit covers yet."""
        return self.project_total - self.totals.limit


# --- input helpers ------------------------------------------------------------------------------------
def parse_money(value, field_name: str, label: str, *, positive: bool = True, row: int | None = None) -> Decimal:
    if isinstance(value, float):
        raise ValidationError(translate("Procurement", "Сумма «{0}» передана как число с плавающей точкой; нужна десятичная запись.")
                              .format(label), field=field_name, row=row)
    if isinstance(value, str):
        txt = value.strip().replace("\u00a0", "").replace(" ", "").replace("₽", "").replace(",", ".")
    else:
        txt = value
    try:
        d = Decimal(txt) if txt not in (None, "") else None
    except (InvalidOperation, TypeError, ValueError):
        d = None
    if d is None or not d.is_finite():
        raise ValidationError(translate("Procurement", "{0}: введите сумму числом, например 125 000,50.").format(label),
                              field=field_name, row=row)
    if d != d.quantize(Decimal("0.01")):
        raise ValidationError(translate("Procurement", "{0}: не больше двух знаков после запятой (копейки).").format(label),
                              field=field_name, row=row)
    if positive and d <= 0:
        raise ValidationError(translate("Procurement", "{0} должна быть больше нуля (введено {1}).").format(label, value),
                              field=field_name, row=row)
    return d


def parse_quantity(value, field_name: str = "quantity", label: str | None = None, row: int | None = None) -> Decimal:
    label = label or translate("Procurement", "Количество")
    if isinstance(value, float):
        value = str(value)
    try:
        d = Decimal(str(value).strip().replace(",", ".").replace(" ", "")) if value not in (None, "") else None
    except (InvalidOperation, ValueError):
        d = None
    if d is None or not d.is_finite():
        raise ValidationError(translate("Procurement", "{0}: введите число.").format(label), field=field_name, row=row)
    if d <= 0:
        raise ValidationError(translate("Procurement", "{0} должно быть больше нуля.").format(label), field=field_name, row=row)
    if d != d.quantize(Decimal("0.001")):
        raise ValidationError(translate("Procurement", "{0}: не больше трёх знаков после запятой.").format(label), field=field_name,
                              row=row)
    return d


def _text(value, field_name: str, label: str, *, required: bool = True, max_len: int = 500) -> str:
    s = (value or "").strip()
    if required and not s:
        raise ValidationError(translate("Procurement", "Заполните поле «{0}».").format(label), field=field_name)
    if len(s) > max_len:
        raise ValidationError(translate("Procurement", "Поле «{0}» слишком длинное: не больше {1} знаков.").format(label, max_len),
                              field=field_name)
    return s


def _check_version(obj, version: int | None) -> None:
    if version is not None and obj.version != version:
        from chemcluster_desktop.services.errors import ConcurrentEditError

        raise ConcurrentEditError()


def _login(s: Session) -> str:
    a = s.info.get("actor") or context.actor()
    return a.login


def _get(s: Session, model, id_: int | None, what: str):
    obj = s.get(model, id_) if id_ is not None else None
    if obj is None:
        raise NotFoundError(translate("Procurement", "{0} с номером {1} не найден(а). Обновите список (F5).").format(what, id_))
    return obj


# --- funding sources ----------------------------------------------------------------------------------
def _source_info(f: FundingSource) -> SourceInfo:
    return SourceInfo(f.id, f.code, f.name, f.limit_amount, f.version)


def list_sources() -> list[SourceInfo]:
    with read() as s:
        order = {c: i for i, c in enumerate(SOURCE_NAMES)}
        rows = [_source_info(f) for f in s.scalars(select(FundingSource))]
    return sorted(rows, key=lambda r: (order.get(r.code, 99), r.name))


def _save_source(s: Session, source_id: int | None, code: str, name: str, limit, version: int | None = None) -> int:
    code = _text(code, "code", translate("Procurement", "Код"), max_len=20)
    name = _text(name, "name", translate("Procurement", "Наименование"), max_len=200)
    limit = parse_money(limit, "limit", translate("Procurement", "Лимит"), positive=False)
    if limit < 0:
        raise ValidationError(translate("Procurement", "Лимит не может быть отрицательным."), field="limit")
    if code == GRANT_CODE and limit > GRANT_CAP:
        raise ValidationError(translate("Procurement", "Грант «Профессионалитет» не может превышать {0} ₽ (введено {1} ₽).")
                              .format(fmt_money(GRANT_CAP), fmt_money(limit)), field="limit")
    dup = s.scalar(select(FundingSource.id).where(FundingSource.code == code))
    if dup is not None and dup != source_id:
        raise DuplicateError(translate("Procurement", "Источник с кодом «{0}» уже есть.").format(code), field="code")
    others = s.scalar(select(func.coalesce(func.sum(FundingSource.limit_amount), 0))
                      .where(FundingSource.id != (source_id or -1)))
    others = Decimal(others or 0)
    if others + limit > PROJECT_TOTAL:
        raise ValidationError(translate("Procurement", "Сумма лимитов всех источников ({0} ₽) превысит стоимость проекта {1} ₽. "
                                 "Уменьшите лимит до {2} ₽ или меньше.").format(
            fmt_money(others + limit), fmt_money(PROJECT_TOTAL), fmt_money(PROJECT_TOTAL - others)), field="limit")
    if source_id is None:
        f = FundingSource(code=code, name=name, limit_amount=limit)
        s.add(f)
        s.flush()
        return f.id
    f = _get(s, FundingSource, source_id, translate("Procurement", "Источник финансирования"))
    _check_version(f, version)
    committed = _committed(s, f.id)
    if limit < committed:
        raise ValidationError(translate("Procurement", "Лимит {0} ₽ меньше уже распределённой по источнику суммы {1} ₽.")
                              .format(fmt_money(limit), fmt_money(committed)), field="limit")
    f.code, f.name, f.limit_amount = code, name, limit
    s.flush()
    return f.id


def save_source(source_id: int | None, code: str, name: str, limit, version: int | None = None) -> int:
    require(WRITE)
    with uow() as s:
        return _save_source(s, source_id, code, name, limit, version)


# --- suppliers ------------------------------------------------------------------------------------------
def _supplier_info(x: Supplier) -> SupplierInfo:
    return SupplierInfo(x.id, x.name, x.inn, x.kpp, x.contact, x.email, x.phone, x.address, x.version)


def _validate_supplier(s: Session, supplier_id: int | None, data: dict) -> dict:
    out = {
        "name": _text(data.get("name"), "name", translate("Procurement", "Наименование"), max_len=300),
        "inn": (data.get("inn") or "").strip(),
        "kpp": (data.get("kpp") or "").strip().upper(),
        "contact": (data.get("contact") or "").strip()[:300],
        "email": (data.get("email") or "").strip()[:200],
        "phone": (data.get("phone") or "").strip()[:50],
        "address": (data.get("address") or "").strip()[:300],
    }
    err = inn_error(out["inn"])
    if err:
        raise ValidationError(err, field="inn")
    err = kpp_error(out["kpp"], out["inn"])
    if err:
        raise ValidationError(err, field="kpp")
    if out["email"] and ("@" not in out["email"] or " " in out["email"]):
        raise ValidationError(translate("Procurement", "Адрес электронной почты «{0}» записан неверно.").format(out["email"]),
                              field="email")
    dup = s.scalar(select(Supplier).where(Supplier.inn == out["inn"]))
    if dup is not None and dup.id != supplier_id:
        raise DuplicateError(translate("Procurement", "Поставщик с ИНН {0} уже есть: «{1}».").format(out["inn"], dup.name), field="inn")
    return out


def _create_supplier(s: Session, **data) -> int:
    v = _validate_supplier(s, None, data)
    x = Supplier(**v)
    s.add(x)
    s.flush()
    return x.id


def create_supplier(name: str, inn: str, kpp: str = "", contact: str = "", email: str = "", phone: str = "",
                    address: str = "") -> int:
    require(WRITE)
    with uow() as s:
        return _create_supplier(s, name=name, inn=inn, kpp=kpp, contact=contact, email=email, phone=phone,
                                address=address)


def update_supplier(supplier_id: int, version: int | None = None, **data) -> None:
    require(WRITE)
    with uow() as s:
        x = _get(s, Supplier, supplier_id, translate("Procurement", "Поставщик"))
        _check_version(x, version)
        merged = {k: getattr(x, k) for k in ("name", "inn", "kpp", "contact", "email", "phone", "address")}
        merged.update({k: v for k, v in data.items() if v is not None})
        for k, v in _validate_supplier(s, supplier_id, merged).items():
            setattr(x, k, v)


def delete_supplier(supplier_id: int) -> None:
    require(WRITE)
    with uow() as s:
        x = _get(s, Supplier, supplier_id, translate("Procurement", "Поставщик"))
        if s.scalar(select(func.count(Contract.id)).where(Contract.supplier_id == supplier_id)):
            raise ValidationError(translate("Procurement", "Поставщика «{0}» удалить нельзя: с ним заключены контракты.").format(x.name))
        for o in s.scalars(select(Offer).where(Offer.supplier_id == supplier_id)):
            o.supplier_id = None
        s.delete(x)


def get_supplier(supplier_id: int) -> SupplierInfo:
    with read() as s:
        return _supplier_info(_get(s, Supplier, supplier_id, translate("Procurement", "Поставщик")))


def all_suppliers() -> list[SupplierInfo]:
    with read() as s:
        return [_supplier_info(x) for x in s.scalars(select(Supplier).order_by(Supplier.name))]


def _supplier_stmt(q: ListQuery):
    offers = select(func.count(Offer.id)).where(Offer.supplier_id == Supplier.id).scalar_subquery()
    contracts = select(func.count(Contract.id)).where(Contract.supplier_id == Supplier.id).scalar_subquery()
    stmt = select(Supplier, offers.label("offers"), contracts.label("contracts"))
    return apply_search(stmt, Supplier.search_key, q.search), {"name": Supplier.search_key, "inn": Supplier.inn,
                                                             "offers": offers, "contracts": contracts}


def count_suppliers(q: ListQuery) -> int:
    with read() as s:
        return count_of(s, _supplier_stmt(q)[0])


def list_suppliers(q: ListQuery) -> list[dict]:
    with read() as s:
        stmt, cols = _supplier_stmt(q)
        stmt = window(apply_sort(stmt, cols, q, Supplier.name, Supplier.id), q)
        out = []
        for x, n_off, n_con in s.execute(stmt):
            d = _supplier_info(x).__dict__.copy()
            d.update(offers=n_off or 0, contracts=n_con or 0)
            out.append(d)
        return out


# --- needs ------------------------------------------------------------------------------------------------
def _room_of_workshop(s: Session, workshop_id: int | None) -> int | None:
    if workshop_id is None:
        return None
    return s.scalar(select(WorkshopRoom.room_id).where(WorkshopRoom.workshop_id == workshop_id)
                    .order_by(WorkshopRoom.room_id).limit(1))


def _validate_need(s: Session, data: dict) -> dict:
    out = dict(data)
    out["name"] = _text(data.get("name"), "name", translate("Procurement", "Наименование"), max_len=500)
    out["specification"] = (data.get("specification") or "").strip()
    out["quantity"] = parse_quantity(data.get("quantity"))
    out["unit"] = _text(data.get("unit") or "шт.", "unit", translate("Procurement", "Ед. изм."), max_len=20)
    out["justification"] = (data.get("justification") or "").strip()
    okpd2 = (data.get("okpd2") or "").strip()
    if okpd2 and not all(part.isdigit() for part in okpd2.split(".")):
        raise ValidationError(translate("Procurement", "Код ОКПД2 — цифры через точку, например 26.51.53.140."), field="okpd2")
    out["okpd2"] = okpd2[:20]
    law = (data.get("law") or "44-ФЗ").strip()
    if law not in LAWS:
        raise ValidationError(translate("Procurement", "Закон закупки: 44-ФЗ или 223-ФЗ."), field="law")
    out["law"] = law
    out["zone"] = (data.get("zone") or "")[:20]
    for key, model, what in (("room_id", Room, translate("Procurement", "Помещение")), ("workshop_id", Workshop, translate("Procurement", "Мастерская")),
                             ("funding_source_id", FundingSource, translate("Procurement", "Источник финансирования")),
                             ("checklist_line_id", ChecklistLine, translate("Procurement", "Строка чек-листа"))):
        if out.get(key) is not None:
            _get(s, model, out[key], what)
    if out.get("room_id") is None and out.get("workshop_id") is not None:
        out["room_id"] = _room_of_workshop(s, out["workshop_id"])
    return out


NEED_FIELDS = ("name", "specification", "quantity", "unit", "room_id", "workshop_id", "checklist_line_id", "zone",
               "justification", "okpd2", "law", "funding_source_id")


def _create_need(s: Session, **data) -> int:
    v = _validate_need(s, {k: data.get(k) for k in NEED_FIELDS})
    n = Need(status="need", **v)
    s.add(n)
    s.flush()
    return n.id


def create_need(name: str, quantity, unit: str = "шт.", **data) -> int:
    """Fields: specification, room_id, workshop_id, checklist_line_id, zone, justification, okpd2, law,
    funding_source_id."""
    require(NEEDS)
    with uow() as s:
        return _create_need(s, name=name, quantity=quantity, unit=unit, **data)


def _need_from_checklist_line(s: Session, checklist_line_id: int, quantity=None) -> int:
    cl = _get(s, ChecklistLine, checklist_line_id, translate("Procurement", "Строка чек-листа"))
    dup = s.scalar(select(Need).where(Need.checklist_line_id == checklist_line_id, Need.status != "cancelled"))
    if dup is not None:
        raise DuplicateError(translate("Procurement", "По этой строке чек-листа уже есть потребность № {0} «{1}».").format(dup.id, dup.name))
    line = cl.line
    ws = s.get(Workshop, cl.workshop_id)
    if quantity is None:
        quantity = line.quantity * (ws.workplaces if line.per_workplace and ws else 1)
    just = translate("Procurement", "Закрывает пробел в инфраструктурном листе ({0}): позиция № {1} «{2}».").format(
        ws.name if ws else "", line.number or line.position, line.name)
    return _create_need(s, name=line.name, specification=line.specification, quantity=quantity, unit=line.unit,
                        workshop_id=cl.workshop_id, checklist_line_id=cl.id, zone=line.zone, justification=just)


def need_from_checklist_line(checklist_line_id: int, quantity=None) -> int:
    """A need filled in from an accreditation gap (item, spec, quantity, unit, workshop, room, zone)."""
    require(NEEDS)
    with uow() as s:
        return _need_from_checklist_line(s, checklist_line_id, quantity)


def update_need(need_id: int, version: int | None = None, **data) -> None:
    require(NEEDS)
    with uow() as s:
        n = _get(s, Need, need_id, translate("Procurement", "Потребность"))
        _check_version(n, version)
        if n.status in FROZEN:
            raise ValidationError(translate("Procurement", "Потребность «{0}» уже прошла обоснование цены (статус «{1}»): её нельзя "
                                     "изменить.").format(n.name, status_label(n.status)))
        merged = {k: getattr(n, k) for k in NEED_FIELDS}
        merged.update({k: v for k, v in data.items() if k in NEED_FIELDS})
        v = _validate_need(s, merged)
        for k, val in v.items():
            setattr(n, k, val)
        s.flush()
        _refresh_need_nmck(s, n)
        if n.plan_line_id is not None:
            line = s.get(PlanLine, n.plan_line_id)
            _check_line_limit(s, line)


def delete_need(need_id: int) -> None:
    require(NEEDS)
    with uow() as s:
        n = _get(s, Need, need_id, translate("Procurement", "Потребность"))
        if n.plan_line_id is not None:
            raise ValidationError(translate("Procurement", "Потребность «{0}» включена в план-график: сначала исключите её из строки "
                                     "плана.").format(n.name))
        s.delete(n)


def _offer_info(o: Offer, today: dt.date) -> OfferInfo:
    name = o.supplier.name if o.supplier is not None else o.supplier_name
    return OfferInfo(o.id, o.need_id, o.supplier_id, name, o.date, o.unit_price, o.reference, o.document_name,
                     o.document is not None, is_stale(o.date, today), o.version)


def _need_info(s: Session, n: Need) -> NeedInfo:
    today = dt.date.today()
    room = s.get(Room, n.room_id) if n.room_id else None
    ws = s.get(Workshop, n.workshop_id) if n.workshop_id else None
    offers = [_offer_info(o, today) for o in sorted(n.offers, key=lambda o: (o.date, o.id))]
    return NeedInfo(n.id, n.name, n.specification, n.quantity, n.unit, n.room_id, room.name if room else "",
                    n.workshop_id, ws.name if ws else "", n.checklist_line_id, n.zone, n.justification, n.okpd2,
                    n.law, n.funding_source_id, n.plan_line_id, n.plan_line.number if n.plan_line else "",
                    n.status, n.nmck, n.version, offers)


def get_need(need_id: int) -> NeedInfo:
    with read() as s:
        return _need_info(s, _get(s, Need, need_id, translate("Procurement", "Потребность")))


def _need_stmt(q: ListQuery):
    offers = select(func.count(Offer.id)).where(Offer.need_id == Need.id).scalar_subquery()
    stmt = (select(Need, Workshop.name.label("workshop"), Room.name.label("room"), PlanLine.number.label("plan"),
                   FundingSource.name.label("source"), offers.label("offers"))
            .outerjoin(Workshop, Workshop.id == Need.workshop_id)
            .outerjoin(Room, Room.id == Need.room_id)
            .outerjoin(PlanLine, PlanLine.id == Need.plan_line_id)
            .outerjoin(FundingSource, FundingSource.id == func.coalesce(PlanLine.funding_source_id,
                                                                          Need.funding_source_id)))
    f = q.filters
    if f.get("status"):
        stmt = stmt.where(Need.status == f["status"])
    if f.get("workshop_id"):
        stmt = stmt.where(Need.workshop_id == f["workshop_id"])
    if f.get("plan_line_id"):
        stmt = stmt.where(Need.plan_line_id == f["plan_line_id"])
    if f.get("unplanned"):
        stmt = stmt.where(Need.plan_line_id.is_(None), Need.status == "need")
    if f.get("from_checklist"):
        stmt = stmt.where(Need.checklist_line_id.is_not(None))
    stmt = apply_search(stmt, Need.search_key, q.search)
    cols = {"id": Need.id, "name": Need.search_key, "quantity": Need.quantity, "status": Need.status, "nmck": Need.nmck,
            "workshop": Workshop.name, "offers": offers, "plan": PlanLine.number, "okpd2": Need.okpd2,
            "law": Need.law}
    return stmt, cols


def count_needs(q: ListQuery) -> int:
    with read() as s:
        return count_of(s, _need_stmt(q)[0])


def list_needs(q: ListQuery) -> list[dict]:
    with read() as s:
        stmt, cols = _need_stmt(q)
        stmt = window(apply_sort(stmt, cols, q, Need.id, Need.id), q)
        out = []
        for n, ws, room, plan, source, n_off in s.execute(stmt):
            out.append({"id": n.id, "name": n.name, "quantity": n.quantity, "unit": n.unit,
                        "workshop": ws or "", "room": room or "", "place": ws or room or "", "okpd2": n.okpd2, "law": n.law,
                        "status": n.status, "nmck": n.nmck, "offers": n_off or 0, "plan": plan or "",
                        "source": source or "", "from_checklist": n.checklist_line_id is not None,
                        "specification": n.specification, "version": n.version})
        return out


# --- offers and НМЦК --------------------------------------------------------------------------------------
def _editable_need(s: Session, need_id: int) -> Need:
    n = _get(s, Need, need_id, translate("Procurement", "Потребность"))
    if n.status in FROZEN:
        raise ValidationError(translate("Procurement", "Цена по потребности «{0}» уже обоснована (статус «{1}»): коммерческие "
                                 "предложения менять нельзя.").format(n.name, status_label(n.status)))
    return n


def _offer_values(s: Session, supplier_id, supplier_name, date, unit_price, row: int | None = None) -> dict:
    price = parse_money(unit_price, "unit_price", translate("Procurement", "Цена за единицу"), row=row)
    if not isinstance(date, dt.date):
        raise ValidationError(translate("Procurement", "Укажите дату коммерческого предложения."), field="date", row=row)
    if date > dt.date.today():
        raise ValidationError(translate("Procurement", "Дата предложения {0} ещё не наступила.").format(date.strftime("%d.%m.%Y")),
                              field="date", row=row)
    name = (supplier_name or "").strip()
    if supplier_id is not None:
        sup = _get(s, Supplier, supplier_id, translate("Procurement", "Поставщик"))
        name = sup.name
    if not name:
        raise ValidationError(translate("Procurement", "Укажите поставщика, приславшего предложение."), field="supplier", row=row)
    return {"supplier_id": supplier_id, "supplier_name": name[:300], "date": date, "unit_price": price}


def _refresh_need_nmck(s: Session, n: Need) -> NmckResult:
    s.flush()
    s.refresh(n, ["offers"])
    r = _compute_for(n)
    if n.status not in FROZEN:
        n.nmck = r.nmck if r.valid else None
    return r


def _compute_for(n: Need) -> NmckResult:
    offers = sorted(n.offers, key=lambda o: (o.date, o.id))
    pts = [PricePoint(o.id, o.supplier.name if o.supplier else o.supplier_name, o.date, o.unit_price) for o in offers]
    return compute(n.quantity, pts)


def _add_offer(s: Session, need_id: int, supplier_id=None, supplier_name: str = "", date=None, unit_price=None,
               reference: str = "", document_name: str = "", document: bytes | None = None) -> int:
    n = _editable_need(s, need_id)
    v = _offer_values(s, supplier_id, supplier_name, date, unit_price)
    o = Offer(need_id=n.id, reference=(reference or "")[:100], document_name=(document_name or "")[:300],
              document=document, **v)
    s.add(o)
    s.flush()
    _refresh_need_nmck(s, n)
    return o.id


def add_offer(need_id: int, *, supplier_id: int | None = None, supplier_name: str = "", date: dt.date | None = None,
              unit_price=None, reference: str = "", document_name: str = "", document: bytes | None = None) -> int:
    require(WRITE)
    with uow() as s:
        return _add_offer(s, need_id, supplier_id, supplier_name, date or dt.date.today(), unit_price, reference,
                          document_name, document)


def update_offer(offer_id: int, version: int | None = None, **data) -> None:
    """Change fields of an offer: supplier_id, supplier_name, date, unit_price, reference, document_name,
    document."""
    require(WRITE)
    with uow() as s:
        o = _get(s, Offer, offer_id, translate("Procurement", "Коммерческое предложение"))
        _check_version(o, version)
        n = _editable_need(s, o.need_id)
        sup_id = data["supplier_id"] if "supplier_id" in data else o.supplier_id
        sup_name = data.get("supplier_name", o.supplier_name if sup_id is None else "")
        v = _offer_values(s, sup_id, sup_name, data.get("date", o.date), data.get("unit_price", o.unit_price))
        for k, val in v.items():
            setattr(o, k, val)
        for k in ("reference", "document_name", "document"):
            if k in data:
                setattr(o, k, data[k])
        s.flush()
        _refresh_need_nmck(s, n)


def delete_offer(offer_id: int) -> None:
    require(WRITE)
    with uow() as s:
        o = _get(s, Offer, offer_id, translate("Procurement", "Коммерческое предложение"))
        n = _editable_need(s, o.need_id)
        s.delete(o)
        s.flush()
        _refresh_need_nmck(s, n)


def offer_document(offer_id: int) -> tuple[str, bytes | None]:
    with read() as s:
        o = _get(s, Offer, offer_id, translate("Procurement", "Коммерческое предложение"))
        return o.document_name, o.document


def nmck_details(need_id: int) -> NmckResult:
    with read() as s:
        return _compute_for(_get(s, Need, need_id, translate("Procurement", "Потребность")))


def nmck(need_id: int) -> dict:
    """``{"need", "quantity", "prices", "mean", "cv_percent", "nmck", "valid"}`` (money as strings)."""
    return as_json(need_id, nmck_details(need_id))


def nmck_preview(quantity, prices: list) -> NmckResult:
    """The calculation for prices typed but not saved yet (the GUI's live summary)."""
    pts = [PricePoint(None, str(i + 1), None, parse_money(p, "unit_price", translate("Procurement", "Цена за единицу"), row=i + 1))
           for i, p in enumerate(prices)]
    return compute(parse_quantity(quantity), pts)


# --- budget and limits -------------------------------------------------------------------------------------
def _line_amounts(s: Session) -> dict[int, Decimal]:
    rows = s.execute(select(Need.plan_line_id, Need.nmck).where(Need.plan_line_id.is_not(None)))
    out: dict[int, Decimal] = {}
    for lid, v in rows:
        out[lid] = out.get(lid, Decimal("0.00")) + (v or Decimal("0.00"))
    return out


def _contracted_lines(s: Session) -> set[int]:
    return {lid for lid in s.scalars(select(Contract.plan_line_id).where(Contract.plan_line_id.is_not(None)))}


def _committed(s: Session, source_id: int, *, exclude_line: int | None = None,
               exclude_contract: int | None = None) -> Decimal:
    amounts = _line_amounts(s)
    contracted = _contracted_lines(s)
    total = Decimal("0.00")
    for line in s.scalars(select(PlanLine).where(PlanLine.funding_source_id == source_id,
                                                 PlanLine.status.not_in(INACTIVE))):
        if line.id == exclude_line or line.id in contracted:
            continue
        total += amounts.get(line.id, Decimal("0.00"))
    for c in s.scalars(select(Contract).where(Contract.funding_source_id == source_id)):
        if c.id != exclude_contract:
            total += c.price
    return total


def limit_problem(source_id: int | None, extra: Decimal, *, exclude_line: int | None = None,
                  exclude_contract: int | None = None, session: Session | None = None) -> str | None:
    """A Russian warning when adding ``extra`` to the source would exceed its limit, else None."""
    if source_id is None or extra is None:
        return None

    def check(s: Session) -> str | None:
        f = s.get(FundingSource, source_id)
        if f is None:
            return None
        committed = _committed(s, source_id, exclude_line=exclude_line, exclude_contract=exclude_contract)
        if committed + extra > f.limit_amount:
            return translate("Procurement", "Превышен лимит источника «{0}»: лимит {1} ₽, уже распределено {2} ₽, добавляется {3} ₽ — "
                      "не хватает {4} ₽. Уменьшите сумму, выберите другой источник или увеличьте лимит.").format(
                f.name, fmt_money(f.limit_amount), fmt_money(committed), fmt_money(extra),
                fmt_money(committed + extra - f.limit_amount))
        return None

    if session is not None:
        return check(session)
    with read() as s:
        return check(s)


def _check_line_limit(s: Session, line: PlanLine) -> None:
    if line.funding_source_id is None or line.status in INACTIVE:
        return
    if s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)):
        return
    amount = _line_amounts(s).get(line.id, Decimal("0.00"))
    msg = limit_problem(line.funding_source_id, amount, exclude_line=line.id, session=s)
    if msg:
        raise ValidationError(msg, field="funding_source")


def budget() -> BudgetSummary:
    with read() as s:
        return _budget(s)


def _budget(s: Session) -> BudgetSummary:
    amounts = _line_amounts(s)
    contracted_lines = _contracted_lines(s)
    rows = []
    sources = sorted(s.scalars(select(FundingSource)), key=lambda f: (list(SOURCE_NAMES).index(f.code)
                                                                      if f.code in SOURCE_NAMES else 99, f.name))
    zero = Decimal("0.00")
    planned_by: dict[int | None, Decimal] = {}
    open_by: dict[int | None, Decimal] = {}
    for line in s.scalars(select(PlanLine).where(PlanLine.status.not_in(INACTIVE))):
        a = amounts.get(line.id, zero)
        planned_by[line.funding_source_id] = planned_by.get(line.funding_source_id, zero) + a
        if line.id not in contracted_lines:
            open_by[line.funding_source_id] = open_by.get(line.funding_source_id, zero) + a
    contracted_by: dict[int | None, Decimal] = {}
    for c in s.scalars(select(Contract)):
        contracted_by[c.funding_source_id] = contracted_by.get(c.funding_source_id, zero) + c.price
    paid_by: dict[int | None, Decimal] = {}
    for src, amount in s.execute(select(Contract.funding_source_id, Payment.amount)
                                 .join(Payment, Payment.contract_id == Contract.id)
                                 .where(Payment.paid_on.is_not(None))):
        paid_by[src] = paid_by.get(src, zero) + amount
    for f in sources:
        contracted = contracted_by.get(f.id, zero)
        rows.append(BudgetRow(f.code, f.name, f.limit_amount, planned_by.get(f.id, zero), contracted,
                              paid_by.get(f.id, zero), f.limit_amount - contracted - open_by.get(f.id, zero)))
    tot = BudgetRow("total", translate("Procurement", "Итого по проекту"), sum((r.limit for r in rows), zero),
                    sum((r.planned for r in rows), zero) + planned_by.get(None, zero),
                    sum((r.contracted for r in rows), zero) + contracted_by.get(None, zero),
                    sum((r.paid for r in rows), zero) + paid_by.get(None, zero), zero)
    committed = tot.contracted + sum(open_by.values(), zero)
    tot = BudgetRow(tot.code, tot.name, tot.limit, tot.planned, tot.contracted, tot.paid, PROJECT_TOTAL - committed)
    return BudgetSummary(rows, tot, PROJECT_TOTAL, GRANT_CAP, planned_by.get(None, zero))


# --- plan-schedule ------------------------------------------------------------------------------------------
def _step(s: Session, line: PlanLine, status: str, note: str = "", on: dt.date | None = None) -> None:
    line.steps.append(PlanStep(status=status, date=on or dt.date.today(), user_login=_login(s), note=note or ""))
    line.status = status
    for n in s.scalars(select(Need).where(Need.plan_line_id == line.id)):
        n.status = "need" if status == "cancelled" else status


def _next_number(s: Session, year: int) -> str:
    prefix = f"ПГ-{year}-"
    nums = [x for x in s.scalars(select(PlanLine.number).where(PlanLine.number.like(prefix + "%")))]
    seq = max((int(x[len(prefix):]) for x in nums if x[len(prefix):].isdigit()), default=0) + 1
    return f"{prefix}{seq:03d}"


def _attach_needs(s: Session, line: PlanLine, need_ids: list[int]) -> None:
    for nid in need_ids:
        n = _get(s, Need, nid, translate("Procurement", "Потребность"))
        if n.plan_line_id is not None and n.plan_line_id != line.id:
            raise ValidationError(translate("Procurement", "Потребность «{0}» уже включена в строку плана {1}.").format(
                n.name, n.plan_line.number if n.plan_line else n.plan_line_id), field="needs")
        if n.status not in ("need", "in_plan"):
            raise ValidationError(translate("Procurement", "Потребность «{0}» в статусе «{1}» нельзя включить в план.")
                                  .format(n.name, status_label(n.status)), field="needs")
        n.plan_line_id = line.id
        n.status = line.status
        if n.funding_source_id is None:
            n.funding_source_id = line.funding_source_id


def _create_plan_line(s: Session, title: str, need_ids: list[int], funding_source_id: int | None = None,
                      law: str = "44-ФЗ", method: str = "электронный аукцион", okpd2: str = "",
                      planned_year: int | None = None, planned_quarter: int | None = None,
                      on: dt.date | None = None) -> int:
    title = _text(title, "title", translate("Procurement", "Предмет закупки"), max_len=500)
    if not need_ids:
        raise ValidationError(translate("Procurement", "Выберите хотя бы одну потребность для строки плана-графика."), field="needs")
    if law not in LAWS:
        raise ValidationError(translate("Procurement", "Закон закупки: 44-ФЗ или 223-ФЗ."), field="law")
    if funding_source_id is not None:
        _get(s, FundingSource, funding_source_id, translate("Procurement", "Источник финансирования"))
    if planned_quarter is not None and planned_quarter not in (1, 2, 3, 4):
        raise ValidationError(translate("Procurement", "Квартал — число от 1 до 4."), field="planned_quarter")
    year = planned_year or (on or dt.date.today()).year
    line = PlanLine(number=_next_number(s, year), title=title, law=law, method=(method or "")[:100],
                    okpd2=(okpd2 or "").strip()[:20], funding_source_id=funding_source_id, planned_year=year,
                    planned_quarter=planned_quarter, status="in_plan")
    s.add(line)
    s.flush()
    _attach_needs(s, line, list(dict.fromkeys(need_ids)))
    if not line.okpd2:
        first = s.scalar(select(Need.okpd2).where(Need.plan_line_id == line.id, Need.okpd2 != "").limit(1))
        line.okpd2 = first or ""
    _step(s, line, "in_plan", on=on)
    s.flush()
    _check_line_limit(s, line)
    return line.id


def create_plan_line(title: str, need_ids: list[int], funding_source_id: int | None = None, *, law: str = "44-ФЗ",
                     method: str = "электронный аукцион", okpd2: str = "", planned_year: int | None = None,
                     planned_quarter: int | None = None) -> int:
    require(WRITE)
    with uow() as s:
        return _create_plan_line(s, title, need_ids, funding_source_id, law, method, okpd2, planned_year,
                                 planned_quarter)


def update_plan_line(line_id: int, version: int | None = None, **data) -> None:
    """title, law, method, okpd2, funding_source_id, planned_year, planned_quarter, notice_number."""
    require(WRITE)
    with uow() as s:
        line = _get(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"))
        _check_version(line, version)
        if "title" in data:
            line.title = _text(data["title"], "title", translate("Procurement", "Предмет закупки"), max_len=500)
        if "law" in data:
            if data["law"] not in LAWS:
                raise ValidationError(translate("Procurement", "Закон закупки: 44-ФЗ или 223-ФЗ."), field="law")
            line.law = data["law"]
        for k in ("method", "okpd2", "notice_number"):
            if k in data:
                setattr(line, k, (data[k] or "").strip())
        if "planned_year" in data:
            line.planned_year = data["planned_year"]
        if "planned_quarter" in data:
            if data["planned_quarter"] not in (None, 1, 2, 3, 4):
                raise ValidationError(translate("Procurement", "Квартал — число от 1 до 4."), field="planned_quarter")
            line.planned_quarter = data["planned_quarter"]
        if "funding_source_id" in data and data["funding_source_id"] != line.funding_source_id:
            if s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)):
                raise ValidationError(translate("Procurement", "По строке уже заключён контракт: источник финансирования менять нельзя."),
                                      field="funding_source")
            if data["funding_source_id"] is not None:
                _get(s, FundingSource, data["funding_source_id"], translate("Procurement", "Источник финансирования"))
            line.funding_source_id = data["funding_source_id"]
        s.flush()
        _check_line_limit(s, line)


def add_needs_to_line(line_id: int, need_ids: list[int]) -> None:
    require(WRITE)
    with uow() as s:
        line = _get(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"))
        if line.status != "in_plan":
            raise ValidationError(translate("Procurement", "Добавлять потребности можно только в строку в статусе «В плане»."))
        _attach_needs(s, line, need_ids)
        s.flush()
        _check_line_limit(s, line)


def remove_need_from_line(line_id: int, need_id: int) -> None:
    require(WRITE)
    with uow() as s:
        line = _get(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"))
        n = _get(s, Need, need_id, translate("Procurement", "Потребность"))
        if n.plan_line_id != line.id:
            raise ValidationError(translate("Procurement", "Потребность «{0}» не входит в строку {1}.").format(n.name, line.number))
        if line.status != "in_plan":
            raise ValidationError(translate("Procurement", "Исключать потребности можно только из строки в статусе «В плане»."))
        if s.scalar(select(func.count(Need.id)).where(Need.plan_line_id == line.id)) <= 1:
            raise ValidationError(translate("Procurement", "В строке плана должна остаться хотя бы одна потребность; отмените строку, "
                                     "если закупка не нужна."))
        n.plan_line_id = None
        n.status = "need"


def _blocked(s: Session, line: PlanLine, status: str) -> str | None:
    """Why ``status`` cannot be taken yet (data missing), or None."""
    if status == "price_justified":
        needs = list(s.scalars(select(Need).where(Need.plan_line_id == line.id)))
        for n in needs:
            r = _compute_for(n)
            if not r.valid:
                return translate("Procurement", "«{0}»: {1}").format(n.name, r.message)
        return None
    if status == "contract_signed":
        if not s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)):
            return translate("Procurement", "Зарегистрируйте контракт по этой строке (кнопка «Контракт заключён» открывает его форму).")
        return None
    if status == "delivered":
        if not _deliveries_of_line(s, line.id):
            return translate("Procurement", "Зарегистрируйте поставку по контракту этой строки.")
        return None
    if status == "accepted":
        if not any(d.accepted_at for d in _deliveries_of_line(s, line.id)):
            return translate("Procurement", "Примите поставку: при приёмке оборудование ставится на учёт.")
        return None
    if status == "on_inventory":
        ds = _deliveries_of_line(s, line.id)
        if not ds or any(d.accepted_at is None for d in ds):
            return translate("Procurement", "Есть непринятые поставки: примите их, чтобы поставить оборудование на учёт.")
        return None
    return None


def _deliveries_of_line(s: Session, line_id: int) -> list[Delivery]:
    return list(s.scalars(select(Delivery).join(Contract, Contract.id == Delivery.contract_id)
                          .where(Contract.plan_line_id == line_id)))


def allowed_steps(line_id: int) -> list[str]:
    with read() as s:
        line = _get(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"))
        return list(NEXT_STEPS.get(line.status, ()))


def _advance(s: Session, line: PlanLine, status: str, note: str = "", on: dt.date | None = None) -> None:
    allowed = NEXT_STEPS.get(line.status, ())
    if status not in allowed:
        names = ", ".join(f"«{status_label(x)}»" for x in allowed) or translate("Procurement", "никакой (строка закрыта)")
        raise ValidationError(translate("Procurement", "Строка {0} в статусе «{1}»: шаг «{2}» сейчас невозможен. Допустимый следующий "
                                 "шаг: {3}.").format(line.number, status_label(line.status), status_label(status),
                                                     names), field="status")
    why = _blocked(s, line, status)
    if why:
        raise ValidationError(translate("Procurement", "Шаг «{0}» по строке {1} пока невозможен: {2}").format(
            status_label(status), line.number, why), field="status")
    on = on or dt.date.today()
    last = max((st.date for st in line.steps), default=None)
    if last is not None and on < last:
        raise ValidationError(translate("Procurement", "Дата шага {0} раньше даты предыдущего шага {1}.").format(
            on.strftime("%d.%m.%Y"), last.strftime("%d.%m.%Y")), field="date")
    if status == "price_justified":
        for n in s.scalars(select(Need).where(Need.plan_line_id == line.id)):
            n.nmck = _compute_for(n).nmck
        s.flush()
        _check_line_limit(s, line)
    if status == "notice_published" and note:
        line.notice_number = note.strip()[:64]
    _step(s, line, status, note, on)


def advance(line_id: int, status: str, note: str = "", on: dt.date | None = None, version: int | None = None) -> None:
    """Take the next step of the status road; refused when it is not an allowed next step."""
    require(WRITE)
    with uow() as s:
        line = _get(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика"))
        _check_version(line, version)
        _advance(s, line, status, note, on)


def _plan_info(s: Session, line: PlanLine) -> PlanLineInfo:
    needs = list(s.scalars(select(Need).where(Need.plan_line_id == line.id).order_by(Need.id)))
    src = s.get(FundingSource, line.funding_source_id) if line.funding_source_id else None
    amount = sum((n.nmck or Decimal("0.00") for n in needs), Decimal("0.00"))
    nxt = list(NEXT_STEPS.get(line.status, ()))
    blocked = {x: why for x in nxt if (why := _blocked(s, line, x))}
    return PlanLineInfo(
        line.id, line.number, line.title, line.law, line.method, line.okpd2, line.funding_source_id,
        src.name if src else "", line.planned_year, line.planned_quarter, line.notice_number, line.status, amount,
        line.version,
        [{"id": n.id, "name": n.name, "quantity": n.quantity, "unit": n.unit, "nmck": n.nmck, "status": n.status,
          "room_id": n.room_id} for n in needs],
        [StepInfo(st.status, st.date, st.user_login, st.note) for st in line.steps], nxt, blocked,
        list(s.scalars(select(Contract.id).where(Contract.plan_line_id == line.id).order_by(Contract.id))))


def get_plan_line(line_id: int) -> PlanLineInfo:
    with read() as s:
        return _plan_info(s, _get(s, PlanLine, line_id, translate("Procurement", "Строка плана-графика")))


def _plan_stmt(q: ListQuery):
    amount = select(func.coalesce(func.sum(Need.nmck), 0)).where(Need.plan_line_id == PlanLine.id).scalar_subquery()
    n_needs = select(func.count(Need.id)).where(Need.plan_line_id == PlanLine.id).scalar_subquery()
    stmt = (select(PlanLine, FundingSource.name.label("source"), FundingSource.code.label("source_code"),
                   amount.label("amount"), n_needs.label("needs"))
            .outerjoin(FundingSource, FundingSource.id == PlanLine.funding_source_id))
    f = q.filters
    if f.get("status"):
        stmt = stmt.where(PlanLine.status == f["status"])
    if f.get("source"):
        stmt = stmt.where(FundingSource.code == f["source"])
    stmt = apply_search(stmt, PlanLine.search_key, q.search)
    cols = {"number": PlanLine.number, "title": PlanLine.title, "status": PlanLine.status, "amount": amount,
            "source": FundingSource.name, "law": PlanLine.law, "period": PlanLine.planned_quarter,
            "needs": n_needs}
    return stmt, cols


def count_plan_lines(q: ListQuery) -> int:
    with read() as s:
        return count_of(s, _plan_stmt(q)[0])


def list_plan_lines(q: ListQuery) -> list[dict]:
    with read() as s:
        stmt, cols = _plan_stmt(q)
        stmt = window(apply_sort(stmt, cols, q, PlanLine.number, PlanLine.id), q)
        out = []
        for line, source, code, amount, n_needs in s.execute(stmt):
            period = ""
            if line.planned_year:
                period = f"{line.planned_quarter} кв. {line.planned_year}" if line.planned_quarter else \
                    str(line.planned_year)
            out.append({"id": line.id, "number": line.number, "title": line.title, "law": line.law,
                        "method": line.method, "okpd2": line.okpd2, "source": source or "", "source_code": code or "",
                        "period": period, "status": line.status, "amount": Decimal(amount or 0),
                        "needs": n_needs or 0, "notice_number": line.notice_number, "version": line.version})
        for r in out:
            r["amount"] = r["amount"].quantize(Decimal("0.01"))
        return out


def plan_schedule_rows(source: str | None = None) -> list[dict]:
    """Every plan-schedule line with its needs and steps, for the xlsx export and the printed plan."""
    with read() as s:
        stmt = select(PlanLine).order_by(PlanLine.number)
        if source:
            f = _source_by(s, source)
            stmt = stmt.where(PlanLine.funding_source_id == f.id)
        out = []
        for line in s.scalars(stmt):
            info = _plan_info(s, line)
            steps = {st.status: st for st in info.steps}
            contract = s.scalar(select(Contract).where(Contract.plan_line_id == line.id).order_by(Contract.id).limit(1))
            out.append({
                "number": info.number, "title": info.title, "okpd2": info.okpd2, "law": info.law,
                "method": info.method, "source": info.source_name, "year": info.planned_year,
                "quarter": info.planned_quarter, "amount": info.amount, "status": info.status,
                "status_label": status_label(info.status), "notice_number": info.notice_number,
                "needs": info.needs,
                "steps": [{"status": st.status, "label": status_label(st.status), "date": st.date,
                           "user": st.user_login, "note": st.note} for st in info.steps],
                "published_on": steps["notice_published"].date if "notice_published" in steps else None,
                "contract": f"№ {contract.number} от {contract.date.strftime('%d.%m.%Y')}" if contract else "",
                "contract_price": contract.price if contract else None,
                "supplier": contract.supplier.name if contract else "",
            })
        return out


def _source_by(s: Session, source) -> FundingSource:
    key = str(source).strip()
    f = s.scalar(select(FundingSource).where(FundingSource.code == key))
    if f is None and key.isdigit():
        f = s.get(FundingSource, int(key))
    if f is None:
        from chemcluster_desktop.storage.search import fold

        for x in s.scalars(select(FundingSource)):
            if fold(key) in fold(x.name):
                f = x
                break
    if f is None:
        codes = ", ".join(s.scalars(select(FundingSource.code)))
        raise NotFoundError(translate("Procurement", "Источник финансирования «{0}» не найден. Есть: {1}.").format(key, codes))
    return f


def source_by(source) -> SourceInfo:
    with read() as s:
        return _source_info(_source_by(s, source))


# --- contracts and payments ---------------------------------------------------------------------------------
def _payment_plan(price: Decimal, payments) -> list[tuple[Decimal, dt.date | None, str]]:
    if not payments:
        return [(price, None, translate("Procurement", "Оплата по факту поставки"))]
    out = []
    for i, p in enumerate(payments, start=1):
        if isinstance(p, dict):
            amount, due, note = p.get("amount"), p.get("due_on"), p.get("note", "")
        else:
            amount, due, note = (list(p) + [None, ""])[:3]
        out.append((parse_money(amount, "payments", translate("Procurement", "Сумма этапа оплаты {0}").format(i), row=i), due, note or ""))
    total = sum((a for a, _d, _n in out), Decimal("0.00"))
    if total > price:
        raise ValidationError(translate("Procurement", "Сумма этапов оплаты {0} ₽ больше цены контракта {1} ₽.").format(
            fmt_money(total), fmt_money(price)), field="payments")
    return out


def _create_contract(s: Session, plan_line_id: int, number: str, date: dt.date, supplier_id: int, price,
                     payments=None, subject: str = "", funding_source_id: int | None = None) -> int:
    line = _get(s, PlanLine, plan_line_id, translate("Procurement", "Строка плана-графика"))
    number = _text(number, "number", translate("Procurement", "Номер контракта"), max_len=64)
    if not isinstance(date, dt.date):
        raise ValidationError(translate("Procurement", "Укажите дату контракта."), field="date")
    sup = _get(s, Supplier, supplier_id, translate("Procurement", "Поставщик"))
    price = parse_money(price, "price", translate("Procurement", "Цена контракта"))
    if line.status not in ("supplier_chosen", "contract_signed"):
        raise ValidationError(translate("Procurement", "Контракт по строке {0} можно заключить только после определения поставщика "
                                 "(сейчас статус «{1}»).").format(line.number, status_label(line.status)),
                              field="plan_line")
    if s.scalar(select(Contract.id).where(Contract.number == number, Contract.supplier_id == supplier_id)):
        raise DuplicateError(translate("Procurement", "Контракт № {0} с поставщиком «{1}» уже зарегистрирован.").format(number, sup.name),
                             field="number")
    amount = _line_amounts(s).get(line.id, Decimal("0.00"))
    if amount and price > amount:
        raise ValidationError(translate("Procurement", "Цена контракта {0} ₽ больше НМЦК строки плана {1} ₽: так быть не может.").format(
            fmt_money(price), fmt_money(amount)), field="price")
    source_id = funding_source_id if funding_source_id is not None else line.funding_source_id
    # the line's planned amount is replaced by the contract price
    has_contract = bool(s.scalar(select(func.count(Contract.id)).where(Contract.plan_line_id == line.id)))
    msg = limit_problem(source_id, price, exclude_line=None if has_contract else line.id, session=s)
    if msg:
        raise ValidationError(msg, field="price")
    plan = _payment_plan(price, payments)
    c = Contract(number=number, date=date, supplier_id=sup.id, supplier=sup, plan_line_id=line.id,
                 funding_source_id=source_id, price=price, subject=(subject or line.title)[:500])
    s.add(c)
    for amount_, due, note in plan:
        c.payments.append(Payment(amount=amount_, due_on=due, note=(note or "")[:300]))
    s.flush()
    if line.status == "supplier_chosen":
        _step(s, line, "contract_signed", translate("Procurement", "Контракт № {0}").format(number), max(date, _last_step_date(line)))
    return c.id


def _last_step_date(line: PlanLine) -> dt.date:
    return max((st.date for st in line.steps), default=dt.date.min)


def create_contract(plan_line_id: int, number: str, date: dt.date, supplier_id: int, price, *,
                    payments=None, subject: str = "", funding_source_id: int | None = None) -> int:
    """payments: list of (amount, due_on[, note]) or dicts; without them one stage for the whole price."""
    require(WRITE)
    with uow() as s:
        return _create_contract(s, plan_line_id, number, date, supplier_id, price, payments, subject,
                                funding_source_id)


def add_payment(contract_id: int, amount, due_on: dt.date | None = None, note: str = "") -> int:
    require(WRITE)
    with uow() as s:
        c = _get(s, Contract, contract_id, translate("Procurement", "Контракт"))
        amount = parse_money(amount, "amount", translate("Procurement", "Сумма этапа оплаты"))
        total = sum((p.amount for p in c.payments), Decimal("0.00")) + amount
        if total > c.price:
            raise ValidationError(translate("Procurement", "Этапы оплаты составят {0} ₽ — больше цены контракта {1} ₽.").format(
                fmt_money(total), fmt_money(c.price)), field="amount")
        p = Payment(amount=amount, due_on=due_on, note=(note or "")[:300])
        c.payments.append(p)
        s.flush()
        return p.id


def _mark_paid(s: Session, payment_id: int, paid_on: dt.date | None = None) -> None:
    p = _get(s, Payment, payment_id, translate("Procurement", "Этап оплаты"))
    if p.paid_on is not None:
        raise ValidationError(translate("Procurement", "Этап оплаты уже отмечен оплаченным {0}.").format(p.paid_on.strftime("%d.%m.%Y")))
    p.paid_on = paid_on or dt.date.today()


def mark_paid(payment_id: int, paid_on: dt.date | None = None) -> None:
    require(WRITE)
    with uow() as s:
        _mark_paid(s, payment_id, paid_on)


def _delivery_info(s: Session, d: Delivery, number: str = "") -> DeliveryInfo:
    lines = []
    for ln in d.lines:
        items = list(s.scalars(select(DeliveryItem.item_id).where(DeliveryItem.delivery_line_id == ln.id)
                               .order_by(DeliveryItem.item_id)))
        lines.append(DeliveryLineInfo(ln.id, ln.need_id, ln.name, ln.quantity, ln.unit_price, items))
    amount = sum((ln.quantity * ln.unit_price for ln in d.lines), Decimal("0.00")).quantize(Decimal("0.01"))
    return DeliveryInfo(d.id, d.contract_id, number, d.date, d.document_number, d.accepted_at, d.accepted_by,
                        amount, lines, d.version)


def _contract_info(s: Session, c: Contract) -> ContractInfo:
    line = s.get(PlanLine, c.plan_line_id) if c.plan_line_id else None
    src = s.get(FundingSource, c.funding_source_id) if c.funding_source_id else None
    paid = sum((p.amount for p in c.payments if p.paid_on), Decimal("0.00"))
    deliveries = [_delivery_info(s, d, c.number) for d in
                  s.scalars(select(Delivery).where(Delivery.contract_id == c.id).order_by(Delivery.date, Delivery.id))]
    delivered = sum((d.amount for d in deliveries), Decimal("0.00"))
    needs = []
    if line is not None:
        for n in s.scalars(select(Need).where(Need.plan_line_id == line.id).order_by(Need.id)):
            done = _delivered_qty(s, c.id, n.id)
            needs.append({"id": n.id, "name": n.name, "quantity": n.quantity, "unit": n.unit, "nmck": n.nmck,
                          "delivered": done, "left": n.quantity - done,
                          "unit_price": _contract_unit_price(s, c, n)})
    return ContractInfo(c.id, c.number, c.date, c.supplier_id, c.supplier.name, c.plan_line_id,
                        line.number if line else "", line.status if line else "", c.funding_source_id,
                        src.name if src else "", c.price, paid, delivered, c.subject,
                        [PaymentInfo(p.id, p.amount, p.due_on, p.paid_on, p.note) for p in
                         sorted(c.payments, key=lambda p: (p.due_on is None, p.due_on or dt.date.min, p.id))],
                        deliveries, needs, c.version)


def _contract_unit_price(s: Session, c: Contract, n: Need) -> Decimal:
    """The need's unit price in the contract: its НМЦК share scaled by the tender's reduction."""
    amount = _line_amounts(s).get(c.plan_line_id, Decimal("0.00"))
    if not amount or not n.nmck or not n.quantity:
        return Decimal("0.00")
    from decimal import ROUND_DOWN

    return (n.nmck * c.price / amount / n.quantity).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def _delivered_qty(s: Session, contract_id: int, need_id: int) -> Decimal:
    v = s.scalars(select(DeliveryLine.quantity).join(Delivery, Delivery.id == DeliveryLine.delivery_id)
                  .where(Delivery.contract_id == contract_id, DeliveryLine.need_id == need_id))
    return sum(v, Decimal(0))


def get_contract(contract_id: int) -> ContractInfo:
    with read() as s:
        return _contract_info(s, _get(s, Contract, contract_id, translate("Procurement", "Контракт")))


def _contract_stmt(q: ListQuery):
    paid = (select(func.coalesce(func.sum(Payment.amount), 0))
            .where(Payment.contract_id == Contract.id, Payment.paid_on.is_not(None)).scalar_subquery())
    pending = (select(func.count(Delivery.id))
               .where(Delivery.contract_id == Contract.id, Delivery.accepted_at.is_(None)).scalar_subquery())
    stmt = (select(Contract, Supplier.name.label("supplier"), PlanLine.number.label("plan"),
                   PlanLine.status.label("plan_status"), FundingSource.name.label("source"), paid.label("paid"),
                   pending.label("pending"))
            .join(Supplier, Supplier.id == Contract.supplier_id)
            .outerjoin(PlanLine, PlanLine.id == Contract.plan_line_id)
            .outerjoin(FundingSource, FundingSource.id == Contract.funding_source_id))
    if q.filters.get("pending"):
        stmt = stmt.where(pending > 0)
    stmt = apply_search(stmt, Contract.search_key, q.search)
    cols = {"number": Contract.number, "date": Contract.date, "supplier": Supplier.name, "price": Contract.price,
            "paid": paid, "plan": PlanLine.number, "status": PlanLine.status}
    return stmt, cols


def count_contracts(q: ListQuery) -> int:
    with read() as s:
        return count_of(s, _contract_stmt(q)[0])


def list_contracts(q: ListQuery) -> list[dict]:
    with read() as s:
        stmt, cols = _contract_stmt(q)
        stmt = window(apply_sort(stmt, cols, q, Contract.date, Contract.id), q)
        out = []
        for c, supplier, plan, plan_status, source, paid, pending in s.execute(stmt):
            out.append({"id": c.id, "number": c.number, "date": c.date, "supplier": supplier, "plan": plan or "",
                        "status": plan_status or "", "source": source or "", "price": c.price,
                        "paid": Decimal(paid or 0).quantize(Decimal("0.01")),
                        "pending": pending or 0, "subject": c.subject})
        return out


# --- deliveries and acceptance --------------------------------------------------------------------------------
def _create_delivery(s: Session, contract_id: int, date: dt.date, document_number: str, lines: list,
                     note: str = "") -> int:
    c = _get(s, Contract, contract_id, translate("Procurement", "Контракт"))
    if not isinstance(date, dt.date):
        raise ValidationError(translate("Procurement", "Укажите дату поставки."), field="date")
    if date < c.date:
        raise ValidationError(translate("Procurement", "Дата поставки {0} раньше даты контракта {1}.").format(
            date.strftime("%d.%m.%Y"), c.date.strftime("%d.%m.%Y")), field="date")
    if not lines:
        raise ValidationError(translate("Procurement", "В поставке нет ни одной строки: укажите, что и сколько поставлено."), field="lines")
    line = s.get(PlanLine, c.plan_line_id) if c.plan_line_id else None
    if line is None or line.status not in ("contract_signed", "delivered", "accepted"):
        raise ValidationError(translate("Procurement", "Поставку можно зарегистрировать только по заключённому контракту."))
    d = Delivery(contract_id=c.id, date=date, document_number=(document_number or "").strip()[:64],
                 note=note or "")
    new_total = Decimal("0.00")
    seen: dict[int, Decimal] = {}
    for i, raw in enumerate(lines, start=1):
        if isinstance(raw, dict):
            need_id, qty, price = raw.get("need_id"), raw.get("quantity"), raw.get("unit_price")
        else:
            need_id, qty, price = (list(raw) + [None])[:3]
        n = _get(s, Need, need_id, translate("Procurement", "Потребность"))
        if n.plan_line_id != c.plan_line_id:
            raise ValidationError(translate("Procurement", "Строка {0}: «{1}» не входит в контракт № {2}.").format(i, n.name, c.number),
                                  field="lines", row=i)
        qty = parse_quantity(qty, "quantity", translate("Procurement", "Количество в строке {0}").format(i), row=i)
        if price in (None, ""):
            price = _contract_unit_price(s, c, n)
        price = parse_money(price, "unit_price", translate("Procurement", "Цена в строке {0}").format(i), row=i)
        done = _delivered_qty(s, c.id, n.id) + seen.get(n.id, Decimal(0))
        if done + qty > n.quantity:
            raise ValidationError(translate("Procurement", "Поставка больше контракта: по «{0}» законтрактовано {1} {2}, уже поставлено {3}, "
                                     "в этой поставке {4}. Уменьшите количество до {5}.").format(
                n.name, _num(n.quantity), n.unit, _num(done), _num(qty), _num(n.quantity - done)),
                field="lines", row=i)
        seen[n.id] = seen.get(n.id, Decimal(0)) + qty
        new_total += qty * price
        d.lines.append(DeliveryLine(need_id=n.id, name=n.name, quantity=qty, unit_price=price))
    already = sum((ln.quantity * ln.unit_price for dd in s.scalars(select(Delivery).where(Delivery.contract_id == c.id))
                   for ln in dd.lines), Decimal("0.00"))
    if already + new_total > c.price:
        raise ValidationError(translate("Procurement", "Поставка больше контракта: сумма поставок составит {0} ₽ при цене контракта {1} ₽.")
                              .format(fmt_money(already + new_total), fmt_money(c.price)), field="lines")
    s.add(d)
    s.flush()
    if line.status in ("contract_signed", "accepted"):
        _step(s, line, "delivered", translate("Procurement", "Накладная {0}").format(d.document_number) if d.document_number else "",
              max(date, _last_step_date(line)))
    return d.id


def _num(q: Decimal) -> str:
    return format(q.normalize(), "f").replace(".", ",") if q != q.to_integral_value() else str(int(q))


def create_delivery(contract_id: int, date: dt.date, document_number: str, lines: list, note: str = "") -> int:
    """lines: (need_id, quantity[, unit_price]) or dicts; the unit price defaults to the contract's."""
    require(WRITE)
    with uow() as s:
        return _create_delivery(s, contract_id, date, document_number, lines, note)


def _accept_delivery(s: Session, delivery_id: int, on: dt.date | None = None) -> list[int]:
    from chemcluster_desktop.services import inventory

    d = _get(s, Delivery, delivery_id, translate("Procurement", "Поставка"))
    if d.accepted_at is not None:
        raise ValidationError(translate("Procurement", "Поставка по накладной {0} уже принята {1}.").format(
            d.document_number or d.id, d.accepted_at.strftime("%d.%m.%Y")))
    c = s.get(Contract, d.contract_id)
    on = on or dt.date.today()
    item_ids: list[int] = []
    for ln in d.lines:
        n = s.get(Need, ln.need_id) if ln.need_id else None
        room_id = (n.room_id if n else None) or (_room_of_workshop(s, n.workshop_id) if n else None)
        if room_id is None:
            raise ValidationError(translate("Procurement", "Для «{0}» не указано помещение: укажите его в потребности, чтобы поставить "
                                     "оборудование на учёт.").format(ln.name), field="room")
        room = s.get(Room, room_id)
        whole = ln.quantity == ln.quantity.to_integral_value()
        note = translate("Procurement", "Поставлено по контракту № {0} от {1} ({2}), накладная {3}").format(
            c.number, c.date.strftime("%d.%m.%Y"), c.supplier.name, d.document_number or "—")
        base = {"name": ln.name, "model": (n.specification.split("\n")[0][:200] if n else ""), "room_id": room_id,
                "responsible": room.responsible if room else "", "notes": note, "commissioned_on": on}
        if whole:  # equipment is counted piece by piece: one card per unit
            specs = [dict(base, kind="equipment", cost=ln.unit_price, quantity=Decimal(1), unit="шт.")
                     for _ in range(int(ln.quantity))]
        else:
            specs = [dict(base, kind="consumable", cost=(ln.unit_price * ln.quantity).quantize(Decimal("0.01")),
                          quantity=ln.quantity, unit=n.unit if n else "шт.")]
        ids = inventory.add_items_in_session(s, specs, document=note, on=on)
        for iid in ids:
            s.add(DeliveryItem(delivery_line_id=ln.id, item_id=iid))
        item_ids.extend(ids)
    d.accepted_at = utcnow()
    d.accepted_by = _login(s)
    s.flush()
    line = s.get(PlanLine, c.plan_line_id) if c.plan_line_id else None
    if line is not None and line.status == "delivered":
        when = max(on, _last_step_date(line))
        _step(s, line, "accepted", translate("Procurement", "Принято по накладной {0}: {1} ед.").format(d.document_number or d.id,
                                                                                   len(item_ids)), when)
        complete = all(_delivered_qty(s, c.id, n.id) >= n.quantity
                       for n in s.scalars(select(Need).where(Need.plan_line_id == line.id)))
        pending = s.scalar(select(func.count(Delivery.id)).where(Delivery.contract_id == c.id,
                                                                  Delivery.accepted_at.is_(None)))
        if complete and not pending:
            _step(s, line, "on_inventory", translate("Procurement", "Поставлено на учёт: {0} ед.").format(len(item_ids)), when)
    return item_ids


def accept_delivery(delivery_id: int, on: dt.date | None = None) -> list[int]:
    """Accept a delivery: creates the inventory items (one per unit, in the need's room) in the same
    transaction, links them to the delivery line, and moves the plan line along."""
    require(WRITE)
    with uow() as s:
        return _accept_delivery(s, delivery_id, on)


def get_delivery(delivery_id: int) -> DeliveryInfo:
    with read() as s:
        d = _get(s, Delivery, delivery_id, translate("Procurement", "Поставка"))
        c = s.get(Contract, d.contract_id)
        return _delivery_info(s, d, c.number)


def pending_deliveries(line_id: int) -> list[int]:
    with read() as s:
        return [d.id for d in _deliveries_of_line(s, line_id) if d.accepted_at is None]


# --- small look-ups for forms ------------------------------------------------------------------------------------
def workshops() -> list[tuple[int, str]]:
    with read() as s:
        return [(w.id, w.name) for w in s.scalars(select(Workshop).order_by(Workshop.name))]


def rooms() -> list[tuple[int, str]]:
    with read() as s:
        return [(r.id, r.name) for r in s.scalars(select(Room).order_by(Room.name))]


def unplanned_needs() -> list[dict]:
    return list_needs(ListQuery(filters={"unplanned": True}, limit=10000, sort="id"))


def counts() -> dict[str, int]:
    with read() as s:
        return {
            "needs": s.scalar(select(func.count(Need.id))) or 0,
            "offers": s.scalar(select(func.count(Offer.id))) or 0,
            "plan_lines": s.scalar(select(func.count(PlanLine.id))) or 0,
            "contracts": s.scalar(select(func.count(Contract.id))) or 0,
            "pending_deliveries": s.scalar(select(func.count(Delivery.id)).where(Delivery.accepted_at.is_(None))) or 0,
        }


def needs_with_offers() -> list[int]:
    with read() as s:
        return list(s.scalars(select(Need.id).where(and_(Need.id.in_(select(Offer.need_id)))).order_by(Need.id)))
