"""Сервис → Настройки: the college's name, address, ИНН, director and logo (printed on every
document), the inventory number pattern and the default folders."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from chemcluster_desktop.services import security, settings_service
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.icons import icon
from chemcluster_desktop.ui.style import set_role

CTX = "SettingsDialog"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class SettingsDialog(FormDialog):
    """The settings card: three groups of fields, mistakes beside the field, saved only when all are right."""

    context = CTX

    def __init__(self, parent=None):
        super().__init__(parent, _t("Настройки"), "SettingsDialog")
        self.setMinimumWidth(760)
        self.logo: bytes | None | str = "keep"
        cur = settings_service.current()
        self.section(_t("Организация (печатается в каждом документе)"))
        self._row("college.name", cur, required=True)
        self._row("college.short_name", cur)
        self._row("college.address", cur)
        self._row("college.inn", cur).setMaxLength(12)
        self._row("college.director", cur)
        self._requisites(cur)
        self.add("logo", settings_service.setting_label(settings_service.LOGO_KEY), self._logo_box())
        self.section(_t("Инвентарь"))
        pat = self._row("inventory.number_pattern", cur, required=True)
        self.sample = QLabel()
        set_role(self.sample, "hint")
        self.form.addRow("", self.sample)
        pat.textChanged.connect(self._on_pattern)
        thr = self._row("inventory.low_value_threshold", cur)
        thr.setToolTip(_t("При приёмке поставки строка дешевле порога предлагается группой (одна карточка на N "
                          "штук), дороже — отдельными карточками оборудования."))
        self._folders()
        self.finish_layout()
        if not security.can("admin"):
            self.ok_button.setEnabled(False)
            self.message.setText(_t("Изменять настройки организации может только администратор."))
            set_role(self.message, "hint")
            self.message.show()
        self._show_logo(settings_service.logo_png())
        self._on_pattern(pat.text())
        self.fields["college.inn"].textChanged.connect(self._on_inn)
        self.fields["college.name"].textChanged.connect(
            lambda t: self.set_error("college.name", "" if t.strip() else _t("Укажите наименование колледжа.")))

    # --- building ---------------------------------------------------------------------------------
    def _row(self, key: str, cur: dict, required: bool = False) -> QLineEdit:
        label = settings_service.setting_label(key)  # the same words the journal names the setting by
        e = QLineEdit(cur.get(key, ""))
        e.setCursorPosition(0)
        e.setObjectName(f"field_{key.replace('.', '_')}")
        return self.add(key, label, e, required)

    def _requisites(self, cur: dict) -> None:
        """The codes and people the unified forms print in their header (ф. 0510466 and the others)."""
        self._row("college.director_position", cur).setPlaceholderText(_t("Директор"))
        self._row("college.kpp", cur).setMaxLength(9)
        self._row("college.okpo", cur).setMaxLength(10)
        self._row("college.unit", cur)
        self._row("college.accountant", cur)

    def _logo_box(self) -> QWidget:
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
        return logo_box

    def _folders(self) -> None:
        self.section(_t("Папки по умолчанию (на этом компьютере)"))
        self.import_dir = self._dir_row("import_dir", _t("Импорт из Excel"), settings().get("paths/import_dir"))
        self.export_dir = self._dir_row("export_dir", _t("Экспорт и отчёты"), settings().get("paths/export_dir"))
        # where the data lives (issue 18): the default database's folder (from the next start) and backups
        self.database_dir = self._dir_row("database_folder", _t("База данных (со следующего запуска)"),
                                          settings().get("database_folder"))
        self.database_dir.setObjectName("databaseFolder")
        self.backup_dir = self._dir_row("backup_folder", _t("Резервные копии"), settings().get("backup_folder"))
        self.backup_dir.setObjectName("backupFolder")
        self.backup_dir.setPlaceholderText(_t("рядом с базой данных, в папке backups"))

    def _dir_row(self, key: str, label: str, value: str) -> QLineEdit:
        e = QLineEdit(value or "")
        box = QWidget()
        h = QHBoxLayout(box)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(e, 1)
        b = QPushButton(icon("folder-outline"), "")
        b.setToolTip(_t("Выбрать папку"))
        b.clicked.connect(lambda: self._pick_dir(e))
        h.addWidget(b)
        self.add(key, label, box)
        return e

    def _pick_dir(self, e: QLineEdit) -> None:
        d = QFileDialog.getExistingDirectory(self, _t("Выберите папку"), e.text())
        if d:
            e.setText(d)

    # --- validation as you type -----------------------------------------------------------------
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
        return {k: e.text() for k, e in self.fields.items() if k.startswith(("college.", "inventory."))}

    def validate(self) -> bool:
        from chemcluster_desktop.ui.dialogs.database_folder import folder_problem

        ok = True
        for key, e in (("database_folder", self.database_dir), ("backup_folder", self.backup_dir)):
            problem = folder_problem(e.text()) if e.text().strip() else None
            if problem:  # checked first: nothing is saved when one is wrong
                self.set_error(key, problem)
                ok = False
        return ok

    def save(self) -> None:
        settings_service.save(self.values(), self.logo)
        settings().set("database_folder", self.database_dir.text().strip(), save=False)
        settings().set("backup_folder", self.backup_dir.text().strip(), save=False)
        settings().set("paths/import_dir", self.import_dir.text().strip(), save=False)
        settings().set("paths/export_dir", self.export_dir.text().strip())


def open_settings(parent=None) -> SettingsDialog:
    dlg = SettingsDialog(parent)
    dlg.open()  # window-modal, non-blocking (tests drive it)
    if parent is not None:
        parent._settings_dialog = dlg
    return dlg
