"""Country names news uses that neither GeoNames nor ISO prints."""

from __future__ import annotations

import datetime as dt

import pytest
from incident_steps import Run, one

from glossator.index.incidents.places import places


@pytest.mark.parametrize(
    ("name", "code"), [("East Timor", "TL"), ("Burma", "MM"), ("DRC", "CD"), ("Swaziland", "SZ")]
)
def test_country_names_news_uses_that_the_table_lacks(name: str, code: str) -> None:
    table = places()
    assert table.country_of_word(name) == code
    place = table.lookup(name)
    assert place is not None and place.kind == "country" and place.code == code


def test_a_country_named_only_by_its_news_name_gives_the_record_its_country(
    incidents: Run,
) -> None:
    found = one(
        incidents,
        "Police in East Timor have blamed a martial arts group for a street battle in the"
        " capital that left two dead.",
        dt.date(2026, 6, 28),
    )
    assert found.country == "Timor Leste"
