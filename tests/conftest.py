"""Shared fixtures: a real SQLite file made by the real migrations, the acting user, the window.

- ``db``: a fresh migrated database (copied from a per-run template, so it is fast); the
  current actor is ``admin``.
- ``demo_db``: the same with the demo data loaded through ``services.demo.load_demo``.
- ``as_role("viewer")``: switch the acting user (context manager or plain call).
- ``window``: the real main window over ``db`` (pytest-qt ``qtbot`` drives it).
Qt runs offscreen; every test gets its own user-data folder (CHEMCLUSTER_HOME) and settings file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest  # noqa: E402

from chemcluster_desktop import i18n  # noqa: E402
from chemcluster_desktop.services import context  # noqa: E402

_templates: dict[str, Path] = {}


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CHEMCLUSTER_HOME", str(home))
    monkeypatch.delenv("CHEMCLUSTER_DB", raising=False)
    monkeypatch.delenv("CHEMCLUSTER_USER", raising=False)
    monkeypatch.delenv("CHEMCLUSTER_PASSWORD", raising=False)
    from chemcluster_desktop import settings

    settings.reset_for_tests(home / "settings.json")
    i18n.set_language("ru")
    i18n.set_hook(None)
    yield
    context.close_database()
    context.set_actor(context.Actor("admin", "admin", "Администратор"))


def _template(tmp_path_factory, kind: str) -> Path:
    if kind in _templates:
        return _templates[kind]
    d = tmp_path_factory.mktemp(f"tpl-{kind}")
    path = d / f"{kind}.sqlite3"
    context.open_database(path)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    if kind == "demo":
        from chemcluster_desktop.services.demo import load_demo

        load_demo()
    with context.current().engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    context.close_database()
    _templates[kind] = path
    return path


def _copy_db(tmp_path, tpl: Path, name: str) -> Path:
    dest = tmp_path / name
    shutil.copyfile(tpl, dest)
    return dest


@pytest.fixture
def db_path(tmp_path, tmp_path_factory) -> Path:
    return _copy_db(tmp_path, _template(tmp_path_factory, "empty"), "test.sqlite3")


@pytest.fixture
def db(db_path):
    database = context.open_database(db_path)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    yield database
    context.close_database()


@pytest.fixture
def demo_db_path(tmp_path, tmp_path_factory) -> Path:
    return _copy_db(tmp_path, _template(tmp_path_factory, "demo"), "demo.sqlite3")


@pytest.fixture
def demo_db(demo_db_path):
    database = context.open_database(demo_db_path)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    yield database
    context.close_database()


class _RoleSwitch:
    def __call__(self, role: str, login: str | None = None):
        self._prev = context.actor()
        context.set_actor(context.Actor(login or role, role, role))
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        context.set_actor(self._prev)


@pytest.fixture
def as_role():
    return _RoleSwitch()


@pytest.fixture
def window(qtbot, db):
    from chemcluster_desktop.app import create_application
    from chemcluster_desktop.ui.main_window import MainWindow

    create_application()
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    from chemcluster_desktop.ui import ops

    ops.wait_all()
    w.close()


@pytest.fixture
def demo_window(qtbot, demo_db):
    from chemcluster_desktop.app import create_application
    from chemcluster_desktop.ui.main_window import MainWindow

    create_application()
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    from chemcluster_desktop.ui import ops

    ops.wait_all()
    w.close()
