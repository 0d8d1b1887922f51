"""A report of one event that also tells of another the same night, at a
neighbouring place, only mentions that other event (`grouping._side_mentions`)."""

from __future__ import annotations

from glossator.index.stories.grouping import group
from glossator.index.stories.rows import StoredArticle

GRENADE = {"sub_event_type": "Grenade", "country": "Philippines"}


def _article(name: str, *records: dict[str, object]) -> StoredArticle:
    return StoredArticle(f"{name}.txt", name, 0, b"", "2026-03-04", list(records))


def _articles() -> list[StoredArticle]:
    kidapawan = {
        **GRENADE,
        "event_date": "2026-03-03",
        "location": "Kidapawan",
        "fatalities": 1,
        "sentence": "A policeman was killed when men on a motorcycle threw a grenade at "
        "the Kidapawan police station on Tuesday night.",
    }
    makilala = {
        **GRENADE,
        "event_date": "2026-03-03",
        "location": "Makilala",
        "injured": 2,
        "sentence": "Two soldiers were hurt when a grenade was thrown at an army "
        "detachment in Makilala on Tuesday evening.",
    }
    aside = {
        **GRENADE,
        "location": "Kidapawan",
        "fatalities": 1,
        "sentence": "Hours later, a grenade attack on the police station in neighbouring "
        "Kidapawan killed a policeman.",
    }
    return [
        _article("mindanaotimes", kidapawan),
        _article("inquirer", makilala, aside),
        _article("pna", {**kidapawan, "sentence": "Grenade kills policeman in Kidapawan."}),
    ]


def test_a_neighbouring_attack_told_in_a_report_does_not_join_its_story() -> None:
    g = group(_articles(), [])
    assert g.story_of["inquirer.txt"] is not g.story_of["mindanaotimes.txt"]
    assert g.story_of["pna.txt"] is g.story_of["mindanaotimes.txt"]


def test_the_mention_stays_in_the_event_but_the_report_is_not_one_of_its_reports() -> None:
    g = group(_articles(), [])
    told = next(e for e in g.events if e.id == g.event_of[("inquirer.txt", 1)])
    assert told.id == g.event_of[("mindanaotimes.txt", 0)]
    assert told.articles == ["mindanaotimes.txt", "pna.txt"]
    assert told.mentioned_in == ["inquirer.txt"]
    assert told.to_dict()["mentioned_in"] == ["inquirer.txt"]


def test_a_second_record_of_the_same_place_is_still_the_articles_own() -> None:
    # The report's second sentence is of its own town: no mention.
    articles = _articles()
    own = {**articles[1].incidents[0], "sentence": "The Makilala attack was the second this month."}
    articles[1] = _article("inquirer", articles[1].incidents[0], own)
    g = group(articles, [])
    assert all(not e.mentioned_in for e in g.events)
