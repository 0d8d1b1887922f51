"""The two ways an update writes the changed articles: in this process, or in workers.

Both take a `Pass` (what the corpus diff found, the manifest being brought
up to date, the report being filled in) and write through the engine's
interface only.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from glossator.index import changes
from glossator.index.changes import Changes, count
from glossator.index.corpus import Article, Skipped, find_article_files
from glossator.index.engine import IndexWriter, Progress, SearchEngine, UpdateReport
from glossator.index.engine_input import ChunkResult, Document, DocumentSource, SidecarFacts
from glossator.index.manifest import Manifest, ManifestEntry
from glossator.index.stories.sync import stamp

if TYPE_CHECKING:
    from glossator.index.documents import DocumentBuilder
    from glossator.index.recogniser_state import RecogniserState


@dataclass
class Pass:
    """The working state of one `Index.update` call."""

    engine: SearchEngine
    documents: DocumentSource
    todo: Changes
    manifest: Manifest
    report: UpdateReport
    progress: Progress | None
    #: Writes the manifest as it now stands (after each commit).
    save_manifest: Callable[[Manifest], None]
    #: Body words of the articles written, for spelling suggestions.
    words: Counter[str] = field(default_factory=Counter)
    #: What the document pass made for the story store, by article id.
    extras: dict[str, object] = field(default_factory=dict)
    #: Ids rewritten even if unchanged: their entities are stale.
    forced: set[str] = field(default_factory=set)


def scan_pass(
    engine: SearchEngine,
    documents: DocumentBuilder,
    manifest: Manifest,
    report: UpdateReport,
    progress: Progress | None,
    save_manifest: Callable[[Manifest], None],
    *,
    corpus: Path,
    index_dir: Path,
    recogniser: RecogniserState,
) -> Pass:
    """The pass of a full update: the corpus scanned against `manifest`,
    with the unchanged articles whose entities the recogniser's change makes
    stale; `report` gets the totals and `progress` its first call."""
    from glossator.index.recogniser_state import stale_entities

    todo = changes.scan(corpus, manifest, documents.sidecar_check())
    forced = stale_entities(
        index_dir,
        lambda: find_article_files(corpus),
        todo,
        manifest,
        recogniser,
        documents.read,
        documents.max_bytes,
    )
    report.total, report.unchanged = todo.total, todo.unchanged
    if progress:
        progress(report.unchanged, report.total)
    return Pass(engine, documents, todo, manifest, report, progress, save_manifest, forced=forced)


def run(work: Pass, workers: int | None, batch_commit_seconds: float | None) -> None:
    """Write the pass in worker processes when it is large enough and more
    than one worker may run (`workers` None: as many as `parallel` allows),
    else in this process."""
    # Here: a pass too small for workers never loads the pool's modules.
    from glossator.index import parallel

    workers = parallel.worker_count() if workers is None else workers
    if workers > 1 and len(work.todo.todo) >= parallel.PARALLEL_THRESHOLD:
        run_parallel(work, workers)
    else:
        run_serial(work, batch_commit_seconds)


def documents_and_extras(
    source: DocumentSource, article: Article, facts: SidecarFacts
) -> tuple[Document, object]:
    """The document to index and what the source made beside it for the
    story store (`DocumentBuilder.document_with_extras`), in one pass over
    the article; None beside it when the source makes nothing."""
    both = getattr(source, "document_with_extras", None)
    if both is None:
        return source.document(article, facts), None
    doc, extra = both(article, facts)
    return doc, extra


#: Below this many articles a serial pass commits once (`run_serial`);
#: as many as `parallel.PARALLEL_THRESHOLD`, from which a pass runs in workers.
SMALL_PASS = 300


def run_serial(work: Pass, batch_commit_seconds: float | None, *, merge: bool = True) -> None:
    """Write the changes in this process, committing every
    `batch_commit_seconds` when given, else once at the end; the last
    commit merges small segments unless `merge` is false.

    Fewer articles than a parallel pass takes (a watchlist edit or a
    correction re-indexing the articles it names) are committed once and
    not merged: per-second commits and Whoosh's own merge cost several times
    the writing, and `Index.update` compacts with glossator's merge after."""
    engine, documents, manifest, report = work.engine, work.documents, work.manifest, work.report
    files, gone, progress = work.todo.todo, work.todo.gone, work.progress
    if len(files) < SMALL_PASS:
        batch_commit_seconds, merge = None, False
    done = report.unchanged
    writer: IndexWriter | None = None
    last_commit = time.monotonic()
    try:
        for f in files:
            result = documents.read(f)
            done += 1
            if isinstance(result, Skipped):
                report.skipped.append(result)
                if f.id in manifest:
                    gone.append(f.id)
            else:
                facts = documents.sidecar(f.id, report.notices)
                old = manifest.get(f.id)
                entry = ManifestEntry(
                    f.mtime_ns,
                    f.size,
                    result.sha256,
                    facts.mtime,
                    tuple(facts.tags),
                    facts.signature,
                )
                manifest[f.id] = entry
                if count(report, old, entry, f.id in work.forced):
                    if writer is None:
                        writer = engine.writer(large=len(files) > 200)
                    if old is not None and stamp(old) == stamp(entry):
                        # A tag change: the story store's row still holds
                        # (and signing would import numpy for nothing).
                        doc, extra = documents.document(result, facts), None
                    else:
                        doc, extra = documents_and_extras(documents, result, facts)
                    if extra is not None:
                        work.extras[f.id] = extra
                    work.words.update(writer.add(doc) if old is None else writer.replace(doc))
            if progress:
                progress(done, report.total)
            if (
                batch_commit_seconds is not None
                and writer is not None
                and time.monotonic() - last_commit >= batch_commit_seconds
            ):
                writer.commit(merge=False)
                work.save_manifest(manifest)
                writer = None
                last_commit = time.monotonic()
        if gone:
            if writer is None:
                writer = engine.writer(large=False)
            for article_id in gone:
                writer.delete(article_id)
                manifest.pop(article_id, None)
                report.deleted += 1
        if writer is not None:
            writer.commit(merge=merge)
            writer = None
    finally:
        if writer is not None:
            writer.cancel()


