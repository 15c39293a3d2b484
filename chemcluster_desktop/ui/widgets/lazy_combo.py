"""A filter combo box whose choices are read from the database when they are first needed.

The inventory's room filter lists every room (200 at the college's scale): reading them and adding them
one by one cost ~8 ms of every start, for a list nobody sees until it is opened. Here the box shows its
first entry («Все помещения») at once and reads the rest the first time a person opens the list, turns
the wheel or presses a key on it, or code selects a room in it. Its width does not depend on its entries
(set a minimum contents length), so nothing moves when they arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QComboBox


class LazyComboBox(QComboBox):
    """``loader()`` gives ``(text, data)`` pairs after the first entry; it is called once, and again by
    :meth:`reload` (the choices changed) only when they were read already."""

    def __init__(self, loader: Callable[[], Iterable[tuple[str, object]]], parent=None):
        super().__init__(parent)
        self._loader = loader
        self._loaded = False
        self.addItem("", None)

    def set_first(self, text: str, data=None) -> None:
        """The entry that is there before the others are read («all rooms»)."""
        self.setItemText(0, text)
        self.setItemData(0, data)

    def is_loaded(self) -> bool:
        return self._loaded

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self._fill()

    def reload(self) -> None:
        """The choices changed (a room added, renamed or deleted): read them again if they were shown,
        keeping the chosen one when it is still there; otherwise they are read when next needed."""
        if self._loaded:
            self._fill()

    def _fill(self) -> None:
        keep = self.currentData()
        try:
            choices = list(self._loader())
        except RuntimeError:  # no database open (yet): only the first entry, read again next time
            return
        self.blockSignals(True)
        try:
            while self.count() > 1:
                self.removeItem(self.count() - 1)
            for text, data in choices:
                self.addItem(text, data)
            self.setCurrentIndex(max(self.findData(keep), 0))
        finally:
            self.blockSignals(False)
        self._loaded = True

    def select_data(self, data) -> None:
        """Choose the entry with this data (the first entry when there is none), reading the choices first."""
        if data is not None:
            self.ensure_loaded()
        self.setCurrentIndex(max(self.findData(data), 0))

    # a person reaches the choices through the list, the wheel and the keyboard (arrows, type-ahead)
    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()

    def wheelEvent(self, e) -> None:
        self.ensure_loaded()
        super().wheelEvent(e)

    def keyPressEvent(self, e) -> None:
        self.ensure_loaded()
        super().keyPressEvent(e)
