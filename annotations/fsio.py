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
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "RefusedFile",
    "atomic_write",
    "default_file_mode",
    "exclusive_lock",
    "read_untrusted",
    "refuse_outside",
    "remove_stale_temps",
]


class RefusedFile(OSError):
    """A file glossator will not open: a symbolic link, not a regular file, or
    a path that leads outside the folder it belongs to. The message is one
    line saying what to do."""


_LINK = "is a symbolic link, which glossator does not follow here; replace it with the file itself"


def read_untrusted(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of ``path`` (at most ``max_bytes + 1``), None when it does not exist.

    Opened with ``O_NOFOLLOW`` (a planted link is refused, never read through)
    and ``O_NONBLOCK`` (a FIFO cannot hang the reader); anything but a regular
    file is refused. Raises ``RefusedFile`` for those, ``OSError`` otherwise;
    the caller compares the length with its limit.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RefusedFile(errno.ELOOP, _LINK) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise RefusedFile(errno.EINVAL, "it is not a regular file; replace it with a file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(max_bytes + 1)
    finally:
        os.close(fd)


def refuse_outside(path: Path, base: Path) -> None:
    """Raise ``RefusedFile`` unless ``path``'s folder, links resolved, is inside ``base``.

    A folder link planted in the annotations tree must not make a save land
    outside it.
    """
    real_base = os.path.realpath(base)
    real = os.path.realpath(path.parent)
    if real != real_base and not real.startswith(real_base.rstrip(os.sep) + os.sep):
        raise RefusedFile(
            errno.EXDEV,
            f"{path.parent} leads outside {base} (a symbolic link); remove the link",
        )


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
        mode = os.stat(path, follow_symlinks=False).st_mode & 0o7777
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
    try:
        # O_NOFOLLOW: a lock file planted as a link must not create a file
        # wherever it points.
        fd = os.open(lock_path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RefusedFile(
                errno.ELOOP,
                f"lock file {lock_path.name} is a symbolic link, which glossator does not "
                "follow; remove it",
            ) from None
        raise
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
