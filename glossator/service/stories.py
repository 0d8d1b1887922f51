"""Stories and events for the front ends: one story, many reports.

The index keeps each article's signature and incident records in its story
store (`glossator.index.stories`); this module groups them (cached until the
store changes) and answers what the CLI and the reader ask: the stories of
a query's hits in hit order, the story of one article, and the event id of
each incident row. No Textual here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from glossator.index.indexer import Index
from glossator.index.stories.grouping import Event, Grouping, Story, grouping_of

__all__ = ["Event", "Stories", "Story"]


class Stories:
    """The grouping of one index's story store, recomputed when the store changes."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._lock = threading.Lock()
        self._stamp: tuple[int, ...] | None = None
        self._grouping: Grouping | None = None

    def _store_stamp(self) -> tuple[int, ...]:
        stamp: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = self.index.stories.path.with_name(self.index.stories.path.name + suffix).stat()
                stamp += [st.st_mtime_ns, st.st_size]
            except OSError:
                stamp += [0, 0]
        return tuple(stamp)

    def grouping(self) -> Grouping:
        """Every story and event of the corpus as the store now holds it."""
        with self._lock:
            stamp = self._store_stamp()
            if self._grouping is None or stamp != self._stamp:
                self._grouping = grouping_of(self.index.stories)
                self._stamp = stamp
            return self._grouping

    def stories(
        self, ranked: Iterable[str] | None = None, *, singletons: bool = False
    ) -> list[Story]:
        """The stories of `ranked` article ids (hits, best first), ordered by
        each story's best hit; without `ranked`, every story of two or more
        articles, largest first. `singletons` keeps one-article stories."""
        grouping = self.grouping()
        if ranked is None:
            return [s for s in grouping.stories if singletons or len(s.articles) > 1]
        seen: set[str] = set()
        out = []
        for article_id in ranked:
            story = grouping.story_of.get(article_id)
            if story is None or story.id in seen:
                continue
            seen.add(story.id)
            if singletons or len(story.articles) > 1:
                out.append(story)
        return out

    def story_of(self, article_id: str) -> Story | None:
        """The story an article belongs to (None when the index does not hold it)."""
        return self.grouping().story_of.get(article_id)

    def with_events(self, article_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Incident rows of one article with `event` set: the id shared by the
        records of the same event across articles (None when not grouped)."""
        event_at = self.grouping().event_at
        for row in rows:
            row["event"] = event_at.get((article_id, row.get("start")))
        return rows
