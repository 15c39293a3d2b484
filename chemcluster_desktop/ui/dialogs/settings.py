"""Сервис → Настройки: the college's name, address, ИНН, director and logo (printed on every
document), the inventory number pattern and the default folders."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import security, settings_service
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import events
from chemcluster_desktop.ui.icons import icon

CTX = "SettingsDialog"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class SettingsDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(_t("Настройки"))
        self.setMinimumWidth(760)
        self.logo: bytes | None | str = "keep"
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QLineEdit] = {}
        lay = QVBoxLayout(self)

        college = QGroupBox(_t("Организация (печатается в каждом документе)"))
        form = QFormLayout(college)
        cur = settings_service.current()
        self._row(form, "college.name", _t("Наименование *"), cur.get("college.name", ""))
        self._row(form, "college.short_name", _t("Краткое наименование"), cur.get("college.short_name", ""))
        self._row(form, "college.address", _t("Адрес"), cur.get("college.address", ""))
        self._row(form, "college.inn", _t("ИНН"), cur.get("college.inn", "")).setMaxLength(12)
        self._row(form, "college.director", _t("Директор (Ф. И. О.)"), cur.get("college.director", ""))
        logo_box = QWidget()
        lh = QHBoxLayout(logo_box)
        lh.setContentsMargins(0, 0, 0, 0)
        self.logo_view = QLabel()
        self.logo_view.setObjectName("logoPreview")
        self.logo_view.setFixedSize(96, 96)
        self.logo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_view.setStyleSheet("border: 1px dashed #b0bec5; background: white;")
        self.logo_btn = QPushButton(icon("image-outline"), _t("Выбрать…"))
        self.logo_btn.setObjectName("chooseLogo")
        self.logo_btn.clicked.connect(lambda: self.choose_logo())
        self.logo_clear = QPushButton(_t("Убрать"))
        self.logo_clear.setObjectName("clearLogo")
        self.logo_clear.clicked.connect(self.clear_logo)
        lh.addWidget(self.logo_view)
        lh.addWidget(self.logo_btn)
        lh.addWidget(self.logo_clear)
        lh.addStretch(1)
        lv = QVBoxLayout()
        lv.setSpacing(2)
        lv.addWidget(logo_box)
        self.errors["logo"] = self._err()
        lv.addWidget(self.errors["logo"])
        holder = QWidget()
        holder.setLayout(lv)
        form.addRow(_t("Логотип"), holder)
        lay.addWidget(college)

        inv = QGroupBox(_t("Инвентарь"))
        f2 = QFormLayout(inv)
        pat = self._row(f2, "inventory.number_pattern", _t("Шаблон инвентарного номера *"),
                        cur.get("inventory.number_pattern", ""))
        self.sample = QLabel()
        self.sample.setProperty("role", "hint")
        f2.addRow("", self.sample)
        pat.textChanged.connect(self._on_pattern)
        lay.addWidget(inv)

        paths = QGroupBox(_t("Папки по умолчанию (на этом компьютере)"))
        f3 = QFormLayout(paths)
        self.import_dir = self._dir_row(f3, _t("Импорт из Excel"), settings().get("paths/import_dir"))
        self.export_dir = self._dir_row(f3, _t("Экспорт и отчёты"), settings().get("paths/export_dir"))
        # where the data lives (issue 18): the default database's folder (from the next start) and backups
        self.database_dir = self._dir_row(f3, _t("База данных (со следующего запуска)"),
                                          settings().get("database_folder"))
        self.database_dir.setObjectName("databaseFolder")
        self.backup_dir = self._dir_row(f3, _t("Резервные копии"), settings().get("backup_folder"))
        self.backup_dir.setObjectName("backupFolder")
        self.backup_dir.setPlaceholderText(_t("рядом с базой данных, в папке backups"))
        self.errors["folders"] = self._err()
        f3.addRow("", self.errors["folders"])
        lay.addWidget(paths)

        self.general = self._err()
        lay.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_t("Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        if not security.can("admin"):
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.general.setText(_t("Изменять настройки организации может только администратор."))
            self.general.setProperty("role", "hint")
            self.general.show()
        self._show_logo(settings_service.logo_png())
        self._on_pattern(pat.text())
        self.fields["college.inn"].textChanged.connect(self._on_inn)
        self.fields["college.name"].textChanged.connect(
            lambda t: self.set_error("college.name", "" if t.strip() else _t("Укажите наименование колледжа.")))

    # --- building ---------------------------------------------------------------------------------
    @staticmethod
    def _err() -> QLabel:
        lab = QLabel()
        lab.setProperty("role", "error")
        lab.setWordWrap(True)
        lab.hide()
        return lab

    def _row(self, form: QFormLayout, key: str, label: str, value: str) -> QLineEdit:
        e = QLineEdit(value)
        e.setCursorPosition(0)
        e.setObjectName(f"field_{key.replace('.', '_')}")
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(e)
        err = self._err()
        v.addWidget(err)
        form.addRow(label, box)
        self.fields[key] = e
        self.errors[key] = err
        return e

    def _dir_row(self, form: QFormLayout, label: str, value: str) -> QLineEdit:
        e = QLineEdit(value or "")
        box = QWidget()
        h = QHBoxLayout(box)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(e, 1)
        b = QPushButton(icon("folder-outline"), "")
        b.setToolTip(_t("Выбрать папку"))
        b.clicked.connect(lambda: self._pick_dir(e))
        h.addWidget(b)
        form.addRow(label, box)
        return e

    def _pick_dir(self, e: QLineEdit) -> None:
        d = QFileDialog.getExistingDirectory(self, _t("Выберите папку"), e.text())
        if d:
            e.setText(d)

    # --- validation as you type -----------------------------------------------------------------
    def set_error(self, key: str | None, text: str) -> None:
        lab = self.errors.get(key or "", self.general)
        lab.setText(text)
        lab.setVisible(bool(text))
        w = self.fields.get(key or "")
        if w is not None:
            w.setProperty("invalid", bool(text))
            w.style().unpolish(w)
            w.style().polish(w)

    def _on_inn(self, t: str) -> None:
        t = t.strip()
        ok = not t or (t.isdigit() and len(t) in (10, 12))
        self.set_error("college.inn", "" if ok else _t("ИНН — 10 или 12 цифр."))

    def _on_pattern(self, t: str) -> None:
        try:
            settings_service.validate({"inventory.number_pattern": t})
        except ValidationError as e:
            self.set_error("inventory.number_pattern", str(e))
            self.sample.setText("")
            return
        self.set_error("inventory.number_pattern", "")
        self.sample.setText(_t("Пример: {0}").format(settings_service.sample_number(t)))

    # --- logo -----------------------------------------------------------------------------------
    def _show_logo(self, data: bytes | None) -> None:
        if not data:
            self.logo_view.setPixmap(QPixmap())
            self.logo_view.setText(_t("нет"))
            return
        pm = QPixmap()
        pm.loadFromData(data)
        self.logo_view.setPixmap(pm.scaled(92, 92, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def choose_logo(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, _t("Логотип"), "",
                                                  _t("Изображения (*.png *.jpg *.jpeg *.gif *.bmp)"))
            if not path:
                return False
        try:
            png = settings_service.read_logo_file(path)
        except ValidationError as e:
            self.set_error("logo", str(e))
            return False
        self.set_error("logo", "")
        self.logo = png
        self._show_logo(png)
        return True

    def clear_logo(self) -> None:
        self.logo = None
        self.set_error("logo", "")
        self._show_logo(None)

    # --- save -----------------------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.fields.items()}

    def save(self) -> None:
        for k in list(self.errors):
            self.set_error(k, "")
        self.set_error(None, "")
        from chemcluster_desktop.ui.dialogs.database_folder import folder_problem

        for e in (self.database_dir, self.backup_dir):  # checked first: nothing is saved when one is wrong
            problem = folder_problem(e.text()) if e.text().strip() else None
            if problem:
                self.set_error("folders", problem)
                return
        try:
            settings_service.save(self.values(), self.logo)
        except ValidationError as e:
            for k, msg in (e.errors or [(e.field, str(e))]):
                self.set_error(k if k in self.errors else None, msg)
            return
        except ServiceError as e:
            self.set_error(None, str(e))
            return
        settings().set("database_folder", self.database_dir.text().strip(), save=False)
        settings().set("backup_folder", self.backup_dir.text().strip(), save=False)
        settings().set("paths/import_dir", self.import_dir.text().strip(), save=False)
        settings().set("paths/export_dir", self.export_dir.text().strip())
        events.notify("core")
        self.accept()


def open_settings(parent=None) -> SettingsDialog:
    dlg = SettingsDialog(parent)
    dlg.open()  # window-modal, non-blocking (tests drive it)
    if parent is not None:
        parent._settings_dialog = dlg
    return dlg


def install_menu(window) -> QAction:
    """Add «Настройки…» to the Сервис menu of the main window."""
    act = QAction(icon("cog-outline"), _t("Настройки…"), window)
    act.setObjectName("action_settings")
    act.setShortcut(QKeySequence("Ctrl+,"))
    act.setMenuRole(QAction.MenuRole.PreferencesRole)
    act.triggered.connect(lambda: open_settings(window))
    window.menu_tools.addAction(act)
    window.act_settings = act
    sig = getattr(window, "language_change_requested", None)
    if sig is not None:
        sig.connect(lambda _l: QTimer.singleShot(0, lambda: act.setText(_t("Настройки…"))))
    return act
