"""BM25F scores of single terms, read straight from Whoosh 3 posting blocks.

The building block of `scored` and `multiterm`: `term_scores` computes, for
one term in one segment, the score `whoosh.scoring.BM25FScorer` gives each
document, with the same expression, from the decoded posting blocks and
length column instead of one matcher step and scorer call per document.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator, Mapping
from io import BytesIO
from itertools import accumulate
from typing import Any

from whoosh.codec import whoosh3

from glossator.index.whoosh.codec import decode_block, decode_scoring_part, values_at
from glossator.index.whoosh.speedups.dense import ArrayScores, add_arrays
from glossator.index.whoosh.speedups.memo import norms
from glossator.index.whoosh.speedups.patches import _decoded_lengths

#: A posting list's opening tag, and each block's signed length before it.
_MAGIC = whoosh3.WHOOSH3_HEADER_MAGIC
_BLOCK_LENGTH = struct.Struct("!i")

#: One segment's matches for part of a query: document number -> score
#: (a dictionary, or `dense.ArrayScores` for a large expansion).
Scores = Mapping[int, float]
#: The terms scored in one segment, each with the documents it matched
#: (its scores, or only the document numbers).
Leaves = list[tuple[tuple[str, bytes], Collection[int]]]


class NotScorable(Exception):
    """The query has a part this module does not score; use Whoosh's collector."""


def add(parts: list[Scores]) -> Scores:
    """Per-document sums of several parts' scores (the longest part first,
    then the others in turn)."""
    parts = sorted(parts, key=len, reverse=True)
    if not parts:
        return {}
    if any(isinstance(part, ArrayScores) for part in parts):
        return parts[0] if len(parts) == 1 else add_arrays(parts)
    merged = dict(parts[0])
    get = merged.get
    for part in parts[1:]:
        for docnum, score in part.items():
            merged[docnum] = get(docnum, 0.0) + score
    return merged


def segment_norms(sub: Any, top: Any, fieldname: str) -> list[float | None]:
    """The BM25 length norm of each document of segment `sub` in `fieldname`:
    whoosh.scoring.bm25 is idf * ((tf * (K1 + 1)) / (tf + norm)), norm
    depending on the document only, so it is computed once per segment.
    Raises `NotScorable` for a segment or field this module does not read."""
    reader = sub.reader()
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, whoosh3.W3PerDocReader) or not hasattr(reader, "_terms"):
        raise NotScorable("segment")
    lengths = _decoded_lengths(perdoc, fieldname)
    if lengths is None:
        raise NotScorable("lengths")
    weighting = top.weighting
    B = weighting._field_B.get(fieldname, weighting.B)
    return norms(top, sub, fieldname, lengths, weighting.K1, B)


def term_scores(
    sub: Any,
    top: Any,
    fieldname: str,
    btext: bytes,
    within: Collection[int] | None = None,
    terminfo: Any = None,
) -> Scores:
    """BM25F scores of one term in one segment, as `BM25FScorer` computes them
    (only for the documents in `within`, when given). `terminfo`, when the
    caller has it (a walk of the term table), saves looking the term up."""
    reader = sub.reader()
    norm = segment_norms(sub, top, fieldname)
    if terminfo is None:
        if (fieldname, btext) not in reader:
            return {}
        terminfo = reader._terms.term_info(fieldname, btext)
    K1 = top.weighting.K1
    idf = top.idf(fieldname, btext)
    deleted = reader.has_deletions() and reader.deleted_docs_set
    out: dict[int, float] = {}
    k1p1 = K1 + 1
    if terminfo.is_inlined():
        # A rare term's postings live in its term-table entry.
        ids, weights, _values = terminfo.inlined_postings()
        pairs: Any = zip(ids, weights, strict=True)
    elif within is not None and len(within) * 4 < terminfo.doc_frequency():
        # Few candidates in a long list (a rare word ANDed with a common
        # one, a phrase's pairs): read only the blocks that can hold one,
        # skipping the others without decompressing them, and of those
        # only the ids and weights (`term_blocks`, as a phrase of frequent
        # words wants a few thousand documents spread over every block).
        wanted = sorted(within)
        if mapped_postings(reader, terminfo) is not None:
            pairs = (
                pair
                for ids, weights, _values in term_blocks(
                    reader, fieldname, btext, terminfo, wanted, with_values=False
                )
                for pair in zip(ids, weights, strict=True)
            )
        else:
            m = reader._terms._codec.postings_reader(
                reader._terms._postfile,
                terminfo,
                top.schema[fieldname].format,
                term=(fieldname, btext),
            )
            pairs = _lookup(m, wanted)
            within = None
    else:
        pairs = (
            pair
            for ids, weights, _values in term_blocks(
                reader, fieldname, btext, terminfo, with_values=False
            )
            for pair in zip(ids, weights, strict=True)
        )
    if within is None and not deleted:
        for docnum, tf in pairs:
            out[docnum] = idf * ((tf * k1p1) / (tf + norm[docnum]))  # type: ignore[operator]
        return out
    for docnum, tf in pairs:
        if (within is None or docnum in within) and not (deleted and docnum in deleted):
            out[docnum] = idf * ((tf * k1p1) / (tf + norm[docnum]))  # type: ignore[operator]
    return out


