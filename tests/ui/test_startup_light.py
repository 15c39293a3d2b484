"""What a start does and does not do before the window shows (issue 18): no icon font, no Alembic for a
database at the head, no area command modules for a GUI start; the file check and the day's backup
after the window is up, in the background; a damaged file found then offers the newest good backup.
No timings are asserted here (bench/ is the judge)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog

from chemcluster_desktop.services import backup, context
from chemcluster_desktop.storage import migrate
from chemcluster_desktop.ui import ops

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from chemcluster_desktop.app import create_application, open_database_gui
from chemcluster_desktop.ui import startup
from chemcluster_desktop.ui.startup import after_open
from PySide6.QtCore import QCoreApplication
startup.offer_demo = lambda w: None  # the empty database's modal question would wait for a person
app = create_application([sys.argv[0]], "ru")
assert open_database_gui(sys.argv[1]) is not None
w = after_open(app)
w.show()
from chemcluster_desktop.storage.inventory import Item
configured_at_show = Item.__mapper__.configured  # the list, its count, the log-in check: Core statements
for _ in range(20):
    QCoreApplication.processEvents()
modules = sorted(m for m in sys.modules if m.split(".")[0] in ("qtawesome", "qtpy", "alembic")
                 or m.startswith("chemcluster_desktop.commands") or m in LATER)
app.setStyleSheet("")  # the style sheet wraps the style; without it the application's own style shows
print(json.dumps({"modules": modules, "style": app.style().name(), "configured": configured_at_show,
                  "rows": w.pages["inventory"].model.rowCount()}))
"""

# what the window needs only when a person asks for it (a dialog, a form card, an item's details)
LATER = ("chemcluster_desktop.ui.dialogs.settings", "chemcluster_desktop.ui.dialogs.database_folder",
         "chemcluster_desktop.ui.forms", "html",
         # the rooms: read when the room filter is first opened
         "chemcluster_desktop.services.inventory.room_lookup", "chemcluster_desktop.services.locations",
         # the tables a start that shows the list does not read: each mapped class costs ~3 ms to define
         "chemcluster_desktop.storage.journal", "chemcluster_desktop.storage.movements",
         "chemcluster_desktop.storage.stocktaking")
CHILD = CHILD.replace("LATER", repr(LATER))


def _env(tmp_path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", CHEMCLUSTER_HOME=str(tmp_path / "h"))
    env.pop("CHEMCLUSTER_DB", None)
    return env


def test_known_head_is_alembic_head():
    """The fast schema check names the head by the newest revision file: it must be Alembic's head
    (revision ids are the file names; a revision named otherwise would make every start slow, or wrong)."""
    assert migrate.known_head() == migrate.head_revision()
    for p in (migrate.paths.db_dir() / "versions").glob("[0-9]*.py"):
        assert p.stem in migrate.known_revisions(), f"{p.name}: its revision id must be its file name"


def test_gui_start_on_a_current_database_loads_no_icon_font_alembic_or_commands(db_path, tmp_path):
    """…nor the modules of dialogs and form cards; and the window is in Fusion, which
    the start chooses by Qt's ``-style`` option — also over a ``QT_STYLE_OVERRIDE`` of the PC. Until the window
    is shown with its list, no ORM mapper is configured: a start's queries are SQLAlchemy Core (~11 ms less)."""
    env = dict(_env(tmp_path), QT_STYLE_OVERRIDE="Windows")
    r = subprocess.run([sys.executable, "-c", CHILD, str(db_path)], env=env, cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout.strip().splitlines()[-1]) == {"modules": [], "style": "fusion", "configured": False,
                                                             "rows": 0}


def test_needs_upgrade_at_head_and_refuses_unknown(db_path):
    db = context.open_database(db_path)
    assert migrate.current_revision(db.engine) == migrate.known_head()
    assert migrate.needs_upgrade(db.engine) is False
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'abcdef999999'")
    try:
        migrate.needs_upgrade(db.engine)
    except migrate.DatabaseTooNewError as e:
        assert e.revision == "abcdef999999"
    else:
        raise AssertionError("an unknown revision must be refused")


def test_file_check_and_daily_backup_run_after_the_window_is_shown(qtbot, qapp, db, monkeypatch):
    from chemcluster_desktop.ui import startup

    monkeypatch.setattr(startup, "offer_demo", lambda w: None)  # its modal question is tested elsewhere
    monkeypatch.setattr(startup, "CHECK_DELAY_MS", 10)
    monkeypatch.setattr(startup, "BACKUP_DELAY_MS", 20)
    checked = []
    real = context.check_current_file
    monkeypatch.setattr(context, "check_current_file", lambda: checked.append(1) or real())
    assert backup.list_backups() == []
    w = startup.after_open(qapp)
    qtbot.addWidget(w)
    assert checked == [] and backup.list_backups() == []  # nothing of it before the window
    w.show()
    qtbot.waitUntil(lambda: bool(checked and [b for b in backup.list_backups() if b.reason == "daily"]), timeout=30000)
    assert ops.wait_all()
    assert backup.is_good_backup(backup.list_backups()[0].path)


def test_damaged_file_found_after_start_offers_the_newest_good_backup(qtbot, qapp, db, db_path, monkeypatch):
    from chemcluster_desktop.ui import startup
    from chemcluster_desktop.ui.dialogs import recover

    good = backup.backup()
    monkeypatch.setattr(startup, "offer_demo", lambda w: None)
    monkeypatch.setattr(startup, "CHECK_DELAY_MS", 10)
    monkeypatch.setattr(startup, "BACKUP_DELAY_MS", 60_000)
    monkeypatch.setattr(context, "check_current_file", lambda: ["*** in database main *** Page 7: btreeInitPage() returns error code 11"])
    seen = {}

    def act(dlg):  # the real dialog, driven: it lists the good backup; the person declines
        seen["backups"] = [dlg.list.item(i).toolTip() for i in range(dlg.list.count())]
        seen["text"] = dlg.findChild(type(dlg.info), "dialogHeader").text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(recover.RecoverDialog, "exec", act)
    w = startup.after_open(qapp)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "backups" in seen, timeout=30000)
    assert seen["backups"] == [str(good)]
    assert "повреждена" in seen["text"] and "Page 7" in seen["text"]
    qtbot.waitUntil(lambda: context._db is not None)
    assert context.current().path == db_path  # declined: the same file is open again, work goes on


