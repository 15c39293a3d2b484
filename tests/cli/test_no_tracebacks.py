"""No tracebacks (issue 19, finding 7): a full disk, folders that cannot be written, a bad address, two
demo loads at once, an export to a bad path — each gives one sentence on stderr and exit code 1, and
nothing is half-written."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from chemcluster_desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err
    return code, err


def _sentence(err: str) -> None:
    assert err.startswith("chemcluster: ") and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_bad_postgresql_address(capsys):
    code, err = _run(capsys, "--db", "postgresql+psycopg://u:secret@h:notaport/db", "check")
    assert code == 1
    _sentence(err)
    assert "Неверный адрес" in err and "secret" not in err


@pytest.fixture
def dbfile(tmp_path, capsys) -> Path:
    p = tmp_path / "x.sqlite3"
    assert main(["--db", str(p), "init"]) == 0
    capsys.readouterr()
    return p


def test_backup_to_a_folder_that_cannot_be_written(dbfile, tmp_path, capsys):
    code, err = _run(capsys, "--db", str(dbfile), "backup", "-o", str(tmp_path / "no" / "such" / "\0x.sqlite3"))
    assert code == 1
    _sentence(err)
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder is expected")
    code, err = _run(capsys, "--db", str(dbfile), "backup", "-o", str(blocker / "b.sqlite3"))
    assert code == 1
    _sentence(err)
    assert "не записана" in err


def test_backups_folder_that_cannot_be_created(dbfile, capsys):
    home = Path(os.environ["CHEMCLUSTER_HOME"])
    (home / "backups").write_text("a file where the backups folder should be")
    code, err = _run(capsys, "--db", str(dbfile), "backup")
    assert code == 1
    _sentence(err)
    assert "резервных копий" in err


def test_full_disk_on_write_gives_a_sentence_and_writes_nothing(dbfile, capsys, monkeypatch):
    """SQLite's «database or disk is full» (SQLITE_FULL) — the same error a full disk gives — simulated by
    capping the file's page count on every connection."""
    from sqlalchemy import event

    from chemcluster_desktop.storage import engine as engine_mod

    real = engine_mod.make_engine

    def capped(url, **kw):
        eng = real(url, **kw)

        @event.listens_for(eng, "connect")
        def _cap(dbapi_conn, _rec):
            n = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {n}")
        return eng

    monkeypatch.setattr("chemcluster_desktop.services.context.make_engine", capped)
    code, err = _run(capsys, "--db", str(dbfile), "demo")
    assert code == 1
    _sentence(err)
    assert "нет места" in err
    con = sqlite3.connect(dbfile)
    assert con.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    con.close()


def test_export_to_a_bad_path(dbfile, tmp_path):
    """In a real process: the half-made sheet used to complain from the garbage collector after the message."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    main(["--db", str(dbfile), "demo"])
    for target in (tmp_path / "missing" / "a.xlsx", tmp_path):
        r = subprocess.run([sys.executable, "-m", "chemcluster_desktop", "--db", str(dbfile), "export", "inventory",
                            str(target)], capture_output=True, text=True, env=env, cwd=str(ROOT), timeout=120)
        assert r.returncode == 1
        _sentence(r.stderr)
    assert not list(tmp_path.rglob("*.part"))


def test_two_demo_loads_at_once(dbfile, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "chemcluster_desktop", "--db", str(dbfile), "demo"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                              cwd=str(ROOT)) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    codes = sorted(c for c, _ in results)
    assert codes == [0, 1], results
    err = next(e for c, e in results if c == 1)
    assert "Traceback" not in err and err.startswith("chemcluster: "), err
    con = sqlite3.connect(dbfile)
    assert con.execute("SELECT count(*) FROM buildings").fetchone()[0] > 0
    assert con.execute("SELECT value FROM settings WHERE key = 'demo'").fetchone()[0] == "1"
    con.close()
