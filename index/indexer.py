"""Build and keep current the search index of a corpus.

The index is derived data: articles and their sidecars are the truth, so any
index that is missing, from another format or unreadable is rebuilt with a
notice instead of failing. Updates are incremental: a file is re-read only
when its mtime or size changed (or its sidecar's did), and re-indexed only
when its content hash or tags changed.

`Index` is engine-free: it owns the index folder (metadata, manifest,
spelling words, the update lock) and drives a `SearchEngine` (Whoosh by
default, `glossator.index.whoosh`) with documents from a `DocumentBuilder`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossator.index import changes
from glossator.index.article_ids import IndexedTexts
from glossator.index.article_ids import load_article as _load_article
from glossator.index.completeness import mark_complete, mark_incomplete
from glossator.index.corpus import DEFAULT_MAX_BYTES, Article
from glossator.index.documents import DocumentBuilder
from glossator.index.engine import (
    IndexUnavailable,
    Notice,
    Progress,
    SearchEngine,
    Searcher,
    UpdateReport,
)
from glossator.index.folder_meta import META_FILE, empty_folder, meta_problem, read_meta, write_meta
from glossator.index.locations import choose_index_dir
from glossator.index.locking import update_lock
from glossator.index.manifest import Manifest, ManifestFile
from glossator.index.spelling import SpellingWords

if TYPE_CHECKING:
    from glossator.annotations.store import SidecarStore
    from glossator.index.entities import Entity
    from glossator.index.stories.store import StoryStore

__all__ = ["Index", "IndexUnavailable", "UpdateReport"]

#: How long an update waits for another process that is updating the index.
DEFAULT_LOCK_WAIT = 60.0

#: Makes the engine for an index folder: (folder, lock wait, notice).
EngineFactory = Callable[[Path, float, Notice], SearchEngine]


def whoosh_engine(directory: Path, lock_wait: float, notice: Notice) -> SearchEngine:
    """The default engine: Whoosh, with glossator's speed-ups."""
    from glossator.index.whoosh.backend import WhooshEngine

    return WhooshEngine(directory, lock_wait=lock_wait, notice=notice)


