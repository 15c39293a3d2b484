"""What the English walk (tests/ui/test_english*.py) reads and how it tells interface text from data.

Interface text is everything the program itself writes: window titles, labels, buttons, tab names,
group titles, placeholders, tooltips and status tips, menu and toolbar actions, column headers,
combo-box entries, list entries and table cells it composes (statuses, kinds, alerts, messages).
Data is what people (here: the demo data) typed into the database: names of items, schools, people,
rooms, the college's details. A text passes in English mode when, after removing every data value
stored in the database (each exactly, as a whole word sequence), no Cyrillic letter is left. So a
cell «Колба коническая» passes (a stored item name), «Списано» does not (a status the program
writes), and «Kind: Колба коническая» passes while «Вид: Колба коническая» does not.

Not data, though stored: ``roles.title`` (the six role names are interface vocabulary the program
ships), ``audit_log`` (its summaries are written by the program).

One fixed exception, by kind: the language menu names each language in itself («Русский»,
«English»), as every program's language switch does, so that a person who cannot read the current
language still finds their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
ENDONYMS = {"Русский"}  # the language switch names each language in itself (see the module's doc)
NOT_DATA_TABLES = {"roles", "audit_log", "alembic_version"}
MAX_ROWS = 80  # cells read per table (the statuses and kinds the program writes repeat long before)


def data_values() -> list[str]:
    """Every Cyrillic text value stored in the database's tables (the demo data), longest first."""
    from sqlalchemy import String, Text, column, inspect, select, table

    from chemcluster_desktop.services import context

    eng = context.current().engine
    values: set[str] = set()
    insp = inspect(eng)
    with eng.connect() as conn:
        for name in insp.get_table_names():
            if name in NOT_DATA_TABLES or name.startswith("items_fts"):
                continue
            cols = [c["name"] for c in insp.get_columns(name) if isinstance(c["type"], (String, Text))]
            if not cols:
                continue
            for row in conn.execute(select(*[column(c) for c in cols]).select_from(table(name))):
                for v in row:
                    if isinstance(v, str) and CYRILLIC.search(v):
                        values.add(v.strip())
                        values.update(p.strip() for p in v.splitlines() if p.strip())
    return sorted(values, key=len, reverse=True)


@dataclass
class Exemption:
    values: list[str]
    _pattern: re.Pattern | None = field(default=None, repr=False)

    def residue(self, text: str) -> str:
        """``text`` with every stored data value taken out (whole words only)."""
        if self._pattern is None:
            alts = "|".join(re.escape(v) for v in self.values if v)
            self._pattern = re.compile(rf"(?<!\w)(?:{alts})(?!\w)") if alts else re.compile(r"(?!x)x")
        return self._pattern.sub(" ", text)

    def elided(self, text: str) -> str:
        """A data value shortened to fit («Химик-технолог: от молекулы…» for «Профпроба «Химик-технолог:
        от молекулы к продукту»») is still data: each piece between line breaks, «·» and «|» (without a
        final «…») of at least 8 characters that is part of a stored value is taken out."""
        parts = re.split(r"(\n|·|\|)", text)
        out = []
        for p in parts:
            head = p.strip().removesuffix("…").rstrip()
            if len(head) >= 8 and any(head in v for v in self.values):
                p = " "
            out.append(p)
        return "".join(out)

    def russian(self, text: str) -> bool:
        text = (text or "").replace("\u00a0", " ")  # a no-break space glues words for wrapping, same text
        if not text or not CYRILLIC.search(text) or text in ENDONYMS:
            return False
        # either order: a whole value taken out first can cut a shortened one («Химик-технолог: от молекулы…»
        # lost «технолог», a value of its own, and no longer matched the module's name)
        return bool(CYRILLIC.search(self.elided(self.residue(text)))) and \
            bool(CYRILLIC.search(self.residue(self.elided(text))))


