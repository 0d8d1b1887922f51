"""Per-segment prefix tables: every term's document numbers and frequencies
in term order, grouped by the term's first two bytes, so that a prefix's
expansion is one slice of one group.

A short prefix (`re*`, `co*`) expands to about 450 terms and 1,200 posting
blocks in each segment of the 100,000-article corpus; even read as arrays
(`gather`), inflating the head of every block cost 60-110 ms a query, most
of the search. A table keeps the same numbers (the ids and weights
`gather` reads from the blocks, deleted documents included) as one zlib
stream per group: `re*` is one inflate of about a megabyte, then numpy.

A table is `<segment id>.gpx` beside the segment, so Whoosh deletes it with
its segment (`whoosh.index.clean_files` removes every file named after a
segment that is gone). It is derived data, written for segments of at least
`MIN_DOCS` documents (`ensure_tables`, after each commit that can make one);
an index without tables, or with one that does not read back, is searched
the block by block way with the same results. Everything in a table is
checked before use: its header against the segment, each group's terms and
counts against the term table, its numbers against the segment's size.
"""

from __future__ import annotations

import json
import os
import struct
import threading
import zlib
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from glossator.index.whoosh.speedups.gather import gather

EXT = "gpx"
_MAGIC = b"glossator prefix table 1\n"
#: Segments with fewer documents get no table: block by block is fast there
#: (and the one-article segments of a live update never wait for one).
MIN_DOCS = 256
#: Prefixes up to this many bytes are read from tables; a longer one is a
#: small part of its group, and its own blocks are read faster.
TABLE_PREFIX = 2
#: The fields that get tables: the ones a bare prefix searches.
FIELDS = ("title", "body")
_U32 = struct.Struct("<I")
#: Group head: term count, posting count, id-gap width, weight width (0: f32).
_GROUP = struct.Struct("<IIBB")
_INT_TYPES = {1: "<u1", 2: "<u2", 4: "<u4"}


def table_path(storage: Any, segment: Any) -> Path:
    """Where the table of `segment` of a file storage lives."""
    return Path(storage.folder) / f"{segment.segment_id()}.{EXT}"


def _encode_group(np: Any, words: list[bytes], ids: Any, tfs: Any, lengths: list[int]) -> bytes:
    """One group: terms, their posting counts, ids as gaps (each term's
    first id whole), weights as bytes when whole and small, else float32."""
    heads = np.cumsum(lengths) - np.asarray(lengths)
    gaps = ids.copy()
    gaps[1:] -= ids[:-1]
    gaps[heads] = ids[heads]
    top = int(gaps.max()) if len(gaps) else 0
    width = 1 if top < 1 << 8 else 2 if top < 1 << 16 else 4
    whole = bool(np.all(tfs == np.floor(tfs))) and (
        not len(tfs) or 0 < tfs.min() <= tfs.max() < 256
    )
    parts = [
        _GROUP.pack(len(words), len(ids), width, 1 if whole else 0),
        np.asarray([len(w) for w in words], dtype="<u2").tobytes(),
        b"".join(words),
        np.asarray(lengths, dtype="<u4").tobytes(),
        gaps.astype(_INT_TYPES[width]).tobytes(),
        tfs.astype("<u1" if whole else "<f4").tobytes(),
    ]
    return zlib.compress(b"".join(parts), 6)


def build_table(storage: Any, schema: Any, segment: Any) -> Path:
    """Write the table of one segment (atomically) and return its path."""
    import numpy as np
    from whoosh.codec.whoosh3 import W3TermInfo
    from whoosh.reading import SegmentReader

    reader = SegmentReader(storage, schema, segment)
    try:
        terms = reader._terms
        index: dict[str, list[list[Any]]] = {}
        blobs: list[bytes] = []
        offset = 0
        for fieldname in FIELDS:
            if fieldname not in schema:
                continue
            fieldkey = terms._keycoder(fieldname, b"")
            groups: OrderedDict[bytes, list[tuple[bytes, Any]]] = OrderedDict()
            for key, value in terms._tindex.items_from(fieldkey):
                if not key.startswith(fieldkey):
                    break
                word = key[len(fieldkey) :]
                groups.setdefault(word[:2], []).append((word, W3TermInfo.from_bytes(value)))
            entries = index[fieldname] = []
            for head, group in groups.items():
                ids, tfs, lengths = gather(np, reader, fieldname, group)
                blob = _encode_group(np, [w for w, _i in group], ids, tfs, lengths)
                entries.append([head.hex(), offset, len(blob)])
                blobs.append(blob)
                offset += len(blob)
        header = {"segment": segment.segment_id(), "docs": segment.doc_count_all(), "fields": index}
    finally:
        reader.close()
    return write_sidecar(table_path(storage, segment), _MAGIC, header, blobs)


