"""Stories and events for the front ends: one story, many reports.

The index keeps each article's signature and incident records in its story
store (`glossator.index.stories`); this module groups them (cached until the
store changes) and answers what the CLI and the reader ask: the stories of
a query's hits in hit order, the story of one article, and the event id of
each incident row. No Textual here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from glossator.index.engine import SearchHit
from glossator.index.indexer import Index
from glossator.index.stories.grouping import Event, Grouping, Story, grouping_of

__all__ = [
    "Event",
    "OtherReport",
    "Report",
    "Stories",
    "Story",
    "StoryReports",
    "StoryRow",
    "story_rows",
]


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
                # Opening the store truncates an empty write-ahead log, which
                # changes its mtime but not what the store holds: an empty
                # log's mtime is left out, or every first read would regroup.
                empty_log = suffix == "-wal" and st.st_size == 0
                stamp += [0 if empty_log else st.st_mtime_ns, st.st_size]
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


# -- what the reader shows of a story ------------------------------------------

#: Incident fields compared between reports of one event, with the name the
#: reader shows for each.
COMPARED: tuple[tuple[str, str], ...] = (
    ("fatalities", "killed"),
    ("injured", "injured"),
    ("sub_event_type", "type"),
    ("event_date", "date"),
    ("actor1", "actor1"),
    ("actor2", "actor2"),
    ("location", "place"),
    ("country", "country"),
    ("weapon", "weapon"),
)
_TOLLS = frozenset({"fatalities", "injured"})
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Report:
    """One article of a story as a list shows it: title, source and date."""

    article: str
    title: str
    source: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class OtherReport:
    """Another report of an article's story, and how it differs."""

    report: Report
    reprint: bool
    """A near-duplicate of the article (else it reports one of its events)."""
    differs: tuple[str, ...] = ()
    """What it says otherwise about a shared event: `killed 4 vs 5` (this
    article's value first)."""


def _text_words(value: object) -> frozenset[str]:
    return frozenset(_WORDS.findall(str(value).replace(".", "").casefold()))


def same_value(name: str, a: object, b: object) -> bool:
    """Two reports' values of one field agree: equal tolls; text whose words
    (case, dots and punctuation aside) are one inside the other ("Ain al-Asad
    base" / "Ain Al-Asad air base", "U.S." / "US")."""
    if name in _TOLLS:
        return a == b
    wa, wb = _text_words(a), _text_words(b)
    return wa <= wb or wb <= wa


def _stated(value: object) -> bool:
    return value not in (None, "")


def disagreements(rows: Iterable[dict[str, Any]]) -> dict[str, list[Any]]:
    """Fields on which these records of one event disagree: field -> the
    distinct values stated, in the records' order. A value not stated
    agrees with any; rejected records are left out."""
    kept = [r for r in rows if r.get("status") != "rejected"]
    out: dict[str, list[Any]] = {}
    for name, _label in COMPARED:
        values: list[Any] = []
        for row in kept:
            value = row.get(name)
            if _stated(value) and not any(same_value(name, value, v) for v in values):
                values.append(value)
        if len(values) > 1:
            out[name] = values
    return out


def label_of(name: str) -> str:
    """The reader's name for a compared field (`fatalities` -> `killed`)."""
    return dict(COMPARED).get(name, name)


def _differences(here: list[dict[str, Any]], there: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for name, label in COMPARED:
        mine = next((r.get(name) for r in here if _stated(r.get(name))), None)
        theirs = next((r.get(name) for r in there if _stated(r.get(name))), None)
        if _stated(mine) and _stated(theirs) and not same_value(name, mine, theirs):
            out.append(f"{label} {mine} vs {theirs}")
    return out


class StoryReports:
    """Titles, sources and dates of story members, read once per article version."""

    def __init__(self, index: Index, stories: Stories) -> None:
        self.index = index
        self.stories = stories
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[object, Report]] = {}

    def report(self, article_id: str) -> Report:
        """The article's title, source and date (the sidecar's win over the
        front matter's); only the id when it cannot be read."""
        stamp = self.index.manifest().get(article_id)
        with self._lock:
            cached = self._cache.get(article_id)
        if cached is not None and cached[0] == stamp and stamp is not None:
            return cached[1]
        try:
            article = self.index.article(article_id)
        except Exception:  # a file deleted meanwhile: the id is still worth showing
            return Report(article_id, article_id)
        facts = self.index.documents.sidecar(article_id, None)
        date = facts.date or article.front_matter.date
        report = Report(
            article_id,
            article.title or article_id,
            facts.source or article.front_matter.source,
            date.isoformat() if date else None,
        )
        with self._lock:
            self._cache[article_id] = (stamp, report)
        return report

    def others(self, article_id: str, limit: int = 50) -> list[OtherReport]:
        """The other reports of the article's story (at most `limit`), reprints
        first, each with what it says otherwise about the events both report."""
        story = self.stories.story_of(article_id)
        if story is None or len(story.articles) < 2:
            return []
        near = {
            b if a == article_id else a for a, b in story.near_duplicates if article_id in (a, b)
        }
        out: list[OtherReport] = []
        for other in sorted(story.articles, key=lambda a: (a not in near, a)):
            if other == article_id:
                continue
            differs: list[str] = []
            for event in story.events:
                here = [r.fields for r in event.records if r.article == article_id]
                there = [r.fields for r in event.records if r.article == other]
                if here and there:
                    differs += [d for d in _differences(here, there) if d not in differs]
            out.append(OtherReport(self.report(other), other in near, tuple(differs)))
            if len(out) >= limit:
                break
        return out


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One row of a grouped result list: a story headed by its best hit."""

    best: SearchHit
    story: str
    """The story id (the best hit's own id for an article in no story)."""
    others: tuple[Report, ...] = ()
    """The story's other articles, those among the hits first (in hit order)."""
    matched: frozenset[str] = frozenset()
    """Which of `others` are hits of the query too."""
    sources: tuple[str, ...] = ()
    """The distinct sources the story's articles name, as far as known."""


def story_rows(reports: StoryReports, hits: Iterable[SearchHit]) -> list[StoryRow]:
    """Ranked hits as one row per story, ordered by each story's best hit."""
    hits = list(hits)
    grouping = reports.stories.grouping()
    order: dict[str, list[SearchHit]] = {}
    for hit in hits:
        story = grouping.story_of.get(hit.article_id)
        key = story.id if story is not None and len(story.articles) > 1 else hit.article_id
        order.setdefault(key, []).append(hit)
    rows: list[StoryRow] = []
    for key, members in order.items():
        best = members[0]
        story = grouping.story_of.get(best.article_id)
        if story is None or len(story.articles) < 2:
            rows.append(StoryRow(best, key))
            continue
        matched = [h.article_id for h in members[1:]]
        rest = [a for a in story.articles if a != best.article_id and a not in matched]
        others = tuple(reports.report(a) for a in matched + rest)
        sources: list[str] = []
        for source in [reports.report(best.article_id).source] + [r.source for r in others]:
            if source and source not in sources:
                sources.append(source)
        rows.append(StoryRow(best, key, others, frozenset(matched), tuple(sources)))
    return rows
