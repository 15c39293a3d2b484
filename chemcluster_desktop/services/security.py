"""Users, roles and rights. Rights are enforced here, whatever calls the service (GUI, CLI, test)."""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from chemcluster_desktop.i18n import translate
from chemcluster_desktop.services import context
from chemcluster_desktop.services.common import require_version
from chemcluster_desktop.services.context import Actor, uow
from chemcluster_desktop.services.errors import (
    DuplicateError,
    NotFoundError,
    PermissionDenied,
    ValidationError,
)
from chemcluster_desktop.services.textcheck import check_text
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


ANONYMOUS = "—"  # the command line without --user once log-in is required: a viewer


def current_actor() -> Actor:
    """The acting user as the database says now: a user disabled or given another role by an administrator
    (in this or another program) loses the old rights at the next action, not at the next log-in."""
    a = context.actor()
    if a.login in (ANONYMOUS, context.SYSTEM.login) or context._db is None:  # noqa: SLF001
        return a
    with context.read() as s:
        row = s.execute(select(User.role_code, User.active).where(User.login == a.login)).first()
    if row is None:  # not a stored user (the built-in actors of scripts and tests)
        return a
    role, active = row
    if not active:
        raise PermissionDenied(translate("Security", "Учётная запись «{0}» отключена администратором: действие не "
                                                     "выполнено. Обратитесь к администратору.").format(a.login))
    if role != a.role:
        a = Actor(a.login, role, a.full_name)
        context.set_actor(a)
    return a


def require(permission: str) -> None:
    if not can(permission, current_actor()):
        a = context.actor()
        if a.login == ANONYMOUS:
            raise PermissionDenied(translate("Security", "Без входа нет права на это действие: войдите, указав "
                                                         "--user ЛОГИН (или CHEMCLUSTER_USER) и пароль в "
                                                         "CHEMCLUSTER_PASSWORD."))
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
    version: int = 1
    last_login_at: object = None  # datetime (UTC) or None

    @property
    def role_name(self) -> str:
        return role_name(self.role)


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.login, u.full_name, u.role_code, u.active, bool(u.password_hash), u.version,
                    u.last_login_at)


def list_users() -> list[UserInfo]:
    with context.read() as s:
        return [_info(u) for u in s.scalars(select(User).order_by(User.login))]


def get_user(login: str) -> UserInfo:
    with context.read() as s:
        u = s.scalar(select(User).where(User.login == login))
        if u is None:
            raise NotFoundError(translate("Security", "Пользователь «{0}» не найден.").format(login))
        return _info(u)


def login_required() -> bool:
    """Log-in is asked for once more than one user exists or any password is set."""
    # one statement of SQLAlchemy Core (asked at every start, before the window; an ORM statement would configure
    # every mapper first — item_list.py): active users, and users with a password
    users = User.__table__.c
    with context.read() as s:
        n, with_pw = s.execute(select(func.count(users.id).filter(users.active.is_(True)),
                                      func.count(users.password_hash))).one()
    return bool(n and (n > 1 or with_pw))


# --- log-in and the slow-down after failures -------------------------------------------------------
FAIL_SLEEP = 0.5          # every failed attempt costs this much at once
THROTTLE_AFTER = 3        # from this many failures in a row the account waits before the next try
THROTTLE_BASE = 2.0       # seconds; doubles with every further failure
THROTTLE_MAX = 300.0


class LoginThrottled(PermissionDenied):
    """Too many failed attempts: the next one is accepted only after ``wait_seconds``."""

    def __init__(self, wait_seconds: float):
        self.wait_seconds = max(1, int(wait_seconds + 0.999))
        super().__init__(translate("Security", "Слишком много неудачных попыток входа. Подождите {0} с и "
                                               "попробуйте снова.").format(self.wait_seconds))


def failure_delay(failures: int) -> float:
    """Seconds the account waits after ``failures`` failed attempts in a row."""
    if failures < THROTTLE_AFTER:
        return 0.0
    return min(THROTTLE_BASE * 2 ** (failures - THROTTLE_AFTER), THROTTLE_MAX)


_DUMMY_HASH = None