@dataclass(frozen=True)
class Found:
    where: str  # what was open (page, tab, dialog)
    kind: str  # label, button, header …
    widget: str
    text: str

    def __str__(self) -> str:
        return f"[{self.where}] {self.kind} {self.widget}: {self.text[:160]!r}"


def _name(w: QWidget) -> str:
    return f"{type(w).__name__}#{w.objectName()}" if w.objectName() else type(w).__name__


def widget_texts(root: QWidget) -> Iterable[tuple[str, QWidget, str]]:
    """(kind, widget, text) for every interface text under ``root`` (visible or not: a hidden tab
    or a panel shown on selection is read too)."""
    top = root.window()
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and w.window() is not top:
            continue  # another window (a dialog kept by its page, a combo's popup): read on its own
        if w.isWindow():
            yield "window title", w, w.windowTitle()
        yield "tooltip", w, w.toolTip()
        yield "status tip", w, w.statusTip()
        yield "what's this", w, w.whatsThis()
        if isinstance(w, QLabel):
            yield "label", w, w.text()
        if isinstance(w, QAbstractButton):
            yield "button", w, w.text()
        if isinstance(w, QGroupBox):
            yield "group title", w, w.title()
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            yield "placeholder", w, w.placeholderText()
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield "tab", w, w.tabText(i)
                yield "tab tooltip", w, w.tabToolTip(i)
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                yield "combo item", w, w.itemText(i)
            yield "placeholder", w, w.placeholderText()
        if isinstance(w, QMenu):
            yield "menu", w, w.title()
        if isinstance(w, QAbstractSpinBox):
            yield "spin box", w, " ".join(x for x in (getattr(w, "prefix", lambda: "")(),
                                                      getattr(w, "suffix", lambda: "")(), w.specialValueText()))
        if isinstance(w, QAbstractItemView) and w.model() is not None and not isinstance(w.parent(), QComboBox):
            yield from _view_texts(w)
        for act in QWidget.actions(w):
            yield "action", w, act.text()
            if act.toolTip() != act.text().replace("&", ""):
                yield "action tooltip", w, act.toolTip()
            yield "action status tip", w, act.statusTip()
            if act.menu() is not None:
                yield "menu", w, act.menu().title()


def _view_texts(view: QAbstractItemView) -> Iterable[tuple[str, QWidget, str]]:
    m = view.model()
    if isinstance(view, QListView):
        cols, headers = 1, False
    else:
        cols, headers = m.columnCount(), True
    if headers:
        for c in range(cols):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                v = m.headerData(c, Qt.Orientation.Horizontal, role)
                if isinstance(v, str):
                    yield "column header", view, v
        if isinstance(view, QTableView) and view.verticalHeader().isVisible():
            for r in range(min(m.rowCount(), MAX_ROWS)):
                v = m.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
                if isinstance(v, str):
                    yield "row header", view, v
    for r in range(min(m.rowCount(), MAX_ROWS)):
        for c in range(cols):
            idx = m.index(r, c)
            for kind, role in (("cell", Qt.ItemDataRole.DisplayRole), ("cell tooltip", Qt.ItemDataRole.ToolTipRole)):
                v = m.data(idx, role)
                if isinstance(v, str):
                    yield kind, view, v
            # a tree's children (the reports list, grouped lists)
            for rr in range(min(m.rowCount(idx), MAX_ROWS)):
                v = m.data(m.index(rr, c, idx), Qt.ItemDataRole.DisplayRole)
                if isinstance(v, str):
                    yield "cell", view, v


def russian_texts(root: QWidget, where: str, exempt: Exemption) -> list[Found]:
    out, seen = [], set()
    for kind, w, text in widget_texts(root):
        if text and exempt.russian(text) and (kind, text) not in seen:
            seen.add((kind, text))
            out.append(Found(where, kind, _name(w), text))
    return out


def pump(ms: int = 0) -> None:
    from PySide6.QtTest import QTest

    QApplication.processEvents()
    if ms:
        QTest.qWait(ms)


