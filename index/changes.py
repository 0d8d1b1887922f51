"""The corpus diff: which article files an update must read, and what it did.

An update re-reads a file only when its mtime or size changed, or its
sidecar's mtime did; of those, it re-indexes only the ones whose content
hash or tags changed (`count`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from glossator.index.corpus import (
    ArticleFile,
    ScannedFile,
    article_file,
    find_article_files,
    scan_article_files,
)
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
    return _compare(
        ((f.id, f.location, f.size, f.mtime_ns, sidecar_mtime(f)) for f in files), manifest
    )


def scan(
    root: Path, manifest: Manifest, sidecar_mtime: Callable[[ArticleFile], int] | None = None
) -> Changes:
    """`diff` of every article file under `root`, with no object made for an
    unchanged one. Without `sidecar_mtime` the sidecar mtimes the scan found
    beside the articles are compared; with it (sidecars kept elsewhere) it is
    asked for each file.

    Like every mtime and size scan, an edit that keeps a file's size and
    mtime is not seen.
    """
    found: Iterable[ScannedFile] = scan_article_files(root)
    if sidecar_mtime is not None:
        ask = sidecar_mtime
        found = ((e[0], e[1], e[2], e[3], ask(ArticleFile(*e))) for e in found)
    return _compare(found, manifest)


def _compare(found: Iterable[ScannedFile], manifest: Manifest) -> Changes:
    out = Changes()
    todo, get = out.todo, manifest.get
    seen: set[str] = set()
    total = unchanged = 0
    for entry in found:
        total += 1
        article_id = entry[0]
        seen.add(article_id)
        old = get(article_id)
        # A manifest entry starts (mtime_ns, size, sha256, sidecar_mtime_ns).
        if old is not None and old[0] == entry[3] and old[1] == entry[2] and old[3] == entry[4]:
            unchanged += 1
        else:
            todo.append(ArticleFile(*entry))
    out.total, out.unchanged = total, unchanged
    out.gone = [k for k in manifest if k not in seen]
    return out


def diff_some(
    root: Path,
    article_ids: Iterable[str],
    manifest: Manifest,
    sidecar_mtime: Callable[[ArticleFile], int],
) -> Changes:
    """`diff` for just these articles (a watcher saw them change): no corpus scan.

    An id whose file is gone (or no longer counts as an article) and that
    the index holds goes to `gone`; one it never held is ignored.
    """
    found: list[ArticleFile] = []
    missing: list[str] = []
    for article_id in dict.fromkeys(article_ids):
        f = article_file(root, article_id)
        if f is not None:
            found.append(f)
        elif article_id in manifest:
            missing.append(article_id)
    out = diff(
        found, {k: manifest[k] for k in (f.id for f in found) if k in manifest}, sidecar_mtime
    )
    out.gone = missing
    return out


def ids_under(root: Path, folder: str, manifest: Manifest) -> list[str]:
    """Every article id under `folder`: those the index holds and those on disk."""
    prefix = folder.rstrip("/") + "/"
    ids = [k for k in manifest if k.startswith(prefix)]
    base = Path(root) / folder
    if base.is_dir() and not base.is_symlink():
        ids.extend(prefix + f.id for f in find_article_files(base))
    return ids


def count(
    report: UpdateReport, old: ManifestEntry | None, entry: ManifestEntry, forced: bool = False
) -> bool:
    """Count one read article in `report`; True when it must be (re)written.

    `forced`: its entities are stale (the recogniser changed), so it is
    rewritten even when its content, tags and sidecar facts are the same.
    """
    if old is None:
        report.added += 1
        return True
    if (old.sha256, old.tags, old.sidecar_meta) == (entry.sha256, entry.tags, entry.sidecar_meta):
        if forced:
            report.reindexed += 1
            return True
        report.touched += 1
        return False
    report.updated += 1
    return True