def term_blocks(
    reader: Any,
    fieldname: str,
    btext: bytes,
    terminfo: Any,
    wanted: list[int] | None = None,
    *,
    with_values: bool = True,
) -> Iterator[Any]:
    """(document numbers, weights, values) of each posting block of a term
    stored out of line, as `W3LeafMatcher` decodes them, parsed straight
    from the mapped postings file: a prefix reads a thousand short lists,
    and building a matcher for each (seek, header, first block) cost as
    much as decoding them. With `wanted` (sorted document numbers), only
    the blocks that can hold one of them are decompressed and given.
    Without `with_values`, values are not decoded (None): a block's values
    come after its ids and weights, and only those are inflated."""
    buf = mapped_postings(reader, terminfo)
    if buf is None:
        m = reader._terms._codec.postings_reader(
            reader._terms._postfile,
            terminfo,
            reader.schema[fieldname].format,
            term=(fieldname, btext),
        )
        yield from ((ids, weights, None) for ids, weights in blocks(m))
        return
    for count, compressed, data in raw_blocks(buf, terminfo.extent()[0], wanted):
        if with_values:
            ids, weights, values = decode_block(zlib.decompress(data) if compressed else data)
        else:
            (ids, weights), values = decode_scoring_part(data, bool(compressed)), None
        if weights is None:
            weights = array("f", (1.0,)) * count
        elif isinstance(weights, float):
            weights = array("f", (weights,)) * count
        yield list(accumulate(ids)), weights, values


def mapped_postings(reader: Any, terminfo: Any) -> Any:
    """The mapped postings file of `reader` when the term of `terminfo` (stored
    out of line) can be parsed straight from it, else None."""
    buf = getattr(reader._terms._postfile, "_buf", None)
    offset, _length = terminfo.extent()
    if not isinstance(buf, (memoryview, bytes)) or buf[offset : offset + 4] != _MAGIC:
        return None
    return buf


def raw_blocks(
    buf: Any, offset: int, wanted: list[int] | None = None
) -> Iterator[tuple[int, Any, Any]]:
    """(posting count, compression, data) of each block of the posting list
    at `offset` of mapped postings `buf`; with `wanted` (sorted document
    numbers), only the blocks that can hold one of them."""
    pos = offset + 4
    last = False
    start = 0
    while not last and (wanted is None or start < len(wanted)):
        (size,) = _BLOCK_LENGTH.unpack_from(buf, pos)
        last = size < 0
        end = pos + 4 + abs(size)
        block = BytesIO(buf[pos + 4 : end])
        count, maxid, _maxweight, compressed, _minlen, _maxlen = pickle.load(block)
        pos = end
        if wanted is not None:
            # The block holds documents up to its last id, after the last
            # block's: skip it when no wanted document falls in that range.
            stop = bisect_right(wanted, maxid, start)
            if stop == start:
                continue
            start = stop
        yield count, compressed, block.read()


def term_values(reader: Any, fieldname: str, btext: bytes, docnums: list[int]) -> dict[int, Any]:
    """The encoded posting value (positions, characters) of a term in each
    of the sorted `docnums` of one segment that it occurs in, reading only
    the blocks that hold them. Raises `NotScorable` for a segment or format
    this module does not read."""
    terms = getattr(reader, "_terms", None)
    fixed = reader.schema[fieldname].format.fixed_value_size()
    if not isinstance(terms, whoosh3.W3TermsReader) or (fixed is not None and fixed >= 0):
        raise NotScorable("values")
    info = terms.term_info(fieldname, btext)
    if info.is_inlined():
        ids, _weights, values = info.inlined_postings()
        found = [(ids, values)]
    else:
        wanted = set(docnums)
        buf = mapped_postings(reader, info)
        if buf is not None:
            # Only the wanted documents' values are sliced out of each block.
            out: dict[int, Any] = {}
            for _count, compressed, data in raw_blocks(buf, info.extent()[0], docnums):
                picked = values_at(zlib.decompress(data) if compressed else data, wanted)
                if picked is None:
                    break
                out.update(picked)
            else:
                return out
        found = [(i, v) for i, _w, v in term_blocks(reader, fieldname, btext, info, docnums)]
        if any(values is None for _ids, values in found):
            raise NotScorable("values")  # read through a matcher, without values
    wanted = set(docnums)
    return {d: v for ids, values in found for d, v in zip(ids, values, strict=True) if d in wanted}


