"""Where the data lives (issue 18): a database on a network share is recognised (UNC path, mapped network
drive, NFS/SMB/CIFS mount — simulated here through the mount table and GetDriveTypeW) and opened without
WAL, in exclusive single-PC mode, with a warning that several PCs need PostgreSQL; its backups go beside
it; a second PC is refused in words. Files are written safely: fsync through a writable handle, no
``.part`` left on any failure, writability tried, no console window for child processes on Windows."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from chemcluster_desktop import files, paths
from chemcluster_desktop.services import backup, context

ROOT = Path(__file__).resolve().parents[2]


# --- detection ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path, expected", [
    (r"\\server\share\ChemCluster\chemcluster.sqlite3", "UNC \\\\server\\share"),
    ("//server/share/db.sqlite3", "UNC \\\\server\\share"),
    (r"\\?\UNC\nas01\college\db.sqlite3", "UNC \\\\nas01\\college"),
    (r"\\?\C:\ChemCluster\db.sqlite3", None),
    (r"C:\ChemCluster\chemcluster.sqlite3", None),
])
def test_windows_unc_paths(path, expected, monkeypatch):
    monkeypatch.setattr(files, "_drive_type", lambda root: 3)  # DRIVE_FIXED
    assert files.network_share(path, windows=True) == expected


def test_windows_mapped_network_drive(monkeypatch):
    seen = []
    monkeypatch.setattr(files, "_drive_type", lambda root: seen.append(root) or (4 if root == "Z:\\" else 3))
    assert files.network_share(r"Z:\ChemCluster\chemcluster.sqlite3", windows=True) == "drive Z: (network)"
    assert files.network_share(r"D:\ChemCluster\chemcluster.sqlite3", windows=True) is None
    assert seen == ["Z:\\", "D:\\"]


@pytest.mark.parametrize("fstype", ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs"])
def test_linux_network_mounts(tmp_path, monkeypatch, fstype):
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setattr(files, "_mount_table", lambda: [("/", "ext4"), (str(tmp_path), "tmpfs"), (str(share), fstype)])
    assert files.network_share(share / "db.sqlite3") == f"{fstype} at {share}"
    assert files.network_share(tmp_path / "local.sqlite3") is None
    assert files.network_share(str(share) + "-not-inside/db.sqlite3") is None  # a prefix is not a mount


def test_real_mount_table_is_read():
    if not Path("/proc/mounts").exists():
        pytest.skip("no /proc/mounts")
    assert any(m == "/" for m, _t in files._mount_table())


# --- opening a database on a share ------------------------------------------------------------------
@pytest.fixture
def share(tmp_path, monkeypatch):
    d = tmp_path / "mnt-college"
    d.mkdir()
    monkeypatch.setattr(files, "_mount_table", lambda: [("/", "ext4"), (str(d), "cifs")])
    return d


def test_database_on_a_share_is_single_pc_without_wal_and_backed_up_beside_it(share, db_path):
    from chemcluster_desktop.storage.core import Building

    target = share / "chemcluster.sqlite3"
    target.write_bytes(db_path.read_bytes())  # a database made elsewhere (in WAL), copied to the share
    db = context.open_database(target)
    assert db.network == f"cifs at {share}"
    with context.uow() as s:
        s.add(Building(name="Корпус на сервере"))
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "delete"
        assert conn.exec_driver_sql("PRAGMA locking_mode").scalar().lower() == "exclusive"
    assert not Path(str(target) + "-wal").exists() and not Path(str(target) + "-shm").exists()
    # another PC (another connection) cannot read or write while this program holds the file
    other = sqlite3.connect(target, timeout=0.2)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("SELECT count(*) FROM buildings").fetchone()
    other.close()
    text = context.network_warning(db)
    assert str(target) in text and "PostgreSQL" in text and "одного компьютера" in text
    # background work shares the one connection (no self-deadlock); the backup goes beside the file
    import threading

    out = {}
    t = threading.Thread(target=lambda: out.update(p=backup.backup(reason="daily")))
    t.start()
    t.join(60)
    p = out["p"]
    assert p.parent.parent == share / "backups" and backup.is_good_backup(p)
    assert not list(share.rglob("*.part"))
    con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    assert con.execute("SELECT name FROM buildings").fetchall() == [("Корпус на сервере",)]
    con.close()
    assert [b.path for b in backup.list_backups()] == [str(p)]


def test_local_database_keeps_wal(db_path):
    db = context.open_database(db_path)
    assert db.network is None and context.network_warning(db) is None
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"


SECOND_PC = r"""
import sys
from chemcluster_desktop import files
from chemcluster_desktop.storage import engine
files._mount_table = lambda: [("/", "ext4"), (sys.argv[1], "nfs4")]
engine.BUSY_TIMEOUT_MS = 300
from chemcluster_desktop.cli import main
raise SystemExit(main(["--db", sys.argv[2], "stats", "--json"]))
"""


def test_second_pc_is_refused_in_words(share, db_path, tmp_path):
    target = share / "chemcluster.sqlite3"
    target.write_bytes(db_path.read_bytes())
    context.open_database(target)
    env = dict(os.environ, PYTHONPATH=str(ROOT), CHEMCLUSTER_HOME=str(tmp_path / "pc2"))
    r = subprocess.run([sys.executable, "-c", SECOND_PC, str(share), str(target)], env=env, capture_output=True,
                       text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "на другом компьютере" in r.stderr and "PostgreSQL" in r.stderr
    context.close_database()
    r = subprocess.run([sys.executable, "-c", SECOND_PC, str(share), str(target)], env=env, capture_output=True,
                       text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 0, r.stderr  # once this PC has closed it, the other one opens it


def test_chosen_database_and_backup_folders(tmp_path, db_path):
    from chemcluster_desktop.settings import settings

    chosen = tmp_path / "D" / "ChemCluster"
    settings().set("database_folder", str(chosen))
    assert paths.default_db_path() == chosen / "chemcluster.sqlite3"
    context.open_database(None)  # the default database, created in the chosen folder
    assert (chosen / "chemcluster.sqlite3").is_file()
    p = backup.backup()
    assert p.parent == chosen / "backups"
    settings().set("backup_folder", str(tmp_path / "E" / "copies"))
    assert backup.backup().parent == tmp_path / "E" / "copies"


# --- files ------------------------------------------------------------------------------------------
def test_fsync_uses_a_writable_handle(tmp_path, monkeypatch):
    tmp_path = tmp_path / "work"  # beside the test's own home folder
    tmp_path.mkdir()
    f = tmp_path / "x.bin"
    f.write_bytes(b"data")
    flags = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda p, fl, *a: flags.append((str(p), fl)) or real_open(p, fl, *a))
    files.replace_durably(f, tmp_path / "y.bin")
    assert flags[0] == (str(f), os.O_RDWR | getattr(os, "O_BINARY", 0))
    if not files.WINDOWS:
        assert flags[1] == (str(tmp_path), os.O_RDONLY)  # the folder after the rename (POSIX)
    assert (tmp_path / "y.bin").read_bytes() == b"data" and not f.exists()


def test_no_part_file_left_when_the_rename_fails(tmp_path, monkeypatch):
    """Windows refuses to replace a PDF that is open in a viewer: the error is raised, no .part stays."""
    tmp_path = tmp_path / "work"  # beside the test's own home folder
    tmp_path.mkdir()
    from chemcluster_desktop.reports.styles import DocInfo, build_pdf, p

    dest = tmp_path / "отчёт.pdf"

    def refuse(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        build_pdf(dest, DocInfo(title="Проба"), [p("Текст")])
    assert sorted(x.name for x in tmp_path.iterdir()) == []


def test_no_part_file_left_when_writing_fails(tmp_path):
    tmp_path = tmp_path / "work"  # beside the test's own home folder
    tmp_path.mkdir()
    dest = tmp_path / "export.xlsx"

    def save(tmp):
        Path(tmp).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        files.save_atomic(dest, save)
    assert list(tmp_path.iterdir()) == []
    files.write_atomic(dest, b"whole")
    assert dest.read_bytes() == b"whole" and list(tmp_path.iterdir()) == [dest]


def test_writability_is_tried(tmp_path):
    tmp_path = tmp_path / "work"  # beside the test's own home folder
    tmp_path.mkdir()
    f = tmp_path / "file.txt"
    f.write_text("x")
    assert files.writable_dir(tmp_path) and not files.writable_dir(f) and not files.writable_dir(tmp_path / "none")
    assert files.writable_file(f) and not files.writable_file(tmp_path / "none")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["file.txt"]  # the probe is gone


def test_child_processes_get_no_console_window_on_windows(monkeypatch, tmp_path):
    tmp_path = tmp_path / "work"  # beside the test's own home folder
    tmp_path.mkdir()
    monkeypatch.setattr(files, "WINDOWS", True)
    assert files.no_window() == {"creationflags": 0x08000000}
    monkeypatch.setattr(files, "WINDOWS", False)
    assert files.no_window() == {}
    # pg_dump through backup_engine gets them
    monkeypatch.setattr(files, "WINDOWS", True)
    calls = []

    def fake_run(args, **kw):
        calls.append(kw)
        return subprocess.CompletedProcess(args, 1, "", "connection refused")

    monkeypatch.setattr(subprocess, "run", fake_run)
    monkeypatch.setattr(backup.shutil, "which", lambda name: f"/usr/bin/{name}")
    with pytest.raises(backup.ServiceError, match="pg_dump"):
        backup.backup_engine(None, "postgresql+psycopg://u@h/db", tmp_path / "x.pgdump")
    assert calls[0]["creationflags"] == 0x08000000
    assert list(tmp_path.iterdir()) == []


# --- the window's side ----------------------------------------------------------------------------------
def test_first_start_asks_for_a_folder_that_survives_profile_cleanup(qtbot, qapp, tmp_path, monkeypatch):
    from chemcluster_desktop.settings import first_start_needs_folder, settings
    from chemcluster_desktop.ui.dialogs import database_folder as dfd

    assert first_start_needs_folder(None) and not first_start_needs_folder(str(tmp_path / "x.sqlite3"))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("CHEMCLUSTER_HOME", raising=False)
    monkeypatch.setenv("PUBLIC", str(tmp_path / "Users" / "Public"))
    dlg = dfd.DatabaseFolderDialog()
    qtbot.addWidget(dlg)
    assert dlg.folder.text() == str(tmp_path / "Users" / "Public" / "Documents" / "ChemCluster")
    monkeypatch.setattr(sys, "platform", "linux")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dlg.folder.setText(str(blocker / "sub"))
    dlg.accept()
    assert not dlg.error.isHidden() and "создать нельзя" in dlg.error.text() and not settings().get("database_folder")
    dlg.folder.setText(str(tmp_path / "Общая" / "ChemCluster"))
    dlg.accept()
    assert settings().get("database_folder") == str(tmp_path / "Общая" / "ChemCluster")
    assert not first_start_needs_folder(None)
    assert paths.default_db_path() == tmp_path / "Общая" / "ChemCluster" / "chemcluster.sqlite3"


def test_network_file_warning_once_per_pc(qtbot, qapp, share, db_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from chemcluster_desktop.ui import startup

    target = share / "chemcluster.sqlite3"
    target.write_bytes(db_path.read_bytes())
    db = context.open_database(target)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    class W(QWidget):
        def statusBar(self):
            from PySide6.QtWidgets import QStatusBar

            self._bar = getattr(self, "_bar", QStatusBar(self))
            return self._bar

    w = W()
    qtbot.addWidget(w)
    startup.warn_network_file(w, db)
    startup.warn_network_file(w, db)
    assert len(shown) == 1 and "PostgreSQL" in shown[0]
    assert "одного компьютера" in w.statusBar().currentMessage()


def test_settings_dialog_sets_database_and_backup_folders(qtbot, qapp, db, tmp_path):
    from chemcluster_desktop.settings import settings
    from chemcluster_desktop.ui.dialogs.settings import SettingsDialog

    dlg = SettingsDialog()
    qtbot.addWidget(dlg)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dlg.backup_dir.setText(str(blocker))
    dlg.accept()  # what «Сохранить» does
    assert not dlg.errors["backup_folder"].isHidden() and not settings().get("backup_folder")
    dlg.database_dir.setText(str(tmp_path / "D"))
    dlg.backup_dir.setText(str(tmp_path / "E" / "copies"))
    dlg.accept()
    assert settings().get("database_folder") == str(tmp_path / "D")
    assert settings().get("backup_folder") == str(tmp_path / "E" / "copies")
    assert backup.backup().parent.parent == tmp_path / "E" / "copies"  # a sub-folder per database


def test_the_same_network_file_opened_again_in_this_program(share, db_path):
    target = share / "chemcluster.sqlite3"
    target.write_bytes(db_path.read_bytes())
    context.open_database(target)
    db = context.open_database(target)  # e.g. after a restore: not refused as «another PC»
    assert db.network and context.current() is db


def test_single_pc_database_shares_its_one_connection_between_the_reads_of_an_action(share, demo_db_path):
    """A network database has one connection (single-PC mode). The inventory alerts read the verification
    schedule inside their own read: that inner read used to ask the pool for a second connection and wait
    for itself (the inventory page hung for the pool's 120 s). Reads inside a read or a unit of work of the
    same thread now use its session — a read inside a unit of work also sees that unit's own changes."""
    import threading

    from sqlalchemy import func, select

    from chemcluster_desktop.services import inventory
    from chemcluster_desktop.storage.core import Building

    target = share / "chemcluster.sqlite3"
    target.write_bytes(demo_db_path.read_bytes())
    db = context.open_database(target)
    assert db.network
    out = {}
    t = threading.Thread(target=lambda: out.update(kinds={a.kind for a in inventory.alerts()}))
    t.start()
    t.join(30)
    assert not t.is_alive(), "the alerts waited for the database's only connection"
    assert "verification_overdue" in out["kinds"]
    with context.uow() as s:
        s.add(Building(name="Корпус на сервере"))
        s.flush()
        with context.read() as r:
            assert r is s
            assert r.scalar(select(func.count()).select_from(Building).where(Building.name == "Корпус на сервере")) == 1
            with context.read() as inner:
                assert inner is s
    with context.read() as r1, context.read() as r2:
        assert r1 is r2
    assert context._thread_session() is None  # nothing left behind for the next action
