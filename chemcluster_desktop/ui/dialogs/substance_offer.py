"""A new reagent card with a known CAS number is offered the substance's stored data (issue 12: a card
never wipes what other cards share): its empty fields take the substance's formula, pictograms,
H-phrases and storage group; the hint says how many cards share the substance."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from chemcluster_desktop.services import inventory


def _t(s: str) -> str:
    return QCoreApplication.translate("ItemCard", s)


def offer_substance(dlg) -> None:
    """A known CAS number offers the substance's stored data: empty fields of the card take it (what
    the person typed stays); the substance is shared, so its data is never wiped by an empty card."""
    sub = inventory.substance_by_cas(dlg.cas.text())
    if sub is None or (dlg.data.get("substance_id") == sub["id"]):
        dlg.substance_hint.setText("")
        return
    filled = []
    if not dlg.formula.text().strip() and sub["formula"]:
        dlg.formula.setText(sub["formula"])
        filled.append(_t("формула"))
    if not dlg.h.text().strip() and sub["h_statements"]:
        dlg.h.setText(sub["h_statements"].replace(",", ", "))
        filled.append(_t("H-фразы"))
    if not any(cb.isChecked() for cb in dlg.ghs.values()) and sub["ghs_pictograms"]:
        for code in sub["ghs_pictograms"].split(","):
            if code in dlg.ghs:
                dlg.ghs[code].setChecked(True)
        filled.append(_t("пиктограммы"))
    if not dlg.group.currentData() and sub["storage_group"]:
        dlg.group.setCurrentIndex(max(dlg.group.findData(sub["storage_group"]), 0))
        filled.append(_t("группа хранения"))
    text = _t("Вещество «{0}» уже есть в справочнике (карточек: {1}).").format(sub["name"], sub["cards"])
    if filled:
        text += " " + _t("Подставлено из справочника: {0}.").format(", ".join(filled))
    dlg.substance_hint.setText(text)
