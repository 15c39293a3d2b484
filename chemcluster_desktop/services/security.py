"""Users, roles and rights. Rights are enforced here, whatever calls the service (GUI, CLI, test)."""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from dataclasses import dataclass

from sqlalchemy import func, select

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.context import Actor, uow
from chemcluster_desktop.services.errors import (
    DuplicateError,
    NotFoundError,
    PermissionDenied,
    ValidationError,
)
from chemcluster_desktop.storage.base import utcnow
from chemcluster_desktop.storage.core import ROLE_CODES, User

# Permissions are "<area>.<verb>"; services call require("inventory.write") etc.
PERMISSIONS: dict[str, set[str]] = {
    "admin": {"*"},
    "lab_manager": {"inventory.write", "inventory.read", "reports.print", "reference.write"},
    "coordinator": {"accreditation.write", "inventory.read", "procurement.needs", "reports.print"},
    "planner": {"schedule.write", "reports.print"},
    "buyer": {"procurement.write", "procurement.needs", "reports.print"},
    "viewer": {"reports.print"},
}


def role_name(code: str) -> str:
    names = {
        "admin": translate("Roles", "Администратор"),
        "lab_manager": translate("Roles", "Заведующий лабораторией (МОЛ)"),
        "coordinator": translate("Roles", "Ответственный за аккредитацию"),
        "planner": translate("Roles", "Методист по профориентации"),
        "buyer": translate("Roles", "Контрактный управляющий"),
        "viewer": translate("Roles", "Наблюдатель (только чтение)"),
    }
    return names.get(code, code)


def can(permission: str, actor: Actor | None = None) -> bool:
    a = actor or context.actor()
    perms = PERMISSIONS.get(a.role, set())
    if "*" in perms or permission in perms:
        return True
    area = permission.split(".", 1)[0]
    # Everyone may read; "x.read" is granted unless the role is unknown.
    return permission.endswith(".read") and a.role in PERMISSIONS or f"{area}.*" in perms


def require(permission: str) -> None:
    if not can(permission):
        a = context.actor()
        raise PermissionDenied(
            translate("Security", "У пользователя «{0}» ({1}) нет права на это действие. "
                                  "Обратитесь к администратору.").format(a.login, role_name(a.role)))


# --- passwords -----------------------------------------------------------------------------------
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    h = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${h.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, h = stored.split("$")
        if algo != "scrypt":
            return False
        calc = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                              dklen=len(bytes.fromhex(h)))
        return hmac.compare_digest(calc, bytes.fromhex(h))
    except (ValueError, TypeError):
        return False


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    full_name: str
    role: str
    active: bool
    has_password: bool


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.login, u.full_name, u.role_code, u.active, bool(u.password_hash))


def list_users() -> list[UserInfo]:
    with context.read() as s:
        return [_info(u) for u in s.scalars(select(User).order_by(User.login))]


def login_required() -> bool:
    """Log-in is asked for once more than one user exists or any password is set."""
    with context.read() as s:
        n = s.scalar(select(func.count(User.id)).where(User.active.is_(True)))
        with_pw = s.scalar(select(func.count(User.id)).where(User.password_hash.is_not(None)))
    return bool(n and (n > 1 or with_pw))


FAIL_DELAY_BASE = 0.5


def authenticate(login: str, password: str | None) -> Actor:
    """Check a log-in. Repeated failures slow down (delay grows with the count of failures)."""
    with uow() as s:
        u = s.scalar(select(User).where(User.login == login))
        if u is None or not u.active:
            time.sleep(FAIL_DELAY_BASE)
            raise PermissionDenied(translate("Security", "Неверный логин или пароль."))
        ok = (u.password_hash is None and not password) or (
            u.password_hash is not None and verify_password(password or "", u.password_hash))
        if not ok:
            u.failed_logins += 1
            u.last_failed_at = utcnow()
            fails = u.failed_logins
        else:
            u.failed_logins = 0
            u.last_login_at = utcnow()
            return Actor(u.login, u.role_code, u.full_name)
    time.sleep(min(FAIL_DELAY_BASE * 2 ** min(fails - 1, 5), 16.0))
    raise PermissionDenied(translate("Security", "Неверный логин или пароль."))


def add_user(login: str, role: str, password: str | None = None, full_name: str = "") -> int:
    require("admin")
    login = (login or "").strip()
    if not login or len(login) > 64 or any(c.isspace() for c in login):
        raise ValidationError(translate("Security", "Логин не может быть пустым или содержать пробелы."),
                              field="login")
    if role not in ROLE_CODES:
        raise ValidationError(translate("Security", "Неизвестная роль «{0}». Допустимые роли: {1}.")
                              .format(role, ", ".join(ROLE_CODES)), field="role")
    with uow() as s:
        if s.scalar(select(User.id).where(User.login == login)) is not None:
            raise DuplicateError(translate("Security", "Пользователь «{0}» уже есть.").format(login), field="login")
        u = User(login=login, role_code=role, full_name=full_name or login,
                 password_hash=hash_password(password) if password else None)
        s.add(u)
        s.flush()
        return u.id


def set_password(login: str, password: str) -> None:
    a = context.actor()
    if a.login != login:
        require("admin")
    if len(password) < 4:
        raise ValidationError(translate("Security", "Пароль слишком короткий: нужно не меньше 4 символов."),
                              field="password")
    with uow() as s:
        u = s.scalar(select(User).where(User.login == login))
        if u is None:
            raise NotFoundError(translate("Security", "Пользователь «{0}» не найден.").format(login))
        u.password_hash = hash_password(password)
