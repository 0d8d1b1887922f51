"""The search engine's interface: the values it returns and what it must do.

Everything above the engine (the indexer, the command line, the reader)
talks to it through this module (and `glossator.index.engine_input`, what
it is given to index) only: the value types it returns
(`SearchResult`, `SearchHit`, `Snippet`, `QueryError`, `UpdateReport`) and
the protocols an engine implements (`Searcher` for queries, `IndexWriter`
for one batch of changes, `SearchEngine` for the index in one folder). No
signature here mentions an engine's own objects, so a second engine is one
new sub-package beside `glossator.index.whoosh` (see docs/internals.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from glossator.index.corpus import ArticleFile, Skipped
from glossator.index.engine_input import ChunkResult, Document, DocumentSource
from glossator.index.manifest import ManifestEntry

#: Called with (articles done, articles in all) while an update runs.
Progress = Callable[[int, int], None]
#: (article id, content hash as indexed) -> the article's text, or None when
#: the file no longer holds that content (changed, gone or unreadable).
ArticleText = Callable[[str, str], "str | None"]
#: Called with a one-line message for people.
Notice = Callable[[str], None]
#: Polled during a search; True means stop.
Cancelled = Callable[[], bool]


class IndexUnavailable(Exception):
    """The index cannot be used or updated; the message says what to do."""


class IndexLost(Exception):
    """The index went missing or was found damaged while in use; an empty
    one has taken its place and must be filled by an update. The message is
    one line saying what happened."""


class SearchCancelled(Exception):
    """Raised inside a search whose `cancelled` callback said stop."""


# -- values returned by searches ------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryError:
    """A query that could not be run; `message` is one line saying what to fix."""

    query: str
    message: str
    #: True when the query was sound but the index failed while running it
    #: (a damaged segment): the caller may check the index and rebuild it.
    failed: bool = False
    #: True when the query holds only common words or operators: nothing to
    #: search for yet, which while a query is typed ("i", "the") is no mistake.
    empty: bool = False

    def __bool__(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class Snippet:
    """A piece of article text around hits.

    `start` is the offset of `text` in the article; `highlights` are
    (start, end) pairs relative to `text`. Newlines in `text` are shown as
    spaces so a snippet stays on one line.
    """

    start: int
    text: str
    highlights: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {
            "start": self.start,
            "text": self.text,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked article."""

    rank: int
    article_id: str
    title: str
    score: float
    snippets: tuple[Snippet, ...]
    title_highlights: tuple[tuple[int, int], ...]
    tags: tuple[str, ...]
    words: int
    decode_errors: bool = False

    @property
    def snippet(self) -> Snippet | None:
        """The best snippet, if any."""
        return self.snippets[0] if self.snippets else None

    def to_dict(self) -> dict[str, object]:
        """The JSON form (documented in docs/cli.md)."""
        return {
            "rank": self.rank,
            "id": self.article_id,
            "title": self.title,
            "score": round(self.score, 4),
            "tags": list(self.tags),
            "words": self.words,
            "title_highlights": [list(h) for h in self.title_highlights],
            "snippets": [s.to_dict() for s in self.snippets],
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits for one query, with facet counts and a suggestion when nothing matched."""

    query: str
    hits: tuple[SearchHit, ...]
    total: int
    elapsed: float
    #: field name ("tag", "person", "org", ...) -> [(value, count)], most frequent first.
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: True when facets were counted over the top FACET_SAMPLE hits only.
    facets_sampled: bool = False
    suggestion: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON form (documented in docs/cli.md)."""
        return {
            "query": self.query,
            "total": self.total,
            "elapsed_ms": round(self.elapsed * 1000, 2),
            "suggestion": self.suggestion,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [[v, n] for v, n in vals] for k, vals in self.facets.items()},
            "facets_sampled": self.facets_sampled,
        }


# -- values of an update ----------------------------------------------------------


