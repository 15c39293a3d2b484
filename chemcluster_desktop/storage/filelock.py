"""A lock file beside an SQLite database that every copy of the program respects.

Each unit of work that writes holds the lock *shared*; a restore (any replacement of the file) holds it
*exclusive*. So a restore waits until the saves in progress have finished (and are in the copy it keeps
of the replaced database), and no save starts while the file is being replaced. POSIX: ``flock`` on
``<database>.lock``; Windows: ``msvcrt.locking`` on its first byte (exclusive only there, which
serialises writers — SQLite serialises them anyway).

A folder where the lock file cannot be created (read-only media) gives no lock: the database itself is
read-only there, so nothing can be replaced under a writer.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


class LockTimeout(OSError):
    pass


def lock_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".lock")


class FileLock:
    """``with FileLock(path, exclusive=True, timeout=60):`` — waits up to ``timeout`` seconds."""

    def __init__(self, db_path: Path, *, exclusive: bool, timeout: float = 60.0):
        self.path = lock_path(db_path)
        self.exclusive = exclusive
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True when held; False when there is no lock file here (it cannot be created)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            return False
        deadline = time.monotonic() + self.timeout
        delay = 0.02
        while True:
            try:
                _lock(fd, self.exclusive)
                self._fd = fd
                return True
            except BlockingIOError:
                pass
            except OSError:
                os.close(fd)
                return False  # a file system without locks (ENOLCK): behave as before
            if time.monotonic() > deadline:
                os.close(fd)
                raise LockTimeout(str(self.path))
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int, exclusive: bool) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as e:
            raise BlockingIOError(str(e)) from e

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int, exclusive: bool) -> None:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
