"""Whether an index is still up to date with its corpus, from stats alone.

`glossator search` updates the index before searching, and on an unchanged
corpus that update is most of what the command costs: the manifest read,
the recogniser's watchlist and state, the diff. A `Stamp` is a digest of
what an update would look at, taken without reading a single file: every
article's id, size and mtime and its sidecar's mtime (the same folder scan
the update does), the annotations folder's sidecars when they live apart,
the watchlist's stat, the size limit and glossator's version; and, taken
after the update, the stats of the index's own bookkeeping files (manifest,
table of contents, metadata), so an update or rebuild by anyone else (the
reader, `glossator index`, a damaged index replaced) also counts as a
change. `is_fresh` says whether both still match what `record` saved in
`glossator-fresh.json`; anything it cannot read or match is stale, so the
cost of a doubt is one ordinary update.

An edit that keeps a file's size and mtime to the nanosecond is not seen;
the update's own diff (mtime and size, then the hash) has the same limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from glossator.index.completeness import incomplete_problem
from glossator.index.corpus import scan_article_files
from glossator.index.locations import watchlist_path

FRESH_FILE = "glossator-fresh.json"
#: Index files whose stats stand for the index's state (with every `*.toc`).
INDEX_FILES = (
    "glossator-manifest.json",
    "glossator-manifest.delta",
    "glossator-meta.json",
    "glossator-recogniser.json",
)


@dataclass(frozen=True)
class Stamp:
    """The corpus's state as an update would see it, as a digest."""

    corpus: str


def _stat_line(path: Path | str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}\0absent"
    return f"{path}\0{st.st_size}\0{st.st_mtime_ns}"


def _sidecars(folder: Path) -> list[str]:
    out: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        out.extend(_stat_line(os.path.join(root, n)) for n in sorted(files) if n.endswith(".yaml"))
    return out


def corpus_stamp(
    corpus: Path, *, annotations_dir: Path | None = None, max_bytes: int | None = None
) -> Stamp:
    """The stamp of `corpus` now: one folder scan and a few stats."""
    from glossator import __version__

    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}\0{max_bytes}\0{_stat_line(watchlist_path(corpus))}\n".encode())
    # One string for the whole scan, hashed once: per file, no object and
    # no call into the hash.
    lines = "".join(
        f"{aid}\0{size}\0{mtime}\0{sidecar}\n"
        for aid, _location, size, mtime, sidecar in scan_article_files(corpus)
    )
    digest.update(lines.encode("utf-8", "surrogatepass"))
    if annotations_dir is not None:
        for line in _sidecars(annotations_dir):
            digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return Stamp(digest.hexdigest())


class _Indexed(Protocol):
    corpus: Path
    annotations_dir: Path | None
    max_bytes: int


def stamp_for(index: _Indexed) -> Stamp:
    """The stamp of an `Index`'s corpus, with its annotations folder and size limit."""
    return corpus_stamp(
        index.corpus, annotations_dir=index.annotations_dir, max_bytes=index.max_bytes
    )


def index_stamp(index_dir: Path) -> str:
    """A digest of the index's bookkeeping files' stats."""
    digest = hashlib.blake2b(digest_size=20)
    try:
        tocs = sorted(n for n in os.listdir(index_dir) if n.endswith(".toc"))
    except OSError:
        tocs = []
    for name in (*INDEX_FILES, *tocs):
        digest.update(_stat_line(Path(index_dir) / name).encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


def is_fresh(index_dir: Path, stamp: Stamp) -> bool:
    """True when the last `record` saw this corpus and the index has not moved since."""
    if incomplete_problem(index_dir) is not None:
        return False
    try:
        saved = json.loads((Path(index_dir) / FRESH_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(saved, dict)
        and saved.get("corpus") == stamp.corpus
        and saved.get("index") == index_stamp(index_dir)
    )


def record(index_dir: Path, stamp: Stamp) -> None:
    """Save `stamp` (taken before an update that has now finished) with the index's stats.

    Written to a temporary file and renamed; a folder that cannot be written
    only means the next search updates again.
    """
    path = Path(index_dir) / FRESH_FILE
    tmp = path.with_name(f".{FRESH_FILE}.{os.getpid()}")
    data = {"corpus": stamp.corpus, "index": index_stamp(index_dir)}
    try:
        tmp.write_text(json.dumps(data), "utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