def run_parallel(work: Pass, workers: int) -> None:
    """Write the changes with `workers` processes (`SearchEngine.bulk_add`),
    saving the manifest after each chunk is committed."""
    manifest, report, progress = work.manifest, work.report, work.progress
    files, gone = work.todo.todo, work.todo.gone
    # Old versions of re-read articles go first; their new versions
    # arrive whole from the workers.
    stale = [f.id for f in files if f.id in manifest] + gone
    if stale:
        writer = work.engine.writer(large=False)
        for article_id in stale:
            writer.delete(article_id)
        writer.commit(merge=False)
    for article_id in gone:
        manifest.pop(article_id, None)
        report.deleted += 1
    old_entries = {f.id: manifest.pop(f.id) for f in files if f.id in manifest}
    base = report.unchanged

    def on_result(chunk: ChunkResult) -> None:
        report.skipped.extend(chunk.skipped)
        report.notices.extend(chunk.notices)
        work.words.update(chunk.words)
        work.extras.update(chunk.extras)
        for article_id, entry in chunk.entries.items():
            count(report, old_entries.get(article_id), entry, article_id in work.forced)
            manifest[article_id] = entry
        if chunk.written:
            work.save_manifest(manifest)

    def on_progress(n: int) -> None:
        if progress:
            progress(base + n, report.total)

    work.engine.bulk_add(work.documents, files, on_result, on_progress, workers)


def reindex(
    engine: SearchEngine,
    documents: DocumentSource,
    read: Callable[[str], Article],
    manifest: Manifest,
    article_ids: Iterable[str],
) -> tuple[int, Counter[str]]:
    """Re-index these articles now (`Index.reindex`), updating `manifest`;
    an article that cannot be read is deleted. Returns how many were
    written and their body words."""
    written = 0
    words: Counter[str] = Counter()
    writer: IndexWriter | None = engine.writer(large=False)
    assert writer is not None
    try:
        for article_id in article_ids:
            try:
                article = read(article_id)
            except Exception:
                writer.delete(article_id)
                manifest.pop(article_id, None)
                continue
            facts = documents.sidecar(article.id, None)
            words.update(writer.replace(documents.document(article, facts)))
            manifest[article.id] = ManifestEntry(
                article.mtime_ns,
                article.size,
                article.sha256,
                facts.mtime,
                tuple(facts.tags),
                facts.signature,
            )
            written += 1
        writer.commit(merge=False)
        writer = None
    finally:
        if writer is not None:
            writer.cancel()
    return written, words
