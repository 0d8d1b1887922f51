"""A report placed in a city named like its state ("Sao Paulo") is not a
report of the whole state when the other report's place is a neighbouring
city of its own (`matching._namesake_city_apart`)."""

from __future__ import annotations

from glossator.index.stories.grouping import group
from glossator.index.stories.rows import StoredArticle

CLASH = {"sub_event_type": "Armed clash", "event_date": "2026-05-06", "country": "Brazil"}
CAPITAL = {
    **CLASH,
    "location": "Sao Paulo",
    "country_from_name": True,
    "admin1": "BR.sao paulo",
    "latitude": -23.5475,
    "longitude": -46.6361,
    "fatalities": 6,
    "sentence": "A police raid in a Sao Paulo favela left six dead on Wednesday.",
}


def _events(other: dict[str, object]) -> set[str]:
    articles = [
        StoredArticle("capital.txt", "capital", 0, b"", "2026-05-06", [CAPITAL]),
        StoredArticle("other.txt", "other", 0, b"", "2026-05-06", [other]),
    ]
    g = group(articles, [])
    return {g.event_of[("capital.txt", 0)], g.event_of[("other.txt", 0)]}


def test_a_neighbouring_city_the_same_day_is_another_event() -> None:
    guarulhos = {
        **CLASH,
        "location": "Guarulhos",
        "admin1": "BR.sao paulo",
        "latitude": -23.4628,
        "longitude": -46.5333,
        "fatalities": 2,
        "sentence": "Two suspects were killed in a shootout with police in Guarulhos on Wednesday.",
    }
    assert len(_events(guarulhos)) == 2


def test_a_community_in_a_neighbouring_city_is_another_event() -> None:
    community = {
        **CLASH,
        "location": "Pimentas",
        "within": "Guarulhos",
        "within_admin1": "BR.sao paulo",
        "fatalities": 2,
        "sentence": "Two suspects were killed in a shootout with police in the Pimentas "
        "community in Guarulhos on Wednesday.",
    }
    assert len(_events(community)) == 2


def test_a_place_of_the_state_with_no_town_of_its_own_still_joins() -> None:
    favela = {
        **CLASH,
        "location": "Paraisopolis",
        "admin1": "BR.sao paulo",
        "fatalities": 7,
        "sentence": "Seven people were killed in a police raid on the Paraisopolis favela on "
        "Wednesday.",
    }
    assert len(_events(favela)) == 1
