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

from chemcluster_desktop.areas import Area
from chemcluster_desktop.services import context, security
from chemcluster_desktop.services.errors import ServiceError
from chemcluster_desktop.ui import events
from chemcluster_desktop.ui import format as fmt
from chemcluster_desktop.ui.forms import FormDialog
from chemcluster_desktop.ui.icons import icon


def _t(s: str) -> str:
    return QCoreApplication.translate("UsersPanel", s)


class UserDialog(FormDialog):
    """Add a user (``user=None``) or change one (name, role, may log in). Enter saves, Esc cancels."""

    context = "UsersPanel"

    def __init__(self, parent=None, user: security.UserInfo | None = None):
        super().__init__(parent, _t("Новый пользователь") if user is None else
                         _t("Пользователь «{0}»").format(user.login), "userDialog")
        self.user = user
        self.saved_login: str | None = None
        self.setMinimumWidth(440)
        self.login = self.add("login", _t("Логин:"), QLineEdit(user.login if user else "", objectName="userLogin"),
                              required=True)
        self.login.setReadOnly(user is not None)
        self.login.setMaxLength(64)
        self.full_name = self.add("full_name", _t("Фамилия, имя, отчество:"),
                                  QLineEdit(user.full_name if user else "", objectName="userFullName"))
        self.role = self.add("role", _t("Роль:"), QComboBox(objectName="userRole"), required=True)
        for code in security.ROLE_CODES:
            self.role.addItem(security.role_name(code), code)
        self.role.setCurrentIndex(max(0, self.role.findData(user.role if user else "viewer")))
        self.active = QCheckBox(_t("может входить в программу"), objectName="userActive")
        self.active.setChecked(user.active if user else True)
        self.password = QLineEdit(objectName="userPassword", echoMode=QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(objectName="userPassword2", echoMode=QLineEdit.EchoMode.Password)
        if user is None:
            self.add("password", _t("Пароль:"), self.password)
            self.add("password2", _t("Пароль ещё раз:"), self.password2)
        else:
            self.add("active", "", self.active)
        self.finish_layout()
        self.login.textChanged.connect(self.validate)
        self.password.textChanged.connect(self.validate)
        self.password2.textChanged.connect(self.validate)
        self.validate()

    def validate(self) -> bool:
        ok = True
        login = self.login.text().strip()
        if self.user is None:
            if not login:
                self.set_error("login", _t("Укажите логин (латиницей или кириллицей, без пробелов)."))
                ok = False
            elif any(c.isspace() for c in login):
                self.set_error("login", _t("В логине не должно быть пробелов."))
                ok = False
            else:
                self.set_error("login", "")
            pw, pw2 = self.password.text(), self.password2.text()
            if pw and len(pw) < security.MIN_PASSWORD:
                self.set_error("password", _t("Пароль слишком короткий: нужно не меньше {0} символов.")
                               .format(security.MIN_PASSWORD))
                ok = False
            elif pw != pw2:
                self.set_error("password", _t("Пароли не совпадают."))
                ok = False
            else:
                self.set_error("password", "")
        self.ok_button.setEnabled(ok)
        return ok

    def save(self) -> None:
        if self.user is None:
            login = self.login.text().strip()
            security.add_user(login, self.role.currentData(), self.password.text() or None,
                              self.full_name.text().strip())
        else:
            login = self.user.login
            security.update_user(login, full_name=self.full_name.text(), role=self.role.currentData(),
                                 active=self.active.isChecked(), version=self.user.version)
        self.saved_login = login


class PasswordDialog(FormDialog):
    """Set a user's password (administrator) or one's own."""

    context = "UsersPanel"

    def __init__(self, parent, login: str):
        super().__init__(parent, _t("Пароль пользователя «{0}»").format(login), "passwordDialog")
        self.setMinimumWidth(440)
        self.login = login
        # one's own password: the current one is asked for (the service refuses without it)
        self.old_password = None
        if login == context.actor().login:
            self.old_password = self.add("old_password", _t("Текущий пароль:"),
                                         QLineEdit(objectName="oldPassword", echoMode=QLineEdit.EchoMode.Password))
        self.password = self.add("password", _t("Новый пароль:"),
                                 QLineEdit(objectName="newPassword", echoMode=QLineEdit.EchoMode.Password), required=True)
        self.password2 = self.add("password2", _t("Ещё раз:"),
                                  QLineEdit(objectName="newPassword2", echoMode=QLineEdit.EchoMode.Password),
                                  required=True)
        self.finish_layout()

    def validate(self) -> bool:
        if self.password.text() != self.password2.text():
            self.set_error("password2", _t("Пароли не совпадают."))
            return False
        return True

    def save(self) -> None:
        security.set_password(self.login, self.password.text(),
                              old_password=self.old_password.text() if self.old_password is not None else None)


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

    def _on_data_changed(self, areas: frozenset) -> None:
        if Area.CORE in areas:
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
            self.select_login(dlg.saved_login)

    def edit_user(self) -> None:
        u = self.current_user()
        if u is None:
            return
        self.make_user_dialog(u).exec()

    def set_password(self) -> None:
        u = self.current_user()
        if u is None:
            return
        PasswordDialog(self, u.login).exec()

    def toggle_user(self) -> None:
        u = self.current_user()
        if u is None:
            return
        try:
            security.set_active(u.login, not u.active)
        except ServiceError as e:
            QMessageBox.warning(self, _t("Пользователи"), str(e))

    def on_role_changed(self) -> None:
        self._update_buttons()


def _local(at):
    from chemcluster_desktop.services.journal import to_local

    return to_local(at)
