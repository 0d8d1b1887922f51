"""A toll risen to a number, a road's number that is no toll, and a gang
named after a place that is neither the place nor its country."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from glossator.index.incidents import Incident
from glossator.index.incidents.casualties import count_casualties

Run = Callable[..., list[Incident]]


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        ("Old Harbour shooting death toll climbs to six", 6),
        ("The death toll from the weekend shooting in Old Harbour has climbed to five.", 5),
        ("A wounded guard had died, bringing the toll to four.", 4),
        ("Toll in Kidal fighting rises to 12 soldiers", 12),
    ],
)
def test_a_toll_risen_to_a_number(sentence: str, fatalities: int) -> None:
    assert count_casualties(sentence, []).fatalities == fatalities


def test_a_toll_free_number_is_no_toll() -> None:
    assert count_casualties("The toll-free line rose to 300 calls a day.", []).fatalities is None


@pytest.mark.parametrize("road", ["Route 13", "Highway 9", "Flight 17"])
def test_a_number_naming_a_road_is_no_toll(road: str) -> None:
    sentence = f"Officials blamed rebels for the ambush of a bus on {road} that killed six people."
    assert count_casualties(sentence, []).fatalities == 6


def test_a_gang_named_after_a_place_is_not_where_it_happened(run: Run) -> None:
    text = (
        "Police blamed the Bagdad gang for Saturday's attack in Cativa, in which four men"
        " were riddled with bullets."
    )
    found = run(text, dt.date(2026, 8, 30))
    assert len(found) == 1
    assert found[0].location == "Cativa"
    assert found[0].country != "Iraq"


def test_a_place_s_name_inside_a_known_group_s_name_is_neither_place_nor_country(run: Run) -> None:
    # "Mara" (a Tanzanian region) of the Mara Salvatrucha, in armed_groups.txt.
    text = (
        "Police have arrested three alleged members of the Mara Salvatrucha over the attack on"
        " a bus on the Northern Trunk road near Santa Rosa in which five passengers were killed."
    )
    (found,) = run(text, dt.date(2026, 4, 2))
    assert found.country != "Tanzania"
    text = "Soldiers killed two members of the Mara Salvatrucha in a gun battle in La Ceiba."
    (found,) = run(text, dt.date(2026, 4, 2))
    assert (found.location, found.country) == ("La Ceiba", "Honduras")
