"""The `Session`: one corpus opened for searching, reading, annotating and exporting."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from glossator.annotations.errors import AnnotationError, SidecarError
from glossator.annotations.incidents import reconcile
from glossator.annotations.model import Sidecar
from glossator.annotations.store import SidecarStore
from glossator.index.corpus import Article
from glossator.index.engine import IndexLost, QueryError, SearchHit, SearchResult, UpdateReport
from glossator.index.indexer import Index
from glossator.index.locations import watchlist_path
from glossator.service.checks import ArticleChecks
from glossator.service.corrections import SessionCorrections
from glossator.service.editing import ArticleEdits
from glossator.service.exporting import SessionExports
from glossator.service.incidents import as_rows
from glossator.service.watchlist import add_watch_entry

if TYPE_CHECKING:
    # Imported where stories are first asked for: a `glossator search`
    # never groups its hits, and the grouping modules are a tenth of its start.
    from glossator.service.stories import OtherReport, Stories, Story, StoryReports, StoryRow

#: Searches shown while typing are cut at this many hits.
RESULT_LIMIT = 30
#: Articles read between two progress reports of an incident log export.
_LOG_CHUNK = 25

_T = TypeVar("_T")
#: `Session._watchlist_seen` before the first update.
_NOT_YET = object()


def _stamp(path: Path) -> tuple[int, int] | None:
    """(mtime, size) of a file, None when it does not exist."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


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
class Session(ArticleChecks, ArticleEdits, SessionExports, SessionCorrections):
    """A corpus opened for reading and annotating (article metadata and incident
    checks: `ArticleChecks`; tags, rating, notes, spans: `ArticleEdits`;
    exports: `SessionExports`; entity corrections: `SessionCorrections`)."""

    index: Index
    store: SidecarStore
    log: list[LogEntry] = field(default_factory=list)
    _log_lock: threading.Lock = field(default_factory=threading.Lock)
    _searcher: Any = None
    indexing: bool = False
    """True while the start-up update runs; reindexes wait for it."""
    rebuilding: bool = False
    """True from finding the index lost or damaged until the update that refills it ends."""
    _pending: set[str] = field(default_factory=set)
    _story_groups: Stories | None = None
    _story_reports: StoryReports | None = None
    _recover_lock: threading.Lock = field(default_factory=threading.Lock)
    _watchlist_seen: object = _NOT_YET

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
        self._watchlist_seen = _stamp(watchlist_path(self.corpus))
        try:
            report = self.index.update(progress=progress, batch_commit_seconds=1.0)
        finally:
            self.indexing = False
            self.rebuilding = False
        self.log_report(report)
        return report

    def update_files(self, article_ids: Iterable[str], folders: Iterable[str] = ()) -> UpdateReport:
        """Bring just these articles (and those under `folders`) up to date: no corpus scan."""
        report = self.index.update_files(article_ids, folders=folders)
        self.log_report(report)
        if report.changed:
            self._fresh_searcher()
        return report

    def log_report(self, report: UpdateReport) -> None:
        """Put an update's skipped files and notices in the log (each notice once)."""
        for skipped in report.skipped:
            self.add_log("index", f"skipped {skipped.id}: {skipped.reason}")
        seen = {e.text for e in self.log}
        for notice in (n for n in report.notices if n not in seen):
            kind = "sidecar" if ".yaml" in notice else "index"
            self.add_log("watchlist" if "watchlist" in notice else kind, notice)

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

    def losing_index(self) -> bool:
        """The index is gone or being rebuilt: what fails meanwhile is no problem of its own."""
        return self.rebuilding or self.index.missing() is not None

    def stale(self) -> str | None:
        """Why the index should be brought up to date now, or None.

        Cheap (one stat), so the reader asks after every query: the
        watchlist file changed since the last update began (by `w`, an
        editor or another reader).
        """
        if self.indexing or self._watchlist_seen is _NOT_YET:
            return None
        if _stamp(watchlist_path(self.corpus)) != self._watchlist_seen:
            return "the watchlist changed"
        return None

    def _guarded(self, run: Callable[[], _T]) -> _T:
        """Run a query; when the index turns out lost or damaged, replace it
        with an empty one and raise `IndexLost` so the caller rebuilds it."""
        problem = self.index.missing()
        if problem is None:
            try:
                result = run()
            except Exception:
                problem = self.index.damage()
                if problem is None:
                    raise
            else:
                if not (isinstance(result, QueryError) and result.failed):
                    return result
                problem = self.index.damage()
                if problem is None:
                    return result
        with self._recover_lock:
            if not self.rebuilding:
                if self.index.damage() is None:
                    # Another query replaced it (and its update may be done).
                    return run()
                self.rebuilding = True  # the log hears of it from the index's notice
                self._fresh_searcher()
                self.index.recreate(problem)
        raise IndexLost(problem)

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
        return self._guarded(
            lambda: self.searcher().search(
                query, limit=limit, as_you_type=True, facets=False, cancelled=cancelled
            )
        )

    def find(
        self, query: str, limit: int = 10, *, facets: bool = True
    ) -> SearchResult | QueryError:
        """A whole search, as the command line runs it: ranked hits, snippets,
        and facets unless `facets=False` (the plain output shows none)."""
        return self._guarded(lambda: self.searcher().search(query, limit=limit, facets=facets))

    def facets(
        self, query: str, cancelled: Callable[[], bool] | None = None
    ) -> dict[str, list[tuple[str, int]]]:
        """Facet counts for a query (slower than the hits, so asked for separately)."""
        result = self._guarded(
            lambda: self.searcher().search(
                query, limit=1, as_you_type=True, snippets=0, cancelled=cancelled
            )
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

    # -- incidents ------------------------------------------------------------

    def incidents(self, article: Article, *, checked: bool = True) -> list[dict[str, Any]]:
        """An article's incident log rows: the extractor's records with the
        analyst's checks applied (the shape `glossator incidents --json` prints).

        Raises `SidecarError` when the sidecar cannot be read; `checked=False`
        gives the extractor's records alone, as `extracted`, without reading it.
        """
        if not checked:
            rows = as_rows(article, self.extracted_incidents(article))
            return self._stories().with_events(article.id, rows)
        sidecar = self.store.load(article.id, article.text)
        records = reconcile(article.text, self.extracted_incidents(article), sidecar.incidents)
        rows = as_rows(article, records, sidecar.source or None)
        return self._stories().with_events(article.id, rows)

    # -- stories --------------------------------------------------------------

    def _stories(self) -> Stories:
        if self._story_groups is None:
            from glossator.service.stories import Stories

            self._story_groups = Stories(self.index)
        return self._story_groups

    def stories(self, query: str | None = None, *, singletons: bool = False) -> list[Story]:
        """Stories of two or more articles (every article too, with
        `singletons`): of the articles `query` matches, ordered by each
        story's best hit, else of the whole corpus, largest first.
        Raises QueryError's message as ValueError for a bad query."""
        if query is None or not query.strip():
            return self._stories().stories(None, singletons=singletons)
        found = self.searcher().article_ids(query)
        if isinstance(found, QueryError):
            raise ValueError(found.message)
        return self._stories().stories(found, singletons=singletons)

    def group_hits(self, ranked: Iterable[str]) -> list[Story]:
        """The stories of these article ids (a result list, best first), one
        per story, in the order of each story's best hit; one-article
        stories included. The reader's grouped result list is built on this."""
        return self._stories().stories(ranked, singletons=True)

    def story_of(self, article_id: str) -> Story | None:
        """The story an article belongs to: its other reports and events."""
        return self._stories().story_of(article_id)

    def _reports(self) -> StoryReports:
        if self._story_reports is None:
            from glossator.service.stories import StoryReports

            self._story_reports = StoryReports(self.index, self._stories())
        return self._story_reports

    def story_rows(self, hits: Iterable[SearchHit]) -> list[StoryRow]:
        """Ranked hits as one row per story (the reader's grouped result list),
        each with its other articles' titles, sources and dates."""
        from glossator.service.stories import story_rows

        return story_rows(self._reports(), hits)

    def other_reports(self, article_id: str) -> list[OtherReport]:
        """The other reports of an article's story, with what each says
        otherwise about the events both report (the sidebar's list)."""
        return self._reports().others(article_id)

    # -- watchlist ------------------------------------------------------------

    def watch(self, name: str, label: str, aliases: Iterable[str] = (), note: str = "") -> Path:
        """Add a name to the corpus watchlist (creating the file); returns its path.

        The entry is appended as text, so the analyst's comments and layout
        stay; a file that is not a valid watchlist is left alone. The next
        `update` re-indexes the articles that mention it.
        """
        return add_watch_entry(self.corpus, name, label, aliases, note)
