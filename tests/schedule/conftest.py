"""The timetable's «today» is fixed for these tests (lessons before it are past and never regenerated):
the test terms start in September 2026, so every lesson of theirs is still ahead."""

import pytest


@pytest.fixture(autouse=True)
def _timetable_today(monkeypatch):
    monkeypatch.setenv("CHEMCLUSTER_TODAY", "2026-08-20")
