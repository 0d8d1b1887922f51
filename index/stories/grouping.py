"""Events and stories from the story store's rows.

An **event** is a set of incident records, from one or more articles, that
describe the same real event: compatible sub-event types, the same or an
overlapping place, dates within `DATE_WINDOW_DAYS` when known, and no
conflicting attacker. Records join an event only when they are compatible
with every record already in it (complete linkage), so two unrelated
reports are never chained through a third.

A **story** is a connected set of articles: near-duplicates (store.near)
and articles sharing an event. An article with more than
`MAX_LINKING_EVENTS` events (a round-up) is joined through near-duplicates
only, so it does not merge the stories of every event it mentions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from glossator.index.stories.store import StoredArticle, StoryStore

#: Event dates (or article dates, when the record has none) further apart
#: than this are different events.
DATE_WINDOW_DAYS = 2
#: When a record has no date of its own, the event is taken to lie this
#: many days before the article's date, up to the article's date.
UNDATED_LOOKBACK_DAYS = 3
#: Places with coordinates this close are the same place.
NEAR_KM = 25.0
MAX_LINKING_EVENTS = 3

#: Sub-event types that one event can be reported as.
_FAMILY = {
    "Air/drone strike": "strike",
    "Shelling/artillery/missile attack": "strike",
    "Disrupted weapons use": "strike",
    "Remote explosive/landmine/IED": "bomb",
    "Suicide bomb": "bomb",
    "Grenade": "bomb",
    "Armed clash": "clash",
    "Abduction/forced disappearance": "abduction",
}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "in", "city", "town", "village", "province", "state", "region"}
#: Words that describe an attacker without naming one ("gunmen", "armed men").
_GENERIC_ACTORS = {
    "forces",
    "force",
    "military",
    "army",
    "group",
    "groups",
    "militants",
    "fighters",
    "rebels",
    "gunmen",
    "gunman",
    "armed",
    "men",
    "attackers",
    "assailants",
    "bandits",
    "unknown",
    "unidentified",
    "suspected",
}
#: Date words the extractor can mistake for an attacker ("Monday's attack").
_NOT_ACTORS = {
    "s",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "last",
    "week",
    "weekend",
    "overnight",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}


@dataclass(slots=True)
class Record:
    """One incident record of one article, as grouping sees it."""

    article: str
    index: int
    fields: dict[str, Any]
    first: dt.date | None
    last: dt.date | None
    place: frozenset[str]
    actor: frozenset[str]

    @property
    def key(self) -> tuple[str, int]:
        return (self.article, self.index)


@dataclass(slots=True)
class Event:
    """Records of one real event across articles."""

    id: str
    records: list[Record]

    @property
    def articles(self) -> list[str]:
        return sorted({r.article for r in self.records})

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


# -- records -------------------------------------------------------------------


def _words(text: object) -> frozenset[str]:
    if not isinstance(text, str):
        return frozenset()
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _date_range(
    fields: dict[str, Any], article_date: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The days the event may lie in: its own date when it is a day or a
    week; else (a month, a year, none) the days before the article's date;
    None when neither is known."""
    text = fields.get("event_date")
    if isinstance(text, str) and text:
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                d = dt.date.fromisoformat(text)
                return d, d
            if re.fullmatch(r"\d{4}-W\d{2}", text):
                y, w = text.split("-W")
                start = dt.date.fromisocalendar(int(y), int(w), 1)
                return start, start + dt.timedelta(days=6)
        except ValueError:
            pass
    if article_date is not None:
        return article_date - dt.timedelta(days=UNDATED_LOOKBACK_DAYS), article_date
    return None


def records_of(article: StoredArticle) -> list[Record]:
    """An article's incident records, ready to compare."""
    try:
        adate = dt.date.fromisoformat(article.date) if article.date else None
    except ValueError:
        adate = None
    out = []
    for i, fields in enumerate(article.incidents):
        if not isinstance(fields, dict):
            continue
        span = _date_range(fields, adate)
        place = _words(fields.get("location"))
        out.append(
            Record(
                article.id,
                i,
                fields,
                span[0] if span else None,
                span[1] if span else None,
                place,
                _words(fields.get("actor1")) - _GENERIC_ACTORS - _NOT_ACTORS,
            )
        )
    return out


# -- compatibility ---------------------------------------------------------------


