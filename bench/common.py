"""What every measurement shares: the context it runs in, timers, statistics, "missing" APIs."""

from __future__ import annotations

import importlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
PY = sys.executable


class Missing(Exception):
    """The program function a figure measures does not exist (yet): reported, never faked."""


def need(module: str, attr: str | None = None):
    """Import ``module`` (and return ``attr`` of it) or raise :class:`Missing` naming what is absent."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name and module.startswith(e.name) or e.name == module:
            raise Missing(module) from e
        raise
    if attr is None:
        return mod
    fn = getattr(mod, attr, None)
    if fn is None:
        raise Missing(f"{module}.{attr}")
    return fn


@dataclass
class Ctx:
    """Where a measurement runs: the cached database (never written), a work folder, the scale."""

    db: Path
    work: Path
    scale: float = 1.0
    seed: int = 1
    names: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)

    @property
    def quick(self) -> bool:
        return self.scale < 0.2

    def copy_db(self, name: str) -> Path:
        """A private copy for measurements that write (import, matching, generation)."""
        dest = self.work / f"{name}.sqlite3"
        for suffix in ("-wal", "-shm"):
            p = Path(str(dest) + suffix)
            if p.exists():
                p.unlink()
        shutil.copyfile(self.db, dest)
        return dest

    def env(self, home: str = "home") -> dict:
        """Environment of a child process: offscreen Qt, its own user-data folder."""
        e = dict(os.environ)
        e["QT_QPA_PLATFORM"] = "offscreen"
        e["QT_LOGGING_RULES"] = "qt.qpa.*=false"
        h = self.work / home
        h.mkdir(parents=True, exist_ok=True)
        e["CHEMCLUSTER_HOME"] = str(h)
        e.pop("CHEMCLUSTER_DB", None)
        e.pop("CHEMCLUSTER_USER", None)
        e.pop("CHEMCLUSTER_PASSWORD", None)
        e["PYTHONPATH"] = str(ROOT) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
        return e


def open_program_db(path: Path, home: Path | None = None):
    """Open the database the way the program does, as the administrator."""
    if home is not None:
        os.environ["CHEMCLUSTER_HOME"] = str(home)
        home.mkdir(parents=True, exist_ok=True)
    from chemcluster_desktop.services import context

    db = context.open_database(path)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    return db


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.s = time.perf_counter() - self.t0


def timed(fn, *a, **kw) -> tuple[float, object]:
    t0 = time.perf_counter()
    r = fn(*a, **kw)
    return time.perf_counter() - t0, r


def best_of(fn, n: int = 3) -> float:
    """Minimum wall time of ``n`` runs (the usual estimate of a repeatable cost)."""
    return min(timed(fn)[0] for _ in range(max(1, n)))


def median(xs) -> float:
    return float(statistics.median(xs)) if xs else float("nan")


def percentile(xs, p: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def ratio(program: float | None, baseline: float | None) -> float | None:
    if program is None or not baseline:
        return None
    return round(program / baseline, 2)


def r4(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def maxrss_mb() -> float:
    """Peak resident memory of this process. On Linux ``VmHWM`` (``ru_maxrss`` survives ``execve``, so a
    child would report its parent's peak, e.g. the generator's); elsewhere ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(cmd: list[str], *, env=None, timeout: float = 300, cwd=None) -> tuple[float, subprocess.CompletedProcess]:
    """Run a process to its end; returns (wall seconds, result)."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return time.perf_counter() - t0, p


def missing(name: str, **extra) -> dict:
    return {"status": "missing", "missing": name, **extra}
