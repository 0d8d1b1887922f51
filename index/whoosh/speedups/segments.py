"""Write a new Whoosh segment from many new documents, faster.

Whoosh's `SegmentWriter` puts every posting of every document into a
sorting pool as a 5-tuple (with type assertions and a size estimate per
posting), sorts them all at commit, spills runs to temporary files when
the pool is full, and then feeds them one at a time to the codec. The
index workers (`index.bulk`) only ever add new documents, in document
order, to a segment of their own, so postings can be grouped by term as
they are made: each term's document numbers, weights and values arrive
already sorted, and only the terms need sorting at the end. The segment
files are byte-for-byte the ones `SegmentWriter` writes for the same
documents (tests/index/test_segments.py).
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterator
from typing import Any

from whoosh.codec import whoosh3
from whoosh.writing import SegmentWriter

from glossator.index.whoosh.speedups.patches import _decoded_lengths

#: Per field, per term: document numbers, weights, the end offset of each
#: posting's encoded value, and the values end to end. About 30 bytes a
#: posting, where a list of bytes objects would take over 60.
Postings = dict[str, dict[bytes, tuple[Any, Any, Any, bytearray]]]


class BulkSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """A `SegmentWriter` that only adds documents and keeps postings by term.

    Use it like a `SegmentWriter` for a fresh segment: `add_document`, then
    `_finalize_segment()` (as `index.bulk` does) or `commit()`. It cannot
    merge other segments' readers into its own.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        for name, field in self.schema.items():
            if field.separate_spelling() or field.vector:
                raise ValueError(f"field {name!r} needs Whoosh's own writer (spelling or vectors)")
        self._postings: Postings = {}
        #: Postings held in memory, for callers that bound a segment's size.
        self.posting_count = 0

    def add_reader(self, reader: Any) -> None:
        """Not supported: this writer only adds new documents."""
        raise NotImplementedError("BulkSegmentWriter only adds new documents")

    def add_document(self, **fields: Any) -> None:
        """Add one document, as `SegmentWriter.add_document` does."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        postings = self._postings
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        count = 0
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    scorable = field.scorable
                    terms = postings.get(fieldname)
                    if terms is None:
                        terms = postings[fieldname] = {}
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if scorable:
                            length += freq
                        entry = terms.get(tbytes)
                        if entry is None:
                            entry = terms[tbytes] = (
                                array("I"),
                                array("d"),
                                array("I"),
                                bytearray(),
                            )
                        entry[0].append(docnum)
                        entry[1].append(weight * fieldboost)
                        data = entry[3]
                        if vbytes:
                            data += vbytes
                        entry[2].append(len(data))
                        count += 1
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(
                    fieldname, field, customval if field.stored else None, length
                )
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self.posting_count += count
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        _write_segment_postings(self, _grouped_terms(self._postings))
        self._postings = {}


class MergingSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """A `SegmentWriter` that merges other segments into its new one, streaming.

    `SegmentWriter.add_reader` copies every posting of every merged segment
    into the sorting pool, which spills them to temporary files, sorts and
    replays them: at 100,000 articles, merging a dozen segments took minutes
    and hundreds of megabytes. Here each reader's documents are copied as
    Whoosh copies them, and the postings are merged term by term straight
    from the readers (they are already sorted), so memory holds one term's
    postings at a time. The new segment is byte-for-byte the one
    `SegmentWriter` writes. It merges only: `add_document` is refused.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._merged: list[tuple[Any, int, dict[int, int] | None]] = []

    def add_document(self, **fields: Any) -> None:
        """Not supported: this writer only merges segments."""
        raise NotImplementedError("MergingSegmentWriter only merges segments")

    def add_reader(self, reader: Any) -> None:
        """Copy `reader`'s documents now; its postings are merged at commit.

        The reader must stay open until then; the writer closes it.
        """
        self._check_state()
        basedoc = self.docnum
        indexed = {name for name in reader.indexed_field_names() if name in self.schema}
        docmap = self.write_per_doc(set(self.schema.names()) | indexed, reader)
        self._merged.append((reader, basedoc, docmap))
        self._added = True

    def _flush_segment(self) -> None:
        try:
            _write_segment_postings(self, _merged_terms(self.schema, self._merged))
        finally:
            for reader, _, _ in self._merged:
                reader.close()
            self._merged = []

    def _close_segment(self) -> None:
        super()._close_segment()
        for reader, _, _ in self._merged:
            reader.close()
        self._merged = []


#: One term's postings in document order: field, term, document numbers,
#: weights, encoded values (b"" where a posting has none).
TermPostings = tuple[str, bytes, Any, Any, list[bytes]]


def _write_segment_postings(writer: Any, terms: Iterator[TermPostings]) -> None:
    """What `SegmentWriter._flush_segment` does, with postings from `terms`."""
    writer.perdocwriter.close()
    lengths = writer.per_document_reader() if writer.codec.length_stats else None
    fieldwriter = writer.fieldwriter
    if isinstance(fieldwriter, whoosh3.W3FieldWriter):
        write_postings(fieldwriter, writer.schema, lengths, terms)
    else:
        fieldwriter.add_postings(writer.schema, lengths, _as_items(terms))
    fieldwriter.close()
    if lengths is not None:
        lengths.close()


