"""The Whoosh engine: glossator's `engine.SearchEngine` over whoosh-reloaded.

`WhooshEngine` owns the Whoosh files of one index folder (the `Index` owns
the rest: metadata, manifest, spelling words, entity cache, lock). It
applies the speed-ups (`speedups.install()`) when it is created, after
checking the installed Whoosh version; on another version it says so once
and uses stock Whoosh throughout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as windex

from glossator.index.corpus import ArticleFile
from glossator.index.engine import (
    ArticleText,
    ChunkResult,
    DocumentSource,
    IndexWriter,
    Notice,
    Searcher,
)
from glossator.index.manifest import ManifestEntry, split_tags
from glossator.index.spelling import SortedWords
from glossator.index.whoosh import speedups
from glossator.index.whoosh.schema import SCHEMA_VERSION, build_schema
from glossator.index.whoosh.searcher import WhooshSearcher

# The writing half (glossator.index.whoosh.writer and .bulk, whoosh.writing,
# the worker pool) is imported by the methods that write: a search on an
# up-to-date index never loads it.


class WhooshEngine:
    """A Whoosh index in `directory`; writers wait up to `lock_wait` seconds."""

    #: The index format: an index written in another is rebuilt.
    format = SCHEMA_VERSION

    def __init__(self, directory: Path, *, lock_wait: float, notice: Notice) -> None:
        self.directory = Path(directory)
        self.lock_wait = lock_wait
        problem = speedups.install()
        self.fast = problem is None
        if problem is not None:
            notice(problem)
        self._ix: Any = None
        self._words: SortedWords | None = None

    @property
    def ix(self) -> Any:
        """The `whoosh.index.FileIndex` (after `load` or `create`)."""
        if self._ix is None:
            raise RuntimeError("the Whoosh index is not open")
        return self._ix

    def exists(self) -> tuple[bool, str | None]:
        """Whether the folder holds an index; (False, why) when its table of
        contents cannot be read."""
        try:
            return bool(windex.exists_in(str(self.directory))), None
        except Exception as exc:  # a damaged table of contents raises here
            return False, f"it is damaged ({type(exc).__name__}: {str(exc)[:80]})"

    def load(self) -> str | None:
        """Open the index and read a little of every segment; None when sound,
        else why it must be rebuilt."""
        try:
            ix = windex.open_dir(str(self.directory))
            with ix.searcher() as s:
                s.doc_count()
                # Touch the term index of every segment: a truncated segment
                # file fails here rather than in the middle of a search. One
                # term of each: the whole id list, merged across segments,
                # costs a millisecond per hundred articles on every open.
                reader = s.reader()
                reader.doc_count_all()
                for leaf, _ in reader.leaf_readers():
                    next(iter(leaf.field_terms("id")), None)
        except Exception as exc:  # whoosh raises many kinds on damaged files
            return f"it is damaged ({type(exc).__name__}: {str(exc)[:80]})"
        self._ix = ix
        return None

    def create(self) -> None:
        """A new, empty index."""
        self._ix = windex.create_in(str(self.directory), build_schema())

    def generation(self) -> int:
        """The latest committed generation."""
        return int(self.ix.latest_generation())

    def doc_count(self) -> int:
        """How many articles the index holds."""
        with self.ix.searcher() as s:
            return int(s.doc_count())

    def stored_entries(self) -> Iterator[tuple[str, ManifestEntry]]:
        """Each article's stored file facts."""
        with self.ix.searcher() as s:
            for doc in s.all_stored_fields():
                yield (
                    doc["id"],
                    ManifestEntry(
                        doc.get("mtime_ns", 0),
                        doc.get("size", 0),
                        doc.get("sha256", ""),
                        doc.get("sidecar_mtime_ns", 0),
                        tuple(split_tags(doc.get("tags", ""))),
                        doc.get("sidecar_meta", ""),
                    ),
                )

    def writer(self, *, large: bool) -> IndexWriter:
        """A batch of changes."""
        from glossator.index.whoosh.writer import WhooshWriter, open_writer

        return WhooshWriter(open_writer(self.ix, large=large, lock_wait=self.lock_wait))

    def compact(self) -> None:
        """Merge small segments once there are many of them.

        Tag changes and parallel updates each add a segment; searching many
        segments costs a little on every query, so small ones are folded
        together here, during an update, rather than on a tag change.
        """
        from glossator.index.whoosh.writer import MAX_SEGMENTS, merge_smallest, open_writer

        # Counted from the table of contents: opening a reader of every
        # segment to count them cost more than the rest of an update that
        # found nothing to do.
        if len(self.ix._segments()) > MAX_SEGMENTS:
            writer = open_writer(
                self.ix, large=False, lock_wait=self.lock_wait, merging=True, fast=self.fast
            )
            writer.commit(mergetype=merge_smallest)
        if self.fast:
            # Every update ends here: large segments it made (or an index
            # from before tables) get their prefix and pair tables now.
            from glossator.index.whoosh.speedups.pair_tables import ensure_pairs
            from glossator.index.whoosh.speedups.prefix_tables import ensure_tables

            ensure_tables(self.ix)
            ensure_pairs(self.ix)

    def bulk_add(
        self,
        source: DocumentSource,
        files: Sequence[ArticleFile],
        on_result: Callable[[ChunkResult], None],
        on_progress: Callable[[int], None],
        workers: int,
    ) -> None:
        """Index `files` in worker processes, each chunk's segments committed as it lands."""
        from glossator.index.parallel import run_parallel
        from glossator.index.whoosh.bulk import SegmentTask
        from glossator.index.whoosh.writer import append_segments

        ix = self.ix

        def commit(chunk: ChunkResult) -> None:
            if chunk.written:
                append_segments(ix, chunk.written, self.lock_wait)
            on_result(chunk)

        task = SegmentTask(self.directory, self.fast)
        run_parallel(task, source, files, commit, on_progress, workers)
        # Remove files of segments that never made it into a commit (a
        # worker that failed), now that no worker is writing.
        append_segments(ix, [], self.lock_wait, clean=True)

    def searcher(
        self,
        ready: Callable[[], object],
        spelling: Callable[[], dict[str, int]],
        text: ArticleText,
    ) -> Searcher:
        """A searcher that reopens the index when it changes."""

        def opener() -> Any:
            ready()
            return self.ix

        # One sorted word list for every searcher of this index: a searcher
        # is replaced after each re-index, the words far less often.
        if self._words is None or self._words.source != spelling:
            self._words = SortedWords(spelling)
        return WhooshSearcher(opener, self._words, text, fast=self.fast)