def _km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    try:
        la1, lo1 = float(a["latitude"]), float(a["longitude"])
        la2, lo2 = float(b["latitude"]), float(b["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: Record, b: Record) -> bool:
    ca, cb = a.fields.get("country"), b.fields.get("country")
    if ca and cb and ca != cb:
        return False
    km = _km(a.fields, b.fields)
    if km is not None and km <= NEAR_KM:
        return True
    if a.place and b.place:
        return a.place <= b.place or b.place <= a.place
    # A record without a place matches when its sentence names the other's
    # place ("an explosive device ... near Mopti" read without a location).
    for one, other in ((a, b), (b, a)):
        if not one.place and other.place and other.place <= _words(one.fields.get("sentence")):
            return True
    return False


def same_type(a: Record, b: Record) -> bool:
    ta, tb = a.fields.get("sub_event_type"), b.fields.get("sub_event_type")
    if ta == tb or ta == "Attack" or tb == "Attack" or not ta or not tb:
        return True
    return _FAMILY.get(ta) == _FAMILY.get(tb)


def same_time(a: Record, b: Record) -> bool:
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return True
    gap = max((a.first - b.last).days, (b.first - a.last).days, 0)
    return gap <= DATE_WINDOW_DAYS


def _prefix_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x[:5] == y[:5] for x in a for y in b)


def same_actor(a: Record, b: Record) -> bool:
    """False only when both name an attacker and the names share nothing
    (no word, no word's first five letters, not one's initials)."""
    if not a.actor or not b.actor:
        return True
    if _prefix_overlap(a.actor, b.actor):
        return True
    for one, other in ((a, b), (b, a)):
        words = _WORD.findall(str(other.fields.get("actor1") or "").lower())
        initials = "".join(w[0] for w in words)
        if len(initials) > 1 and initials in one.actor:
            return True
    return False


def same_day(a: Record, b: Record) -> bool:
    """Both records are dated to the same single day."""
    return a.first is not None and a.first == a.last == b.first == b.last


def compatible(a: Record, b: Record) -> bool:
    """Could `a` and `b` be reports of one event? The attackers are compared
    only when the dates leave room for doubt: the extractor's actor1 is the
    noisiest field, and the same place, day and type are stronger evidence."""
    if not (same_time(a, b) and same_type(a, b) and same_place(a, b)):
        return False
    return same_day(a, b) or same_actor(a, b)


# -- grouping --------------------------------------------------------------------


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def group_events(records: Iterable[Record]) -> list[Event]:
    """Records joined into events (complete linkage), in date order."""
    ordered = sorted(records, key=lambda r: (r.first or dt.date.min, r.article, r.index))
    clusters: list[list[Record]] = []
    by_block: dict[str, list[int]] = defaultdict(list)
    for rec in ordered:
        block = str(rec.fields.get("country") or "")
        best: int | None = None
        for ci in by_block[block] + (by_block[""] if block else []):
            members = clusters[ci]
            if all(compatible(rec, m) for m in members):
                if best is None or len(members) > len(clusters[best]):
                    best = ci
        if best is None:
            clusters.append([rec])
            by_block[block].append(len(clusters) - 1)
        else:
            clusters[best].append(rec)
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


def group(articles: list[StoredArticle], near_pairs: Iterable[tuple[str, str, float]]) -> Grouping:
    """Stories and events of these articles, given their near-duplicate pairs."""
    records = [r for a in articles for r in records_of(a)]
    events = group_events(records)
    union = _Union()
    for art in articles:
        union.find(art.id)
    pairs = sorted((x, y) if x < y else (y, x) for x, y, _j in near_pairs)
    for x, y in pairs:
        union.join(x, y)
    events_per_article: dict[str, int] = defaultdict(int)
    for e in events:
        for article_id in e.articles:
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
        story_of[e.records[0].article].events.append(e)
    event_of = {r.key: e.id for e in events for r in e.records}
    event_at = {(r.article, r.fields.get("start")): e.id for e in events for r in e.records}
    ordered = sorted(stories.values(), key=lambda s: (-len(s.articles), s.articles[0]))
    return Grouping(ordered, events, story_of, event_of, event_at)


def grouping_of(store: StoryStore) -> Grouping:
    """The stories and events of everything in a story store."""
    return group(store.all(), store.all_near_pairs())
