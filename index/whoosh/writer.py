"""Writing a Whoosh index: documents as fields, batches, merges and segment commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from whoosh.index import TOC, LockError, clean_files
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from glossator.index.engine import IndexUnavailable
from glossator.index.engine_input import Document
from glossator.index.labels import field_for
from glossator.index.whoosh.analysis import ENTITY_SEPARATOR
from glossator.index.whoosh.codec import CompactCodec

#: More segments than this are merged (small ones first) at the next update.
MAX_SEGMENTS = 10


def fields_of(doc: Document) -> dict[str, Any]:
    """The Whoosh fields of a document."""
    article = doc.article
    fields: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        # The title is searched through its own (boosted) field; blanking it
        # here, same length, keeps body offsets equal to article offsets and
        # keeps snippets from repeating the title.
        "body": " " * article.body_start + article.body,
        "tags": ",".join(doc.tags),
        "sha256": article.sha256,
        "mtime_ns": article.mtime_ns,
        "size": article.size,
        "sidecar_mtime_ns": doc.sidecar_mtime_ns,
        "sidecar_meta": doc.sidecar_meta,
        "decode_errors": article.decode_errors,
        "words": article.words,
        "facets": (
            doc.tags,
            doc.facet_names,
            _distinct(i.get("sub_event_type") for i in doc.incidents),
        ),
    }
    for label, values in doc.entities.items():
        fields[field_for(label)] = ENTITY_SEPARATOR.join(values)
    if doc.date is not None:
        fields["published"] = dt.datetime(doc.date.year, doc.date.month, doc.date.day)
    if doc.source:
        fields["source"] = doc.source
    if doc.incidents:
        fields.update(_incident_fields(doc.incidents))
    return fields


def _distinct(values: Iterable[object]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if isinstance(value, str) and value and value not in seen:
            seen.append(value)
    return seen


def _incident_fields(incidents: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The searchable incident fields of an article."""
    records = list(incidents)
    fields: dict[str, Any] = {
        "event": ",".join(_distinct(r.get("sub_event_type") for r in records))
    }
    for name, key in (("killed", "fatalities"), ("injured", "injured")):
        tolls = [r[key] for r in records if isinstance(r.get(key), int) and r[key] >= 0]
        if tolls:
            fields[name] = min(max(tolls), 2**32 - 1)
    actors = _distinct(r.get(k) for r in records for k in ("actor1", "actor2"))
    places = _distinct(r.get(k) for r in records for k in ("location", "country"))
    if actors:
        fields["actor"] = ENTITY_SEPARATOR.join(actors)
    if places:
        fields["place"] = ENTITY_SEPARATOR.join(places)
    return fields


def open_writer(
    ix: Any, *, large: bool, lock_wait: float, merging: bool = False, fast: bool = True
) -> Any:
    """A Whoosh writer; with `merging`, one for merging segments only (the
    speed-ups' `MergingSegmentWriter` when `fast`)."""
    try:
        if merging and fast:
            from glossator.index.whoosh.speedups.segments import MergingSegmentWriter

            return MergingSegmentWriter(ix, timeout=lock_wait, delay=0.1, codec=CompactCodec())
        return ix.writer(
            limitmb=256 if large else 64, timeout=lock_wait, delay=0.1, codec=CompactCodec()
        )
    except LockError:
        raise IndexUnavailable(
            "the index is locked by another writer; try again when it finishes"
        ) from None


class WhooshWriter:
    """`engine.IndexWriter` over a Whoosh writer."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def _words(self) -> Iterable[str]:
        words: Iterable[str] = self._writer.schema["body"].last_words()
        return words

    def add(self, document: Document) -> Iterable[str]:
        """Index a new article; returns its body's distinct words."""
        self._writer.add_document(**fields_of(document))
        return self._words()

    def replace(self, document: Document) -> Iterable[str]:
        """Index an article in place of its older version."""
        self._writer.update_document(**fields_of(document))
        return self._words()

    def delete(self, article_id: str) -> None:
        """Remove an article."""
        self._writer.delete_by_term("id", article_id)

    def commit(self, *, merge: bool = True) -> None:
        """Make the batch visible."""
        if merge:
            self._writer.commit()
        else:
            self._writer.commit(merge=False)

    def cancel(self) -> None:
        """Drop the batch."""
        self._writer.cancel()


def merge_smallest(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: fold the smallest segments into the new one,
    leaving half of MAX_SEGMENTS, so the large ones are never rewritten."""
    keep = MAX_SEGMENTS // 2
    ordered = sorted(segments, key=lambda seg: seg.doc_count_all())
    merge, kept = ordered[: max(0, len(ordered) - keep + 1)], ordered[len(ordered) - keep + 1 :]
    for seg in merge:
        # The writer reads the postings at commit and closes the reader then.
        writer.add_reader(SegmentReader(writer.storage, writer.schema, seg))
    return kept


def append_segments(ix: Any, segments: list[Any], lock_wait: float, clean: bool = False) -> None:
    """Commit a new table of contents: the index's segments plus `segments`.

    Unused segment files are deleted only with `clean`, because during a
    parallel update the workers' unfinished segments are in the same folder.
    """
    writer = SegmentWriter(ix, timeout=lock_wait, delay=0.1, codec=CompactCodec())
    try:
        final = list(writer.segments) + list(segments)
        writer._close_segment()
        TOC(writer.schema, final, writer.generation).write(writer.storage, writer.indexname)
        if clean:
            clean_files(writer.storage, writer.indexname, writer.generation, final)
    finally:
        writer._finish()
