"""One form dialog for every card: a QFormLayout (labels left, fields right, required fields marked *),
the message of a refused save beside the field it names, a QDialogButtonBox in the platform's order
(Enter saves, Esc cancels), and a scroll bar when the form is taller than the screen (UI.md: 1366×768).

    class SupplierDialog(FormDialog):
        def __init__(self, parent=None, supplier=None):
            super().__init__(parent, title, "SupplierDialog")
            self.name = self.add("name", tr("Наименование"), QLineEdit(), required=True)
            ...
            self.finish_layout()

        def save(self) -> int:               # raise ServiceError: shown beside its field, dialog stays
            return P.create_supplier(self.values())

``accept()`` clears the old messages, asks :meth:`validate` (checks as you type), runs :meth:`save` as one
action (the pages refresh once, after it; see :mod:`.events`), keeps ``saved_id`` and closes. A
``ValidationError`` with several ``errors`` shows each beside its field; one whose field the form does
not have goes to the message line under the form.

A field the whole width of the form — a table of rows inside the form (a commission's members) — is
added with :meth:`add_block`. A card of several pages (the item card) calls :meth:`use_tabs` first: the form becomes the first tab and
:meth:`add_tab` adds the others (tables, panels). A field laid out by hand — a row with a button beside
it, a row that hides with the kind — is announced with :meth:`field` (its widget and its error label), so
its errors are shown and cleared like the others; a refused save shows the tab that holds the field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.ui import events
from chemcluster_desktop.ui.style import group_box, set_invalid, set_role


def error_label() -> QLabel:
    lab = QLabel()
    set_role(lab, "error")
    lab.setWordWrap(True)
    lab.hide()
    return lab


class FormDialog(QDialog):
    """A card: fields with their errors beside them, a general message line, Save / Cancel."""

    context = "Form"  # a subclass may keep its area's context for its own texts; Save/Cancel stay in "Form"

    def __init__(self, parent=None, title: str = "", name: str = "FormDialog"):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.lay = QVBoxLayout(self)
        self.form_box = QWidget()
        self.sections = QVBoxLayout(self.form_box)
        self.sections.setContentsMargins(0, 0, 0, 0)
        self.form = self._new_form()
        self.sections.addLayout(self.form)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("formScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.form_box)
        self.lay.addWidget(self.scroll, 1)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.message = error_label()
        self.message.setObjectName("formMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(QCoreApplication.translate("Form", "Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("Form", "Отмена"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.saved_id: int | None = None
        self.tabs: QTabWidget | None = None  # see use_tabs

    @staticmethod
    def _new_form() -> QFormLayout:
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return form

    def section(self, title: str) -> QGroupBox:
        """Start a titled group of fields: the next :meth:`add` rows go into it."""
        box = group_box(title)
        self.form = self._new_form()
        self.form.setContentsMargins(9, 9, 9, 9)
        box.setLayout(self.form)
        self.sections.addWidget(box)
        return box

    def use_tabs(self, title: str, tab_icon=None) -> QTabWidget:
        """Make the form the first tab (``title``) of a tab widget; :meth:`add_tab` adds the others."""
        self.lay.removeWidget(self.scroll)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("formTabs")
        if tab_icon is not None:
            self.tabs.addTab(self.scroll, tab_icon, title)
        else:
            self.tabs.addTab(self.scroll, title)
        self.lay.insertWidget(0, self.tabs, 1)
        return self.tabs

    def add_tab(self, widget: QWidget, title: str, tab_icon=None) -> QWidget:
        if tab_icon is not None:
            self.tabs.addTab(widget, tab_icon, title)
        else:
            self.tabs.addTab(widget, title)
        return widget

    def add_block(self, key: str, title: str, widget: QWidget, stretch: int = 1) -> QWidget:
        """A field the whole width of the form (a table of rows, a list): its title above it, its errors
        under it."""
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 4, 0, 0)
        v.setSpacing(2)
        if title:
            lab = QLabel(title)
            lab.setWordWrap(True)
            v.addWidget(lab)
        v.addWidget(widget, 1)
        err = error_label()
        v.addWidget(err)
        self.sections.addWidget(box, stretch)
        widget.setObjectName(widget.objectName() or f"field_{key}")
        return self.field(key, widget, err)

    def field(self, key: str, widget: QWidget, error: QLabel) -> QWidget:
        """Announce a field the subclass laid out itself, with the label its errors go to."""
        self.fields[key] = widget
        self.errors[key] = error
        return widget

    def show_field(self, key: str) -> None:
        """Bring the field into view — its tab, when the card has tabs — and put the cursor in it."""
        w = self.fields.get(key)
        if w is None:
            return
        tabs = self.tabs
        if isinstance(tabs, QTabWidget):
            for i in range(tabs.count()):
                page = tabs.widget(i)
                if page is w or page.isAncestorOf(w):
                    tabs.setCurrentIndex(i)
                    break
        w.setFocus()

    @property
    def general_error(self) -> QLabel:
        return self.message

    def finish_layout(self) -> None:
        """Call at the end of the subclass's ``__init__``: the message line and the buttons go last."""
        self.lay.addWidget(self.message)
        self.lay.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def add(self, key: str, label: str, widget: QWidget, required: bool = False) -> QWidget:
        widget.setObjectName(widget.objectName() or f"field_{key}")
        if isinstance(widget, QComboBox | QDateEdit):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            if isinstance(widget, QDateEdit):
                widget.setMaximumWidth(160)
        err = error_label()
        box = QWidget()
        h = QVBoxLayout(box)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(2)
        h.addWidget(widget)
        h.addWidget(err)
        self.form.addRow(f"{label} *" if required else label, box)
        self.errors[key] = err
        self.fields[key] = widget
        return widget

    add_row = add

    def set_error(self, key: str | None, text: str) -> None:
        lab = self.errors.get(key or "")
        if lab is None:
            self.message.setText(text)
            self.message.setVisible(bool(text))
            return
        lab.setText(text)
        lab.setVisible(bool(text))
        w = self.fields.get(key or "")
        if isinstance(w, QLineEdit):
            set_invalid(w, bool(text))

    def clear_errors(self) -> None:
        for k in self.errors:
            self.set_error(k, "")
        self.set_error(None, "")

    def show_service_error(self, e: ServiceError) -> None:
        if isinstance(e, ValidationError) and e.errors:
            for k, msg in e.errors:
                self.set_error(k if k in self.errors else None, msg)
        elif isinstance(e, ValidationError) and e.field in self.errors:
            self.set_error(e.field, str(e))
        else:
            self.set_error(None, str(e))

    # hooks ----------------------------------------------------------------------------------------
    def validate(self) -> bool:
        """Checks that need no service (already shown as you type); False keeps the dialog open."""
        return True

    def save(self) -> int | None:
        """Write through a service and return the saved record's id; raise ServiceError to refuse."""
        return None

    def accept(self) -> None:
        self.clear_errors()
        if not self.validate():
            return
        try:
            with events.action():  # the pages refresh once, after everything the form saves
                self.saved_id = self.save()
        except ServiceError as e:
            self.show_service_error(e)
            return
        super().accept()

    def showEvent(self, e) -> None:  # noqa: N802
        # as tall as the form needs, but never taller than the screen: beyond that the form scrolls
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry().height() - (self.sizeHint().height() - self.scroll.sizeHint().height()) - 80
            self.scroll.setMinimumHeight(max(120, min(self.form_box.sizeHint().height(), room)))
            # as wide as the widest row needs (a row of day boxes, a number with its button): the form
            # scrolls up and down only, never sideways, unless the screen itself is narrower
            wide = self.form_box.minimumSizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width() + 4
            self.scroll.setMinimumWidth(min(wide, screen.availableGeometry().width() - 80))
            if self.width() < self.minimumSizeHint().width():  # a card's own setMinimumWidth is narrower
                self.resize(min(self.minimumSizeHint().width(), screen.availableGeometry().width() - 40), self.height())
        super().showEvent(e)
