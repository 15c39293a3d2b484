"""Writing files safely on Windows as on Linux (no Qt, no database: every layer may use it).

- ``write_atomic(dest, data)`` / ``save_atomic(dest, save)``: the file is written as ``dest.part``,
  flushed to the disk and renamed over ``dest``; on *any* failure (disk full, the PDF open in a viewer
  on Windows, a cancelled export) the ``.part`` file is removed and the error raised.
- ``fsync_file``: Windows flushes a file only through a handle opened for writing (``os.fsync`` on a
  read-only descriptor does nothing there); POSIX also needs the directory flushed after a rename
  (``fsync_dir``; Windows has no such call and needs none).
- ``writable_dir`` / ``writable_file``: decided by trying, because ``os.access`` ignores Windows ACLs,
  read-only network shares and ``chattr +i``.
- ``no_window()``: ``subprocess`` arguments that keep a console window from flashing up when the
  windowed program runs ``pg_dump`` / ``pg_restore`` on Windows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

WINDOWS = sys.platform.startswith("win")


def part_path(dest: str | os.PathLike) -> Path:
    return Path(f"{os.fspath(dest)}.part")


def fsync_file(path: str | os.PathLike) -> None:
    """Flush ``path`` to the disk through a writable handle. Errors are ignored (a file system that
    cannot sync, e.g. some network shares, still has the data in its own hands)."""
    try:
        fd = os.open(os.fspath(path), os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_dir(path: str | os.PathLike) -> None:
    """POSIX: flush the directory entry after a create or rename. A no-op on Windows."""
    if WINDOWS:
        return
    try:
        fd = os.open(os.fspath(path), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_durably(tmp: str | os.PathLike, dest: str | os.PathLike) -> None:
    """``tmp`` flushed, renamed over ``dest``, the directory flushed."""
    fsync_file(tmp)
    os.replace(tmp, dest)
    fsync_dir(Path(dest).parent)


def remove_quietly(path: str | os.PathLike) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def save_atomic(dest: str | os.PathLike, save: Callable[[str], object]) -> None:
    """``save(tmp_path)`` writes the whole file; then it replaces ``dest``. Nothing is left behind
    when ``save`` or the rename fails (also on KeyboardInterrupt and cancellation)."""
    tmp = part_path(dest)
    try:
        save(os.fspath(tmp))
        replace_durably(tmp, dest)
    except BaseException:
        remove_quietly(tmp)
        raise


def write_atomic(dest: str | os.PathLike, data: bytes) -> None:
    def save(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(data)

    save_atomic(dest, save)


def writable_dir(path: str | os.PathLike) -> bool:
    """A file can be created (and removed) in ``path``: tried, not guessed."""
    try:
        fd, name = tempfile.mkstemp(prefix=".chemcluster-probe-", dir=os.fspath(path))
    except OSError:
        return False
    os.close(fd)
    remove_quietly(name)
    return True


def writable_file(path: str | os.PathLike) -> bool:
    """``path`` can be opened for writing (it is not changed)."""
    try:
        with open(os.fspath(path), "r+b"):
            return True
    except OSError:
        return False


def no_window() -> dict:
    """Extra ``subprocess.run`` arguments: no console window for a child on Windows."""
    if WINDOWS:
        return {"creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0x08000000)}
    return {}


# --- is a path on a network share? ---------------------------------------------------------------
# SQLite's WAL needs shared memory that every user of the file sees: on a network file system it is
# unsafe for two PCs (https://www.sqlite.org/wal.html, «WAL does not work over a network filesystem»),
# and file locking over SMB/NFS is unreliable (https://www.sqlite.org/useovernet.html).
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "smb2", "9p", "afs", "ncpfs", "coda", "ceph", "glusterfs",
              "fuse.sshfs", "fuse.rclone", "davfs", "fuse.davfs2", "virtiofs"}
DRIVE_REMOTE = 4  # GetDriveTypeW: DRIVE_REMOTE


def _mount_table() -> list[tuple[str, str]]:
    """(mount point, file system type) from /proc/mounts (Linux); empty elsewhere."""
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    out = []
    for ln in lines:
        parts = ln.split()
        if len(parts) >= 3:
            out.append((parts[1].replace("\\040", " "), parts[2]))
    return out


def _drive_type(root: str) -> int:
    """Windows GetDriveTypeW of ``C:\\``; 0 elsewhere."""
    if not WINDOWS:
        return 0
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))


def network_share(path: str | os.PathLike, *, windows: bool | None = None) -> str | None:
    """What makes ``path`` a network location (``"UNC \\\\server\\share"``, ``"drive Z: (network)"``,
    ``"nfs4 at /mnt/college"``), or None for a local disk."""
    windows = WINDOWS if windows is None else windows
    s = os.fspath(path)
    if windows:
        if s.startswith(("\\\\", "//")):
            if s.startswith(("\\\\?\\", "\\\\.\\")) and not s[4:].upper().startswith("UNC\\"):
                s = s[4:]  # \\?\C:\… is a local path in long form
            else:
                parts = [p for p in s.replace("/", "\\").split("\\") if p and p not in ("?", ".")]
                if parts and parts[0].upper() == "UNC":
                    parts = parts[1:]
                return "UNC \\\\" + "\\".join(parts[:2])
        import ntpath

        drive = ntpath.splitdrive(os.path.abspath(s) if WINDOWS else s)[0]
        if len(drive) == 2 and drive[1] == ":" and _drive_type(drive + "\\") == DRIVE_REMOTE:
            return f"drive {drive.upper()} (network)"
        return None
    real = os.path.realpath(s)
    best: tuple[str, str] | None = None
    for mnt, fstype in _mount_table():
        if real == mnt or real.startswith(mnt.rstrip("/") + "/"):
            if best is None or len(mnt) > len(best[0]):
                best = (mnt, fstype)
    if best is not None and (best[1].lower() in NETWORK_FS or best[1].lower().startswith(("nfs", "cifs", "smb"))):
        return f"{best[1]} at {best[0]}"
    return None
