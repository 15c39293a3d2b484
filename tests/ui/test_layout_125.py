"""Issue 16: at 125 % Windows scaling the 1366×768 laptop is a 1093×614 screen for the program. The main
window's pages and the longest dialogs are measured there too: the layout tests of tests/ui/test_layout.py
and tests/ui/test_layout_dialogs.py run again in a child pytest with QT_SCALE_FACTOR=1.25 (Qt's scale
factor must be set before the application starts, hence the child process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# the longest dialogs: forms with many fields, wide tables, long texts
LONGEST = ("settings", "item_card", "item_card_new_reagent", "inventory_import", "infra_lists", "stocktaking_post",
           "workshop_new", "workshop_edit", "pdf_preview", "decision", "contract", "need_edit", "schedule_lesson",
           "schedule_generate", "message_nmck")


def test_pages_and_longest_dialogs_at_125_percent(tmp_path):
    env = dict(os.environ, QT_SCALE_FACTOR="1.25", CHEMCLUSTER_LAYOUT_SCREEN="1093x614",
               QT_QPA_PLATFORM="offscreen:configfile=" + str(ROOT / "tests" / "ui" / "screen_1366x768.json"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("CHEMCLUSTER_TEST_PG_URL", None)
    dialogs = [f"tests/ui/test_layout_dialogs.py::test_dialog_layout[{c}]" for c in LONGEST]
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "--basetemp", str(tmp_path / "t"),
            "tests/ui/test_layout.py::test_the_screen_is_the_laptop",
            "tests/ui/test_layout.py::test_page_layout_admin_demo", *dialogs]
    run = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
