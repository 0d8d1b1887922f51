"""Undated follow-ups without a place that name the district or province
another report put the event's place in (`matching.names_container`,
`broad`)."""

from __future__ import annotations

from glossator.index.stories.grouping import group
from glossator.index.stories.rows import StoredArticle

AMBUSH = {"sub_event_type": "Attack"}


def _article(name: str, date: str | None, **fields: object) -> StoredArticle:
    return StoredArticle(f"{name}.txt", name, 0, b"", date, [{**AMBUSH, **fields}])


def test_a_placeless_follow_up_naming_the_province_joins_every_report() -> None:
    articles = [
        _article(
            "eldeber",
            "2026-11-21",
            country="Bolivia",
            location="Villa Tunari",
            within="Chapare",
            event_date="2026-11-21",
            sentence="Three police officers were killed when armed men ambushed their patrol "
            "near Villa Tunari, in the Chapare province, on Saturday.",
        ),
        _article(
            "lostiempos",
            "2026-11-22",
            location="Villa Tunari",
            sentence="Drug traffickers were behind the ambush near Villa Tunari that killed "
            "three officers, the minister said.",
        ),
        _article(
            "followup",
            None,
            sentence="A fourth police officer wounded in the Chapare ambush died in hospital.",
        ),
    ]
    g = group(articles, [])
    events = {g.event_of[(a.id, 0)] for a in articles}
    assert len(events) == 1
    # Naming another province, it stays alone.
    articles[2] = _article(
        "followup",
        None,
        sentence="A fourth police officer wounded in the Beni ambush died in hospital.",
    )
    g = group(articles, [])
    assert g.event_of[("followup.txt", 0)] != g.event_of[("eldeber.txt", 0)]


def test_an_undated_country_report_naming_the_province_joins_its_one_event() -> None:
    prensa = _article(
        "prensa",
        "2026-08-29",
        country="Panama",
        location="Cativa",
        within="Colon",
        event_date="2026-08-29",
        fatalities=4,
        sentence="Four young men were shot dead when gunmen opened fire in Cativa, Colon "
        "province, on Saturday night.",
    )
    efe = _article(
        "efe",
        None,
        country="Panama",
        location="Panama",
        fatalities=5,
        sentence="A fifth victim of the shooting in the Caribbean province of Colon has died.",
    )
    g = group([prensa, efe], [])
    assert g.event_of[("prensa.txt", 0)] == g.event_of[("efe.txt", 0)]
    # With two events in that province, it could report either: it joins none.
    later = _article(
        "later",
        "2026-09-12",
        country="Panama",
        location="Sabanitas",
        within="Colon",
        event_date="2026-09-12",
        fatalities=4,
        sentence="Four men were shot dead in Sabanitas, Colon province, on Saturday.",
    )
    g = group([prensa, efe, later], [])
    assert g.event_of[("efe.txt", 0)] not in {
        g.event_of[("prensa.txt", 0)],
        g.event_of[("later.txt", 0)],
    }
