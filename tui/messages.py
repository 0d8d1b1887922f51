"""Messages that workers post back to the screen.

Workers run in threads and must not touch widgets; they post one of these
(posting is thread-safe) and the screen updates the panes on its own thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from glossator.index.engine import QueryError, SearchResult, UpdateReport
from glossator.tui.session import ArticleBundle


@dataclass
class IndexProgress(Message):
    """The start-up update has read `done` of `total` articles."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexFinished(Message):
    """The start-up update ended; `report` is None when it failed (`error` says why)."""

    report: UpdateReport | None
    error: str | None = None


@dataclass
class SearchFinished(Message):
    """Results (or the reason there are none) for `query`."""

    query: str
    result: SearchResult | QueryError


@dataclass
class FacetsFinished(Message):
    """Facet counts for `query`, computed after its hits were shown."""

    query: str
    facets: dict[str, list[tuple[str, int]]]


@dataclass
class ArticleLoaded(Message):
    """An article, its entities, hits and sidecar are ready to show."""

    bundle: ArticleBundle


@dataclass
class ArticleFailed(Message):
    """An article could not be read."""

    article_id: str
    error: str


@dataclass
class LogChanged(Message):
    """Something new was added to the session log."""
