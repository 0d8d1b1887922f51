"""The corpus diff: which article files an update must read, and what it did.

An update re-reads a file only when its mtime or size changed, or its
sidecar's mtime did; of those, it re-indexes only the ones whose content
hash or tags changed (`count`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from glossator.index.corpus import ArticleFile
from glossator.index.engine import UpdateReport
from glossator.index.manifest import Manifest, ManifestEntry


@dataclass
class Changes:
    """What an update has to do."""

    #: Files new or changed on disk since the manifest.
    todo: list[ArticleFile] = field(default_factory=list)
    #: Ids in the manifest whose file is gone.
    gone: list[str] = field(default_factory=list)
    unchanged: int = 0
    total: int = 0


def diff(
    files: Iterable[ArticleFile], manifest: Manifest, sidecar_mtime: Callable[[ArticleFile], int]
) -> Changes:
    """Compare the files on disk with the manifest."""
    out = Changes()
    seen: set[str] = set()
    for f in files:
        out.total += 1
        seen.add(f.id)
        old = manifest.get(f.id)
        if (
            old is not None
            and old.mtime_ns == f.mtime_ns
            and old.size == f.size
            and old.sidecar_mtime_ns == sidecar_mtime(f)
        ):
            out.unchanged += 1
        else:
            out.todo.append(f)
    out.gone = [k for k in manifest if k not in seen]
    return out


def count(
    report: UpdateReport, old: ManifestEntry | None, entry: ManifestEntry, forced: bool = False
) -> bool:
    """Count one read article in `report`; True when it must be (re)written.

    `forced`: its entities are stale (the recogniser changed), so it is
    rewritten even when its content and tags are the same.
    """
    if old is None:
        report.added += 1
        return True
    if old.sha256 == entry.sha256 and old.tags == entry.tags:
        if forced:
            report.reindexed += 1
            return True
        report.touched += 1
        return False
    report.updated += 1
    return True