EMPTY_CHECK = r"""
import json, sys
from chemcluster_desktop.services import context, database
from chemcluster_desktop.services import inventory  # what a start has loaded when the demo offer asks
context.open_database(sys.argv[1])
context.set_actor(context.Actor("admin", "admin", "Администратор"))
if sys.argv[2] == "fill":
    inventory.create_item({"kind": "equipment", "name": "Весы аналитические", "inventory_number": "ИН-1"})
print(json.dumps([database.is_empty(),
                  sorted(m for m in sys.modules if m.startswith("chemcluster_desktop.storage.")
                         and m.rsplit(".", 1)[1] in ("accreditation", "procurement", "schedule", "cluster"))]))
"""


def test_demo_offer_on_a_working_database_loads_no_other_areas_models(db_path, tmp_path):
    """The demo offer asks «is the database empty?» right after the window is shown: a database with
    items answers from the tables already loaded. The check used to import every area's models (~60 ms
    before the first paint) because it looked their modules up under a wrong name."""
    def run(mode):
        r = subprocess.run([sys.executable, "-c", EMPTY_CHECK, str(db_path), mode], env=_env(tmp_path), cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr[-2000:]
        return json.loads(r.stdout.strip().splitlines()[-1])

    assert run("look") == [True, ["chemcluster_desktop.storage.accreditation", "chemcluster_desktop.storage.cluster",
                                  "chemcluster_desktop.storage.procurement", "chemcluster_desktop.storage.schedule"]]
    assert run("fill") == [False, []]


ORDER_CHILD = r"""
import json, sys
order = []

class Recorder:
    def find_spec(self, name, path=None, target=None):
        if name in ("PySide6", "sqlalchemy.orm", "sqlalchemy.dialects.sqlite", "chemcluster_desktop.services.inventory",
                    "chemcluster_desktop.services.schedule"):
            order.append(name)
        return None

sys.meta_path.insert(0, Recorder())
from chemcluster_desktop import app
from chemcluster_desktop.settings import settings
settings().set("window/page", sys.argv[2])

def stop(*a, **k):
    print(json.dumps(order))
    raise SystemExit(0)

app.create_application = stop  # the window itself is not needed: only what came before Qt
app.main(db=sys.argv[1])
"""


def test_gui_start_imports_sqlalchemy_and_the_first_pages_services_before_qt(db_path, tmp_path):
    """PySide6 reads back the source of every module imported after it (its ``__feature__`` import hook):
    app.main() imports SQLAlchemy, the SQLite dialect and the services of the page that opens first
    before Qt, so they are not read (bench/README, «Start-up»)."""
    for page, services in (("inventory", "chemcluster_desktop.services.inventory"),
                           ("schedule", "chemcluster_desktop.services.schedule")):
        r = subprocess.run([sys.executable, "-c", ORDER_CHILD, str(db_path), page], env=_env(tmp_path), cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr[-2000:]
        order = json.loads(r.stdout.strip().splitlines()[-1])
        assert "PySide6" in order, order
        before_qt = order[:order.index("PySide6")]
        assert {"sqlalchemy.orm", "sqlalchemy.dialects.sqlite", services} <= set(before_qt), order
        other = ({"chemcluster_desktop.services.inventory", "chemcluster_desktop.services.schedule"} - {services}).pop()
        assert other not in before_qt, f"{other} is not needed for the {page} page: {order}"


GC_CHILD = r"""
import gc, json, sys, time
from chemcluster_desktop import app
from chemcluster_desktop.ui import startup
startup.offer_demo = lambda w: None  # the empty database's modal question would wait for a person
started = app.start(sys.argv[1], "ru")
out = {"returned": type(started).__name__, "gc_right_after": gc.isenabled()}
if isinstance(started, tuple):
    from PySide6.QtCore import QCoreApplication
    out["window_shown"] = started[1].isVisible()
    end = time.monotonic() + app.RESUME_GC_MS / 1000 + 1.5
    while time.monotonic() < end and not gc.isenabled():
        QCoreApplication.processEvents()
        time.sleep(0.01)
    out["gc_later"] = gc.isenabled()
print(json.dumps(out))
"""


def test_start_pauses_the_garbage_collector_only_until_the_window_is_up(db_path, tmp_path):
    """app.start() pauses Python's cyclic GC while the start builds its objects and resumes it after the
    first paint; a start that ends without a window resumes it at once."""
    r = subprocess.run([sys.executable, "-c", GC_CHILD, str(db_path)], env=_env(tmp_path), cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out == {"returned": "tuple", "gc_right_after": False, "window_shown": True, "gc_later": True}

    env = _env(tmp_path)
    for k in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):  # no screen: the start ends with exit code 1
        env.pop(k, None)
    r = subprocess.run([sys.executable, "-c", GC_CHILD, str(db_path)], env=env, cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout.strip().splitlines()[-1]) == {"returned": "int", "gc_right_after": True}


SOURCE_CHILD = r"""
import inspect, json, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtWidgets
from chemcluster_desktop import app
read = []
_getsource = inspect.getsource
def getsource(obj):
    read.append(str(getattr(obj, "__file__", "") or ""))
    return _getsource(obj)
inspect.getsource = getsource
app.answer_pyside_source_check()
app.answer_pyside_source_check()  # twice changes nothing
from chemcluster_desktop.ui import main_window
from chemcluster_desktop.services import backup
import uses_qt_probe, plain_probe
d = sys.modules["shibokensupport.feature"].pyside_feature_dict
ours = {k: v for k, v in d.items() if k.startswith("chemcluster_desktop")}
read = [f for f in read if f.endswith(".py")]  # source files (extension modules have none to read)
print(json.dumps({"read": read, "ours": ours, "probes": [d.get("uses_qt_probe"), d.get("plain_probe")]}))
"""


def test_pyside_import_hook_does_not_read_sources_back(tmp_path):
    """PySide6 asks of every module imported after it whether its source mentions PySide6 (by reading it
    back through inspect.getsource); the start answers for this package from its layout (only ui/ and app.py
    import Qt) and for other modules from the file's bytes: the same answers, nothing read back."""
    (tmp_path / "uses_qt_probe.py").write_text("import PySide6.QtCore  # a module that uses Qt\n")
    (tmp_path / "plain_probe.py").write_text("VALUE = 1\n")
    r = subprocess.run([sys.executable, "-c", SOURCE_CHILD, str(tmp_path)], env=_env(tmp_path), cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["read"] == []
    assert out["probes"] == [0, -1]
    ours = out["ours"]
    assert ours["chemcluster_desktop.ui.pages"] == 0 and ours["chemcluster_desktop.services"] == -1
    for name, flag in ours.items():
        assert flag == (0 if name.startswith(("chemcluster_desktop.ui.", "chemcluster_desktop.app"))
                        or name == "chemcluster_desktop.ui" else -1), name
