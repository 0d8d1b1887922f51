"""Per-segment pair tables: the documents where two frequent words stand
side by side, so that a phrase of frequent words (`"last year"`, `"also
said"`) is a list lookup instead of a positions test.

A phrase of two frequent words on the 100,000-article corpus holds both
words in 20,000-40,000 articles; `phrases` read and decoded both words'
positions in every one of them to find the few thousand where they are
adjacent, 200-300 ms a query. Lucene's CommonGramsFilter indexes such pairs
as terms of their own; a table does the same beside the segment, derived
from the positions the segment already holds, so the index format, its
terms and its scores stay Whoosh's.

The words of a table are the `COMMON_WORDS` terms of each field with the
highest document frequencies in that segment (at least `MIN_FREQUENCY` of
its documents); for every ordered pair of them (a word with itself
included) that occurs at consecutive positions somewhere, the table keeps
the sorted numbers of the documents where it does, deleted ones included.
That is exactly the test `phrases` makes on positions (a start `p` of the
first word with `p + 1` a position of the second). Phrases of a word
outside the table's words are tested on positions, as before.

A table is `<segment id>.gpp` beside the segment, written and found like a
prefix table (`prefix_tables`: by the bulk workers and after every update,
deleted by Whoosh's `clean_files` with its segment, segments of at least
`MIN_DOCS` documents). Everything is checked before use: the header against
the segment, each word's document frequency against the term table, each
list's numbers against the segment's size and order; a table or list that
does not read back is not used and the positions are read instead.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

from glossator.index.whoosh.speedups.postings import term_blocks
from glossator.index.whoosh.speedups.prefix_tables import (
    MIN_DOCS,
    ensure_each,
    read_sidecar_header,
    sidecar_for,
    write_sidecar,
)

EXT = "gpp"
_MAGIC = b"glossator pair table 1\n"
#: The fields that get pair tables: the ones a quoted phrase searches.
FIELDS = ("title", "body")
#: At most this many words of a field make pairs: a field's most frequent.
COMMON_WORDS = 200
#: ...and each in at least this share of the segment's documents: a phrase
#: with a rarer word has few enough candidates to test on positions.
MIN_FREQUENCY = 0.01
_U32 = struct.Struct("<I")
#: Positions are below this (a document of four billion words is not kept).
_STRIDE = 1 << 32

__all__ = ["EXT", "MIN_DOCS", "PairTable", "build_pairs", "ensure_pairs", "pairs_for"]


def pairs_path(storage: Any, segment: Any) -> Path:
    """Where the pair table of `segment` of a file storage lives."""
    return Path(storage.folder) / f"{segment.segment_id()}.{EXT}"


def common_words(reader: Any, fieldname: str, docs: int) -> list[tuple[bytes, int]]:
    """The field's words a table of a segment of `docs` documents pairs, with
    their document frequencies, in term order."""
    floor = max(1, int(docs * MIN_FREQUENCY))
    found = [
        (word, reader.doc_frequency(fieldname, word))
        for word in reader.lexicon(fieldname)
        if reader.doc_frequency(fieldname, word) >= floor
    ]
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return sorted(found[:COMMON_WORDS])


def _occurrences(np: Any, reader: Any, fieldname: str, words: list[bytes]) -> tuple[Any, Any]:
    """Every occurrence of `words` in the segment as (document * 2**32 +
    position, word index), sorted by the first."""
    decode = reader.schema[fieldname].format.decoder("positions")
    terms = reader._terms
    keys, owners = [], []
    for index, word in enumerate(words):
        info = terms.term_info(fieldname, word)
        if info.is_inlined():
            ids, _weights, values = info.inlined_postings()
            found = [(ids, values)]
        else:
            found = [
                (ids, values) for ids, _w, values in term_blocks(reader, fieldname, word, info)
            ]
        docs: list[int] = []
        counts: list[int] = []
        positions: list[int] = []
        for ids, values in found:
            if values is None:
                raise ValueError("postings without values")
            for docnum, value in zip(ids, values, strict=True):
                got = decode(value)
                docs.append(docnum)
                counts.append(len(got))
                positions.extend(got)
        where = np.asarray(positions, dtype=np.int64)
        keys.append(np.repeat(np.asarray(docs, dtype=np.int64), counts) * _STRIDE + where)
        owners.append(np.full(len(where), index, dtype=np.int64))
    key = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
    owner = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
    order = np.argsort(key, kind="stable")
    return key[order], owner[order]


def _field_pairs(np: Any, reader: Any, fieldname: str, docs: int) -> tuple[dict[str, Any], bytes]:
    """A field's part of the header and its blobs: the directory (pair codes,
    each list's offset, length and count) and each list's gaps, zlib'd."""
    listed = common_words(reader, fieldname, docs)
    words = [word for word, _df in listed]
    key, owner = _occurrences(np, reader, fieldname, words)
    size = len(words)
    # Adjacent in the document: the next occurrence is one position on.
    at = np.nonzero(key[1:] == key[:-1] + 1)[0]
    codes = owner[at] * size + owner[at + 1]
    docnums = key[at] // _STRIDE
    combined = np.unique(codes * _STRIDE + docnums)
    codes, docnums = combined // _STRIDE, combined % _STRIDE
    if len(codes):
        edges = np.flatnonzero(np.diff(codes)) + 1
        starts = np.concatenate(([0], edges)).astype(np.int64)
        ends = np.concatenate((edges, [len(codes)])).astype(np.int64)
    else:  # no two common words side by side anywhere: an empty directory
        starts = ends = np.zeros(0, dtype=np.int64)
    blobs, offsets, lengths = [], [], []
    offset = 0
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        run = docnums[a:b]
        gaps = np.diff(run, prepend=0).astype("<u4")
        blob = zlib.compress(gaps.tobytes(), 6)
        blobs.append(blob)
        offsets.append(offset)
        lengths.append(len(blob))
        offset += len(blob)
    directory = zlib.compress(
        b"".join(
            (
                codes[starts].astype("<u4").tobytes(),
                np.asarray(offsets, dtype="<u4").tobytes(),
                np.asarray(lengths, dtype="<u4").tobytes(),
                (ends - starts).astype("<u4").tobytes(),
            )
        ),
        6,
    )
    head = {
        "words": [word.hex() for word in words],
        "frequencies": [df for _word, df in listed],
        "pairs": len(blobs),
        "directory": len(directory),
        "lists": offset,
    }
    return head, directory + b"".join(blobs)


