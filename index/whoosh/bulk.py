"""The Whoosh side of a bulk update: worker processes write whole segments.

Whoosh writes postings one at a time, so in a large update each worker
process (run by `index.parallel`) turns its chunk of files into finished
Whoosh segments of its own, with the speed-ups' `BulkSegmentWriter` (or
Whoosh's `SegmentWriter` on the stock path). The parent commits each
chunk's segments as they arrive (`WhooshEngine.bulk_add`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.writing import SegmentWriter

from glossator.index.corpus import ArticleFile, Skipped
from glossator.index.engine_input import ChunkResult, DocumentSource
from glossator.index.manifest import ManifestEntry
from glossator.index.updating import documents_and_extras
from glossator.index.whoosh import speedups
from glossator.index.whoosh.codec import CompactCodec
from glossator.index.whoosh.writer import fields_of

#: A worker starts a new segment after this many postings (about 30 bytes
#: each in memory; BBC-style articles have ~170 postings each).
MAX_SEGMENT_POSTINGS = 2_000_000


@dataclass(frozen=True)
class SegmentTask:
    """Index a chunk of files into new segments of the index in `index_dir`."""

    index_dir: Path
    #: Use the speed-ups (installed in the worker, a fresh interpreter when spawned).
    fast: bool

    def __call__(
        self, source: DocumentSource, files: Sequence[ArticleFile], tick: Callable[[], None]
    ) -> ChunkResult:
        """The chunk's segments, manifest entries, skipped files and words."""
        if self.fast:
            speedups.install()
        ix = windex.open_dir(str(self.index_dir))
        # Whoosh names a writer's scratch folder after the index, so concurrent
        # writers would delete each other's temporary files; give each its own.
        storage = ix.storage
        shared_temp = storage.temp_storage
        tag = f"{os.getpid()}-{id(files)}"
        storage.temp_storage = lambda name=None: shared_temp(f"{name or 'scratch'}.{tag}")
        result = ChunkResult()
        writer: Any = None
        try:
            for f in files:
                article = source.read(f)
                if isinstance(article, Skipped):
                    result.skipped.append(article)
                else:
                    if writer is None:
                        writer = self._writer(ix)
                    facts = source.sidecar(f.id, result.notices)
                    doc, extra = documents_and_extras(source, article, facts)
                    writer.add_document(**fields_of(doc))
                    if extra is not None:
                        result.extras[f.id] = extra
                    result.words.update(writer.schema["body"].last_words())
                    result.entries[f.id] = ManifestEntry(
                        f.mtime_ns,
                        f.size,
                        article.sha256,
                        facts.mtime,
                        tuple(facts.tags),
                        facts.signature,
                    )
                    if getattr(writer, "posting_count", 0) >= MAX_SEGMENT_POSTINGS:
                        # Postings wait in memory until the segment is written;
                        # bound them, whatever the chunk and article sizes.
                        result.written.append(_finish(ix, writer, self.fast))
                        writer = None
                tick()
            if writer is not None:
                result.written.append(_finish(ix, writer, self.fast))
                writer = None
        finally:
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer._close_segment()
                    writer._tempstorage.destroy()
        return result

    def _writer(self, ix: Any) -> Any:
        if self.fast:
            from glossator.index.whoosh.speedups.segments import BulkSegmentWriter

            return BulkSegmentWriter(ix, _lk=False, codec=CompactCodec())
        return SegmentWriter(ix, _lk=False, codec=CompactCodec())


def _finish(ix: Any, writer: Any, fast: bool) -> Any:
    """Write out a worker's segment and drop its scratch folder; with the
    speed-ups, write its prefix and pair tables too (here, while the other
    workers index, rather than all at once after them)."""
    try:
        segment = writer._finalize_segment()
    finally:
        writer._tempstorage.destroy()
    if fast:
        from glossator.index.whoosh.speedups import pair_tables, prefix_tables

        if segment.doc_count_all() >= prefix_tables.MIN_DOCS:
            prefix_tables.build_table(ix.storage, ix.schema, segment)
            pair_tables.build_pairs(ix.storage, ix.schema, segment)
    return segment
