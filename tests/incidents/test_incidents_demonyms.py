"""Demonyms for every country of the place table (`demonyms.py`)."""

from __future__ import annotations

import datetime as dt

from glossator.index.entities import Recogniser
from glossator.index.incidents import IncidentExtractor
from glossator.index.incidents.demonyms import NO_DEMONYM
from glossator.index.incidents.places import places


def test_every_country_in_the_place_table_has_a_demonym_or_is_listed_without() -> None:
    table = places()
    have = set(table._demonyms.values())
    lacking = sorted(c for c in table._countries if c not in have and c not in NO_DEMONYM)
    assert lacking == []


def test_the_table_own_demonyms_win_over_the_supplement() -> None:
    assert places().country_of_word("Kurdish") == "IQ"
    assert places().country_of_word("Thais") == "TH"


def test_a_report_naming_only_a_demonym_gets_its_country() -> None:
    text = (
        "Terrorists attacked a position of the Togolese armed forces in the north of the "
        "country on Saturday, killing seven soldiers, the government said."
    )
    (found,) = IncidentExtractor().extract(
        text, Recogniser.load().recognise(text), dt.date(2026, 1, 25)
    )
    assert found.country == "Togo"
