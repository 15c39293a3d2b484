"""Вход в программу: shown at start once more than one user exists (or a password is set).

``LoginDialog(parent)``; after ``accept()`` its ``.actor`` is the logged-in user (also made the
current actor). The password check runs off the GUI thread (scrypt and the pause after a failure
take time); after repeated failures the dialog shows how long to wait and counts down.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from chemcluster_desktop import APP_NAME
from chemcluster_desktop.services import context, security
from chemcluster_desktop.services.errors import ServiceError


def _t(s: str) -> str:
    return QCoreApplication.translate("LoginDialog", s)


class LoginDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.actor: context.Actor | None = None
        self._result: tuple[str, object] | None = None
        self._wait_left = 0
        self.setObjectName("loginDialog")
        self.setModal(True)
        self.setMinimumWidth(420)

        lay = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("dialogHeader")
        self.header.setWordWrap(True)
        lay.addWidget(self.header)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.login_edit = QComboBox()
        self.login_edit.setObjectName("loginUser")
        self.login_edit.setEditable(True)
        self.login_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_label, self.password_label = QLabel(), QLabel()
        form.addRow(self.login_label, self.login_edit)
        form.addRow(self.password_label, self.password_edit)
        lay.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        lay.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

        self._poll = QTimer(self)
        self._poll.setInterval(40)
        self._poll.timeout.connect(self._check_result)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.setTimerType(Qt.TimerType.PreciseTimer)  # never open the button before the wait is over
        self._countdown.timeout.connect(self._tick)

        self._fill_users()
        self.retranslate_ui()
        self.password_edit.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_t("Вход — {0}").format(APP_NAME))
        self.header.setText(_t("Войдите под своим именем: права зависят от роли пользователя."))
        self.login_label.setText(_t("Пользователь:"))
        self.password_label.setText(_t("Пароль:"))
        self.ok_button.setText(_t("Войти"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Выход"))

    def _fill_users(self) -> None:
        try:
            users = [u for u in security.list_users() if u.active]
        except ServiceError:
            users = []
        for u in users:
            self.login_edit.addItem(f"{u.login}", u.login)
            self.login_edit.setItemData(self.login_edit.count() - 1,
                                        f"{u.full_name} — {security.role_name(u.role)}", Qt.ItemDataRole.ToolTipRole)
        from chemcluster_desktop.settings import settings

        last = settings().get("login/last")
        idx = self.login_edit.findData(last) if last else -1
        self.login_edit.setCurrentIndex(idx if idx >= 0 else 0)

    # --- log-in -------------------------------------------------------------------------------
    def login_text(self) -> str:
        return self.login_edit.currentText().strip()

    def try_login(self) -> None:
        if self._poll.isActive() or self._wait_left > 0:
            return
        login = self.login_text()
        if not login:
            self._show_error(_t("Укажите пользователя."))
            return
        password = self.password_edit.text()
        self.ok_button.setEnabled(False)
        self._show_error("")
        self._result = None

        def work():
            try:
                self._result = ("ok", security.authenticate(login, password))
            except ServiceError as e:
                self._result = ("error", e)
            except Exception as e:  # noqa: BLE001 - shown as a message, never a traceback
                self._result = ("error", ServiceError(_t("Вход не удался: {0}").format(e)))

        threading.Thread(target=work, daemon=True).start()
        self._poll.start()

    def _check_result(self) -> None:
        if self._result is None:
            return
        self._poll.stop()
        kind, value = self._result
        self._result = None
        if kind == "ok":
            self.actor = value
            context.set_actor(value)
            _remember(value.login)
            self.accept()
            return
        self.password_edit.clear()
        self.password_edit.setFocus()
        if isinstance(value, security.LoginThrottled):
            self._wait_left = value.wait_seconds
            self._tick(first=True)
            self._countdown.start()
        else:
            self._show_error(str(value))
            self.ok_button.setEnabled(True)

    def _tick(self, first: bool = False) -> None:
        if not first:
            self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self._wait_left = 0
            self.ok_button.setEnabled(True)
            self._show_error(_t("Можно попробовать снова."))
            return
        self.ok_button.setEnabled(False)
        self._show_error(_t("Слишком много неудачных попыток. Следующая попытка через {0} с.")
                         .format(self._wait_left))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        # the dialog grows by the message's lines (else the message squeezes the user field, issue 16)
        lay = self.layout()
        lay.activate()
        need = lay.heightForWidth(self.width()) if lay.hasHeightForWidth() else lay.sizeHint().height()
        if self.height() < need:
            self.resize(self.width(), need)

    def wait_seconds(self) -> int:
        return self._wait_left

    def reject(self) -> None:
        self._poll.stop()
        self._countdown.stop()
        super().reject()


def _remember(login: str) -> None:
    """The next start offers the same user (per PC, in the settings file)."""
    try:
        from chemcluster_desktop.settings import settings

        settings().set("login/last", login)
    except Exception:  # noqa: BLE001 - remembering the name is a convenience only
        pass
