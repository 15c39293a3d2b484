"""The bulk actions of the accreditation page, each previewed and undoable (issue 16): «Сопоставить»
again, «Подтвердить все», «Дефициты → закупки», the preview of an import into a competency that has
a list, and «Отменить действие». Each opens a :class:`BulkPreviewDialog` (Cancel is the default);
what the person confirms is written in one unit of work that keeps a restore point."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import ops
from chemcluster_desktop.ui.dialogs.acc_preview import BulkPreviewDialog, PreviewRow, PreviewTable

CTX = "AccBulk"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


def _pct(v: float) -> str:
    return (f"{v:.1f}" if v != int(v) else f"{v:.0f}").replace(".", ",") + " %"


def _num(v) -> str:
    s = f"{v:f}".rstrip("0").rstrip(".") if "." in f"{v:f}" else f"{v:f}"
    return s.replace(".", ",")


def _money(v) -> str:
    return "—" if v is None else f"{v:,.2f}".replace(",", " ").replace(".", ",") + " ₽"


def _undo_hint() -> str:
    return _t("Отменить можно кнопкой «Отменить действие» на панели страницы.")


# --- the list import -------------------------------------------------------------------------------
def import_preview(parent, r) -> BulkPreviewDialog:
    """What importing this report's file would do to the list and to each workshop on it."""
    rows = ([PreviewRow(None, [_t("Удаляется"), n], flagged=True) for n in r.removed_lines]
            + [PreviewRow(None, [_t("Изменяется"), n]) for n in r.changed_lines]
            + [PreviewRow(None, [_t("Добавляется"), n]) for n in r.added_lines])
    ws = [PreviewRow(w.workshop_id, [w.name, f"{_pct(w.readiness_before)} → {_pct(w.readiness_after)}",
                                     str(w.links_lost), str(w.loans_lost), str(w.photos_lost)], flagged=w.harmed)
          for w in r.workshops]
    tables = [PreviewTable(_t("Строки листа «{0}» на {1} год:").format(r.competency, r.year),
                           [_t("Что"), _t("Позиция")], rows)]
    if ws:
        tables.append(PreviewTable(_t("Мастерские, работающие по этому листу:"),
                                   [_t("Мастерская"), _t("Готовность"), _t("Теряет связей"), _t("Договоров"),
                                    _t("Фото")], ws))
    head = _t("Будет так: {0}.").format(r.consequences())
    confirm = _t("Заменить строки листа") if r.removed else _t("Импортировать")
    dlg = BulkPreviewDialog(parent, title=_t("Импорт листа: что изменится"), headline=head, tables=tables,
                            confirm_text=confirm, warnings=r.warnings, note=_undo_hint())
    dlg.setObjectName("ImportPreviewDialog")
    return dlg


# --- match -----------------------------------------------------------------------------------------
def run_match(page, wid: int) -> None:
    """A dry run first; its preview lists the links added and the proposals dropped, then the match."""

    def work(task):
        return acc.match(wid, dry_run=True, progress=lambda d, t: task.progress(d, t, _t("Сопоставление…")),
                         cancelled=task.is_cancelled)

    ops.run_task(page, _t("Сопоставление с инвентарём"), work, on_done=lambda r: _match_preview(page, wid, r))


def _state(st: str) -> str:
    return {"auto": _t("применяется"), "proposed": _t("предлагается"), "confirmed": _t("подтверждена"),
            "rejected": _t("отклонена")}.get(st, st)


def _match_preview(page, wid: int, r) -> None:
    rows = ([PreviewRow(None, [_t("Снимается"), c.line, c.item, str(c.score), c.reason], flagged=True)
             for c in r.dropped]
            + [PreviewRow(None, [_state(c.state), c.line, c.item, str(c.score), c.reason]) for c in r.added])
    head = _t("Будет применено связей: {0}, предложено: {1}; прежних предложений останется {2}, снимется {3}; "
              "позиций без пары: {4}.").format(r.applied, r.proposed, r.kept, len(r.dropped), r.still_open)
    if not rows:
        page.show_info(_t("Сопоставление"), _t("Сопоставление ничего не изменит: новых пар нет, прежние "
                                               "предложения остаются.") + " " + head)
        return
    dlg = BulkPreviewDialog(page, title=_t("Сопоставление: что изменится"), headline=head,
                            tables=[PreviewTable("", [_t("Что"), _t("Строка листа"), _t("Позиция инвентаря"),
                                                      _t("Сходство"), _t("Почему")], rows)],
                            confirm_text=_t("Сопоставить"), note=_undo_hint())
    dlg.setObjectName("MatchPreviewDialog")
    dlg.accepted.connect(lambda: _match_apply(page, wid))
    page._dialog = dlg
    dlg.open()


def _match_apply(page, wid: int) -> None:
    def work(task):
        return acc.match(wid, progress=lambda d, t: task.progress(d, t, _t("Сопоставление…")),
                         cancelled=task.is_cancelled)

    def done(r):
        page.show_info(_t("Сопоставление выполнено"), _t(
            "Мастерская «{0}»: применено связей — {1}, предложено на подтверждение — {2}, снято предложений — {3}, "
            "позиций без пары — {4}. Предложения видны при фильтре «Есть предложения сопоставления».").format(
            r.workshop, r.applied, r.proposed, len(r.dropped), r.still_open) + " " + _undo_hint())

    ops.run_task(page, _t("Сопоставление с инвентарём"), work, on_done=done)


