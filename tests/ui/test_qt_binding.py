"""The Qt binding itself: PySide6 6.12.0 on Python 3.11 lowers None's reference count by one on each
call of a Qt method that returns nothing, and the interpreter aborts once it reaches zero
(«Fatal Python error: none_dealloc») — a long working session of the program would crash. The
dependency excludes that release; this test fails on any build with the same defect."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect


def test_qt_calls_keep_none_alive():
    r = QRect()
    r.setWidth(1)  # first call outside the count (lazy initialisation of the binding)
    before = sys.getrefcount(None)
    for _ in range(2000):
        r.setWidth(3)
    after = sys.getrefcount(None)
    # on Python 3.12+ None is immortal and the count does not move at all
    assert after >= before - 50, (
        f"each Qt call took a reference to None away ({before} → {after} after 2000 calls): "
        "this PySide6 build aborts the program after a few thousand calls; install another version")