def open_tabs(root: QWidget) -> None:
    """Show every tab of every tab widget once (tabs that fill themselves when first shown)."""
    from chemcluster_desktop.ui import ops

    for tw in root.findChildren(QTabWidget):
        current = tw.currentIndex()
        for i in range(tw.count()):
            if tw.isTabEnabled(i):
                tw.setCurrentIndex(i)
                pump()
                ops.wait_all(30000)
                pump()
        tw.setCurrentIndex(current)


def dialog_classes() -> set[type]:
    """Every QDialog subclass the ui package defines (every module of ui/ imported)."""
    import importlib
    import pkgutil

    import chemcluster_desktop.ui as ui

    for mod in pkgutil.walk_packages(ui.__path__, ui.__name__ + "."):
        importlib.import_module(mod.name)
    out: set[type] = set()
    todo = [QDialog]
    while todo:
        c = todo.pop()
        for s in c.__subclasses__():
            todo.append(s)
            if s.__module__.startswith("chemcluster_desktop.ui"):
                out.add(s)
    return out


# --- modal windows: read and answered «no» without ever blocking -----------------------------------
@dataclass
class Capture:
    """Patches every way the program opens a modal window: each dialog, message box, input dialog
    and file dialog is read (its texts run through ``check``), its class recorded, its tabs shown,
    and it is answered the safe way (Cancel / No / rejected), so that walking every action changes
    nothing. File dialogs record the default file name they were offered."""

    check: object  # callable(root widget, where) -> None
    where: str = ""
    dialogs: set = field(default_factory=set)
    save_names: list = field(default_factory=list)  # (where, caption, suggested path)
    messages: list = field(default_factory=list)  # (where, text)
    unexpected: list = field(default_factory=list)  # modal windows opened past the patches
    reading: list = field(default_factory=list)  # the dialogs being read (shown by read_dialog itself)

    def install(self, monkeypatch) -> None:
        from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

        cap = self

        def exec_dialog(dlg, *_a):
            cap.read_dialog(dlg)
            dlg.reject()
            return 0

        def open_dialog(dlg, *_a):
            cap.read_dialog(dlg)
            dlg.reject()

        def exec_box(box, *_a):
            cap.messages.append((cap.where, box.text()))
            cap.check(box, f"{cap.where} › message box")
            btn = (box.escapeButton() or box.button(QMessageBox.StandardButton.Cancel)
                   or box.button(QMessageBox.StandardButton.No))
            if btn is not None:
                btn.click()
            return box.result()

        def static_box(default):
            def f(parent, title, text, buttons=None, *_a, **_k):
                box = QMessageBox(QMessageBox.Icon.NoIcon, title, text)
                cap.messages.append((cap.where, text))
                cap.check(box, f"{cap.where} › message box")
                box.deleteLater()
                if buttons is not None and not isinstance(buttons, QMessageBox.StandardButton.__class__):
                    try:
                        if buttons & QMessageBox.StandardButton.No:
                            return QMessageBox.StandardButton.No
                        if buttons & QMessageBox.StandardButton.Cancel:
                            return QMessageBox.StandardButton.Cancel
                    except TypeError:
                        pass
                return default
            return staticmethod(f)

        def file_dialog(result, save=False):
            def f(parent=None, caption="", directory="", filter="", *_a, **k):  # noqa: A002
                directory = k.get("dir", directory)
                if save:
                    cap.save_names.append((cap.where, caption, str(directory)))
                cap.text_check(caption, "file dialog caption")
                cap.text_check(filter if isinstance(filter, str) else "", "file dialog filter")
                return result
            return staticmethod(f)

        def input_dialog(result):
            def f(parent, title, label, *_a, **_k):
                cap.text_check(title, "input dialog title")
                cap.text_check(label, "input dialog label")
                return result
            return staticmethod(f)

        from PySide6.QtPrintSupport import QPrintDialog

        monkeypatch.setattr(QDialog, "exec", exec_dialog)
        monkeypatch.setattr(QPrintDialog, "exec", exec_dialog)  # Qt's own dialogs override exec
        monkeypatch.setattr(QDialog, "open", open_dialog)
        monkeypatch.setattr(QMessageBox, "exec", exec_box)
        monkeypatch.setattr(QMessageBox, "open", exec_box)
        for name in ("question", "warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, name, static_box(QMessageBox.StandardButton.Cancel
                                                              if name == "question" else QMessageBox.StandardButton.Ok))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", file_dialog(("", ""), save=True))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", file_dialog(("", "")))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", file_dialog(([], "")))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", file_dialog(""))
        monkeypatch.setattr(QInputDialog, "getText", input_dialog(("", False)))
        monkeypatch.setattr(QInputDialog, "getItem", input_dialog(("", False)))
        monkeypatch.setattr(QInputDialog, "getInt", input_dialog((0, False)))
        monkeypatch.setattr(QInputDialog, "getDouble", input_dialog((0.0, False)))
        from PySide6.QtGui import QDesktopServices

        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
        # a modal window opened some other way would wait for ever: read it, close it, and say so
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QProgressDialog

        self._watchdog = QTimer()
        self._watchdog.setInterval(300)

        def watch():
            w = QApplication.activeModalWidget()
            if w is not None and w.isVisible() and not isinstance(w, QProgressDialog) and w not in cap.reading:
                self.unexpected.append(f"{cap.where}: {type(w).__name__} «{w.windowTitle()}»")
                cap.check(w, f"{cap.where} › {type(w).__name__}")
                w.reject() if isinstance(w, QDialog) else w.close()

        self._watchdog.timeout.connect(watch)
        self._watchdog.start()

    def stop(self) -> None:
        self._watchdog.stop()

    def text_check(self, text: str, kind: str) -> None:
        if text:
            lab = QLabel(text)
            lab.setObjectName(kind.replace(" ", "_"))
            self.check(lab, f"{self.where} › {kind}")
            lab.deleteLater()

    depth: int = 0

    def read_dialog(self, dlg: QDialog) -> None:
        from chemcluster_desktop.ui import ops

        self.dialogs.add(type(dlg))
        self.reading.append(dlg)
        dlg.show()
        pump()
        ops.wait_all(30000)
        pump()
        open_tabs(dlg)
        where = self.where
        self.check(dlg, f"{where} › {type(dlg).__name__}")
        if self.depth == 0:  # the windows a dialog opens («Комиссия и код КОД…»), one level down
            self.depth += 1
            try:
                for b in opener_buttons(dlg):
                    self.where = f"{where} › {type(dlg).__name__} › {b.text()}"
                    before = set(QApplication.topLevelWidgets())
                    b.click()
                    pump()
                    ops.wait_all(30000)
                    self.read_new_windows(before, skip=[dlg])
            finally:
                self.depth -= 1
                self.where = where
        dlg.hide()
        self.reading.remove(dlg)

    def read_new_windows(self, before: set, skip: Iterable[QWidget] = ()) -> None:
        """Windows shown without exec (the PDF preview, help): read and closed."""
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and w not in before and w not in skip and not isinstance(w, QMenu):
                if isinstance(w, QDialog):
                    self.dialogs.add(type(w))
                open_tabs(w)
                self.check(w, f"{self.where} › {type(w).__name__}")
                w.close()


def opener_buttons(root: QWidget) -> list[QAbstractButton]:
    """The visible, enabled buttons that open another window: by the convention of every menu, their
    text ends with «…» (the toolbar's own buttons are walked as actions)."""
    from PySide6.QtWidgets import QDialogButtonBox, QToolBar

    out = []
    for b in root.findChildren(QAbstractButton):
        if not (b.isVisibleTo(root) and b.isEnabled() and b.text().rstrip().endswith("…")):
            continue
        p = b.parentWidget()
        if isinstance(p, QToolBar | QDialogButtonBox):
            continue
        out.append(b)
    return out
