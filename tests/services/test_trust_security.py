"""Users and roles: rights enforced in the services, salted slow hashes, slow-down after failures."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from chemcluster_desktop.services import context, security
from chemcluster_desktop.services.errors import ConcurrentEditError, PermissionDenied, ValidationError
from chemcluster_desktop.storage.core import ROLE_CODES, User


@pytest.fixture(autouse=True)
def _fast_throttle(monkeypatch):
    monkeypatch.setattr(security, "FAIL_SLEEP", 0.0)
    monkeypatch.setattr(security, "THROTTLE_BASE", 0.2)


def test_first_start_has_admin_without_password_and_no_login(db):
    users = security.list_users()
    assert [(u.login, u.role, u.has_password) for u in users] == [("admin", "admin", False)]
    assert not security.login_required()


def test_roles_exist_and_every_role_has_rights():
    assert set(ROLE_CODES) == set(security.PERMISSIONS)
    viewer = context.Actor("v", "viewer")
    for area in ("inventory", "accreditation", "schedule", "procurement", "cluster"):
        assert not security.can(f"{area}.write", viewer)
        assert security.can(f"{area}.read", viewer)
    assert security.can("inventory.write", context.Actor("m", "lab_manager"))
    assert not security.can("procurement.write", context.Actor("m", "lab_manager"))
    assert security.can("anything.at.all", context.Actor("a", "admin"))
    assert not security.can("inventory.read", context.Actor("x", "no-such-role"))


def test_viewer_write_refused_by_service(db, as_role):
    with as_role("viewer"):
        with pytest.raises(PermissionDenied, match="нет права"):
            security.add_user("petrov", "planner", "secret1")
        with pytest.raises(PermissionDenied):
            security.set_password("admin", "newpass")
        with pytest.raises(PermissionDenied):
            security.update_user("admin", role="viewer")
    assert [u.login for u in security.list_users()] == ["admin"]


def test_password_is_salted_scrypt_never_plain(db):
    security.add_user("ivanova", "lab_manager", "Tайна-123", "Иванова А. П.")
    security.add_user("petrov", "lab_manager", "Tайна-123")
    with context.read() as s:
        hashes = dict(s.execute(select(User.login, User.password_hash)).all())
    h1, h2 = hashes["ivanova"], hashes["petrov"]
    assert h1.startswith("scrypt$") and "Tайна" not in h1
    assert h1 != h2  # different salts
    n = int(h1.split("$")[1])
    assert n >= 2**14
    assert security.verify_password("Tайна-123", h1)
    assert not security.verify_password("tайна-123", h1)


def test_login_required_once_a_second_user_exists(db):
    security.add_user("ivanova", "lab_manager", "secret1")
    assert security.login_required()
    a = security.authenticate("ivanova", "secret1")
    assert (a.login, a.role) == ("ivanova", "lab_manager")
    with pytest.raises(PermissionDenied, match="Неверный логин или пароль"):
        security.authenticate("ivanova", "wrong")
    with pytest.raises(PermissionDenied, match="Неверный логин или пароль"):
        security.authenticate("nobody", "secret1")


def test_repeated_failures_slow_down(db, monkeypatch):
    import time

    security.add_user("ivanova", "lab_manager", "secret1")
    for _ in range(security.THROTTLE_AFTER - 1):
        with pytest.raises(PermissionDenied) as e:
            security.authenticate("ivanova", "bad")
        assert not isinstance(e.value, security.LoginThrottled)
    with pytest.raises(security.LoginThrottled) as e:
        security.authenticate("ivanova", "bad")
    assert e.value.wait_seconds >= 1
    # while the wait lasts even the right password is refused, without being checked
    with pytest.raises(security.LoginThrottled, match="Подождите"):
        security.authenticate("ivanova", "secret1")
    time.sleep(security.failure_delay(security.THROTTLE_AFTER) + 0.05)
    assert security.authenticate("ivanova", "secret1").login == "ivanova"
    assert security.get_user("ivanova").login == "ivanova"
    # the delay doubles with each failure and is capped
    assert security.failure_delay(security.THROTTLE_AFTER + 1) == 2 * security.failure_delay(security.THROTTLE_AFTER)
    assert security.failure_delay(100) == security.THROTTLE_MAX


def test_disabled_user_cannot_log_in_and_last_admin_is_protected(db):
    security.add_user("ivanova", "lab_manager", "secret1")
    security.set_active("ivanova", False)
    with pytest.raises(PermissionDenied):
        security.authenticate("ivanova", "secret1")
    with pytest.raises(ValidationError, match="единственного"):
        security.set_role("admin", "viewer")
    security.add_user("boss", "admin", "secret2")
    context.set_actor(security.authenticate("boss", "secret2"))
    security.set_role("admin", "viewer")
    assert security.get_user("admin").role == "viewer"


def test_user_edit_with_stale_version_is_refused(db):
    security.add_user("ivanova", "lab_manager", "secret1")
    v = security.get_user("ivanova").version
    security.update_user("ivanova", full_name="Иванова А. П.", version=v)
    with pytest.raises(ConcurrentEditError, match="Обновите"):
        security.update_user("ivanova", full_name="Иванова Анна", version=v)
    assert security.get_user("ivanova").full_name == "Иванова А. П."


def test_user_changes_own_password_and_journal_hides_hash(db):
    from chemcluster_desktop.storage.core import AuditEntry

    security.add_user("ivanova", "lab_manager", "secret1")
    context.set_actor(security.authenticate("ivanova", "secret1"))
    with pytest.raises(ValidationError):
        security.set_password("ivanova", "new-secret", old_password="wrong")
    security.set_password("ivanova", "new-secret", old_password="secret1")
    with pytest.raises(PermissionDenied):
        security.set_password("admin", "whatever")
    assert security.authenticate("ivanova", "new-secret").login == "ivanova"
    with context.read() as s:
        texts = [f"{e.old_values} {e.new_values}" for e in s.scalars(select(AuditEntry))]
    assert not any("scrypt$" in t for t in texts)
    assert any('"password"' in t for t in texts)
