"""FET export: a well-formed FET 6 file that ``fet-cl`` (Debian's fet) accepts and solves."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from chemcluster_desktop.services import schedule as svc
from tests.schedule.helpers import TERM, small_instance

pytestmark = pytest.mark.both_backends  # a service test: SQLite and PostgreSQL


def test_export_fet_structure(db, tmp_path):
    small_instance()
    path = tmp_path / "t.fet"
    res = svc.export_fet(path, TERM)
    root = ET.parse(path).getroot()
    assert root.tag == "fet"
    assert len(root.find("Teachers_List")) == 3
    assert len(root.find("Rooms_List")) == 2
    assert {r.findtext("Capacity") for r in root.find("Rooms_List")} == {"14", "26"}
    assert len(root.find("Students_List")) == 3  # years = schools
    acts = root.find("Activities_List")
    assert len(acts) == res["activities"] > 0
    assert root.find("Time_Constraints_List").find("ConstraintTeacherNotAvailableTimes") is not None
    assert root.find("Space_Constraints_List").find("ConstraintActivityPreferredRooms") is not None


@pytest.mark.skipif(shutil.which("fet-cl") is None, reason="fet-cl is not installed")
def test_fet_cl_accepts_and_generates(db, tmp_path):
    small_instance()
    path = tmp_path / "t.fet"
    svc.export_fet(path, TERM)
    out = tmp_path / "out"
    proc = subprocess.run(["fet-cl", f"--inputfile={path}", f"--outputdir={out}", "--timelimitseconds=20"],
                          capture_output=True, text=True, timeout=60, env={"QT_QPA_PLATFORM": "offscreen",
                                                                          "HOME": str(tmp_path)})
    text = proc.stdout + proc.stderr
    assert "unrecognized" not in text.lower(), text[:2000]
    assert "data is wrong" not in text, text[:2000]
    xml = list(out.glob("timetables/*/*_activities.xml"))
    assert xml, text[:2000]
