"""A road names where on a place, not a place of its own (`records._STOP`):
"Bain Town Road" is Bain Town, and a location read as "Road" alone is no
place that every report of a road shares."""

from __future__ import annotations

from glossator.index.stories.grouping import group
from glossator.index.stories.records import words
from glossator.index.stories.rows import StoredArticle


def _article(name: str, date: str | None, record: dict[str, object]) -> StoredArticle:
    return StoredArticle(f"{name}.txt", name, 0, b"", date, [record])


def test_a_road_is_the_place_it_runs_through() -> None:
    assert words("Bain Town Road") == words("Bain Town")
    assert words("Road") == frozenset()


def test_a_follow_up_on_a_road_joins_that_place_not_another_road() -> None:
    barricade = {
        "sub_event_type": "Attack",
        "event_date": "2026-06-14",
        "location": "Road",
        "sentence": "Gunmen fired on a car at a barricade on the Carolina Road on Sunday.",
    }
    arrest = {
        "sub_event_type": "Attack",
        "location": "Road",
        "actor1": "Police",
        "sentence": "Police arrested a man over the shooting at the barricade on the road.",
    }
    headline = {
        "sub_event_type": "Attack",
        "location": "Bain Town",
        "country": "Bahamas",
        "fatalities": 3,
        "sentence": "Three men shot dead in Bain Town",
    }
    lead = {
        "sub_event_type": "Attack",
        "event_date": "2026-11-27",
        "location": "Bain Town Road",
        "country": "Bahamas",
        "fatalities": 3,
        "sentence": "Three men were shot dead on Bain Town Road, Nassau, on Friday night.",
    }
    follow = {
        "sub_event_type": "Attack",
        "location": "Bain Town Road",
        "fatalities": 3,
        "sentence": "Police seek two men over the shooting on Bain Town Road that left "
        "three men dead.",
    }
    articles = [
        _article("vocero", "2026-06-15", barricade),
        _article("metro", None, arrest),
        StoredArticle("tribune.txt", "tribune", 0, b"", "2026-11-28", [headline, lead]),
        _article("guardian", None, follow),
    ]
    g = group(articles, [])
    assert g.event_of[("guardian.txt", 0)] == g.event_of[("tribune.txt", 0)]
    assert g.event_of[("guardian.txt", 0)] != g.event_of[("vocero.txt", 0)]
