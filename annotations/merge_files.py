"""The sidecar merge on files, as git's merge driver calls it (``%O %A %B``).

Reads the three versions, merges them (`annotations.merge`), validates the
result with the normal reader and writes it atomically over the ours file.
A version that cannot be read stops the merge with a `SidecarError` naming
it, and the ours file is left as it was: git then reports a conflict, but
never with conflict markers inside a sidecar.
"""

from __future__ import annotations

from pathlib import Path

from glossator.annotations.dump import dump_sidecar
from glossator.annotations.fsio import atomic_write
from glossator.annotations.merge import merge_sidecars
from glossator.annotations.model import Sidecar, utc_now
from glossator.annotations.sidecar_file import parse_sidecar, read_sidecar_file

__all__ = ["merge_sidecar_files"]


def _load(path: Path, shown: Path) -> Sidecar | None:
    raw = read_sidecar_file(path, shown)
    if raw is None or not raw.strip():
        return None  # git passes an empty base for a file added on both sides
    return parse_sidecar(raw, shown)


def merge_sidecar_files(
    base: Path, ours: Path, theirs: Path, name: str | None = None, now: str | None = None
) -> int:
    """Merge ``theirs`` into ``ours`` (both edits of ``base``); returns how many
    records were marked for review.

    ``name`` is the sidecar's path in the repository (git's ``%P``), used in
    messages. Raises `SidecarError` when a version cannot be read or the
    merge would not read back, and ``OSError`` when ours cannot be written;
    either way ours is unchanged.
    """
    label = name or ours.name
    b = _load(base, Path(f"{label} (common ancestor)"))
    o = _load(ours, Path(f"{label} (ours)"))
    t = _load(theirs, Path(f"{label} (theirs)"))
    article = next((s.article for s in (o, t, b) if s is not None), "")
    merged, marked = merge_sidecars(
        b,
        o if o is not None else Sidecar(article=article),
        t if t is not None else Sidecar(article=article),
        now or utc_now(),
    )
    data = dump_sidecar(merged).encode("utf-8")
    # The normal reader has the last word: what it would refuse is never written.
    parse_sidecar(data, Path(f"{label} (merged)"))
    atomic_write(ours, data)
    return marked
