"""Adding a name to the corpus watchlist without disturbing what the analyst wrote."""

from __future__ import annotations

import os
from pathlib import Path

from glossator.index.locations import watchlist_path


def add_watch_entry(corpus: Path, name: str, label: str) -> Path:
    """Add a name to the corpus watchlist (creating the file); returns its path.

    The entry is appended as text, so the analyst's comments and layout
    stay; a file that is not a valid watchlist is left alone (`ValueError`).
    A name already there (in any case) is not added twice.
    """
    import yaml

    path = watchlist_path(corpus)
    try:
        source = path.read_text("utf-8")
    except FileNotFoundError:
        source = ""
    data = yaml.safe_load(source) if source.strip() else None
    if data is not None and not isinstance(data, list):
        raise ValueError(f"{path} is not a YAML list of entries; fix it first")
    for entry in data or []:
        if isinstance(entry, dict) and str(entry.get("name", "")).casefold() == name.casefold():
            return path
    block = yaml.safe_dump([{"name": name, "label": label}], allow_unicode=True, sort_keys=False)
    if source and not source.endswith("\n"):
        source += "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(source + block, "utf-8")
    tmp.replace(path)
    return path
