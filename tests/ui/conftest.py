"""GUI tests: a modal poller started by one test never outlives it."""

from __future__ import annotations

import pytest

from tests.ui.shell_helpers import stop_pollers


@pytest.fixture(autouse=True)
def _stop_modal_pollers():
    yield
    stop_pollers()