def _dummy_verify(password: str) -> None:
    """Spend the same time on an unknown login as on a known one (no guessing of logins by timing)."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password("-")
    verify_password(password, _DUMMY_HASH)


LOGIN_WAIT = 5.0  # seconds a log-in waits for another program's write before it says so


@contextmanager
def _login_uow():
    """The log-in's own bookkeeping (the attempt counted, the journal entry): it waits only LOGIN_WAIT for
    another program's long write, then says so — a read-only command used to wait 61 s and then report
    «изменения не сохранены»."""
    try:
        with uow(wait=LOGIN_WAIT) as s:
            yield s
    except context.DatabaseBusyError as e:
        raise PermissionDenied(translate("Security", "База данных сейчас занята записью в другой программе, "
                                                     "поэтому вход не проверен. Повторите вход через минуту.")) from e


def _attempt_key(login: str) -> str:
    return hashlib.sha256(login.casefold().encode("utf-8")).hexdigest()


def _reserve_attempt(login: str, now) -> int:
    """Count this attempt as a failure before the password is checked, in one write transaction per
    attempt (every program on the database shares the count): a burst of parallel tries is slowed down
    like tries one after another. Raises LoginThrottled while the wait lasts. Returns the failures before
    this attempt. Known and unknown logins are counted alike (the answers give nothing away)."""
    from chemcluster_desktop.services.numbering import insert_ignore
    from chemcluster_desktop.storage.core import LoginAttempt

    key = _attempt_key(login)
    with _login_uow() as s:
        s.info["actor"] = Actor(login[:64], "viewer")
        insert_ignore(s, LoginAttempt.__table__, {"key": key, "failures": 0, "last_failed_at": None}, ["key"])
        fails, last_failed = s.execute(select(LoginAttempt.failures, LoginAttempt.last_failed_at)
                                       .where(LoginAttempt.key == key).with_for_update()).one()
        fails = fails or 0
        wait = failure_delay(fails)
        if wait and last_failed is not None:
            left = wait - (now - last_failed).total_seconds()
            if left > 0:
                raise LoginThrottled(left)
        # Core update: the attempt is counted, not journaled as an edit (the log-in itself is journaled)
        s.execute(update(LoginAttempt).where(LoginAttempt.key == key).values(failures=fails + 1,
                                                                             last_failed_at=now))
    return fails


def authenticate(login: str, password: str | None) -> Actor:
    """Check a log-in. After THROTTLE_AFTER failures in a row the login (known or not) refuses any attempt
    for a growing time (LoginThrottled says how long); every failure also costs FAIL_SLEEP seconds."""
    from chemcluster_desktop.services import audit
    from chemcluster_desktop.storage.core import LoginAttempt

    login = (login or "").strip()
    now = utcnow()
    fails = _reserve_attempt(login, now)
    with context.read() as s:
        u = s.scalar(select(User).where(User.login == login))
        info = None if u is None else (u.id, u.active, u.password_hash, u.role_code, u.full_name)
    if info is None or not info[1]:
        _dummy_verify(password or "")
        ok, uid, role, full_name = False, None, "viewer", ""
    else:
        uid, _active, pw_hash, role, full_name = info
        ok = (pw_hash is None and not password) or (pw_hash is not None and verify_password(password or "", pw_hash))
    who = Actor(login, role, full_name)
    # Core updates: a log-in is not an edit of the user record (no version bump, no conflict with an
    # administrator editing that user at the same moment); the journal gets one plain entry.
    with _login_uow() as s:
        s.info["actor"] = Actor(login[:64], role)
        if ok:
            s.execute(delete(LoginAttempt).where(LoginAttempt.key == _attempt_key(login)))
            s.execute(update(User).where(User.id == uid).values(failed_logins=0, last_login_at=now))
            audit.record(s, "login", "core", "User", uid, login)
        else:
            # the wait counts from the failure (the password check itself takes a moment)
            s.execute(update(LoginAttempt).where(LoginAttempt.key == _attempt_key(login))
                      .values(last_failed_at=utcnow()))
            if uid is not None:
                s.execute(update(User).where(User.id == uid).values(failed_logins=User.failed_logins + 1,
                                                                    last_failed_at=now))
            audit.record(s, "login_failed", "core", "User", uid or "", login[:500])
    if ok:
        return who
    time.sleep(FAIL_SLEEP)
    if failure_delay(fails + 1):
        raise LoginThrottled(failure_delay(fails + 1))
    raise PermissionDenied(translate("Security", "Неверный логин или пароль."))


def logout(actor: Actor | None = None) -> None:
    """The end of a session in the journal («Файл → Сменить пользователя»); the caller forgets the actor."""
    from chemcluster_desktop.services import audit

    a = actor or context.actor()
    with _login_uow() as s:
        s.info["actor"] = a
        uid = s.scalar(select(User.id).where(User.login == a.login))
        audit.record(s, "logout", "core", "User", uid or "", a.login)


# --- managing users (administrator) ------------------------------------------------------------------
def _check_login(login: str) -> str:
    login = check_text(login, "login")
    if not login or len(login) > 64 or any(c.isspace() for c in login):
        raise ValidationError(translate("Security", "Логин не может быть пустым или содержать пробелы "
                                                    "(не длиннее 64 символов)."), field="login")
    return login


def _check_role(role: str) -> None:
    if role not in ROLE_CODES:
        raise ValidationError(translate("Security", "Неизвестная роль «{0}». Допустимые роли: {1}.")
                              .format(role, ", ".join(ROLE_CODES)), field="role")


MIN_PASSWORD = 4


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(translate("Security", "Пароль слишком короткий: нужно не меньше {0} символов.")
                              .format(MIN_PASSWORD), field="password")


def add_user(login: str, role: str, password: str | None = None, full_name: str = "") -> int:
    require("admin")
    login = _check_login(login)
    full_name = check_text(full_name, "full_name", max_len=200)
    _check_role(role)
    if password:
        _check_password(password)
    with uow() as s:
        if s.scalar(select(User.id).where(func.lower(User.login) == login.lower())) is not None:
            raise DuplicateError(translate("Security", "Пользователь «{0}» уже есть.").format(login), field="login")
        u = User(login=login, role_code=role, full_name=(full_name or "").strip() or login,
                 password_hash=hash_password(password) if password else None, active=True, failed_logins=0)
        s.add(u)
        s.flush()
        return u.id


def _other_active_admins(s, login: str) -> int:
    return s.scalar(select(func.count(User.id)).where(User.role_code == "admin", User.active.is_(True),
                                                      User.login != login)) or 0


def update_user(login: str, *, full_name: str | None = None, role: str | None = None, active: bool | None = None,
                version: int | None = None) -> UserInfo:
    """Change a user's name, role or whether they may log in. ``version`` (required) is the one the form
    loaded: if someone saved the user meanwhile, ConcurrentEditError; without it, ValidationError. The last active administrator cannot be
    demoted or disabled."""
    require("admin")
    if role is not None:
        _check_role(role)
    with uow() as s:
        u = s.scalar(select(User).where(User.login == login))
        if u is None:
            raise NotFoundError(translate("Security", "Пользователь «{0}» не найден.").format(login))
        require_version(u, version)
        demote = (role is not None and role != "admin") or active is False
        if u.role_code == "admin" and demote and not _other_active_admins(s, login):
            raise ValidationError(translate("Security", "Нельзя отключить или понизить единственного "
                                                        "администратора: сначала назначьте другого."),
                                  field="role")
        if login == context.actor().login and active is False:
            raise ValidationError(translate("Security", "Нельзя отключить самого себя."), field="active")
        if full_name is not None:
            u.full_name = check_text(full_name, "full_name", max_len=200) or u.login
        if role is not None:
            u.role_code = role
        if active is not None:
            u.active = active
            if active:
                u.failed_logins = 0
        s.flush()
        return _info(u)


def set_active(login: str, active: bool) -> UserInfo:
    """A one-field action (allow / forbid log-in): applied to the user as stored now."""
    return update_user(login, active=active, version=get_user(login).version)


def set_role(login: str, role: str) -> UserInfo:
    """A one-field action (the role): applied to the user as stored now."""
    return update_user(login, role=role, version=get_user(login).version)


def set_password(login: str, password: str, *, old_password: str | None = None) -> None:
    """A user changes their own password (the current one is asked for, administrators included: someone
    at an unlocked computer must not take the account over); an administrator sets anyone else's. The
    password is stored only as a salted scrypt hash."""
    a = current_actor()
    own = a.login == login
    if not own:
        require("admin")
    _check_password(password)
    with uow() as s:
        u = s.scalar(select(User).where(User.login == login))
        if u is None:
            raise NotFoundError(translate("Security", "Пользователь «{0}» не найден.").format(login))
        if own and u.password_hash and not verify_password(old_password or "", u.password_hash):
            raise ValidationError(translate("Security", "Текущий пароль не указан или указан неверно: чтобы сменить "
                                                        "свой пароль, введите текущий."), field="old_password")
        u.password_hash = hash_password(password)
        u.failed_logins = 0


def clear_password(login: str) -> None:
    """Administrator: remove a user's password (they log in with an empty one until they set one)."""
    require("admin")
    with uow() as s:
        u = s.scalar(select(User).where(User.login == login))
        if u is None:
            raise NotFoundError(translate("Security", "Пользователь «{0}» не найден.").format(login))
        u.password_hash = None
        u.failed_logins = 0
