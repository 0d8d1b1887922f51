"""Crash-safe file writes and advisory locks.

A reader must only ever see the old file or the new one: write a temporary
file in the same folder (same filesystem, so the rename is atomic), fsync it,
rename it over the target, then fsync the folder so the rename itself survives
a power cut. Any failure removes the temporary file and leaves the target as
it was.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_write", "default_file_mode", "exclusive_lock", "remove_stale_temps"]


def default_file_mode() -> int:
    """The mode a new file would get from ``open()``: ``0o666`` less the umask.

    Read from /proc rather than with ``os.umask`` because setting the umask to
    query it would briefly change it for every thread of the app.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return  # some filesystems do not let a folder be opened; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically and durably; raises OSError.

    The new file keeps the old file's permission bits (or gets the default mode
    for a new file). With ``overwrite=False`` an existing ``path`` is never
    replaced, not even one created by someone else a moment ago: the temporary
    file is hard-linked into place, which fails if the name is taken
    (``FileExistsError``).
    """
    folder = path.parent
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = default_file_mode()
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_into_place(tmp, path)
        _fsync_dir(folder)
    except BaseException:
        # BaseException too: a KeyboardInterrupt mid-write must not leave litter.
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _link_into_place(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
            raise
        # Filesystems without hard links: check then rename, the best left to us.
        if path.exists():
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from exc
        os.replace(tmp, path)
        return
    tmp.unlink()


@contextlib.contextmanager
def exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock_path`` (created if needed).

    The lock file is never deleted: removing it while another process waits on
    it would let two writers in at once. It is opened read-only so analysts
    sharing a folder can lock a lock file someone else created.
    """
    fd = os.open(lock_path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def remove_stale_temps(path: Path) -> int:
    """Delete temporary files left by writers of ``path`` that were killed mid-save.

    Only safe while holding ``path``'s lock: temporary files are only created
    under it, so any found then belong to a writer that is gone. The name
    pattern is exact (mkstemp's eight random characters) so the temporary
    files of another sidecar whose name merely starts the same are left alone.
    Returns how many were removed.
    """
    pattern = re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]{8}\.tmp")
    removed = 0
    with os.scandir(path.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    return removed
