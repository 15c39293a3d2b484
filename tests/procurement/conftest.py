"""This area's tests that use the ``db`` fixture — services, reports, xlsx, not the GUI (``qtbot``) nor a
database file (``db_path``) — run on both backends when a PostgreSQL server is given, as the tests in
tests/services/ do (the root conftest parametrizes only that folder)."""

from __future__ import annotations

from tests.conftest import PG_URL


def pytest_generate_tests(metafunc):
    names = metafunc.fixturenames
    if not PG_URL or "db" not in names or "db_backend" not in names or "db_path" in names or "qtbot" in names:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)