def build_pairs(storage: Any, schema: Any, segment: Any) -> Path:
    """Write the pair table of one segment (atomically) and return its path."""
    import numpy as np
    from whoosh.reading import SegmentReader

    reader = SegmentReader(storage, schema, segment)
    try:
        fields: dict[str, Any] = {}
        blobs: list[bytes] = []
        for fieldname in FIELDS:
            if fieldname not in schema or not schema[fieldname].format.supports("positions"):
                continue
            head, blob = _field_pairs(np, reader, fieldname, segment.doc_count_all())
            fields[fieldname] = head
            blobs.append(blob)
        header = {
            "segment": segment.segment_id(),
            "docs": segment.doc_count_all(),
            "fields": fields,
        }
    finally:
        reader.close()
    return write_sidecar(pairs_path(storage, segment), _MAGIC, header, blobs)


def ensure_pairs(ix: Any) -> int:
    """Write the missing pair table of every segment of `ix` with at least
    `MIN_DOCS` documents; returns how many were written."""
    return ensure_each(ix, pairs_path, build_pairs, MIN_DOCS)


class _Field:
    """One field's words and where its directory and lists are."""

    def __init__(self, head: dict[str, Any], start: int) -> None:
        words = [bytes.fromhex(h) for h in head["words"]]
        frequencies = head["frequencies"]
        pairs, directory, lists = head["pairs"], head["directory"], head["lists"]
        if len(frequencies) != len(words) or not all(
            isinstance(n, int) and n >= 0 for n in (pairs, directory, lists, *frequencies)
        ):
            raise ValueError("field head")
        self.index = {word: i for i, word in enumerate(words)}
        self.frequencies: list[int] = frequencies
        self.pairs = pairs
        self.start = start
        self.lists_start = start + directory
        self.directory_length = directory
        self.end = self.lists_start + lists
        #: pair code -> (offset, length, count), read at the first lookup.
        self.entries: dict[int, tuple[int, int, int]] | None = None


class PairTable:
    """The pair table of one segment, read lazily: its header at once, a
    field's directory at its first phrase, a pair's list when asked."""

    def __init__(self, path: Path, docs: int, fields: dict[str, _Field]) -> None:
        self._path = path
        self._docs = docs
        self._fields = fields

    @classmethod
    def open(cls, path: Path, segment: Any) -> PairTable | None:
        """The table at `path` if it is one for `segment`, else None."""
        try:
            found = read_sidecar_header(path, _MAGIC, segment)
            if found is None:
                return None
            meta, start = found
            fields = {}
            for name, field_head in meta["fields"].items():
                field = fields[name] = _Field(field_head, start)
                start = field.end
            return cls(path, meta["docs"], fields)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _entries(self, np: Any, field: _Field) -> dict[int, tuple[int, int, int]]:
        if field.entries is None:
            with open(self._path, "rb") as f:
                f.seek(field.start)
                data = zlib.decompress(f.read(field.directory_length))
            n = field.pairs
            if len(data) != 16 * n:
                raise ValueError("directory size")
            columns = [
                np.frombuffer(data, dtype="<u4", count=n, offset=4 * n * i) for i in range(4)
            ]
            codes, offsets, lengths, counts = (c.tolist() for c in columns)
            field.entries = dict(
                zip(codes, zip(offsets, lengths, counts, strict=True), strict=True)
            )
        return field.entries

    def covers(self, fieldname: str, words: list[bytes], frequency: Any) -> bool:
        """Whether every one of `words` is a word of the field's pairs, with
        the document frequency `frequency(word)` gives (the term table's)."""
        field = self._fields.get(fieldname)
        if field is None:
            return False
        for word in words:
            i = field.index.get(word)
            if i is None or field.frequencies[i] != frequency(word):
                return False
        return True

    def documents(self, fieldname: str, first: bytes, second: bytes) -> list[int] | None:
        """The sorted numbers of the documents where `first` stands just
        before `second` (both words `covers` accepted), or None when the
        table does not read back."""
        import numpy as np

        field = self._fields[fieldname]
        try:
            entries = self._entries(np, field)
            entry = entries.get(field.index[first] * len(field.index) + field.index[second])
            if entry is None:
                return []
            offset, length, count = entry
            if field.lists_start + offset + length > field.end:
                raise ValueError("list extent")
            with open(self._path, "rb") as f:
                f.seek(field.lists_start + offset)
                data = zlib.decompress(f.read(length))
            if len(data) != 4 * count:
                raise ValueError("list size")
            gaps = np.frombuffer(data, dtype="<u4").astype(np.int64)
            if count and ((gaps[1:] <= 0).any() or int(gaps.sum()) >= self._docs):
                raise ValueError("list values")
            return np.cumsum(gaps).tolist()  # type: ignore[no-any-return]
        except (OSError, ValueError, KeyError, zlib.error):
            return None


def pairs_for(reader: Any) -> PairTable | None:
    """The pair table of a segment reader, when it has one that reads."""
    return sidecar_for(reader, EXT, PairTable.open)
