"""The stock-taking decision's rooms list at 1366×768: every entry «room — МОЛ» on one line (the list is
as wide as its longest entry needs, the dialog widened for it within the screen), and an entry too long
for any width wraps with «— Орлов Д. С.» whole on its last line — never a lone initial («С.»)."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextLayout, QTextOption

from chemcluster_desktop.services import inventory
from chemcluster_desktop.ui.dialogs.stocktaking_decision import DecisionDialog, room_entry


def _lines(text: str, font, width: int) -> list[str]:
    """How Qt's word wrap cuts ``text`` at ``width`` pixels (the item delegate wraps the same way)."""
    layout = QTextLayout(text, font)
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(opt)
    layout.beginLayout()
    out = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        out.append(text[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return out


def test_every_room_entry_on_one_line_at_1366(demo_window, qtbot):
    dlg = DecisionDialog(demo_window)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    view = dlg.rooms
    assert view.count() == len(inventory.rooms()) >= 10
    one = min(view.visualItemRect(view.item(i)).height() for i in range(view.count()))
    tall = [view.item(i).text() for i in range(view.count()) if view.visualItemRect(view.item(i)).height() > one]
    assert tall == []
    # the longest demo entry is the one that wrapped («… (ауд. 205) — Орлов Д.» / «С.»), now with room to spare
    fm = view.fontMetrics()
    longest = max(fm.horizontalAdvance(view.item(i).text()) for i in range(view.count()))
    assert view.viewport().width() > longest
    screen = dlg.screen().availableGeometry()
    assert screen.contains(dlg.frameGeometry()) or dlg.frameGeometry().width() <= screen.width()
    dlg.close()


def test_a_too_long_entry_wraps_the_mol_whole(qapp):
    from PySide6.QtWidgets import QListWidget

    font = QListWidget().font()
    initial = re.compile(r"^[А-ЯЁA-Z]\.$")
    for name, mol in [("Лаборатория физико-химических методов анализа (ауд. 205)", "Орлов Д. С."),
                      ("Мастерская «Охрана окружающей среды» (ауд. 305)", "Григорьева Т. П."),
                      ("Склад", None)]:
        text = room_entry(name, mol)
        assert text.replace("\u00a0", " ") == f"{name} — {mol or '—'}"
        for width in range(120, 700, 7):
            lines = _lines(text, font, width)
            assert not any(initial.match(x) for x in lines), (width, lines)
            if len(lines) > 1:  # the dash and the whole МОЛ stay together on the last line
                assert lines[-1].replace("\u00a0", " ").endswith(f"— {mol or '—'}"), (width, lines)
