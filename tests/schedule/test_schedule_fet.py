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
    """The same problem as the generator's: real teaching dates, visits of the whole class, workshops and
    instructors left for the solver to choose (instructors as rooms of a virtual room per visit)."""
    ids = small_instance()
    path = tmp_path / "t.fet"
    res = svc.export_fet(path, TERM)
    root = ET.parse(path).getroot()
    assert root.tag == "fet"
    days = [d.findtext("Name") for d in root.find("Days_List").findall("Day")]
    assert len(days) == res["days"] and days[0] == "01.09 Вт"
    assert "04.11 Ср" not in days and "27.10 Вт" not in days  # a public day off and the autumn holidays
    assert len(root.find("Teachers_List")) == 0  # no instructor fixed in advance
    rooms = root.find("Rooms_List").findall("Room")
    real = [r for r in rooms if r.findtext("Virtual") == "false"]
    virtual = [r for r in rooms if r.findtext("Virtual") == "true"]
    assert len(real) == 3 + 3  # workshops and instructors
    assert {r.findtext("Capacity") for r in real if r.findtext("Name").startswith("Мастерская")} == {"14", "26"}
    halves = [v for v in virtual if v.findtext("Number_of_Sets_of_Real_Rooms") == "4"]
    assert halves  # module 1: two workshops and two instructors chosen at once
    sets = [[x.text for x in s.findall("Real_Room")] for s in halves[0].findall("Set_of_Real_Rooms")]
    assert sets[0] == sets[1] and all(n.startswith("Преп.") for n in sets[2])
    assert len(root.find("Students_List")) == 3  # years = schools
    acts = root.find("Activities_List")
    assert len(acts) == res["activities"] > 0
    assert sum(int(a.findtext("Duration")) for a in acts) == sum(r["hours"] for r in svc.list_requirements(ids["term"])
                                                                if r["subgroup"] == 0)
    assert all(a.find("Teacher") is None for a in acts)
    tc, sc = root.find("Time_Constraints_List"), root.find("Space_Constraints_List")
    assert tc.find("ConstraintMinDaysBetweenActivities") is not None
    assert tc.find("ConstraintStudentsSetNotAvailableTimes") is not None
    belova = [c for c in sc.findall("ConstraintRoomNotAvailableTimes") if "Белова" in c.findtext("Room")]
    assert belova and {t.findtext("Day")[-2:] for t in belova[0].findall("Not_Available_Time")} >= {"Пн", "Пт"}
    assert len(sc.findall("ConstraintActivityPreferredRoom")) == len(acts)


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
    placed = ET.parse(xml[0]).getroot().findall("Activity")
    assert placed and all(len(a.findall("Real_Room")) in (2, 4) for a in placed)