@dataclass
class UpdateReport:
    """What one index update did."""

    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    #: Files whose mtime changed but whose content and tags did not.
    touched: int = 0
    #: Articles unchanged on disk, rewritten because the recogniser changed
    #: (a watchlist entry they mention was added, edited or removed).
    reindexed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0
    total: int = 0

    @property
    def changed(self) -> int:
        """Documents written or removed."""
        return self.added + self.updated + self.deleted + self.reindexed

    def summary(self) -> str:
        """One line for people."""
        parts = [
            f"{self.added} added",
            f"{self.updated} updated",
            f"{self.deleted} deleted",
            *([f"{self.reindexed} re-indexed for the watchlist"] if self.reindexed else []),
            f"{self.unchanged + self.touched} unchanged",
            f"{len(self.skipped)} skipped",
        ]
        return f"{self.total} articles: " + ", ".join(parts) + f" in {self.seconds:.2f} s"


# -- what an engine implements ------------------------------------------------------


class Searcher(Protocol):
    """Queries over one index; safe to share between threads."""

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        as_you_type: bool = False,
        snippets: int = 1,
        facets: bool = True,
        cancelled: Cancelled | None = None,
    ) -> SearchResult | QueryError:
        """Ranked hits with snippets, facets and a suggestion, or what is wrong."""
        ...

    def article_ids(self, query: str) -> list[str] | QueryError:
        """Every article matching `query`, best first, with no cap."""
        ...

    def hit_offsets(self, article_id: str, query: str) -> list[tuple[int, int]]:
        """Sorted (start, end) offsets where `query` matches in one article."""
        ...

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag with its article count, most used first."""
        ...

    def close(self) -> None:
        """Release the engine's open files."""
        ...


class IndexWriter(Protocol):
    """One batch of changes, seen by searches once committed."""

    def add(self, document: Document) -> Iterable[str]:
        """Index a new article; returns the distinct words of its body, for spelling."""
        ...

    def replace(self, document: Document) -> Iterable[str]:
        """Index an article in place of its older version; returns its body's words."""
        ...

    def delete(self, article_id: str) -> None:
        """Remove an article."""
        ...

    def commit(self, *, merge: bool = True) -> None:
        """Make the batch visible; `merge=False` leaves segment merging to `compact`."""
        ...

    def cancel(self) -> None:
        """Drop the batch."""
        ...


class SearchEngine(Protocol):
    """One engine's index in one folder (the `Index` owns the folder's other files)."""

    #: The engine's index format; an index written in another is rebuilt.
    format: int
    #: True when the engine runs with its speed-ups (False: the stock library).
    fast: bool

    def exists(self) -> tuple[bool, str | None]:
        """Whether the folder holds an index of this engine; (False, why it
        must be rebuilt) when that cannot even be told."""
        ...

    def load(self) -> str | None:
        """Open the index, checking it reads soundly: None, or why it must be rebuilt."""
        ...

    def create(self) -> None:
        """Make a new, empty index (the folder holds no engine files)."""
        ...

    def generation(self) -> int:
        """Changes with every commit, from any process."""
        ...

    def doc_count(self) -> int:
        """How many articles the index holds."""
        ...

    def stored_entries(self) -> Iterator[tuple[str, ManifestEntry]]:
        """What the index stores about each article, for rebuilding a lost manifest."""
        ...

    def writer(self, *, large: bool) -> IndexWriter:
        """A writer for one batch; `large` when it will hold many articles."""
        ...

    def compact(self) -> None:
        """Merge small segments once there are many."""
        ...

    def bulk_add(
        self,
        source: DocumentSource,
        files: Sequence[ArticleFile],
        on_result: Callable[[ChunkResult], None],
        on_progress: Callable[[int], None],
        workers: int,
    ) -> None:
        """Index `files` (not in the index) in worker processes, committing as
        each chunk lands, then calling `on_result` with it."""
        ...

    def searcher(
        self,
        ready: Callable[[], object],
        spelling: Callable[[], dict[str, int]],
        text: ArticleText,
    ) -> Searcher:
        """A searcher that calls `ready()` before it first opens the index (so
        an index is created when missing); `spelling` gives the corpus words
        with their article counts, for suggestions; `text` the article text
        snippets are cut from (the index does not keep a second copy)."""
        ...
