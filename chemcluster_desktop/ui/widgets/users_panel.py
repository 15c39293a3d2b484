"""Пользователи и роли (Справочники → Пользователи): the administrator adds users, sets roles and
passwords, and forbids log-in; everyone else sees the list read-only. Every change goes through
``services.security`` (which checks the rights again and journals the change)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from chemcluster_desktop.services import context, security
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import events
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.icons import icon


def _t(s: str) -> str:
    return QCoreApplication.translate("UsersPanel", s)


def _error_label() -> QLabel:
    lab = QLabel()
    lab.setObjectName("fieldError")
    lab.setStyleSheet("color: #b3261e;")
    lab.setWordWrap(True)
    lab.hide()
    return lab


class UserDialog(QDialog):
    """Add a user (``user=None``) or change one (name, role, may log in). Enter saves, Esc cancels."""

    def __init__(self, parent=None, user: security.UserInfo | None = None):
        super().__init__(parent)
        self.user = user
        self.saved_login: str | None = None
        self.setObjectName("userDialog")
        self.setWindowTitle(_t("Новый пользователь") if user is None else _t("Пользователь «{0}»").format(user.login))
        self.setMinimumWidth(440)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.login = QLineEdit(user.login if user else "")
        self.login.setObjectName("userLogin")
        self.login.setReadOnly(user is not None)
        self.login.setMaxLength(64)
        self.full_name = QLineEdit(user.full_name if user else "")
        self.full_name.setObjectName("userFullName")
        self.role = QComboBox()
        self.role.setObjectName("userRole")
        for code in security.ROLE_CODES:
            self.role.addItem(security.role_name(code), code)
        self.role.setCurrentIndex(max(0, self.role.findData(user.role if user else "viewer")))
        self.active = QCheckBox(_t("может входить в программу"))
        self.active.setObjectName("userActive")
        self.active.setChecked(user.active if user else True)
        self.password = QLineEdit()
        self.password.setObjectName("userPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setObjectName("userPassword2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = {k: _error_label() for k in ("login", "password", "role", "active", "")}
        form.addRow(_t("Логин: *"), self.login)
        form.addRow("", self.errors["login"])
        form.addRow(_t("Фамилия, имя, отчество:"), self.full_name)
        form.addRow(_t("Роль: *"), self.role)
        form.addRow("", self.errors["role"])
        if user is None:
            form.addRow(_t("Пароль:"), self.password)
            form.addRow(_t("Пароль ещё раз:"), self.password2)
            form.addRow("", self.errors["password"])
        else:
            form.addRow("", self.active)
            form.addRow("", self.errors["active"])
        lay.addLayout(form)
        lay.addWidget(self.errors[""])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_t("Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.login.textChanged.connect(self._validate)
        self.password.textChanged.connect(self._validate)
        self.password2.textChanged.connect(self._validate)
        self._validate()

    def _set_error(self, key: str, text: str) -> None:
        lab = self.errors.get(key) or self.errors[""]
        lab.setText(text)
        lab.setVisible(bool(text))

    def _validate(self) -> bool:
        ok = True
        login = self.login.text().strip()
        if self.user is None:
            if not login:
                self._set_error("login", _t("Укажите логин (латиницей или кириллицей, без пробелов)."))
                ok = False
            elif any(c.isspace() for c in login):
                self._set_error("login", _t("В логине не должно быть пробелов."))
                ok = False
            else:
                self._set_error("login", "")
            pw, pw2 = self.password.text(), self.password2.text()
            if pw and len(pw) < security.MIN_PASSWORD:
                self._set_error("password", _t("Пароль слишком короткий: нужно не меньше {0} символов.")
                                .format(security.MIN_PASSWORD))
                ok = False
            elif pw != pw2:
                self._set_error("password", _t("Пароли не совпадают."))
                ok = False
            else:
                self._set_error("password", "")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)
        return ok

    def save(self) -> None:
        if not self._validate():
            return
        try:
            if self.user is None:
                security.add_user(self.login.text().strip(), self.role.currentData(), self.password.text() or None,
                                  self.full_name.text().strip())
                self.saved_login = self.login.text().strip()
            else:
                security.update_user(self.user.login, full_name=self.full_name.text(), role=self.role.currentData(),
                                     active=self.active.isChecked(), version=self.user.version)
                self.saved_login = self.user.login
        except ServiceError as e:
            self._set_error(e.field or "", str(e))
            return
        events.notify("core")
        self.accept()


class PasswordDialog(QDialog):
    """Set a user's password (administrator) or one's own."""

    def __init__(self, parent, login: str):
        super().__init__(parent)
        self.login = login
        self.setObjectName("passwordDialog")
        self.setWindowTitle(_t("Пароль пользователя «{0}»").format(login))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setObjectName("newPassword2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_t("Новый пароль: *"), self.password)
        form.addRow(_t("Ещё раз: *"), self.password2)
        lay.addLayout(form)
        self.error = _error_label()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_t("Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def save(self) -> None:
        if self.password.text() != self.password2.text():
            self.error.setText(_t("Пароли не совпадают."))
            self.error.show()
            return
        try:
            security.set_password(self.login, self.password.text())
        except ServiceError as e:
            self.error.setText(str(e))
            self.error.show()
            return
        self.accept()


class UsersPanel(QWidget):
    HEADERS = ("Логин", "Фамилия, имя, отчество", "Роль", "Пароль", "Вход", "Последний вход")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("usersPanel")
        self._users: list[security.UserInfo] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.add_button = QPushButton(icon("account-plus-outline"), "")
        self.add_button.setObjectName("addUser")
        self.edit_button = QPushButton(icon("pencil-outline"), "")
        self.edit_button.setObjectName("editUser")
        self.password_button = QPushButton(icon("key-outline"), "")
        self.password_button.setObjectName("passwordUser")
        self.toggle_button = QPushButton(icon("account-cancel-outline"), "")
        self.toggle_button.setObjectName("toggleUser")
        for b in (self.add_button, self.edit_button, self.password_button, self.toggle_button):
            bar.addWidget(b)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("usersTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(False)
        for c in range(len(self.HEADERS)):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == 1
                                    else QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit_button.isEnabled() and self.edit_user())
        lay.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.password_button.clicked.connect(self.set_password)
        self.toggle_button.clicked.connect(self.toggle_user)
        events.bus().changed.connect(self._on_data_changed)  # a bound slot: disconnected when the panel goes
        self.retranslate_ui()
        self.refresh()

    def _on_data_changed(self, area: str) -> None:
        if area in ("*", "core"):
            self.refresh()

    # --- view ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.add_button.setText(_t("Добавить…"))
        self.edit_button.setText(_t("Изменить…"))
        self.password_button.setText(_t("Задать пароль…"))
        self.table.setHorizontalHeaderLabels([_t(h) for h in self.HEADERS])
        self._update_buttons()

    def is_admin(self) -> bool:
        return security.can("admin")

    def refresh(self) -> None:
        keep = self.current_login()
        try:
            self._users = security.list_users()
        except (ServiceError, RuntimeError):
            self._users = []
        self.table.setRowCount(len(self._users))
        for r, u in enumerate(self._users):
            vals = [u.login, u.full_name, security.role_name(u.role), _t("задан") if u.has_password else _t("нет"),
                    _t("разрешён") if u.active else _t("запрещён"),
                    fmt.datetime(_local(u.last_login_at)) if u.last_login_at else "—"]
            for c, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if c == 0:
                    it.setData(Qt.ItemDataRole.UserRole, u.login)
                if not u.active:
                    it.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, it)
            if u.login == keep:
                self.table.selectRow(r)
        self._update_buttons()

    def current_login(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        it = self.table.item(rows[0].row(), 0)
        return it.data(Qt.ItemDataRole.UserRole) if it else None

    def current_user(self) -> security.UserInfo | None:
        login = self.current_login()
        return next((u for u in self._users if u.login == login), None)

    def select_login(self, login: str) -> None:
        for r, u in enumerate(self._users):
            if u.login == login:
                self.table.selectRow(r)
                return

    def _update_buttons(self) -> None:
        admin = self.is_admin()
        u = self.current_user()
        me = context.actor().login
        self.add_button.setVisible(admin)
        self.edit_button.setVisible(admin)
        self.toggle_button.setVisible(admin)
        self.edit_button.setEnabled(admin and u is not None)
        self.toggle_button.setEnabled(admin and u is not None and u.login != me)
        self.password_button.setEnabled(u is not None and (admin or u.login == me))
        self.password_button.setVisible(admin or any(x.login == me for x in self._users))
        self.toggle_button.setText(_t("Разрешить вход") if u is not None and not u.active else _t("Запретить вход"))
        if admin:
            open_admins = [x.login for x in self._users if x.role == "admin" and x.active and not x.has_password]
            text = (_t("Внимание: у администратора «{0}» нет пароля — войти под ним может любой. Задайте пароль.")
                    .format(", ".join(open_admins)) if open_admins and len(self._users) > 1 else "")
        else:
            text = _t("Добавлять пользователей и менять роли может только администратор. "
                      "Свой пароль можно сменить кнопкой «Задать пароль…».")
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # --- actions ------------------------------------------------------------------------------
    def make_user_dialog(self, user=None) -> UserDialog:
        """Tests intercept this to drive the dialog."""
        return UserDialog(self, user)

    def add_user(self) -> None:
        dlg = self.make_user_dialog()
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_login(dlg.saved_login)

    def edit_user(self) -> None:
        u = self.current_user()
        if u is None:
            return
        dlg = self.make_user_dialog(u)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def set_password(self) -> None:
        u = self.current_user()
        if u is None:
            return
        if PasswordDialog(self, u.login).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def toggle_user(self) -> None:
        u = self.current_user()
        if u is None:
            return
        try:
            security.set_active(u.login, not u.active)
        except ServiceError as e:
            QMessageBox.warning(self, _t("Пользователи"), str(e))
            return
        events.notify("core")
        self.refresh()

    def on_role_changed(self) -> None:
        self._update_buttons()


def _local(at):
    from chemcluster_desktop.services.journal import to_local

    return to_local(at)
