"""A neighbourhood named before its town after a comma ("Chinatown,
Honiara", "Lakes Pen, St Catherine") is in that town's country, not in a
same-named place elsewhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from glossator.index.incidents import Incident
from glossator.index.incidents.places import places

Run = Callable[..., list[Incident]]
WED = dt.date(2026, 7, 22)


def test_a_neighbourhood_the_table_puts_elsewhere_is_in_the_town_named_after_it(
    run: Run,
) -> None:
    text = "Rioters set fire to a shop in Chinatown, Honiara, on Wednesday, killing two people."
    (found,) = run(text, WED)
    assert found.location == "Chinatown"
    assert found.within == "Honiara"
    assert found.country == "Solomon Islands"


def test_a_neighbourhood_keeps_the_words_the_recogniser_left_off(run: Run) -> None:
    text = "Gunmen shot dead six people at a dance in Lakes Pen, St Catherine, on Saturday night."
    (found,) = run(text, dt.date(2026, 1, 18))
    assert found.location == "Lakes Pen"
    assert found.country == "Jamaica"


def test_a_known_district_of_a_town_stays_a_place_of_its_own(run: Run) -> None:
    text = "A grenade killed a woman at her house in Deurne, Antwerp, early on Thursday."
    (found,) = run(text, dt.date(2026, 3, 19))
    assert found.location == "Deurne"
    assert found.within is None
    assert found.country == "Belgium"


def test_st_is_saint_in_the_table() -> None:
    place = places().lookup("St Catherine", ["JM"])
    assert place is not None and place.code == "JM"
