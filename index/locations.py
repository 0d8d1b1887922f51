"""Where glossator keeps derived data for a corpus."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from glossator.index.corpus import STATE_DIRNAME
from glossator.index.engine import IndexUnavailable


def state_dir(corpus: Path) -> Path:
    """`<corpus>/.glossator`: the watchlist and, by default, the index."""
    return Path(corpus) / STATE_DIRNAME


def default_index_dir(corpus: Path) -> Path:
    """`<corpus>/.glossator/index`."""
    return state_dir(corpus) / "index"


def state_dir_problem(corpus: Path) -> str | None:
    """Why `<corpus>/.glossator` must not be used, or None.

    A `.glossator` planted as a link out of the corpus would make the index
    (and `--rebuild`'s deletions) and the watchlist land wherever it points.
    """
    state = state_dir(corpus)
    real_root = os.path.realpath(corpus)
    real = os.path.realpath(state)
    if os.path.islink(state) or not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return (
            f"{state} is a symbolic link; glossator keeps its index and watchlist only "
            "inside the corpus: remove the link, or pass --index-dir"
        )
    return None


def user_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/glossator` (default `~/.cache/glossator`)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "glossator"


def fallback_index_dir(corpus: Path) -> Path:
    """A per-user index folder for a corpus the user cannot write to."""
    real = str(Path(corpus).resolve())
    digest = hashlib.sha256(real.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return user_cache_dir() / "indexes" / f"{Path(real).name or 'root'}-{digest}"


def writable_dir(path: Path) -> bool:
    """True when `path` exists or can be created, and files can be made in it."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path, os.W_OK | os.X_OK)


def watchlist_path(corpus: Path) -> Path:
    """`<corpus>/.glossator/watchlist.yaml`."""
    return state_dir(corpus) / "watchlist.yaml"


@dataclass(frozen=True, slots=True)
class Discovery:
    """The corpus found for a folder, and how."""

    corpus: Path
    #: True when `corpus` is a folder above the start, found by walking up.
    walked: bool = False


def discover_corpus(start: Path, home: Path | None = None) -> Discovery:
    """The corpus a path belongs to: the nearest folder at or above `start`
    that holds a `.glossator` folder, else `start` itself (its folder, for
    a file).

    The walk up never adopts a far-away parent: it stops below the user's
    home folder (`$HOME`, which is never taken by walking up), where the
    file system changes (a mount point) and at the root of a git
    repository (a folder with a `.git` entry, which is still looked at).
    `start` is taken as written, not through symlinks, so a link to a
    file elsewhere is judged by the folder the link is in.
    """
    folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    if home is None:
        home = Path(os.path.abspath(os.path.expanduser("~")))
    try:
        device = folder.stat().st_dev
    except OSError:
        return Discovery(folder)
    for cand in (folder, *folder.parents):
        if cand != folder:
            if cand == home:
                break
            try:
                if cand.stat().st_dev != device:
                    break
            except OSError:
                break
        if (cand / STATE_DIRNAME).is_dir():
            return Discovery(cand, walked=cand != folder)
        if os.path.lexists(cand / ".git"):
            break
    return Discovery(folder)


def find_corpus(start: Path) -> Path:
    """The corpus folder `discover_corpus` finds for `start`."""
    return discover_corpus(start).corpus


def choose_index_dir(corpus: Path, index_dir: Path | None, say: Callable[[str], None]) -> Path:
    """Where the index of `corpus` lives: `index_dir` when given, else the
    default folder, else (a read-only corpus) a per-user cache folder, with
    a notice. Raises `IndexUnavailable` when none can be written."""
    if index_dir is not None:
        path = Path(index_dir).resolve()
        if not writable_dir(path):
            raise IndexUnavailable(
                f"index folder {index_dir} is not writable; pick another --index-dir"
            )
        return path
    if (problem := state_dir_problem(corpus)) is not None:
        raise IndexUnavailable(problem)
    path = default_index_dir(corpus)
    if writable_dir(path):
        return path
    fallback = fallback_index_dir(corpus)
    if not writable_dir(fallback):
        raise IndexUnavailable(
            f"cannot write an index in {path} or {fallback}; pass --index-dir to a writable folder"
        )
    state = state_dir(corpus)
    if os.path.lexists(state) and not os.path.isdir(state):
        # The corpus itself may be writable: naming the file says what to fix.
        say(
            f"{state} is a file, not a folder; keeping the index in {fallback} "
            "(move the file away to keep the index with the corpus)"
        )
    else:
        say(f"corpus is read-only; keeping its index in {fallback}")
    return fallback
