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

from array import array
from typing import Any

from whoosh.codec import whoosh3
from whoosh.writing import SegmentWriter

from index.whoosh_fixes import _lengths_for

#: Per field, per term: (document numbers, weights, encoded values).
Postings = dict[str, dict[bytes, tuple[Any, Any, list[bytes | None]]]]


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
                            entry = terms[tbytes] = (array("I"), array("d"), [])
                        entry[0].append(docnum)
                        entry[1].append(weight * fieldboost)
                        entry[2].append(vbytes)
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
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        fieldwriter = self.fieldwriter
        if isinstance(fieldwriter, whoosh3.W3FieldWriter):
            write_postings(fieldwriter, self.schema, lengths, self._postings)
        else:
            fieldwriter.add_postings(self.schema, lengths, _as_items(self._postings))
        self._postings = {}
        fieldwriter.close()
        if lengths is not None:
            lengths.close()


def _as_items(postings: Postings) -> Any:
    """The postings as the sorted (field, term, docnum, weight, value) stream."""
    for fieldname in sorted(postings):
        terms = postings[fieldname]
        for btext in sorted(terms):
            ids, weights, values = terms[btext]
            for docnum, weight, value in zip(ids, weights, values, strict=True):
                yield fieldname, btext, docnum, weight, value


def write_postings(fieldwriter: Any, schema: Any, lengths: Any, postings: Postings) -> None:
    """Write grouped postings through a Whoosh 3 field writer, a block at a time.

    Each block gets the statistics `W3PostingsWriter.add_posting` would
    have gathered one posting at a time; the last block of a term is left
    for `finish_term`, which writes it or inlines it as Whoosh does.
    """
    for fieldname in sorted(postings):
        terms = postings[fieldname]
        fieldwriter.start_field(fieldname, schema[fieldname])
        pw = fieldwriter._postwriter
        limit = pw._blocklimit
        flens = _lengths_for(lengths, fieldname)
        for btext in sorted(terms):
            ids, weights, values = terms[btext]
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
                    nonzero = [flens[d] for d in block_ids if flens[d]]
                    if nonzero:
                        pw._minlength = min(nonzero)
                        pw._maxlength = max(nonzero)
                if end < n:
                    pw._write_block()
            fieldwriter.finish_term()
        fieldwriter.finish_field()