def write_sidecar(path: Path, magic: bytes, header: dict[str, Any], blobs: list[bytes]) -> Path:
    """Write a segment's table (prefix or pair) whole or not at all: its
    magic line, the header's length and JSON, then the blobs."""
    data = json.dumps(header).encode()
    scratch = path.with_name(path.name + ".tmp")
    with open(scratch, "wb") as out:
        out.write(magic + _U32.pack(len(data)) + data)
        for blob in blobs:
            out.write(blob)
    os.replace(scratch, path)
    return path


def read_sidecar_header(
    path: Path, magic: bytes, segment: Any
) -> tuple[dict[str, Any], int] | None:
    """The header `write_sidecar` wrote at `path` and where its blobs start,
    when it is a table of this kind for `segment` (its id and document count
    match and it names its fields); else None. Raises OSError, ValueError,
    KeyError or TypeError on a file that cannot be read as one."""
    with open(path, "rb") as f:
        head = f.read(len(magic) + 4)
        if len(head) < len(magic) + 4 or not head.startswith(magic):
            return None
        (size,) = _U32.unpack_from(head, len(magic))
        meta = json.loads(f.read(size))
    if (
        meta["segment"] != segment.segment_id()
        or meta["docs"] != segment.doc_count_all()
        or not isinstance(meta["fields"], dict)
    ):
        return None
    return meta, len(magic) + 4 + size


def ensure_each(
    ix: Any,
    path_of: Callable[[Any, Any], Path],
    build: Callable[[Any, Any, Any], Path],
    min_docs: int,
) -> int:
    """Build the missing table (`path_of` says where it goes) of every
    segment of `ix` with at least `min_docs` documents; how many were built."""
    storage = ix.storage
    if not hasattr(storage, "folder"):
        return 0
    written = 0
    for segment in ix._segments():
        if segment.doc_count_all() >= min_docs and not path_of(storage, segment).exists():
            build(storage, ix.schema, segment)
            written += 1
    return written


def ensure_tables(ix: Any) -> int:
    """Write the missing table of every segment of `ix` with at least
    `MIN_DOCS` documents; returns how many were written."""
    return ensure_each(ix, table_path, build_table, MIN_DOCS)