def _grouped_terms(postings: Postings) -> Iterator[TermPostings]:
    """A bulk writer's postings, sorted by field and term."""
    for fieldname in sorted(postings):
        terms = postings[fieldname]
        for btext in sorted(terms):
            ids, weights, ends, data = terms[btext]
            yield fieldname, btext, ids, weights, _values(ends, data, 0, len(ids))


def _merged_terms(
    schema: Any, merged: list[tuple[Any, int, dict[int, int] | None]]
) -> Iterator[TermPostings]:
    """The postings of several segments' readers, merged by field and term.

    Readers come in the order their documents were copied, so a term's
    postings from each, renumbered, follow one another in document order.
    Postings of deleted documents are dropped, and so are terms left with
    none, as `SegmentWriter` does.
    """
    for fieldname in sorted(schema.names()):
        if not schema[fieldname].indexed:
            continue
        sources = [
            _tagged(reader.lexicon(fieldname), i)
            for i, (reader, _, _) in enumerate(merged)
            if fieldname in reader.indexed_field_names()
        ]
        fmt = schema[fieldname].format
        current: bytes | None = None
        ids: Any = array("I")
        weights: Any = array("d")
        values: list[bytes] = []
        for btext, i in heapq.merge(*sources):
            if btext != current:
                if ids:
                    yield fieldname, current, ids, weights, values  # type: ignore[misc]
                current, ids, weights, values = btext, array("I"), array("d"), []
            reader, basedoc, docmap = merged[i]
            matcher = reader._terms.matcher(fieldname, btext, fmt)
            _read_postings(matcher, basedoc, docmap, ids, weights, values)
        if ids:
            yield fieldname, current, ids, weights, values  # type: ignore[misc]


def _tagged(terms: Iterator[bytes], source: int) -> Iterator[tuple[bytes, int]]:
    """Each term with the index of the reader it came from."""
    for btext in terms:
        yield btext, source


def _read_postings(
    m: Any, basedoc: int, docmap: dict[int, int] | None, ids: Any, weights: Any, values: list[bytes]
) -> None:
    """Append one reader's postings of a term, renumbered, to the three lists."""
    if isinstance(m, whoosh3.W3LeafMatcher):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            m._read_values()
            block = zip(m._ids, m._weights, m._values, strict=True)
            if docmap is None:
                for docnum, weight, value in block:
                    ids.append(docnum + basedoc)
                    weights.append(weight)
                    values.append(value or b"")
            else:
                for docnum, weight, value in block:
                    new = docmap.get(docnum)
                    if new is not None:
                        ids.append(new)
                        weights.append(weight)
                        values.append(value or b"")
            m._next_block()
        return
    while m.is_active():  # a term stored inline in the term table
        docnum = m.id()
        new = docnum + basedoc if docmap is None else docmap.get(docnum)
        if new is not None:
            ids.append(new)
            weights.append(m.weight())
            values.append(m.value() or b"")
        m.next()


def _as_items(terms: Iterator[TermPostings]) -> Any:
    """Term postings as the (field, term, docnum, weight, value) stream Whoosh's
    `FieldWriter.add_postings` takes, for codecs other than Whoosh 3's."""
    for fieldname, btext, ids, weights, values in terms:
        for docnum, weight, value in zip(ids, weights, values, strict=True):
            yield fieldname, btext, docnum, weight, value or None


def _values(ends: Any, data: bytearray, start: int, end: int) -> list[bytes]:
    """The encoded values of postings `start` to `end` (empty ones as b"")."""
    out = []
    prev = ends[start - 1] if start else 0
    for i in range(start, end):
        stop = ends[i]
        out.append(bytes(data[prev:stop]))
        prev = stop
    return out


def write_postings(
    fieldwriter: Any, schema: Any, lengths: Any, terms: Iterator[TermPostings]
) -> None:
    """Write whole terms' postings through a Whoosh 3 field writer, a block at a time.

    Each block gets the statistics `W3PostingsWriter.add_posting` would
    have gathered one posting at a time; the last block of a term is left
    for `finish_term`, which writes it or inlines it as Whoosh does.
    """
    lastfn: str | None = None
    pw: Any = None
    limit = 0
    flens: list[int | None] | None = None
    for fieldname, btext, ids, weights, values in terms:
        if fieldname != lastfn:
            if lastfn is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            pw = fieldwriter._postwriter
            limit = pw._blocklimit
            flens = _decoded_lengths(lengths, fieldname)
            lastfn = fieldname
        fieldwriter.start_term(btext)
        n = len(ids)
        for start in range(0, n, limit):
            end = min(start + limit, n)
            block_ids = ids[start:end]
            block_weights = weights[start:end].tolist()
            pw._ids.extend(block_ids)
            pw._weights.fromlist(block_weights)
            pw._values.extend(v for v in values[start:end] if v)
            top = max(block_weights)
            pw._maxweight = top if top > 0 else 0
            if flens is not None:
                nonzero = [length for d in block_ids if (length := flens[d])]
                if nonzero:
                    pw._minlength = min(nonzero)
                    pw._maxlength = max(nonzero)
            if end < n:
                pw._write_block()
        fieldwriter.finish_term()
    if lastfn is not None:
        fieldwriter.finish_field()
