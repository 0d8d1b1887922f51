"""Following a corpus folder as it changes: which files a change touches, and the watcher.

`watch_corpus` runs `watchfiles` (inotify on Linux, Rust-backed) over the
corpus and hands each burst of changes, already coalesced, to a callback.
`ChangedPaths.classify` turns the raw paths into article ids: an article
file, or a sidecar (`<article>.yaml`) naming its article. Everything else
is ignored: hidden files and folders (glossator's own `.glossator/`, the
lock and temporary files of a save, an editor's swap files), the index
folder, files that are neither articles nor sidecars.

`watch_unavailable` says why watching cannot work here (watchfiles missing,
a network filesystem, where inotify never hears of another machine's
writes); the caller then falls back to rescanning.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from glossator.index.corpus import ARTICLE_SUFFIXES

#: A burst of events (an editor's save is several) ends after this many quiet ms.
STEP_MS = 40
#: ... and is handed over after at most this many ms however long it lasts.
DEBOUNCE_MS = 250
#: With nothing happening, the watcher wakes its caller this often (ms); the
#: first wake-up also says it is watching.
READY_MS = 100

SIDECAR_SUFFIX = ".yaml"

#: Filesystem types whose changes made elsewhere inotify never sees.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.glusterfs",
        "fuse.s3fs",
        "fuse.gcsfuse",
    }
)

#: The per-user inotify limits, named in the message when one is reached.
INOTIFY_LIMITS = "/proc/sys/fs/inotify/max_user_watches and max_user_instances"


@dataclass
class ChangedPaths:
    """The article ids one burst of changes touched."""

    articles: set[str] = field(default_factory=set)
    """Ids whose article file or sidecar was added, changed or removed."""
    folders: set[str] = field(default_factory=set)
    """Folders (relative, POSIX) added, moved or removed whole: every article under them."""

    def __bool__(self) -> bool:
        return bool(self.articles or self.folders)

    @classmethod
    def classify(
        cls,
        paths: Iterable[str],
        corpus: Path,
        *,
        annotations_dir: Path | None = None,
        index_dir: Path | None = None,
    ) -> ChangedPaths:
        """Sort raw changed paths into article ids; ignores what is not an article or sidecar."""
        out = cls()
        ignore = str(index_dir) if index_dir is not None else None
        for path in paths:
            if ignore is not None and _under(path, ignore):
                continue
            if annotations_dir is not None and _under(path, str(annotations_dir)):
                rel = _relative(path, annotations_dir)
                if rel is not None and _is_sidecar(rel):
                    out.articles.add(rel[: -len(SIDECAR_SUFFIX)])
                continue
            rel = _relative(path, corpus)
            if rel is None:
                continue
            if rel.lower().endswith(ARTICLE_SUFFIXES):
                out.articles.add(rel)
            elif _is_sidecar(rel):
                if annotations_dir is None:
                    out.articles.add(rel[: -len(SIDECAR_SUFFIX)])
            elif os.path.isdir(path) or not os.path.lexists(path):
                # A folder moved in or out arrives as one event for the folder.
                out.folders.add(rel)
        return out


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _relative(path: str, root: Path) -> str | None:
    """`path` relative to `root` with POSIX separators; None outside it or hidden."""
    root_s = str(root)
    if not _under(path, root_s) or path == root_s:
        return None
    parts = path[len(root_s.rstrip(os.sep)) + 1 :].split(os.sep)
    if any(not p or p.startswith(".") for p in parts):
        return None
    return "/".join(parts)


def _is_sidecar(rel: str) -> bool:
    low = rel.lower()
    return low.endswith(SIDECAR_SUFFIX) and low[: -len(SIDECAR_SUFFIX)].endswith(ARTICLE_SUFFIXES)


def filesystem_type(path: Path, mountinfo: str | None = None) -> str | None:
    """The type of the filesystem `path` is on (`ext4`, `nfs4`...), from /proc/self/mountinfo."""
    if mountinfo is None:
        try:
            with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as fh:
                mountinfo = fh.read()
        except OSError:
            return None
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in mountinfo.splitlines():
        fields = line.split()
        if "-" not in fields or len(fields) < 5:
            continue
        dash = fields.index("-")
        if dash + 1 >= len(fields):
            continue
        # Spaces and the like in mount points are written as octal escapes.
        point = fields[4].encode().decode("unicode_escape")
        if _under(target, point) or point == "/":
            if len(point) > len(best) or not best:
                best, best_type = point, fields[dash + 1]
    return best_type


def watch_unavailable(corpus: Path, mountinfo: str | None = None) -> str | None:
    """Why the corpus cannot be watched (then it is rescanned), or None when it can."""
    try:
        import watchfiles  # noqa: F401
    except ImportError as exc:
        return f"watchfiles is not installed ({exc})"
    fstype = filesystem_type(corpus, mountinfo)
    if fstype in NETWORK_FILESYSTEMS:
        return f"the corpus is on a network filesystem ({fstype})"
    return None


def watch_corpus(
    paths: Iterable[Path],
    stop: threading.Event,
    on_changes: Callable[[set[str]], None],
    on_tick: Callable[[], None] | None = None,
) -> None:
    """Watch `paths` recursively until `stop` is set, calling `on_changes` per burst.

    `on_tick` is called at least every `READY_MS` while nothing happens; its
    first call (or the first `on_changes`) means the watch is in place.
    Runs in the caller's thread. Raises `WatchUnavailable` when the watcher
    cannot start or dies (the inotify limit, a folder that vanished).
    """
    from watchfiles import watch

    try:
        for changes in watch(
            *paths,
            watch_filter=None,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            rust_timeout=READY_MS,
            yield_on_timeout=True,
            stop_event=stop,
            raise_interrupt=False,
            # A folder the user cannot read holds nothing a scan would index either.
            ignore_permission_denied=True,
        ):
            if changes:
                on_changes({path for _change, path in changes})
            elif on_tick is not None:
                on_tick()
    except OSError as exc:
        text = str(exc)
        if "limit" in text.lower():
            text = f"{text.rstrip('.')}; raise {INOTIFY_LIMITS}"
        raise WatchUnavailable(f"cannot watch the corpus: {text}") from exc
    except RuntimeError as exc:  # watchfiles' internal errors
        raise WatchUnavailable(f"the corpus watcher stopped: {exc}") from exc


class WatchUnavailable(Exception):
    """The corpus cannot be watched; the message says why (and what to change)."""
