"""Context that is not the event's: the setting after "police said, as",
a town's name or a toll as the attacker, a headline's risen toll, a town
whose name goes on ("Norte de Santander"), and a city of another country
beside a same-named place the table puts elsewhere."""

from __future__ import annotations

import datetime as dt

from incident_steps import Run, one

WED = dt.date(2026, 7, 22)


def test_the_setting_after_the_report_is_not_the_place(incidents: Run) -> None:
    found = one(
        incidents,
        "Two people died when a crowd torched shops in the Papua New Guinea capital on"
        " Wednesday, police said, as protests turned violent on Bougainville.",
        WED,
    )
    assert found.location == "Papua New Guinea"


def test_a_city_of_another_country_in_the_sentence_places_a_same_named_place(
    incidents: Run,
) -> None:
    found = one(
        incidents,
        "Police arrested 40 people over the burning of Chinatown in which three people died,"
        " and a curfew remains in force in Honiara.",
        None,
    )
    assert found.location == "Chinatown"
    assert found.country == "Solomon Islands"


def test_a_town_whose_name_goes_on_is_not_the_container(incidents: Run) -> None:
    found = one(
        incidents,
        "A drone attack on the army base in Tibu, Norte de Santander, killed two soldiers"
        " on Tuesday, the army said.",
        dt.date(2026, 9, 15),
    )
    assert found.within is None
    assert found.country == "Colombia"


def test_a_toll_or_a_town_is_no_attacker(incidents: Run) -> None:
    toll = one(
        incidents, "Death toll from Monday's drone strike on Kadugli market rises to 18", None
    )
    assert toll.actor1 is None
    town = one(incidents, "Kadugli drone strike kills 12 on Monday", dt.date(2024, 3, 5))
    assert town.actor1 is None


def test_a_headlines_risen_toll_is_its_storys(incidents: Run) -> None:
    text = (
        "Kindamba train attack: toll rises to six\n"
        "The toll of Friday's attack on the train near Kindamba has risen to six, a hospital"
        " source said on Sunday.\n"
    )
    found = one(incidents, text, dt.date(2026, 11, 22))
    assert found.fatalities == 6
    assert found.sentence.startswith("The toll of Friday's attack")


def test_a_group_named_after_a_place_after_of_the_is_not_the_place(incidents: Run) -> None:
    found = one(
        incidents,
        "Officials suspect insurgents, remnants of the Kadugli group, of Saturday's"
        " ambush of a bus that killed six people.",
        dt.date(2026, 10, 11),
    )
    assert found.location is None