class Index:
    """A corpus and its search index.

    `corpus` is the article folder; `index_dir` overrides where the index
    lives. When the default location cannot be written (a read-only corpus)
    a per-user cache folder is used instead and a notice says so. `engine`
    makes the search engine (Whoosh unless given).
    """

    def __init__(
        self,
        corpus: Path,
        index_dir: Path | None = None,
        *,
        annotations_dir: Path | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        notice: Notice | None = None,
        lock_wait: float = DEFAULT_LOCK_WAIT,
        engine: EngineFactory = whoosh_engine,
    ) -> None:
        self.corpus = Path(corpus).resolve()
        if not self.corpus.is_dir():
            raise IndexUnavailable(f"corpus folder {corpus} not found; pass an existing folder")
        self.annotations_dir = Path(annotations_dir).resolve() if annotations_dir else None
        self.max_bytes = max_bytes
        self.lock_wait = lock_wait
        self.notices: list[str] = []
        self._notice = notice
        self.dir = choose_index_dir(self.corpus, index_dir, self._say)
        self.documents = DocumentBuilder(
            self.corpus,
            self.dir,
            annotations_dir=self.annotations_dir,
            max_bytes=max_bytes,
            say=self._say,
        )
        self.engine = engine(self.dir, lock_wait, self._say)
        self._opened = False
        self._manifest = ManifestFile(self.dir)
        self._spelling = SpellingWords(self.dir)
        self._stories: StoryStore | None = None
        #: (article id, content hash) -> the text, when its file still has it.
        self.indexed_text = IndexedTexts(self.corpus, max_bytes)

    # -- locations --------------------------------------------------------

    def _say(self, message: str) -> None:
        self.notices.append(message)
        if self._notice is not None:
            self._notice(message)

    @property
    def stories(self) -> StoryStore:
        """The story store, made on first use (a search groups nothing)."""
        if self._stories is None:
            from glossator.index.stories.store import StoryStore

            self._stories = StoryStore(self.dir)
        return self._stories

    @property
    def store(self) -> SidecarStore:
        """The annotation store for this corpus (sidecars next to articles)."""
        return self.documents.store

    # -- opening ------------------------------------------------------------

    def _create(self, reason: str | None) -> None:
        if reason:
            self._say(f"rebuilding the index: {reason}")
        if self._stories is not None:
            self._stories.close()
        empty_folder(self.dir)
        mark_incomplete(self.dir)
        self.engine.create()
        write_meta(self.dir, self.engine.format, self.corpus)
        self._manifest.save(self.engine.generation(), {})
        self._opened = True

    def _open_existing(self) -> tuple[bool, str | None]:
        """Open the index on disk, or say why it must be rebuilt."""
        # The format first: an older index's table of contents may name
        # modules that no longer exist, and would read as damaged.
        meta = read_meta(self.dir)
        problem = meta_problem(meta, self.engine.format)
        if problem is not None:
            return False, problem
        exists, reason = self.engine.exists()
        if not exists:
            return False, reason
        if meta is None:
            return False, "its metadata file is missing or unreadable"
        reason = self.engine.load()
        return reason is None, reason

    def open(self) -> SearchEngine:
        """Open (creating or rebuilding as needed) and return the search engine."""
        if not self._opened:
            # A sound index opens without the lock, so searches run while
            # another process is updating it; only creating or rebuilding
            # one waits for the lock.
            opened, _reason = self._open_existing()
            if not opened:
                with self._update_lock():
                    opened, reason = self._open_existing()
                    if not opened:
                        self._create(reason)
            self._opened = True
        return self.engine

    def missing(self) -> str | None:
        """Why the index on disk is gone ("its folder is missing"), or None;
        cheap enough for every query (it looks for the metadata file and the
        engine's table of contents)."""
        if not self.dir.is_dir():
            return "its folder is missing"
        if not (self.dir / META_FILE).is_file():
            return "its metadata file is missing"
        exists, reason = self.engine.exists()
        if not exists:
            return reason or "its files are missing"
        return None

    def damage(self) -> str | None:
        """Why the index on disk cannot be searched (opening it again and
        reading every segment), or None when it is sound."""
        problem = self.missing()
        if problem is not None:
            return problem
        opened, reason = self._open_existing()
        return None if opened else (reason or "it cannot be opened")

    def recreate(self, reason: str) -> None:
        """Put an empty index in place of a lost or damaged one, at once, so
        searches keep working while the next `update` fills it again."""
        self.dir.mkdir(parents=True, exist_ok=True)
        self.documents.forget_cache()
        with self._update_lock():
            self._create(reason)

    @contextmanager
    def _update_lock(self, wait: float | None = None) -> Iterator[None]:
        """Serialise updates across processes; waits a bounded time, with a notice."""
        with update_lock(self.dir, self.lock_wait if wait is None else wait, self._say):
            yield

    def _load_manifest(self) -> Manifest:
        return self._manifest.load(self.engine.generation(), self.engine.stored_entries)

    def _save_manifest(self, manifest: Manifest) -> None:
        self._manifest.save(self.engine.generation(), manifest)

    def manifest(self) -> Manifest:
        """Article id -> what the index holds for it."""
        self.open()
        return self._load_manifest()

    # -- updating -----------------------------------------------------------

    def update(
        self,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        batch_commit_seconds: float | None = None,
        workers: int | None = None,
    ) -> UpdateReport:
        """Bring the index up to date with the corpus; returns what changed.

        Large updates run in worker processes (`index.parallel`) and commit
        as they go, so searches see early articles while the rest are
        indexed. With `batch_commit_seconds`, a single-process update also
        commits at that interval.
        """
        # Here, not at the top: a search on a fresh index never updates, and
        # should not pay for the recogniser's state, the worker pool or PyYAML.
        from glossator.index import updating
        from glossator.index.recogniser_state import current_state, save_state

        started = time.perf_counter()
        report = UpdateReport()
        notices_before = len(self.notices)
        with self._update_lock():
            if rebuild:
                self._create(None)
            elif not self._opened:
                opened, reason = self._open_existing()
                if not opened:
                    self._create(reason)
                self._opened = True
            manifest = {} if rebuild else self._load_manifest()
            recogniser = current_state(self.corpus)
            work = updating.scan_pass(
                self.engine,
                self.documents,
                manifest,
                report,
                progress,
                self._save_manifest,
                corpus=self.corpus,
                index_dir=self.dir,
                recogniser=recogniser,
            )
            updating.run(work, workers, batch_commit_seconds)
            self.engine.compact()
            self._save_manifest(manifest)
            if self._sync_stories(manifest, ready=work.extras) or report.changed:
                self.documents.fold_cache_log()  # both logs, once, after writes
                self.stories.checkpoint()
            save_state(self.dir, recogniser)
            mark_complete(self.dir)
            if work.words or rebuild:
                self._spelling.add(work.words, replace=rebuild)
        report.notices[:0] = self.notices[notices_before:]
        report.seconds = time.perf_counter() - started
        return report

    def update_files(
        self,
        article_ids: Iterable[str],
        *,
        folders: Iterable[str] = (),
        lock_wait: float = 10.0,
    ) -> UpdateReport:
        """Bring just these articles up to date, as `update` would, without a corpus scan.

        For a watcher that saw these files (or their sidecars) change: new
        ones are added, changed ones re-read, vanished ones deleted, the rest
        left alone. `folders` (relative to the corpus) stand for every
        article under them, on disk or in the index (a folder moved in or
        out whole). Cost grows with the articles named, not with the corpus.
        """
        from glossator.index import updating

        started = time.perf_counter()
        report = UpdateReport()
        notices_before = len(self.notices)
        engine = self.open()
        with self._update_lock(lock_wait):
            manifest = self._load_manifest()
            ids = list(article_ids)
            for folder in folders:
                ids.extend(changes.ids_under(self.corpus, folder, manifest))
            todo = changes.diff_some(self.corpus, ids, manifest, self.documents.sidecar_mtime)
            report.total, report.unchanged = todo.total, todo.unchanged
            if todo.todo or todo.gone:
                work = updating.Pass(
                    engine, self.documents, todo, manifest, report, None, self._save_manifest
                )
                # No merge here: folding segments together can take a second,
                # which `compact` spends later, when nothing is waiting.
                updating.run_serial(work, None, merge=False)
                self._save_manifest(manifest)
                # A reprint saved while the reader runs joins its story at once.
                self._sync_stories(manifest, only=ids, ready=work.extras)
                if work.words:
                    self._spelling.add(work.words, replace=False, save=False)
        report.notices[:0] = self.notices[notices_before:]
        report.seconds = time.perf_counter() - started
        return report

    def compact(self, *, lock_wait: float = 10.0) -> None:
        """After many small updates: merge small segments once there are many of
        them, and write out the spelling words `update_files` kept in memory."""
        engine = self.open()
        with self._update_lock(lock_wait):
            engine.compact()
            self._spelling.save()

    def reindex(self, article_ids: Iterable[str], *, lock_wait: float = 10.0) -> int:
        """Re-index these articles now (after a tag change); returns how many were written."""
        from glossator.index import updating

        engine = self.open()
        article_ids = list(article_ids)
        with self._update_lock(lock_wait):
            manifest = self._load_manifest()
            count, words = updating.reindex(
                engine, self.documents, self.article, manifest, article_ids
            )
            self._save_manifest(manifest)
            self._sync_stories(manifest, only=article_ids)
            if words:
                self._spelling.add(words, replace=False)
        return count

    def _sync_stories(
        self,
        manifest: Manifest,
        only: Iterable[str] | None = None,
        ready: dict[str, object] | None = None,
    ) -> int:
        """Bring the story store in step with the manifest (`stories.sync`)."""
        from glossator.index.stories.sync import sync_stories

        store, docs = self.stories, self.documents
        return sync_stories(store, manifest, self.article, docs, self._say, only, ready)

    def save_spelling(self) -> None:
        """Write out spelling words that `update_files` kept in memory."""
        with self._update_lock(self.lock_wait):
            self._spelling.save()

    def spelling_words(self) -> dict[str, int]:
        """Unstemmed words of the corpus with their article counts, for suggestions."""
        return self._spelling.words()

    def entities(self, article: Article) -> list[Entity]:
        """Entities of an article: from the cache, else recognised and cached."""
        return self.documents.entities(article)

    def incidents(self, article: Article) -> list[dict[str, Any]]:
        """Incident records the extractor finds in an article (`Incident.to_dict()`
        shape), resolved against its date (the sidecar's, else the front matter's);
        from the cache, else extracted and cached."""
        facts = self.documents.sidecar(article.id, None)
        return self.documents.incidents(article, facts.date)

    def article(self, article_id: str) -> Article:
        """Read an article from disk by id (or path inside the corpus)."""
        return _load_article(self.corpus, article_id, self.max_bytes)

    def searcher(self) -> Searcher:
        """A searcher over this index (see `engine.Searcher`)."""
        return self.engine.searcher(self.open, self.spelling_words, self.indexed_text)

    def doc_count(self) -> int:
        """How many articles the index holds."""
        return self.open().doc_count()