# --- confirm ---------------------------------------------------------------------------------------
def confirm_preview(page, wid: int) -> BulkPreviewDialog | None:
    props = acc.proposals(wid)
    if not props:
        page.show_info(_t("Подтверждение"), _t("Предложений, ждущих подтверждения, нет."))
        return None
    rows = [PreviewRow(p.link_id, ["", p.line, p.item, str(p.score), p.reason], checked=not p.weak, flagged=p.weak)
            for p in props]
    weak = sum(1 for p in props if p.weak)
    head = _t("Предложений: {0}; отмечены для подтверждения {1}. Слабые ({2}: низкая оценка или разные признаки — "
              "например, другой материал) не отмечены: проверьте их и отметьте сами.").format(
        len(props), len(props) - weak, weak)
    dlg = BulkPreviewDialog(page, title=_t("Подтвердить предложения"), headline=head,
                            tables=[PreviewTable("", [_t("Отметка"), _t("Строка листа"), _t("Позиция инвентаря"),
                                                      _t("Сходство"), _t("Почему не отмечено")], rows,
                                                 checkable=True)],
                            confirm_text=_t("Подтвердить отмеченные"), note=_undo_hint())
    dlg.setObjectName("ConfirmPreviewDialog")
    dlg.accepted.connect(lambda: _confirm_apply(page, wid, dlg.checked_keys()))
    page._dialog = dlg
    dlg.open()
    return dlg


def _confirm_apply(page, wid: int, ids: list[int]) -> None:
    try:
        r = acc.confirm_proposals(wid, ids)
    except ServiceError as e:
        QMessageBox.warning(page, _t("Не выполнено"), str(e))
        return
    page.show_info(_t("Предложения подтверждены"), _t("Подтверждено предложений: {0}; ждут решения: {1}.")
                   .format(r.confirmed, r.left) + " " + _undo_hint())


# --- gaps → needs ----------------------------------------------------------------------------------
def needs_preview(page, wid: int) -> BulkPreviewDialog | None:
    try:
        plan = acc.plan_needs(wid)
    except ServiceError as e:
        QMessageBox.warning(page, _t("Не выполнено"), str(e))
        return None
    if not plan:
        page.show_info(_t("Дефициты"), _t("Дефицитов нет: все позиции чек-листа выполнены."))
        return None
    acts = {"create": _t("создать"), "update": _t("обновить"), "skip": _t("уже есть")}
    rows = [PreviewRow(p.checklist_line_id, [acts.get(p.action, p.action), p.number, p.name,
                                             f"{_num(p.quantity)} {p.unit}", _money(p.estimate), p.note],
                       checked=p.action != "skip", enabled=p.action != "skip", tooltip=p.note) for p in plan]
    n_new = sum(1 for p in plan if p.action == "create")
    n_upd = sum(1 for p in plan if p.action == "update")
    total = sum((p.estimate for p in plan if p.action != "skip" and p.estimate is not None), start=0)
    head = _t("Будет создано потребностей: {0}, обновлено: {1}; оценка по ценам инвентаря: {2} (где цена "
              "известна). Снимите отметку со строк, которые закупать не нужно.").format(n_new, n_upd, _money(total))
    dlg = BulkPreviewDialog(page, title=_t("Дефициты → закупки"), headline=head,
                            tables=[PreviewTable("", [_t("Действие"), _t("№"), _t("Позиция"), _t("Количество"),
                                                      _t("Оценка"), _t("Примечание")], rows, checkable=True)],
                            confirm_text=_t("Создать потребности"), note=_undo_hint())
    dlg.setObjectName("NeedsPreviewDialog")
    dlg.accepted.connect(lambda: _needs_apply(page, wid, dlg.checked_keys()))
    page._dialog = dlg
    dlg.open()
    return dlg


def _needs_apply(page, wid: int, line_ids: list[int]) -> None:
    try:
        r = acc.create_needs_from_gaps(wid, line_ids)
    except ServiceError as e:
        QMessageBox.warning(page, _t("Не выполнено"), str(e))
        return
    page.show_info(_t("Дефициты переданы в закупки"), _t("Создано потребностей: {0}, обновлено: {1}.")
                   .format(r.created, r.updated) + " " + _undo_hint())


# --- undo ------------------------------------------------------------------------------------------
def undo_last(page, wid: int | None) -> QMessageBox | None:
    """Ask (Cancel by default), then undo the newest action of the workshop (or of its list)."""
    pts = acc.restore_points(wid)
    if not pts:
        page.show_info(_t("Отмена действия"), _t("Отменять нечего."))
        return None
    p = pts[0]
    box = QMessageBox(QMessageBox.Icon.Question, _t("Отменить действие"), _t(
        "Отменить «{0}» ({1:%d.%m.%Y %H:%M}, {2})? Лист, связи чек-листа и потребности вернутся к состоянию до "
        "этого действия.").format(p.label, p.created_at, p.created_by or "—"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, page)
    box.setObjectName("undoBox")
    box.button(QMessageBox.StandardButton.Yes).setText(_t("Отменить действие"))
    box.button(QMessageBox.StandardButton.Cancel).setText(_t("Не отменять"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def answered(button) -> None:
        if box.standardButton(button) != QMessageBox.StandardButton.Yes:
            return
        try:
            r = acc.undo(p.id)
        except ServiceError as e:
            QMessageBox.warning(page, _t("Не отменено"), str(e))
            return
        page.show_info(_t("Действие отменено"), _t("Отменено: {0}. Восстановлено записей: {1}.")
                       .format(r.label, r.restored))

    box.buttonClicked.connect(answered)
    page._dialog = box
    box.open()
    return box