def prefix_terms(sub: Any, fieldname: str, prefix: bytes) -> list[tuple[bytes, Any]]:
    """Every term of `fieldname` starting with `prefix` in one segment, with
    its term info, from one walk of the term table (what `expand_prefix`
    walks, without looking each term up again to score it)."""
    reader = sub.reader()
    terms = getattr(reader, "_terms", None)
    if not isinstance(terms, whoosh3.W3TermsReader) or fieldname not in reader.schema:
        raise NotScorable("segment")
    fieldkey = terms._keycoder(fieldname, b"")
    start = fieldkey + prefix
    skip = len(fieldkey)
    tindex = terms._tindex
    buf = getattr(tindex.dbfile, "_buf", None)
    if isinstance(buf, memoryview) and buf.format == "B":
        return _walk_mapped(tindex, buf, start, skip)
    decode = whoosh3.W3TermInfo.from_bytes
    out = []
    for key, value in tindex.items_from(start):
        if not key.startswith(start):
            break
        out.append((key[skip:], decode(value)))
    return out


#: A term-table record's key and value lengths (`filetables._lengths`).
_RECORD = struct.Struct("!ii")


def _walk_mapped(tindex: Any, buf: memoryview, start: bytes, skip: int) -> list[tuple[bytes, Any]]:
    """`prefix_terms`'s walk read straight from the mapped term table: the
    records `OrderedHashReader.items_from` gives, in order, while their
    keys start with `start` (a two-letter prefix is thousands of records,
    and each cost a few generator steps and copies there)."""
    pos = tindex.closest_key_pos(start)
    if pos is None:
        return []
    end = tindex.endofdata
    unpack = _RECORD.unpack_from
    head = len(start)
    out = []
    while pos < end:
        keylen, datalen = unpack(buf, pos)
        keypos = pos + _RECORD.size
        datapos = keypos + keylen
        if keylen < head or buf[keypos : keypos + head] != start:
            break
        out.append(
            (
                bytes(buf[keypos + skip : datapos]),
                PackedTermInfo(bytes(buf[datapos : datapos + datalen])),
            )
        )
        pos = datapos + datalen
    return out


class PackedTermInfo:
    """A term-table value read as Whoosh's `W3TermInfo` only when more than
    its document frequency is asked of it: most terms of a short prefix
    are scored from the prefix table, which needs only that, and building
    a `W3TermInfo` was most of the walk's cost."""

    __slots__ = ("_data", "_info")

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._info: Any = None

    def doc_frequency(self) -> int:
        """How many documents of the segment hold the term."""
        return int(_DOC_FREQUENCY.unpack_from(self._data, _DOC_FREQUENCY_AT)[0])

    def __getattr__(self, name: str) -> Any:
        info = self._info
        if info is None:
            info = self._info = whoosh3.W3TermInfo.from_bytes(self._data)
        return getattr(info, name)


#: A Whoosh 3 term info's document frequency: after a flag byte and a float.
_DOC_FREQUENCY = struct.Struct("!I")
_DOC_FREQUENCY_AT = 5


def _lookup(m: Any, wanted: list[int]) -> Any:
    """(document number, weight) of each of the sorted `wanted` documents
    that the term's postings hold."""
    if not isinstance(m, whoosh3.W3LeafMatcher):
        wanted_set = set(wanted)
        for ids, weights in blocks(m):
            for docnum, tf in zip(ids, weights, strict=True):
                if docnum in wanted_set:
                    yield docnum, tf
        return
    start = 0
    while m.is_active() and start < len(wanted):
        # The block covers documents up to its last id, which its header
        # gives without decompressing the block.
        end = bisect_right(wanted, m.block_max_id(), start)
        if end > start:
            m._read_ids()
            m._read_weights()
            ids, weights = m._ids, m._weights
            for docnum in wanted[start:end]:
                i = bisect_left(ids, docnum)
                if i < len(ids) and ids[i] == docnum:
                    yield docnum, weights[i]
            start = end
        m._next_block()


def blocks(m: Any) -> Any:
    """A term's postings as (document numbers, weights) per block."""
    if isinstance(m, whoosh3.W3LeafMatcher):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            yield m._ids, m._weights
            m._next_block()
        return
    ids, weights = [], []
    while m.is_active():  # a term stored inline in the term table
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    yield ids, weights
