"""What the reader works on: one corpus, its index, searcher and sidecar store.

Plain Python with no Textual in it; the app calls these methods from thread
workers. Problems worth telling the user about go to `log`, which the log
screen shows, never to the terminal.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossator.annotations.errors import AnnotationError, SidecarError
from glossator.annotations.model import Sidecar
from glossator.annotations.store import SidecarStore
from glossator.index.corpus import Article
from glossator.index.indexer import Index, UpdateReport
from glossator.index.locations import watchlist_path
from glossator.index.search import QueryError, SearchResult

#: Searches shown while typing are cut at this many hits.
RESULT_LIMIT = 30


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One problem or notice, with when it happened."""

    when: float
    kind: str
    """"index", "sidecar", "watchlist", "save", "export"."""
    text: str


@dataclass(slots=True)
class ArticleBundle:
    """Everything the article pane and sidebar show for one article."""

    article: Article
    entities: list[Any]
    """`Entity` values (start, end, text, label), sorted by start."""
    hits: list[tuple[int, int]]
    """Where the current query matches, sorted."""
    sidecar: Sidecar | None
    """None when the sidecar file is malformed; see `sidecar_error`."""
    sidecar_error: str | None = None
    entities_error: str | None = None


@dataclass
class Session:
    """A corpus opened for reading and annotating."""

    index: Index
    store: SidecarStore
    log: list[LogEntry] = field(default_factory=list)
    _log_lock: threading.Lock = field(default_factory=threading.Lock)
    _searcher: Any = None
    indexing: bool = False
    """True while the start-up update runs; reindexes wait for it."""
    _pending: set[str] = field(default_factory=set)

    @classmethod
    def open(
        cls,
        corpus: Path,
        *,
        index_dir: Path | None = None,
        annotations_dir: Path | None = None,
        max_bytes: int | None = None,
        author: str | None = None,
    ) -> Session:
        """Open a corpus; raises `IndexUnavailable` when no index can be kept."""
        holder: list[Session] = []

        def notice(message: str) -> None:
            if holder:
                holder[0].add_log("index", message)
            else:
                early.append(message)

        early: list[str] = []
        kwargs: dict[str, Any] = {"annotations_dir": annotations_dir, "notice": notice}
        if max_bytes is not None:
            kwargs["max_bytes"] = max_bytes
        index = Index(corpus, index_dir, **kwargs)
        store = SidecarStore(index.corpus, index.annotations_dir, author=author)
        session = cls(index, store)
        holder.append(session)
        for message in early:
            session.add_log("index", message)
        return session

    @property
    def corpus(self) -> Path:
        """The corpus folder."""
        return self.index.corpus

    # -- log ----------------------------------------------------------------

    def add_log(self, kind: str, text: str) -> None:
        """Record a problem for the log screen (thread-safe)."""
        with self._log_lock:
            self.log.append(LogEntry(time.time(), kind, text))

    # -- index --------------------------------------------------------------

    def update(self, progress: Callable[[int, int], None]) -> UpdateReport:
        """Bring the index up to date, committing every second so search sees early work."""
        self.indexing = True
        try:
            report = self.index.update(progress=progress, batch_commit_seconds=1.0)
        finally:
            self.indexing = False
        for skipped in report.skipped:
            self.add_log("index", f"skipped {skipped.id}: {skipped.reason}")
        seen = {e.text for e in self.log}
        for notice in report.notices:
            if notice not in seen:
                kind = (
                    "watchlist"
                    if "watchlist" in notice
                    else ("sidecar" if ".yaml" in notice else "index")
                )
                self.add_log(kind, notice)
        return report

    def reindex(self, article_id: str) -> None:
        """Re-index one article after its sidecar changed (waits for start-up indexing)."""
        if self.indexing:
            self._pending.add(article_id)
            return
        ids = {article_id} | self._pending
        self._pending.clear()
        self.index.reindex(sorted(ids))
        self._fresh_searcher()

    def flush_pending(self) -> None:
        """Re-index what changed while the start-up update ran."""
        if self._pending:
            ids = sorted(self._pending)
            self._pending.clear()
            self.index.reindex(ids)
            self._fresh_searcher()

    def _fresh_searcher(self) -> None:
        # A refreshed Whoosh searcher can still see the replaced copy of a
        # re-indexed document; a new one sees only the current copy.
        old, self._searcher = self._searcher, None
        if old is not None:
            old.close()

    # -- search ---------------------------------------------------------------

    def searcher(self) -> Any:
        """The shared `Searcher` (it serialises calls itself)."""
        if self._searcher is None:
            self._searcher = self.index.searcher()
        return self._searcher

    def search(
        self,
        query: str,
        limit: int = RESULT_LIMIT,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult | QueryError:
        """Search as the user types: ranked hits and snippets, no facets (see `facets`).

        `cancelled` lets a newer keystroke stop this search part way.
        """
        return self.searcher().search(
            query, limit=limit, as_you_type=True, facets=False, cancelled=cancelled
        )

    def facets(
        self, query: str, cancelled: Callable[[], bool] | None = None
    ) -> dict[str, list[tuple[str, int]]]:
        """Facet counts for a query (slower than the hits, so asked for separately)."""
        result = self.searcher().search(
            query, limit=1, as_you_type=True, snippets=0, cancelled=cancelled
        )
        return {} if isinstance(result, QueryError) else result.facets

    def all_ids(self, query: str | None) -> list[str]:
        """Article ids for an export: every hit of `query`, or the whole corpus."""
        if query:
            found = self.searcher().article_ids(query)
            return [] if isinstance(found, QueryError) else found
        return sorted(self.index.manifest())

    def tags(self) -> list[str]:
        """Every tag in the corpus, most used first."""
        try:
            return [t for t, _ in self.searcher().all_tags()]
        except Exception:  # an index still being built may not have the field yet
            return []

    # -- articles -------------------------------------------------------------

    def load(self, article_id: str, query: str) -> ArticleBundle:
        """Read an article with its entities, hits for `query` and sidecar."""
        article = self.index.article(article_id)
        entities_error = None
        try:
            entities = sorted(self.index.entities(article), key=lambda e: (e.start, e.end))
        except Exception as exc:  # recognition must never stop reading
            entities = []
            entities_error = f"entities unavailable: {exc}"
            self.add_log("index", f"{article_id}: {entities_error}")
        hits = self.searcher().hit_offsets(article_id, query) if query.strip() else []
        sidecar, error = self.load_sidecar(article)
        return ArticleBundle(article, entities, hits, sidecar, error, entities_error)

    def load_sidecar(self, article: Article) -> tuple[Sidecar | None, str | None]:
        """The article's sidecar, or None and the reason it cannot be used."""
        try:
            return self.store.load(article.id, article.text), None
        except SidecarError as exc:
            reason = "; ".join(exc.problems[:3])
            self.add_log("sidecar", str(exc))
            return None, f"{exc.path.name}: {reason}"
        except AnnotationError as exc:
            self.add_log("sidecar", str(exc))
            return None, str(exc)

    # -- watchlist ------------------------------------------------------------

    def watch(self, name: str, label: str) -> Path:
        """Add a name to the corpus watchlist (creating the file); returns its path.

        The entry is appended as text, so the analyst's comments and layout
        stay; a file that is not a valid watchlist is left alone.
        """
        from glossator.index.entities.watchlist import add_to_watchlist

        return add_to_watchlist(watchlist_path(self.corpus), name, label)

    # -- export ---------------------------------------------------------------

    def export(
        self,
        ids: list[str],
        fmt: str,
        dest: Path,
        force: bool,
        progress: Callable[[int, int], object] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[int, int]:
        """Export the annotated articles among `ids` to `dest`; returns (written, problems).

        Raises `ExportError` (from annotations) when the file cannot be written,
        e.g. it exists and `force` is false.
        """
        from glossator.annotations.errors import ExportError
        from glossator.annotations.export import ExportRecord, export, write_export

        if dest.exists() and not force:
            raise ExportError(f"{dest} already exists; tick 'overwrite' to replace it")
        records = []
        problems = 0
        for done, article_id in enumerate(ids, 1):
            if cancelled is not None and cancelled():
                return 0, problems
            try:
                article = self.index.article(article_id)
                sidecar = self.store.load(article_id, article.text)
            except Exception as exc:  # one bad article must not stop the export
                problems += 1
                self.add_log("export", f"skipped {article_id}: {str(exc).splitlines()[0]}")
                continue
            if not sidecar.is_empty():
                records.append(ExportRecord(article.id, article.title, article.sha256, sidecar))
            if progress is not None:
                progress(done, len(ids))
        write_export(export(records, fmt), dest, force=force)
        return len(records), problems
