"""Where glossator keeps derived data for a corpus."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from glossator.index.corpus import STATE_DIRNAME


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


def find_corpus(start: Path) -> Path:
    """The corpus a path belongs to: the nearest folder at or above `start`
    that holds a `.glossator` folder, else `start` itself (or its folder,
    for a file)."""
    start = Path(start).resolve()
    folder = start if start.is_dir() else start.parent
    for cand in (folder, *folder.parents):
        if (cand / STATE_DIRNAME).is_dir():
            return cand
    return folder
