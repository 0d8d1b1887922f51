"""Arson and shootings as attacks, places written inside a province or a
city after a comma, a dateline city several countries have, and a region's
other name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from glossator.index.incidents import Incident
from glossator.index.incidents.containers import inner_place
from glossator.index.incidents.places import places
from glossator.index.incidents.triggers import find_trigger

Run = Callable[..., list[Incident]]


@pytest.mark.parametrize(
    "sentence",
    [
        "Armed men set fire to a school and three houses in Kalumba on Wednesday.",
        "Hooded men torched five lorries on the highway on Tuesday.",
        "Militiamen set the market ablaze before dawn.",
        "Nine people died in Saturday night's shooting, police said.",
        "Five were killed in a shooting at a tavern in Soweto.",
        "The mass shooting left 12 dead.",
        "Two more passengers wounded in Friday's shooting on a bus in Mixco have died.",
        "Three died in a shooting aboard a bus near Mixco.",
    ],
)
def test_arson_and_shootings_of_people_are_attacks(sentence: str) -> None:
    found = find_trigger(sentence)
    assert found is not None and found.sub_event_type == "Attack"


@pytest.mark.parametrize(
    "sentence",
    [
        # BBC: "nearly 400 people were injured and buildings and vehicles
        # were set alight" (the 1981 riots): no armed actor, no attack.
        "Nearly 400 people were injured and cars were set alight.",
        "He kept shooting at goal but the keeper saved everything.",
        "The crew began shooting at the studio in March.",
    ],
)
def test_rioting_fires_and_shots_at_goal_are_no_attack(sentence: str) -> None:
    assert find_trigger(sentence) is None


def test_a_town_named_in_a_province_after_a_comma_keeps_its_container() -> None:
    sentence = "Lorries were burnt on Route 5 near Ercilla, in Malleco province, police said."
    assert inner_place(sentence, "Ercilla") == ("Ercilla", "Malleco")


def test_a_barangay_of_a_city_keeps_the_city_as_its_container() -> None:
    sentence = "Rebels ambushed a patrol in Barangay Carabalan, Himamaylan City, on Thursday."
    assert inner_place(sentence, "Carabalan") == ("Carabalan", "Himamaylan")
    # "in Mexico City" names the city itself, not a container.
    assert inner_place("Gunmen attacked a bar in Mexico City on Monday.", "Mexico") is None


def test_a_dateline_city_several_countries_have_is_the_one_the_text_names(
    incidents: Run,
) -> None:
    # Concepción is Chile's city and Paraguay's department: the text names
    # the group "Paraguayan".
    raid = incidents(
        "Two guards killed in ranch raid\nCONCEPCION: Two guards were killed on Saturday "
        "night when members of the Paraguayan People's Army attacked a cattle ranch near "
        "Horqueta, in Concepción department, the police said.",
        dt.date(2026, 7, 5),
    )
    assert raid and {i.country for i in raid} == {"Paraguay"}


def test_cameroon_s_extreme_north_is_its_far_north_region() -> None:
    table = places()
    for name in ("Extreme North", "Extreme-North"):
        place = table.lookup(name)
        assert place is not None and (place.code, place.kind) == ("CM", "region")
        assert table.subdivision(name, "CM") == "CM.far north"


def test_a_response_planned_after_a_past_attack_does_not_make_the_attack_hypothetical(
    incidents: Run,
) -> None:
    said = (
        "The government said on Wednesday it would extend the state of emergency after "
        "yesterday's attack near Ercilla in which a truck driver was killed."
    )
    assert [i.location for i in incidents(said, dt.date(2026, 5, 13))] == ["Ercilla"]
    # A threat of attacks to come still is one.
    threat = "The group said it would attack police posts near Ercilla next week."
    assert incidents(threat, dt.date(2026, 5, 13)) == []


def test_a_numbered_route_is_not_the_place(incidents: Run) -> None:
    burnt = incidents(
        "Gunmen shot dead a driver on Route 5 near Ercilla on Tuesday, police said.",
        dt.date(2026, 5, 12),
    )
    assert [i.location for i in burnt] == ["Ercilla"]
