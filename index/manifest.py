"""The manifest: what the index holds for each article file.

`glossator-manifest.json` maps article id -> (mtime, size, content hash,
sidecar mtime, tags) and names the index generation it describes, so an
update re-reads only files whose mtime or size changed. A manifest that
lags the index (a crash between a commit and its write) is rebuilt from
what the engine stores.

A save after a few changed articles does not write the whole file again (at
100,000 articles that was a 16 MB JSON document, a quarter of a one-edit
update): it appends one line to `glossator-manifest.delta`, the entries set
and the ids dropped since, and the index generation they bring it to. The
delta's first line names the manifest it extends (a random `token` written
into each whole manifest), so a delta left by a crash between writing a new
manifest and removing the old delta is never applied to the wrong one. A
line that is not whole (a crash while appending) ends the delta: the lines
before it still count, and the next save cuts it off before appending. Once
the delta is an eighth of the manifest (at least `MIN_DELTA_LIMIT`), the
next save writes the whole manifest again and removes the delta. A manifest
without a token (written before deltas existed) is read as it always was,
and its first save writes it whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

MANIFEST_FILE = "glossator-manifest.json"
DELTA_FILE = "glossator-manifest.delta"
#: The delta is folded into the manifest once it would pass this fraction
#: of the manifest's size ...
DELTA_FRACTION = 8
#: ... or this many bytes, whichever is more.
MIN_DELTA_LIMIT = 64 * 1024


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


class _State(NamedTuple):
    """What the manifest file and its delta said when last read or written."""

    generation: int | None
    articles: Manifest
    #: The token of the whole manifest; None when it has none (an older file).
    token: str | None
    #: Bytes of the delta that are whole lines extending this manifest (0:
    #: none, or a delta that belongs to another manifest and is ignored).
    delta_valid: int


_Stamp = tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]


def _entry(v: list[object]) -> ManifestEntry:
    """One entry as JSON holds it (a list), checked enough to be used."""
    if not isinstance(v, list) or len(v) < 5:
        raise ValueError("not a manifest entry")
    mtime, size, sha, side, tags = v[0], v[1], v[2], v[3], v[4]
    if not (isinstance(mtime, int) and isinstance(size, int) and isinstance(side, int)):
        raise ValueError("not a manifest entry")
    if not isinstance(sha, str) or not isinstance(tags, list):
        raise ValueError("not a manifest entry")
    meta = v[5] if len(v) > 5 else ""
    return ManifestEntry(mtime, size, sha, side, tuple(str(t) for t in tags), str(meta))


def _file_stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class ManifestFile:
    """The manifest file of one index folder (and its delta), with the last
    version read or written kept."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / MANIFEST_FILE
        self.delta_path = Path(directory) / DELTA_FILE
        self._cache: tuple[_Stamp, _State] | None = None

    def _stamp(self) -> _Stamp:
        """Identifies both files' current versions (None for a missing one)."""
        return (_file_stat(self.path), _file_stat(self.delta_path))

    def _state(self) -> tuple[_Stamp, _State | None]:
        """What the files say now: from memory when neither changed since this
        process last read or wrote them (parsing 100,000 entries again was a
        sixth of a one-article update), else read."""
        stamp = self._stamp()
        cached = self._cache
        if cached is not None and cached[0] == stamp:
            return stamp, cached[1]
        state = self._read()
        self._cache = (stamp, state) if state is not None and stamp[0] is not None else None
        return stamp, state

    def _read(self) -> _State | None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            generation = data["generation"]
            articles = {str(k): _entry(v) for k, v in data["articles"].items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None
        token = data.get("token")
        if not isinstance(token, str) or not isinstance(generation, int):
            return _State(generation if isinstance(generation, int) else None, articles, None, 0)
        generation, valid = self._apply_delta(token, generation, articles)
        return _State(generation, articles, token, valid)

    def _apply_delta(self, token: str, generation: int, articles: Manifest) -> tuple[int, int]:
        """Apply the delta's whole lines to `articles` (in place); returns the
        generation they bring it to and how many bytes of the delta they are."""
        try:
            raw = self.delta_path.read_bytes()
        except OSError:
            return generation, 0
        lines = raw.split(b"\n")[:-1]  # the last piece is torn, or empty
        try:
            header = json.loads(lines[0]) if lines else None
        except ValueError:
            header = None
        if not isinstance(header, dict) or header.get("token") != token:
            return generation, 0  # another manifest's delta, or none
        valid = len(lines[0]) + 1
        for line in lines[1:]:
            try:
                record = json.loads(line)
                new_generation = record["generation"]
                changed = {str(k): _entry(v) for k, v in record["set"].items()}
                dropped = [str(k) for k in record["drop"]]
                if not isinstance(new_generation, int):
                    raise ValueError("no generation")
            except (ValueError, KeyError, TypeError, IndexError, AttributeError):
                break  # a damaged line ends the delta; the lines before it stand
            articles.update(changed)
            for key in dropped:
                articles.pop(key, None)
            generation = new_generation
            valid += len(line) + 1
        return generation, valid

    def load(
        self, generation: int, stored: Callable[[], Iterator[tuple[str, ManifestEntry]]]
    ) -> Manifest:
        """The manifest of index `generation`; rebuilt from `stored()` when the
        files are missing, damaged or describe another generation."""
        _, state = self._state()
        if state is not None and state.generation == generation:
            return dict(state.articles)
        return dict(stored())

    def save(self, generation: int, manifest: Manifest) -> None:
        """Write `manifest` as the one of index `generation`: nothing when the
        files already hold exactly that, one appended delta line when they
        hold an earlier version this process knows, else the whole file."""
        stamp, state = self._state()
        if state is not None and state.generation == generation and state.articles == manifest:
            # An update that found nothing to do at 100,000 articles spent a
            # fifth of its time writing the same 16 MB again.
            return
        if state is not None and state.token is not None and stamp[0] is not None:
            if self._append(stamp, state, generation, manifest):
                return
        self._write_whole(generation, manifest)

    def _append(self, stamp: _Stamp, state: _State, generation: int, manifest: Manifest) -> bool:
        """Append what changed since `state` to the delta; False when the delta
        would grow past its limit (the caller then writes the whole file)."""
        old = state.articles
        changed = {k: v for k, v in manifest.items() if old.get(k) != v}
        dropped = [k for k in old if k not in manifest]
        record = json.dumps(
            {"generation": generation, "set": changed, "drop": dropped}, separators=(",", ":")
        ).encode("utf-8")
        base_size, delta = stamp
        limit = max(MIN_DELTA_LIMIT, (base_size[2] if base_size else 0) // DELTA_FRACTION)
        valid = state.delta_valid
        # No delta for this manifest yet (or another's): a new file, whole.
        header = b"" if valid else json.dumps({"delta": 1, "token": state.token}).encode() + b"\n"
        if valid + len(header) + len(record) + 1 > limit:
            return False
        if header:
            atomic_write_bytes(self.delta_path, header + record + b"\n")
            valid = len(header)
        else:
            with open(self.delta_path, "r+b") as fh:
                try:
                    if delta is None or delta[2] != valid:
                        fh.truncate(valid)  # a torn line left by a crash
                    fh.seek(valid)
                    fh.write(record + b"\n")
                    fh.flush()
                    os.fsync(fh.fileno())
                except OSError:
                    # Leave the delta as it was: the lines before still stand.
                    with contextlib.suppress(OSError):
                        fh.truncate(valid)
                    raise
        new_state = _State(generation, dict(manifest), state.token, valid + len(record) + 1)
        self._cache = (self._stamp(), new_state)
        return True

    def _write_whole(self, generation: int, manifest: Manifest) -> None:
        token = secrets.token_hex(8)
        # Entries are tuples, which JSON writes as lists.
        data = {"generation": generation, "token": token, "articles": manifest}
        atomic_write(self.path, json.dumps(data, separators=(",", ":")))
        # The old delta names the old token: until it is gone it is ignored.
        self.delta_path.unlink(missing_ok=True)
        stamp = self._stamp()
        state = _State(generation, dict(manifest), token, 0)
        self._cache = (stamp, state) if stamp[0] is not None else None


def split_tags(value: str) -> list[str]:
    """Tags stored as one comma-separated string, as a list."""
    return [t for t in value.split(",") if t]


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text`, never leaving a half-written file."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, never leaving a half-written file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
