"""UTF-8 whatever the console's code page (issue 18): on a Russian Windows, Python writes a redirected
stdout in cp1251, where «₽» cannot be encoded (UnicodeEncodeError) and JSON comes out in cp1251. Every
reading command, as text and as ``--json``, runs here in a new process with ``PYTHONIOENCODING=cp1251``
and its output redirected to a file, which must be UTF-8. Also: ``chemcluster-gui`` takes the same
options as ``chemcluster`` for the window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from chemcluster_desktop.services import context

ROOT = Path(__file__).resolve().parents[2]


def _commands(demo_db_path: Path) -> list[tuple[list[str], bool]]:
    """(argv, has --json) for every command that only reads, with arguments from the demo data."""
    from chemcluster_desktop.services import accreditation, procurement

    context.open_database(demo_db_path)
    workshop = accreditation.workshops()[0].name
    need = procurement.needs_with_offers()[0]
    context.close_database()
    cmds = [
        (["check"], True), (["stats"], True), (["user", "list"], True), (["journal", "--limit", "20"], True),
        (["workshop", "list"], True), (["accreditation", "readiness"], True),
        (["accreditation", "status", "--workshop", workshop], True),
        (["accreditation", "needs", "--workshop", workshop], True),
        (["schedule", "conflicts"], True),
        (["procurement", "nmck", "--need", str(need)], True), (["procurement", "budget"], True),
        (["procurement", "needs"], True), (["procurement", "plan"], True),
        (["cluster", "kpi", "list"], True), (["cluster", "dashboard"], True),
        (["cluster", "participants"], True), (["cluster", "directions"], True),
    ]
    out = []
    for argv, has_json in cmds:
        out.append((argv, False))
        if has_json:
            out.append((argv + ["--json"], True))
    return out


def _run(args: list[str], tmp: Path, n: int, env: dict) -> tuple[int, bytes, str]:
    out, err = tmp / f"out{n}.txt", tmp / f"err{n}.txt"
    with open(out, "wb") as fo, open(err, "wb") as fe:
        rc = subprocess.run([sys.executable, "-m", "chemcluster_desktop", *args], stdout=fo, stderr=fe,
                            env=env, cwd=ROOT, timeout=180).returncode
    return rc, out.read_bytes(), err.read_bytes().decode("utf-8")  # strict: stderr is UTF-8 too


@pytest.mark.slow
def test_every_reading_command_writes_utf8_under_a_cp1251_console(demo_db_path, tmp_path):
    env = dict(os.environ, PYTHONIOENCODING="cp1251", PYTHONPATH=str(ROOT), CHEMCLUSTER_DB=str(demo_db_path))
    env.pop("PYTHONUTF8", None)
    cmds = _commands(demo_db_path) + [(["--help"], False), (["report", "--help"], False)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda i: _run(cmds[i][0], tmp_path, i, env), range(len(cmds))))
    non_ascii = 0
    for (argv, is_json), (rc, out, err) in zip(cmds, results, strict=True):
        where = " ".join(argv)
        assert "Traceback" not in err and "UnicodeEncodeError" not in err, f"{where}: {err[-1500:]}"
        # 1: refused with a reason (check finding problems; a write right the anonymous viewer lacks)
        assert rc in (0, 1), f"{where}: exit {rc}: {err[-800:]}"
        text = out.decode("utf-8")  # strict: cp1251 bytes of Cyrillic are not valid UTF-8
        if is_json and rc == 0:
            json.loads(text)
        elif argv[0] in ("stats", "check", "--help", "procurement"):
            assert text.strip(), f"{where}: nothing printed"
        non_ascii += any(ord(c) > 127 for c in text)
    assert non_ascii >= len(cmds) // 2  # Russian names, «₽», «№» really went through
    assert sum(rc == 0 for rc, _o, _e in results) >= len(cmds) - 4


def test_rouble_sign_survives_a_cp1251_stderr_too(tmp_path, db_path):
    """A refusal message on stderr is UTF-8 as well (a missing file named in Cyrillic)."""
    env = dict(os.environ, PYTHONIOENCODING="cp1251", PYTHONPATH=str(ROOT))
    rc, _out, err = _run(["--db", str(db_path), "restore", str(tmp_path / "копия ₽.sqlite3")], tmp_path, 0, env)
    assert rc == 1 and "копия ₽.sqlite3" in err and "Traceback" not in err


GUI_CHILD = r"""
import sys
from chemcluster_desktop import app, cli
seen = {}
app.main = lambda db=None, lang=None, user=None: seen.update(db=db, lang=lang, user=user) or 0
rc = cli.gui_main(sys.argv[1:])
print(repr((rc, seen)))
"""


@pytest.mark.parametrize("entry", ["gui_main", "main"])
def test_chemcluster_gui_takes_db_lang_user(tmp_path, entry):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = GUI_CHILD.replace("cli.gui_main(", f"cli.{entry}(")
    db = str(tmp_path / "база.sqlite3")
    r = subprocess.run([sys.executable, "-c", code, "--db", db, "--lang", "en", "--user", "ivanova"],
                       env=env, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == repr((0, {"db": db, "lang": "en", "user": "ivanova"}))
    # the window's start does not import the area command modules
    check = code.replace("print(repr((rc, seen)))",
                         "print(sorted(m for m in sys.modules if m.startswith('chemcluster_desktop.commands')))")
    r = subprocess.run([sys.executable, "-c", check, "--db", db], env=env, cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert r.stdout.strip() == "[]", r.stderr


def test_chemcluster_gui_refuses_a_command_and_a_wrong_language(tmp_path):
    from chemcluster_desktop import cli

    with pytest.raises(SystemExit) as e:
        cli.gui_main(["stats"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        cli.gui_main(["--lang", "de"])
    assert e.value.code == 2


def test_gui_user_option_fills_the_login_and_password_env_logs_in(qtbot, qapp, db, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from chemcluster_desktop.services import security
    from chemcluster_desktop.ui import startup
    from chemcluster_desktop.ui.dialogs import login

    security.add_user("ivanova", "lab_manager", "верный-пароль", "Иванова И. И.")
    assert security.login_required()
    seen = {}

    def act(dlg):
        seen["login"] = dlg.login_edit.currentText()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(login.LoginDialog, "exec", act)
    assert startup.login_if_needed(user="ivanova") is False
    assert seen["login"] == "ivanova"
    monkeypatch.setenv("CHEMCLUSTER_PASSWORD", "верный-пароль")
    seen.clear()
    assert startup.login_if_needed(user="ivanova") is True
    assert seen == {} and context.actor().login == "ivanova"


MISSING_QT = r"""
import builtins, sys
real = builtins.__import__
def fake(name, *a, **k):
    if name.startswith("PySide6"):
        raise ImportError("libGL.so.1: cannot open shared object file: No such file or directory")
    return real(name, *a, **k)
builtins.__import__ = fake
from chemcluster_desktop.app import import_before_qt
import_before_qt(None)  # what the start imports before Qt (SQLAlchemy, the services), on this machine's platform
sys.platform = sys.argv[1]  # ... and only then pretend to be another one, for the message
from chemcluster_desktop.cli import main
raise SystemExit(main(["--db", sys.argv[2]]))
"""


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_missing_qt_library_gives_a_sentence_not_a_traceback(tmp_path, platform):
    env = dict(os.environ, PYTHONPATH=str(ROOT), CHEMCLUSTER_HOME=str(tmp_path / "h"))
    r = subprocess.run([sys.executable, "-c", MISSING_QT, platform, str(tmp_path / "x.sqlite3")], env=env, cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "libGL.so.1" in r.stderr
    if platform == "linux":
        assert "sudo apt-get install" in r.stderr and "libgl1" in r.stderr and "libxcb-cursor0" in r.stderr
    else:
        assert "Windows 10" in r.stderr and "vc_redist.x64.exe" in r.stderr
