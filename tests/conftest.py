"""Shared fixtures: a real SQLite file made by the real migrations, the acting user, the window.

- ``db``: a fresh migrated database (copied from a per-run template, so it is fast); the
  current actor is ``admin``.
- ``demo_db``: the same with the demo data loaded through ``services.demo.load_demo``.
- ``as_role("viewer")``: switch the acting user (context manager or plain call).
- PostgreSQL: when ``CHEMCLUSTER_TEST_PG_URL`` is set (``.ci/run`` starts a server), every test under
  ``tests/services/`` that uses ``db`` runs twice, ``[sqlite]`` and ``[postgresql]``; on PostgreSQL
  ``db`` is a fresh database copied from a migrated template (fast). Tests that need the file itself
  (they use ``db_path``) or are marked ``@pytest.mark.sqlite_only`` stay on SQLite. ``pg_url`` gives a
  fresh empty PostgreSQL database URL (skips without a server).
- ``window``: the real main window over ``db`` (pytest-qt ``qtbot`` drives it).
Qt runs offscreen; every test gets its own user-data folder (CHEMCLUSTER_HOME) and settings file.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":  # the screen most college laptops have: 1366×768
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(Path(__file__).parent / "ui" / "screen_1366x768.json")
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


PG_URL = os.environ.get("CHEMCLUSTER_TEST_PG_URL", "")
_pg_counter = itertools.count(1)
_pg_state: dict[str, object] = {}


# folders whose tests that use ``db`` run on SQLite and PostgreSQL (see pytest_generate_tests)
AREA_TEST_DIRS = ("services", "inventory", "accreditation", "schedule", "procurement", "cluster")


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: a service test that does not run on PostgreSQL")
    config.addinivalue_line("markers", "both_backends: a service test outside tests/services/ (in its area's "
                                       "folder) that runs on PostgreSQL too, as tests/services/ do")
    config.addinivalue_line("markers", "postgres: needs a PostgreSQL server (CHEMCLUSTER_TEST_PG_URL)")


def pytest_generate_tests(metafunc):
    """Tests using ``db`` — services, reports, xlsx; not the GUI (``qtbot``) nor a database file
    (``db_path``) — in tests/services/ or an area's folder (tests/inventory/ …, see ``AREA_TEST_DIRS``),
    or marked ``both_backends``, run on both backends when a PostgreSQL server is given."""
    names = metafunc.fixturenames
    if not PG_URL or "db" not in names or "db_backend" not in names:
        return
    path = str(metafunc.definition.path).replace(os.sep, "/")
    service_test = any(f"/tests/{d}/" in path for d in AREA_TEST_DIRS) or \
        metafunc.definition.get_closest_marker("both_backends")
    if not service_test or "db_path" in names or "qtbot" in names:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def db_backend(request) -> str:
    return getattr(request, "param", "sqlite")


def _pg_admin():
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    if "admin" not in _pg_state:
        _pg_state["base"] = make_url(PG_URL)
        _pg_state["admin"] = create_engine(_pg_state["base"], isolation_level="AUTOCOMMIT")
    return _pg_state["admin"], _pg_state["base"]


def _pg_exec(sql: str) -> None:
    eng, _ = _pg_admin()
    with eng.connect() as conn:
        conn.exec_driver_sql(sql)


def _pg_new_database(template: str | None = None) -> str:
    """A new database on the test server; returns its URL."""
    _, base = _pg_admin()
    name = f"cc_t{os.getpid()}_{next(_pg_counter)}"
    _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _pg_exec(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return base.set(database=name).render_as_string(hide_password=False)


def _pg_drop(url: str) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    try:
        _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except Exception:  # noqa: BLE001 - cleanup only
        pass


def _pg_template() -> str:
    """A migrated database used as the template of each test's database (made once per run)."""
    from sqlalchemy.engine import make_url

    if "template" not in _pg_state:
        url = _pg_new_database()
        prev = context.actor()
        context.open_database(url)
        context.close_database()
        context.set_actor(prev)
        _pg_state["template"] = make_url(url).database
        _pg_state["template_url"] = url
    return _pg_state["template"]


def pytest_sessionfinish(session, exitstatus):
    if "template_url" in _pg_state:
        _pg_drop(_pg_state["template_url"])
    if "admin" in _pg_state:
        _pg_state["admin"].dispose()


@pytest.fixture
def pg_url():
    """A fresh, empty PostgreSQL database (dropped afterwards); skips when no server is configured."""
    if not PG_URL:
        pytest.skip("no PostgreSQL server: set CHEMCLUSTER_TEST_PG_URL (.ci/run does)")
    url = _pg_new_database()
    yield url
    context.close_database()
    _pg_drop(url)


@pytest.fixture
def db(request, db_backend):
    if db_backend == "postgresql":
        url = _pg_new_database(_pg_template())
        database = context.open_database(url)
        context.set_actor(context.Actor("admin", "admin", "Администратор"))
        yield database
        context.close_database()
        _pg_drop(url)
        return
    database = context.open_database(request.getfixturevalue("db_path"))
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """After each test (pytest-qt has closed its widgets and called ``deleteLater`` on them), delete them.

    ``processEvents`` never runs deferred deletes, and no event loop runs between tests, so without this every
    window of every earlier test stays alive: each ``create_application`` re-polishes all of them (setStyle /
    setStyleSheet), which made a window's set-up cost grow test after test (0.5 s → 5 s in one file). Deleting
    what was already scheduled for deletion is what the application's own event loop does."""
    result = yield
    qtwidgets = sys.modules.get("PySide6.QtWidgets")
    if qtwidgets is not None and qtwidgets.QApplication.instance() is not None:
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result


@pytest.fixture(autouse=True)
def _stop_modal_pollers():
    """GUI tests: a modal poller started by one test never outlives it (wherever the test lives; the
    helpers are only imported by GUI tests, so services tests never import Qt through this)."""
    yield
    helpers = sys.modules.get("tests.ui.shell_helpers")
    if helpers is not None:
        helpers.stop_pollers()
