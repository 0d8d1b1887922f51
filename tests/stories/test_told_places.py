"""A report that names two places together links the reports of each
(`matching.told_inside`)."""

from __future__ import annotations

from glossator.index.stories.grouping import group
from glossator.index.stories.rows import StoredArticle

SHOOTING = {"sub_event_type": "Attack", "event_date": "2026-09-05"}


def _articles(lead_sentence: str) -> list[StoredArticle]:
    lead = {
        **SHOOTING,
        "country": "Costa Rica",
        "location": "Cieneguita",
        "sentence": lead_sentence,
    }
    city = {
        **SHOOTING,
        "country": "Costa Rica",
        "location": "Limon",
        "admin1": "CR.limon",
        "latitude": 9.9907,
        "longitude": -83.0359,
        "sentence": "Gunmen killed four people in the Caribbean port city of Limon on Saturday.",
    }
    follow = {
        **SHOOTING,
        "location": "Cieneguita",
        "sentence": "A man wounded in Saturday's attack in Cieneguita died on Monday.",
    }
    return [
        StoredArticle(f"{n}.txt", n, 0, b"", "2026-09-06", [r])
        for n, r in (("nacion", lead), ("ticotimes", city), ("crhoy", follow))
    ]


def test_a_neighbourhood_named_with_its_city_links_the_reports_of_each() -> None:
    articles = _articles(
        "Four people were shot dead outside a house in the Cieneguita neighbourhood of "
        "Limon on Saturday."
    )
    g = group(articles, [])
    assert len({g.event_of[(a.id, 0)] for a in articles}) == 1


def test_a_neighbouring_town_named_in_a_report_links_nothing() -> None:
    articles = _articles(
        "Four people were shot dead outside a house in Cieneguita on Saturday, hours after "
        "a shooting in neighbouring Limon."
    )
    g = group(articles, [])
    assert g.event_of[("crhoy.txt", 0)] != g.event_of[("ticotimes.txt", 0)]
