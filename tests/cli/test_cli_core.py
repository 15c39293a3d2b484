"""The core commands of CLI.md run as a person or a script would: a real process, a real file, exit
codes 0 / 1 / 2, messages on stderr without a traceback, and nothing overwritten on bad input."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from chemcluster_desktop import __version__

STATS_KEYS = {"items", "reagent_containers", "rooms", "workshops", "infrastructure_lines", "schools", "classes",
              "lessons", "needs", "offers", "contracts", "users"}


def run(home: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["CHEMCLUSTER_HOME"] = str(home)
    env.pop("CHEMCLUSTER_DB", None)
    env.pop("CHEMCLUSTER_USER", None)
    env.pop("CHEMCLUSTER_PASSWORD", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "chemcluster_desktop", *args], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, stdin=subprocess.DEVNULL)


def assert_clean_failure(r: subprocess.CompletedProcess, *needles: str) -> None:
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert r.stderr.startswith("chemcluster: ")
    for n in needles:
        assert n in r.stderr, r.stderr


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> tuple[Path, Path]:
    """One demo database for the read-only commands of this module (loading demo data is slow)."""
    d = tmp_path_factory.mktemp("cli-demo")
    home = d / "home"
    db = d / "demo.sqlite3"
    r = run(home, "--db", str(db), "demo")
    assert r.returncode == 0, r.stderr
    assert "Демо-данные загружены" in r.stdout
    return home, db


def test_version_and_usage(tmp_path):
    r = run(tmp_path, "--version")
    assert r.returncode == 0
    assert __version__ in r.stdout
    r = run(tmp_path, "no-such-command")
    assert r.returncode == 2
    assert "usage:" in r.stderr and "Traceback" not in r.stderr
    r = run(tmp_path, "stats", "--no-such-option")
    assert r.returncode == 2


def test_init_creates_and_is_idempotent(tmp_path):
    db = tmp_path / "new" / "cc.sqlite3"
    r = run(tmp_path / "home", "--db", str(db), "init")
    assert r.returncode == 0, r.stderr
    assert "База данных готова" in r.stdout and str(db) in r.stdout
    assert db.is_file()
    con = sqlite3.connect(db)
    rev = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    r = run(tmp_path / "home", "--db", str(db), "init")
    assert r.returncode == 0 and rev in r.stdout


def test_default_database_lives_in_the_data_folder(tmp_path):
    r = run(tmp_path / "home", "init")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "home" / "chemcluster.sqlite3").is_file()


def test_demo_twice_is_refused(demo_file):
    home, db = demo_file
    def counts():
        st = json.loads(run(home, "--db", str(db), "stats", "--json").stdout)
        st.pop("audit_entries", None)  # log-ins are journalled
        return st

    before = counts()
    r = run(home, "--db", str(db), "--user", "admin", "demo")
    assert_clean_failure(r, "пуст")
    r = run(home, "--db", str(db), "demo")  # after demo, log-in is required: anonymous cannot write
    assert_clean_failure(r, "нет права")
    assert counts() == before


def test_check_and_stats(demo_file):
    home, db = demo_file
    r = run(home, "--db", str(db), "check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Проверка пройдена" in r.stdout
    r = run(home, "--db", str(db), "check", "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout)["ok"] is True
    r = run(home, "--db", str(db), "stats", "--json")
    assert r.returncode == 0, r.stderr
    st = json.loads(r.stdout)
    assert STATS_KEYS <= set(st), STATS_KEYS - set(st)
    assert all(isinstance(v, int) for v in st.values())
    assert st["rooms"] > 0 and st["users"] >= 6


def test_backup_and_restore_keeps_a_copy(tmp_path):
    home = tmp_path / "home"
    db = tmp_path / "cc.sqlite3"
    assert run(home, "--db", str(db), "init").returncode == 0
    out = tmp_path / "copy.sqlite3"
    r = run(home, "--db", str(db), "backup", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.is_file() and str(out) in r.stdout
    con = sqlite3.connect(out)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    # change the working database after the copy, then restore
    assert run(home, "--db", str(db), "user", "add", "ivanova", "--role", "viewer").returncode == 0
    r = run(home, "--db", str(db), "restore", str(out))  # two users now: anonymous may not restore
    assert_clean_failure(r, "нет права")
    r = run(home, "--db", str(db), "--user", "admin", "restore", str(out))
    assert r.returncode == 0, r.stderr
    assert "сохранена" in r.stdout
    kept = [p for p in (home / "backups").rglob("*before-restore*.sqlite3")]
    assert kept, list((home / "backups").rglob("*"))
    con = sqlite3.connect(kept[0])
    assert con.execute("SELECT count(*) FROM users WHERE login='ivanova'").fetchone()[0] == 1
    con.close()
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM users WHERE login='ivanova'").fetchone()[0] == 0
    con.close()
    r = run(home, "--db", str(db), "--user", "admin", "restore", str(tmp_path / "nope.sqlite3"))
    assert_clean_failure(r, "nope.sqlite3")


# --- bad input -----------------------------------------------------------------------------------
def test_corrupt_file_is_refused_and_untouched(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"This is not a database at all\n" * 200)
    before = bad.read_bytes()
    r = run(tmp_path / "home", "--db", str(bad), "stats", "--json")
    assert_clean_failure(r, str(bad))
    assert bad.read_bytes() == before
    assert not Path(str(bad) + "-wal").exists()


def test_damaged_sqlite_file_is_refused_and_untouched(tmp_path):
    home = tmp_path / "home"
    db = tmp_path / "cc.sqlite3"
    assert run(home, "--db", str(db), "init").returncode == 0
    data = bytearray(db.read_bytes())
    # keep the header, wreck the pages after it
    for i in range(120, min(len(data), 40000)):
        data[i] = 0xA5
    db.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    r = run(home, "--db", str(db), "stats", "--json")
    assert_clean_failure(r, str(db))
    assert db.read_bytes() == bytes(data)


def test_database_of_a_newer_program_is_refused(tmp_path):
    home = tmp_path / "home"
    db = tmp_path / "cc.sqlite3"
    assert run(home, "--db", str(db), "init").returncode == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = 'f00dfacef00d'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = db.read_bytes()
    r = run(home, "--db", str(db), "stats", "--json")
    assert_clean_failure(r, "более новой версией", "f00dfacef00d")
    assert db.read_bytes() == before


def test_wrong_url_and_unwritable_folder(tmp_path):
    r = run(tmp_path / "home", "--db", "foo://bar", "stats", "--json")
    assert_clean_failure(r, "Неверный адрес базы данных")
    r = run(tmp_path / "home", "--db", "postgresql+psycopg://u:secret@127.0.0.1:1/cc", "stats", "--json")
    assert_clean_failure(r, "Не удаётся подключиться")
    assert "secret" not in r.stderr
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    r = run(blocker / "home", "stats", "--json")
    assert_clean_failure(r, "Не удаётся создать папку")
    r = run(tmp_path / "home", "--db", str(tmp_path), "stats")
    assert_clean_failure(r, "папка")


def test_english_messages(tmp_path):
    r = run(tmp_path / "home", "--lang", "en", "--db", "foo://bar", "stats", "--json")
    assert_clean_failure(r, "Invalid database address")
