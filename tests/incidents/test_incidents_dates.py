"""Event dates: found in the sentence, resolved against the article date."""

from __future__ import annotations

import datetime as dt

import pytest

from glossator.index.incidents.dates import find_date, resolve
from glossator.index.incidents.model import EventDate

MONDAY = dt.date(2024, 8, 12)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A drone hit the base on Tuesday.", "2024-08-06"),
        ("A drone hit the base on Monday.", "2024-08-12"),
        ("Last Monday, a drone hit the base.", "2024-08-05"),
        ("Gunmen attacked the village on 5 August.", "2024-08-05"),
        ("Gunmen attacked the village on August 5.", "2024-08-05"),
        ("Gunmen attacked the village on 20 September.", "2023-09-20"),
        ("Gunmen attacked the village on 5 August 2022.", "2022-08-05"),
        ("Last month, gunmen abducted two teachers.", "2024-07"),
        ("In January, a drone strike killed three soldiers.", "2024-01"),
        ("Shelling wounded four civilians last week.", "2024-W32"),
        ("Rebels said they fought over the weekend.", "2024-W32"),
        ("Drones attacked a refinery overnight.", "2024-08-12"),
        ("A bomb exploded yesterday.", "2024-08-11"),
        ("A US strike in Baghdad in 2020 killed a general.", "2020"),
    ],
)
def test_resolution(sentence: str, expected: str) -> None:
    match = find_date(sentence)
    assert match is not None
    assert str(resolve(match, MONDAY)) == expected


def test_the_date_of_a_statement_is_not_the_event_date() -> None:
    match = find_date("Shelling wounded four civilians last week, the governor said on Tuesday.")
    assert match is not None and match.group() == "last week"
    assert find_date("A drone hit the base, officials said on Tuesday.") is None


def test_without_an_article_date_only_explicit_years_resolve() -> None:
    weekday = find_date("A drone hit the base on Tuesday.")
    assert weekday is not None and resolve(weekday, None) is None
    full = find_date("It happened on 5 August 2024.")
    assert full is not None and resolve(full, None) == EventDate(dt.date(2024, 8, 5), "day")


def test_since_is_not_an_event_date() -> None:
    assert find_date("There have been attacks since October.") is None
