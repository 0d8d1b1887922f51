"""The manifest: what the index holds for each article file.

`glossator-manifest.json` maps article id -> (mtime, size, content hash,
sidecar mtime, tags) and names the index generation it describes, so an
update re-reads only files whose mtime or size changed. A manifest that
lags the index (a crash between a commit and its write) is rebuilt from
what the engine stores.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

MANIFEST_FILE = "glossator-manifest.json"


class ManifestEntry(NamedTuple):
    """What the index knows about one article file (a tuple, so the manifest
    file is written without converting 100,000 entries first)."""

    mtime_ns: int
    size: int
    sha256: str
    sidecar_mtime_ns: int
    tags: tuple[str, ...] = ()
    #: The sidecar's date and source (`SidecarFacts.signature`): a change
    #: re-indexes, as a tag change does.
    sidecar_meta: str = ""


Manifest = dict[str, ManifestEntry]


class ManifestFile:
    """The manifest file of one index folder, with the last version read kept."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / MANIFEST_FILE
        self._cache: tuple[tuple[int, int, int], Manifest] | None = None

    def _stamp(self, generation: int) -> tuple[int, int, int] | None:
        """Identifies the file's current version (None if missing)."""
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (generation, st.st_mtime_ns, st.st_size)

    def load(
        self, generation: int, stored: Callable[[], Iterator[tuple[str, ManifestEntry]]]
    ) -> Manifest:
        """The manifest of index `generation`; rebuilt from `stored()` when the
        file is missing, damaged or describes another generation."""
        stamp = self._stamp(generation)
        cached = self._cache
        if stamp is not None and cached is not None and cached[0] == stamp:
            # Unchanged since this process last read or wrote it: parsing
            # 100,000 entries again was a sixth of a one-article update.
            return dict(cached[1])
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if data.get("generation") == generation:
                loaded = {
                    k: ManifestEntry(
                        v[0], v[1], v[2], v[3], tuple(v[4]), v[5] if len(v) > 5 else ""
                    )
                    for k, v in data["articles"].items()
                }
                if stamp is not None:
                    self._cache = (stamp, loaded)
                return dict(loaded)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            pass
        return dict(stored())

    def save(self, generation: int, manifest: Manifest) -> None:
        """Write `manifest` as the one of index `generation`; nothing is
        written when the file already holds exactly that."""
        cached = self._cache
        if cached is not None and cached[0] == self._stamp(generation) and cached[1] == manifest:
            # The file is the version this process last read or wrote (same
            # generation, mtime and size) and holds these entries: an update
            # that found nothing to do at 100,000 articles spent a fifth of
            # its time writing the same 16 MB again.
            return
        # Entries are tuples, which JSON writes as lists.
        data = {"generation": generation, "articles": manifest}
        atomic_write(self.path, json.dumps(data, separators=(",", ":")))
        stamp = self._stamp(generation)
        self._cache = (stamp, dict(manifest)) if stamp is not None else None


def split_tags(value: str) -> list[str]:
    """Tags stored as one comma-separated string, as a list."""
    return [t for t in value.split(",") if t]


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text`, never leaving a half-written file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
