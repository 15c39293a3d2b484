"""The workshop card: name, competency and list version, rooms, workplaces, responsible person, area,
accreditation date, notes, layout plan (план застройки)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import accreditation as acc
from chemcluster_desktop.services.errors import ServiceError, ValidationError
from chemcluster_desktop.settings import settings
from chemcluster_desktop.ui import screen
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.style import set_role

CTX = "WorkshopDialog"


def _t(s: str) -> str:
    return QCoreApplication.translate(CTX, s)


class WorkshopDialog(FormDialog):
    """New (``workshop_id=None``) or existing workshop. ``saved_id`` is set after a successful save; a
    refused save is shown beside the field it names (FormDialog)."""

    context = CTX

    def __init__(self, parent=None, workshop_id: int | None = None):
        super().__init__(parent, _t("Мастерская") if workshop_id else _t("Новая мастерская"), "WorkshopDialog")
        self.workshop_id = workshop_id
        self.info = acc.workshop(workshop_id) if workshop_id else None
        self._plan: bytes | None = None
        self._plan_name = ""
        self._plan_changed = False
        self.setMinimumWidth(620)
        self.resize(screen.fit_size(QSize(680, 800), self))
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        row = self._row
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setMaxLength(300)
        row(_t("Название *"), self.name, "name")
        self.competency = QComboBox()
        self.competency.setObjectName("competency")
        self.competency.setEditable(True)
        self.competency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for c in acc.competencies():
            self.competency.addItem(c.name, c.id)
        self.competency.setCurrentIndex(-1)
        self.competency.lineEdit().setPlaceholderText(_t("Выберите или введите новую"))
        row(_t("Компетенция *"), self.competency, "competency")
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("list")
        row(_t("Инфраструктурный лист"), self.list_combo, "list")
        self.rooms = QListWidget()
        self.rooms.setObjectName("rooms")
        self.rooms.setMinimumHeight(120)
        self.rooms.setMaximumHeight(160)
        for rid, rname in acc.rooms():
            it = QListWidgetItem(rname)
            it.setData(Qt.ItemDataRole.UserRole, rid)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.rooms.addItem(it)
        row(_t("Помещения *"), self.rooms, "rooms")
        self.workplaces = QSpinBox()
        self.workplaces.setObjectName("workplaces")
        self.workplaces.setRange(1, acc.MAX_WORKPLACES)
        self.workplaces.setValue(10)
        self.workplaces.setAlignment(Qt.AlignmentFlag.AlignRight)
        row(_t("Рабочих мест *"), self.workplaces, "workplaces")
        self.responsible = QLineEdit()
        self.responsible.setMaxLength(200)
        row(_t("Ответственный"), self.responsible, "responsible")
        self.area = QLineEdit()
        self.area.setMaxLength(20)
        row(_t("Площадь, м²"), self.area, "area_m2")
        self._build_date_plan(row)
        self._build_notes_photos_packet(row)
        if workshop_id is None:
            self.commission_btn.setEnabled(False)
            self.commission_btn.setToolTip(_t("Комиссия записывается после сохранения мастерской"))
            self.photo_add.setEnabled(False)
            self.photo_del.setEnabled(False)
            self.photo_add.setToolTip(_t("Фото добавляются после сохранения мастерской"))
        hint = QLabel(_t("* — обязательные поля"))
        set_role(hint, "hint")
        self.lay.addWidget(hint)
        self.finish_layout()
        self.competency.currentIndexChanged.connect(self._fill_lists)
        self.competency.editTextChanged.connect(lambda _t_: self.validate())
        self.name.textChanged.connect(lambda _t_: self.validate())
        self.rooms.itemChanged.connect(lambda _i: self.validate())
        self._load()
        self.validate()

    def _row(self, label: str, w: QWidget, key: str) -> None:
        self.add(key, label, w)  # the label carries its own « *»

    def _build_date_plan(self, row) -> None:
        """The accreditation date (when planned) and the layout plan's picture with its buttons."""
        date_box = QHBoxLayout()
        self.has_date = QCheckBox(_t("запланирована"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd.MM.yyyy")
        self.date.setDate(QDate.currentDate().addMonths(3))
        self.date.setEnabled(False)
        self.has_date.toggled.connect(self.date.setEnabled)
        date_box.addWidget(self.has_date)
        date_box.addWidget(self.date, 1)
        dw = QWidget()
        dw.setLayout(date_box)
        date_box.setContentsMargins(0, 0, 0, 0)
        row(_t("Дата аккредитации"), dw, "accreditation_date")
        plan_box = QHBoxLayout()
        plan_box.setContentsMargins(0, 0, 0, 0)
        self.plan_preview = QLabel()
        self.plan_preview.setFixedSize(120, 80)
        self.plan_preview.setStyleSheet("border: 1px solid #c5ccd3; background: #fafbfc;")
        self.plan_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plan_btn = QPushButton(_t("Выбрать изображение…"))
        self.plan_btn.clicked.connect(self.choose_plan)
        self.plan_clear = QPushButton(_t("Убрать"))
        self.plan_clear.clicked.connect(lambda: self._set_plan(None, ""))
        plan_box.addWidget(self.plan_preview)
        pv = QVBoxLayout()
        pv.addWidget(self.plan_btn)
        pv.addWidget(self.plan_clear)
        pv.addStretch(1)
        plan_box.addLayout(pv)
        plan_box.addStretch(1)
        pw = QWidget()
        pw.setLayout(plan_box)
        row(_t("План застройки"), pw, "photo")

    def _build_notes_photos_packet(self, row) -> None:
        """Notes, the photos of the workshop as a whole (a line's photos are added beside the line) and
        the button to the КОД code and the commission the packet prints (issue 14)."""
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        row(_t("Примечания"), self.notes, "notes")
        self.photos = QListWidget()
        self.photos.setObjectName("workshopPhotos")
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(96, 72))
        self.photos.setMinimumHeight(128)
        self.photos.setMaximumHeight(140)
        self.photos.setWordWrap(True)
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        ph_box = QVBoxLayout()
        ph_box.setContentsMargins(0, 0, 0, 0)
        ph_box.addWidget(self.photos)
        ph_btns = QHBoxLayout()
        self.photo_add = QPushButton(_t("Добавить фото…"))
        self.photo_del = QPushButton(_t("Удалить фото"))
        self.photo_add.clicked.connect(lambda: self.add_photo())
        self.photo_del.clicked.connect(self.delete_photo)
        ph_btns.addWidget(self.photo_add)
        ph_btns.addWidget(self.photo_del)
        ph_btns.addStretch(1)
        ph_box.addLayout(ph_btns)
        phw = QWidget()
        phw.setLayout(ph_box)
        row(_t("Фото мастерской"), phw, "photos")
        self.commission_btn = QPushButton(_t("Комиссия и код КОД…"))
        self.commission_btn.setObjectName("commissionButton")
        self.commission_btn.clicked.connect(self.open_commission)
        row(_t("Для пакета"), self.commission_btn, "commission")

    # --- data --------------------------------------------------------------------------------
    def _load(self) -> None:
        w = self.info
        if w is None:
            return
        self.name.setText(w.name)
        i = self.competency.findData(w.competency_id)
        self.competency.setCurrentIndex(i)
        self._fill_lists()
        j = self.list_combo.findData(w.list_id)
        if j >= 0:
            self.list_combo.setCurrentIndex(j)
        ids = {rid for rid, _n in w.rooms}
        for k in range(self.rooms.count()):
            it = self.rooms.item(k)
            if it.data(Qt.ItemDataRole.UserRole) in ids:
                it.setCheckState(Qt.CheckState.Checked)
        self.workplaces.setValue(w.workplaces)
        self.responsible.setText(w.responsible)
        self.area.setText(w.area_m2)
        self.notes.setPlainText(w.notes)
        if w.accreditation_date:
            self.has_date.setChecked(True)
            d = w.accreditation_date
            self.date.setDate(QDate(d.year, d.month, d.day))
        if w.has_layout:
            self._set_plan(acc.layout_plan(w.id), w.layout_plan_name, changed=False)
        self._fill_photos()

    def open_commission(self):
        from chemcluster_desktop.ui.dialogs.commission_dialog import CommissionDialog

        if self.workshop_id is None:
            return None
        dlg = CommissionDialog(self.workshop_id, self)
        dlg.open()
        self.commission_dialog = dlg
        return dlg

    def _fill_photos(self) -> None:
        from PySide6.QtGui import QIcon

        self.photos.clear()
        if self.workshop_id is None:
            return
        for e in acc.evidence(self.workshop_id):
            pm = QPixmap()
            pm.loadFromData(acc.evidence_data(e.id))
            it = QListWidgetItem(QIcon(pm.scaled(96, 72, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation)), e.caption or e.file_name)
            it.setData(Qt.ItemDataRole.UserRole, e.id)
            self.photos.addItem(it)

    def add_photo(self, path: str | None = None) -> None:
        if self.workshop_id is None:
            return
        if not path:
            start = settings().get("paths/import_dir") or str(Path.home())
            path, _f = QFileDialog.getOpenFileName(self, _t("Фото мастерской"), start,
                                                   _t("Изображения (*.png *.jpg *.jpeg)"))
        if not path:
            return
        try:
            acc.add_evidence(self.workshop_id, path, caption=Path(path).stem)
        except ServiceError as e:
            self._show_error("photos", str(e))
            return
        self._show_error("photos", "")
        self._fill_photos()

    def delete_photo(self) -> None:
        it = self.photos.currentItem()
        if it is None:
            return
        try:
            acc.delete_evidence(it.data(Qt.ItemDataRole.UserRole))
        except ServiceError as e:
            self._show_error("photos", str(e))
            return
        self._fill_photos()

    def _fill_lists(self) -> None:
        self.list_combo.clear()
        cid = self.competency.currentData()
        if cid is None:
            self.list_combo.addItem(_t("— лист появится после импорта —"), None)
            return
        ls = acc.lists(cid)
        if not ls:
            self.list_combo.addItem(_t("— у компетенции ещё нет листа —"), None)
        for x in ls:
            self.list_combo.addItem(_t("{0} год ({1} позиций)").format(x.year, x.lines), x.id)

    def checked_rooms(self) -> list[int]:
        out = []
        for k in range(self.rooms.count()):
            it = self.rooms.item(k)
            if it.checkState() == Qt.CheckState.Checked:
                out.append(it.data(Qt.ItemDataRole.UserRole))
        return out

    def set_rooms(self, ids: list[int]) -> None:
        for k in range(self.rooms.count()):
            it = self.rooms.item(k)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in ids
                             else Qt.CheckState.Unchecked)

    # --- plan --------------------------------------------------------------------------------
    def choose_plan(self, path: str | None = None) -> None:
        if not path:
            start = settings().get("paths/import_dir") or str(Path.home())
            path, _f = QFileDialog.getOpenFileName(self, _t("План застройки"), start,
                                                   _t("Изображения (*.png *.jpg *.jpeg)"))
        if not path:
            return
        try:
            data = Path(path).read_bytes()
            acc.validate_image(data, Path(path).name)
        except (OSError, ValidationError) as e:
            self._show_error("photo", str(e))
            return
        self._set_plan(data, Path(path).name)

    def _set_plan(self, data: bytes | None, name: str, changed: bool = True) -> None:
        self._plan, self._plan_name = data, name
        self._plan_changed = self._plan_changed or changed
        self.set_error("photo", "")
        if data:
            pm = QPixmap()
            pm.loadFromData(data)
            self.plan_preview.setPixmap(pm.scaled(self.plan_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
            self.plan_preview.setToolTip(name)
        else:
            self.plan_preview.setPixmap(QPixmap())
            self.plan_preview.setText(_t("нет"))
        self.plan_clear.setEnabled(bool(data))

    # --- validation and saving ---------------------------------------------------------------
    def _show_error(self, key: str, text: str) -> None:
        self.set_error(key, text)

    def validate(self) -> bool:
        ok = True
        if not self.name.text().strip():
            self.set_error("name", _t("Введите название мастерской."))
            ok = False
        else:
            self.set_error("name", "")
        if not self.competency.currentText().strip():
            self.set_error("competency", _t("Выберите компетенцию."))
            ok = False
        else:
            self.set_error("competency", "")
        if not self.checked_rooms():
            self.set_error("rooms", _t("Отметьте хотя бы одно помещение."))
            ok = False
        else:
            self.set_error("rooms", "")
        self.ok_button.setEnabled(ok)
        return ok

    def save(self) -> int:
        comp = self.competency.currentData()
        if comp is None or self.competency.currentText() != self.competency.itemText(self.competency.currentIndex()):
            comp = self.competency.currentText().strip()
        date = None
        if self.has_date.isChecked():
            q = self.date.date()
            date = dt.date(q.year(), q.month(), q.day())
        if isinstance(comp, str) and comp not in [self.competency.itemText(i) for i in range(self.competency.count())]:
            comp = acc.create_competency({"name": comp})
        data = dict(name=self.name.text(), rooms=self.checked_rooms(), competency=comp,
                    workplaces=self.workplaces.value(), responsible=self.responsible.text().strip(),
                    area_m2=self.area.text().strip(), list_id=self.list_combo.currentData(),
                    notes=self.notes.toPlainText().strip(), accreditation_date=date)
        if self.workshop_id is None:
            wid = acc.create_workshop(data)
        else:
            wid = self.workshop_id
            acc.update_workshop(wid, data, version=self.info.version)
        if self._plan_changed:
            acc.set_layout_plan(wid, self._plan, self._plan_name)
        return wid
