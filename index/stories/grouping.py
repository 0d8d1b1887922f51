"""Events and stories from the story store's rows.

An **event** is a set of incident records, from one or more articles, that
describe the same real event: compatible sub-event types, the same or an
overlapping place, dates within `DATE_WINDOW_DAYS` when known, and no
conflicting attacker. Records join an event only when they are compatible
with every record already in it (complete linkage), so two unrelated
reports are never chained through a third.

A **story** is a connected set of articles: near-duplicates (rows.near)
and articles sharing an event. A record of another event than the one an
article leads with, at a place that rules it out of the lead's event on
the same dates ("Hours later, a grenade attack on the police station in
neighbouring Amritsar district"), only mentions that event: the article
is not one of its reports and does not join its story. An article with more than
`MAX_LINKING_EVENTS` events (a round-up) is joined through near-duplicates
only, so it does not merge the stories of every event it mentions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from glossator.index.stories.broad import attach_broad, is_broad
from glossator.index.stories.dates import UNDATED_LOOKBACK_DAYS
from glossator.index.stories.matching import (
    DATE_WINDOW_DAYS,
    NEAR_KM,
    Record,
    compatible,
    compatible_in,
    records_of,
    same_named_place,
    same_time,
)
from glossator.index.stories.rows import StoredArticle
from glossator.index.stories.store import StoryStore

#: An article with more events than this (a round-up) joins stories
#: through near-duplicates only.
MAX_LINKING_EVENTS = 3

__all__ = [
    "DATE_WINDOW_DAYS",
    "MAX_LINKING_EVENTS",
    "NEAR_KM",
    "UNDATED_LOOKBACK_DAYS",
    "Event",
    "Grouping",
    "Record",
    "Story",
    "compatible",
    "group",
    "group_events",
    "grouping_of",
    "records_of",
]


@dataclass(slots=True)
class Event:
    """Records of one real event across articles."""

    id: str
    records: list[Record]
    #: Near-duplicates of its articles in which no incident was read: the
    #: same report reprinted, so a report of this event too.
    reprints: list[str] = field(default_factory=list)
    #: Articles that lead with another event and only mention this one
    #: (`_side_mentions`): not its reports.
    mentioned_in: list[str] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        reports = {r.article for r in self.records}.union(self.reprints)
        return sorted(reports.difference(self.mentioned_in))

    def tolls(self, name: str) -> tuple[int, int] | None:
        """The (lowest, highest) reported value of `fatalities` or `injured`."""
        values = [v for r in self.records if isinstance(v := r.fields.get(name), int)]
        return (min(values), max(values)) if values else None

    def to_dict(self) -> dict[str, Any]:
        first = self.records[0].fields
        killed, injured = self.tolls("fatalities"), self.tolls("injured")
        return {
            "id": self.id,
            "articles": self.articles,
            "reports": len(self.articles),
            "mentioned_in": list(self.mentioned_in),
            "records": [
                {"article": r.article, "index": r.index, "sentence": r.fields.get("sentence")}
                for r in self.records
            ],
            "sub_event_type": first.get("sub_event_type"),
            "location": next(
                (r.fields["location"] for r in self.records if r.fields.get("location")), None
            ),
            "country": next(
                (r.fields["country"] for r in self.records if r.fields.get("country")), None
            ),
            "event_date": next(
                (r.fields["event_date"] for r in self.records if r.fields.get("event_date")), None
            ),
            "fatalities": list(killed) if killed else None,
            "injured": list(injured) if injured else None,
        }


@dataclass(slots=True)
class Story:
    """Articles that report one story: near-duplicates and reports of shared events."""

    id: str
    articles: list[str]
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "articles": list(self.articles),
            "near_duplicates": [list(p) for p in self.near_duplicates],
            "events": [e.to_dict() for e in self.events],
        }


@dataclass(slots=True)
class Grouping:
    """Every story and event of a corpus."""

    stories: list[Story]
    events: list[Event]
    story_of: dict[str, Story]
    #: (article, record index) -> event id.
    event_of: dict[tuple[str, int], str]
    #: (article, record start offset) -> event id.
    event_at: dict[tuple[str, Any], str]


# -- grouping --------------------------------------------------------------------


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _cluster(records: Iterable[Record]) -> list[list[Record]]:
    """Complete linkage in date order: a record joins the cluster whose
    every record it is compatible with (or would be, but for two places one
    of the cluster's reports puts one inside the other: `compatible_in`)
    and which holds the most records of its own place (named alike or
    within `NEAR_KM`), then the largest, then the first made. A place a
    report only mentions ("a truck travelling from Baghdad") is weaker
    evidence than the place it is about. Records with neither a date nor a
    place that name another's district come last. Records are compared
    within their country, and a record without a country with every
    cluster."""
    records = list(records)
    # A record with neither a date nor a place that names another's district
    # comes last: it joins an event only through what the event's reports
    # say of their places, so those reports must be in it first.
    containers: dict[str, set[frozenset[str]]] = defaultdict(set)
    for r in records:
        if r.within:
            containers[min(r.within)].add(r.within)

    def late(r: Record) -> bool:
        if r.first is not None or r.place:
            return False
        return any(c <= r.said for w in r.said for c in containers.get(w, ()))

    ordered = sorted(records, key=lambda r: (late(r), r.first or dt.date.min, r.article, r.index))
    clusters: list[list[Record]] = []
    by_block: dict[str, list[int]] = defaultdict(list)
    for rec in ordered:
        # A record whose country is only its place name's may be that
        # name's place in another country: compared with every cluster.
        block = "" if rec.country_weak else str(rec.fields.get("country") or "")
        candidates = by_block[block] + by_block[""] if block else range(len(clusters))
        best: int | None = None
        best_rank = (-1, -1)
        for ci in candidates:
            members = clusters[ci]
            if all(compatible_in(rec, m, members) for m in members):
                rank = (sum(same_named_place(rec, m) for m in members), len(members))
                if rank > best_rank:
                    best, best_rank = ci, rank
        if best is None:
            clusters.append([rec])
            by_block[block].append(len(clusters) - 1)
        else:
            clusters[best].append(rec)
    return _merged(clusters, by_block)


def _merged(clusters: list[list[Record]], by_block: dict[str, list[int]]) -> list[list[Record]]:
    """Clusters of one block joined when every record of the one is
    compatible with every record of the other, given what the other reports
    of both say of their places (`compatible_in`; a report's own words do
    not place it inside another's: "Imam Sahib, Kunduz" is no report of
    the city of Kunduz): a record compared before
    the report that puts its place inside another's ("Becora, Dili", read
    after "a street battle in the capital" and "fighting in Becora") has
    started a cluster of its own."""
    gone: set[int] = set()
    countryless = set(by_block[""])
    for block, indices in by_block.items():
        pool = indices + by_block[""] if block else indices
        for i in indices:
            if i in gone:
                continue
            for j in pool:
                # A cluster without a country is compared from each country's
                # side, whichever was made first (an undated follow-up with
                # no country read first, a dated report of the country after).
                if j == i or j in gone or (j < i and not (block and j in countryless)):
                    continue
                union = clusters[i] + clusters[j]
                if all(
                    compatible_in(a, b, [r for r in union if r is not a and r is not b])
                    for a in clusters[i]
                    for b in clusters[j]
                ):
                    clusters[i] = union
                    gone.add(j)
    return [c for k, c in enumerate(clusters) if k not in gone]


def group_events(records: Iterable[Record]) -> list[Event]:
    """Records joined into events (complete linkage); records of a whole
    country or region then join at most one of them (`broad`)."""
    specific: list[Record] = []
    broad: list[Record] = []
    for rec in records:
        (broad if is_broad(rec) else specific).append(rec)
    clusters = _cluster(specific)
    left = attach_broad(clusters, sorted(broad, key=lambda r: r.key))
    clusters.extend(_cluster(left))
    events = []
    for members in clusters:
        first = min(members, key=lambda r: r.key)
        events.append(Event(f"e-{_digest(f'{first.article}#{first.index}')}", members))
    return events


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _add_reprints(events: list[Event], pairs: list[tuple[str, str]], read: set[str]) -> None:
    """An article without incident records reports the events of its
    near-duplicates (a reprint whose edits hid its incident from the reader)."""
    partners: dict[str, set[str]] = defaultdict(set)
    for x, y in pairs:
        if (x in read) != (y in read):
            partners[y if x in read else x].add(x if x in read else y)
    for e in events:
        for reprint in sorted(partners):
            if partners[reprint] & {r.article for r in e.records}:
                e.reprints.append(reprint)


def _side_mentions(events: list[Event]) -> None:
    """Mark the articles that only mention an event (`Event.mentioned_in`):
    an article's records of an event other than its lead record's, on the
    same dates but incompatible with the lead (two places the same night),
    report another event beside the article's own. An event mentioned
    only is left with its articles."""
    event_of: dict[tuple[str, int], Event] = {}
    by_article: dict[str, list[Record]] = defaultdict(list)
    for e in events:
        for r in e.records:
            event_of[r.key] = e
            by_article[r.article].append(r)
    side: dict[int, set[str]] = defaultdict(set)
    own: dict[int, set[str]] = defaultdict(set)
    for article, recs in by_article.items():
        # The lead: the first record grouped on its own (`_split_headlines`).
        grouped = [r for r in recs if not r.fields.get("headline") or r.fields.get("mentioned")]
        lead = min(grouped, key=lambda r: r.index, default=None)
        for r in recs:
            e = event_of[r.key]
            if lead is None or e is event_of[lead.key]:
                own[id(e)].add(article)
            elif same_time(r, lead) and not compatible_in(r, lead, recs):
                side[id(e)].add(article)
            else:
                own[id(e)].add(article)
    for e in events:
        mentioned = sorted(side[id(e)] - own[id(e)])
        if mentioned and own[id(e)]:
            e.mentioned_in.extend(mentioned)


def _split_headlines(articles: list[StoredArticle]) -> tuple[list[Record], list[Record]]:
    """Records to group, and headline records set aside: a record read from
    the headline ("Airstrike on Syrian market kills 16") restates the body's
    lead with less said (no place, a rounded toll), so when the body has
    records it follows the lead's event instead of being matched itself.
    A headline record that the body's sentences were merged into is the
    lead itself, and is grouped like any."""
    grouped: list[Record] = []
    aside: list[Record] = []
    for article in articles:
        records = records_of(article)
        alone = {
            r.index for r in records if r.fields.get("headline") and not r.fields.get("mentioned")
        }
        if len(alone) < len(records):
            grouped.extend(r for r in records if r.index not in alone)
            aside.extend(r for r in records if r.index in alone)
        else:
            grouped.extend(records)
    return grouped, aside


def _attach_headlines(events: list[Event], aside: list[Record]) -> None:
    lead: dict[str, tuple[int, Event]] = {}
    for e in events:
        for r in e.records:
            if r.article not in lead or r.index < lead[r.article][0]:
                lead[r.article] = (r.index, e)
    for r in aside:
        lead[r.article][1].records.append(r)


def group(articles: list[StoredArticle], near_pairs: Iterable[tuple[str, str, float]]) -> Grouping:
    """Stories and events of these articles, given their near-duplicate pairs."""
    records, aside = _split_headlines(articles)
    events = group_events(records)
    _attach_headlines(events, aside)
    _side_mentions(events)
    union = _Union()
    for art in articles:
        union.find(art.id)
    pairs = sorted((x, y) if x < y else (y, x) for x, y, _j in near_pairs)
    for x, y in pairs:
        union.join(x, y)
    _add_reprints(events, pairs, {r.article for r in records})
    # An event an article only mentions still makes it a round-up.
    events_per_article: dict[str, int] = defaultdict(int)
    for e in events:
        for article_id in set(e.articles).union(e.mentioned_in):
            events_per_article[article_id] += 1
    for e in events:
        linking = [a for a in e.articles if events_per_article[a] <= MAX_LINKING_EVENTS]
        for other in linking[1:]:
            union.join(linking[0], other)
    members: dict[str, list[str]] = defaultdict(list)
    for art in articles:
        members[union.find(art.id)].append(art.id)
    stories: dict[str, Story] = {}
    story_of: dict[str, Story] = {}
    for root, ids in members.items():
        story = Story(f"s-{_digest(root)}", sorted(ids))
        stories[root] = story
        for article_id in ids:
            story_of[article_id] = story
    for x, y in pairs:
        if x in story_of:
            story_of[x].near_duplicates.append((x, y))
    for e in events:
        story_of[(e.articles or [e.records[0].article])[0]].events.append(e)
    event_of = {r.key: e.id for e in events for r in e.records}
    event_at = {(r.article, r.fields.get("start")): e.id for e in events for r in e.records}
    ordered = sorted(stories.values(), key=lambda s: (-len(s.articles), s.articles[0]))
    return Grouping(ordered, events, story_of, event_of, event_at)


def grouping_of(store: StoryStore) -> Grouping:
    """The stories and events of everything in a story store."""
    return group(store.all(), store.all_near_pairs())
