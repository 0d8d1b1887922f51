"""The index folder's metadata file, and emptying the folder for a rebuild.

`glossator-meta.json` records the engine's format, the corpus and the
entity labels an index was written with; an index from another format or
label set is rebuilt, not read. Rebuilding empties the folder but keeps the
entity cache (derived from article text alone, so still valid) and the
update lock (held by the process doing the rebuild).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from glossator.index.documents import ENTITY_CACHE_FILE
from glossator.index.labels import LABELS
from glossator.index.locking import LOCK_FILE
from glossator.index.manifest import atomic_write

__all__ = ["META_FILE", "empty_folder", "meta_problem", "read_meta", "write_meta"]

META_FILE = "glossator-meta.json"


def write_meta(index_dir: Path, engine_format: int, corpus: Path) -> None:
    """Record the format, corpus and labels the index in `index_dir` is written with."""
    meta = {"format": engine_format, "corpus": str(corpus), "labels": list(LABELS)}
    atomic_write(index_dir / META_FILE, json.dumps(meta, indent=1))


def read_meta(index_dir: Path) -> dict[str, object] | None:
    """The metadata of the index in `index_dir`, or None when missing or unreadable."""
    try:
        data = json.loads((index_dir / META_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def meta_problem(meta: dict[str, object] | None, engine_format: int) -> str | None:
    """Why an index with metadata `meta` must be rebuilt for this glossator, or None."""
    if meta is None:
        return None
    if meta.get("format") != engine_format:
        return f"it was written in format {meta.get('format')}, this glossator uses {engine_format}"
    if meta.get("labels") != list(LABELS):
        return "it was written for another set of entity labels"
    return None


def empty_folder(index_dir: Path) -> None:
    """Remove everything in `index_dir` but the entity cache and the update lock."""
    for path in index_dir.iterdir():
        if path.name == LOCK_FILE or path.name.startswith(ENTITY_CACHE_FILE):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