class PrefixTable:
    """The table of one segment, read lazily: its header at once, a group
    when a prefix asks for it."""

    def __init__(self, path: Path, docs: int, fields: dict[str, list[list[Any]]], start: int):
        self._path = path
        self._docs = docs
        self._start = start
        self._groups = {
            name: ([bytes.fromhex(h) for h, _o, _l in rows], [(o, n) for _h, o, n in rows])
            for name, rows in fields.items()
        }

    @classmethod
    def open(cls, path: Path, segment: Any) -> PrefixTable | None:
        """The table at `path` if it is one for `segment`, else None."""
        try:
            found = read_sidecar_header(path, _MAGIC, segment)
            if found is None:
                return None
            meta, start = found
            fields = meta["fields"]
            for rows in fields.values():
                for h, o, n in rows:
                    bytes.fromhex(h)
                    if not (isinstance(o, int) and isinstance(n, int) and o >= 0 and n > 0):
                        return None
            return cls(path, meta["docs"], fields, start)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _group(self, np: Any, fieldname: str, index: int) -> Any:
        offset, length = self._groups[fieldname][1][index]
        with open(self._path, "rb") as f:
            f.seek(self._start + offset)
            data = zlib.decompress(f.read(length))
        nterms, npost, width, whole = _GROUP.unpack_from(data, 0)
        pos = _GROUP.size
        sizes = np.frombuffer(data, dtype="<u2", count=nterms, offset=pos)
        pos += 2 * nterms
        blob_end = pos + int(sizes.sum())
        names = data[pos:blob_end]
        pos = blob_end
        counts = np.frombuffer(data, dtype="<u4", count=nterms, offset=pos).astype(np.int64)
        pos += 4 * nterms
        gaps = np.frombuffer(data, dtype=_INT_TYPES[width], count=npost, offset=pos)
        pos += width * npost
        tfs = np.frombuffer(data, dtype="<u1" if whole else "<f4", count=npost, offset=pos)
        if pos + npost * (1 if whole else 4) != len(data) or int(counts.sum()) != npost:
            raise ValueError("group size")
        edges = np.concatenate((np.zeros(1, dtype=np.int64), np.cumsum(sizes, dtype=np.int64)))
        words = [names[a:b] for a, b in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True)]
        running = np.cumsum(gaps, dtype=np.int64)
        heads = np.cumsum(counts) - counts
        base = np.where(heads > 0, running[np.maximum(heads - 1, 0)], 0)
        ids = running - np.repeat(base, counts)
        if npost and (ids.min() < 0 or ids.max() >= self._docs or tfs.min() <= 0):
            raise ValueError("group values")
        return words, counts.tolist(), ids, tfs.astype(np.float64)

    def arrays(self, np: Any, fieldname: str, prefix: bytes, terms: list[tuple[bytes, Any]]) -> Any:
        """What `gather` gives for `terms` (the expansion of `prefix` from
        the term table, with infos), or None when the table cannot say."""
        found = self._groups.get(fieldname)
        if found is None or not terms:
            return None
        heads, _spans = found
        if len(prefix) >= 2:
            at = bisect_left(heads, prefix[:2])
            picked = [at] if at < len(heads) and heads[at] == prefix[:2] else []
        else:
            at = bisect_left(heads, prefix)
            picked = []
            while at < len(heads) and heads[at].startswith(prefix):
                picked.append(at)
                at += 1
        if not picked:
            return None
        words: list[bytes] = []
        counts: list[int] = []
        id_parts, tf_parts = [], []
        try:
            for index in picked:
                w, c, ids, tfs = self._group(np, fieldname, index)
                lo = bisect_left(w, prefix)
                hi = lo
                while hi < len(w) and w[hi].startswith(prefix):
                    hi += 1
                edges = [0, *np.cumsum(c).tolist()]
                words += w[lo:hi]
                counts += c[lo:hi]
                id_parts.append(ids[edges[lo] : edges[hi]])
                tf_parts.append(tfs[edges[lo] : edges[hi]])
        except (OSError, ValueError, KeyError, zlib.error, struct.error):
            return None
        if words != [w for w, _i in terms] or counts != [i.doc_frequency() for _w, i in terms]:
            return None
        return np.concatenate(id_parts), np.concatenate(tf_parts), counts


#: Tables opened lately (prefix and pair tables), by path, mtime and size
#: (searchers in several threads share it).
_OPEN: OrderedDict[tuple[str, int, int], Any] = OrderedDict()
_OPEN_LOCK = threading.Lock()


def table_for(reader: Any) -> PrefixTable | None:
    """The prefix table of a segment reader, when it has one that reads."""
    table: PrefixTable | None = sidecar_for(reader, EXT, PrefixTable.open)
    return table


def sidecar_for(reader: Any, ext: str, opener: Callable[[Path, Any], Any]) -> Any:
    """The table named `<segment id>.<ext>` beside a segment reader's segment,
    as `opener(path, segment)` reads it (None when missing or unreadable)."""
    storage: Any = getattr(reader, "_storage", None)
    # A compound segment's reader reads through an overlay of its
    # compound file on the index's folder.
    storage = getattr(storage, "b", storage)
    segment = getattr(reader, "_segment", None)
    if not hasattr(storage, "folder") or segment is None:
        return None
    path = Path(storage.folder) / f"{segment.segment_id()}.{ext}"
    try:
        st = path.stat()
    except OSError:
        return None
    key = (str(path), st.st_mtime_ns, st.st_size)
    with _OPEN_LOCK:
        if key in _OPEN:
            _OPEN.move_to_end(key)
            return _OPEN[key]
    table = opener(path, segment)
    with _OPEN_LOCK:
        _OPEN[key] = table
        while len(_OPEN) > 64:
            _OPEN.popitem(last=False)
    return table
