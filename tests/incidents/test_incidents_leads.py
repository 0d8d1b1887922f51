"""A lead's parts that are not the event's: a dateline in capitals is
neither the attacker, the victim nor the place; a superlative is no
attacker; a country's own name is the country, not its subdivision of that
name; a country whose government speaks is not where it happened. And a
killing told with its weapon ("killed with two shots") is an attack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from glossator.index.incidents import Incident

Run = Callable[..., list[Incident]]
SAT = dt.date(2026, 2, 15)


def test_a_capitals_dateline_is_neither_attacker_nor_victim(run: Run) -> None:
    (found,) = run(
        "BUENOS AIRES: Three people were killed when gunmen on motorcycles fired at a shop"
        " in Rosario, Santa Fe province, on Saturday, police said.",
        SAT,
    )
    assert found.location == "Rosario"
    assert "BUENOS" not in (found.actor1 or "") and "BUENOS" not in (found.actor2 or "")


def test_a_capitals_dateline_is_not_the_place(run: Run) -> None:
    (found,) = run(
        "PORT OF SPAIN: A 17-year-old was shot dead on Friday night in Morvant, police said.",
        SAT,
    )
    assert found.location == "Morvant"


def test_a_killing_told_with_its_weapon_is_an_attack(run: Run) -> None:
    (found,) = run(
        "A taxi driver was killed with two shots to the head in Rosario late on Thursday,"
        " Santa Fe police reported.",
        SAT,
    )
    assert found.sub_event_type == "Attack"
    assert found.fatalities == 1 and found.location == "Rosario"


def test_a_killing_with_a_companion_is_no_attack(run: Run) -> None:
    text = "A pilot was killed with his co-pilot when the plane came down on Friday."
    assert run(text, SAT) == []


def test_a_superlative_is_no_attacker(run: Run) -> None:
    (found,) = run("Deadliest gang attack of the year in Panama leaves five dead", SAT)
    assert found.actor1 is None


def test_a_countrys_own_name_is_not_its_subdivision(run: Run) -> None:
    # The article names Panama's Colon province, and the table has a
    # Panama province too: "in Panama" is still the country.
    (found,) = run(
        "Deadliest gang attack of the year in Panama leaves five dead\n"
        "A fifth victim of the shooting in the Caribbean province of Colon has died in"
        " hospital, Panama's public ministry said.",
        SAT,
    )
    assert found.country == "Panama"
    assert found.admin1 is None


def test_the_country_whose_government_speaks_is_not_the_places(run: Run) -> None:
    (found,) = run(
        "Serbia's government denied any link to Saturday's shooting of two policemen near"
        " Zupce, in the north of Kosovo, and called for calm.",
        SAT,
    )
    assert found.location == "Zupce"
    assert found.country == "Kosovo"


def test_a_strike_on_a_named_facility_after_a_dateline_is_an_incident(run: Run) -> None:
    # Without the dateline read as its attacker, the strike has only its
    # named facility to make it concrete.
    (found,) = run(
        "ANBAR: Two armed drones targeted Iraq's Ain Al-Asad air base, which hosts US forces,"
        " a security source told Reuters.",
        SAT,
    )
    assert found.sub_event_type == "Air/drone strike"
    assert found.location == "Ain Al-Asad air base"


def test_an_agencys_dateline_is_no_attacker(run: Run) -> None:
    (found,) = run(
        "JAKARTA (Reuters) - Suspected Islamist militants killed four farmers with machetes"
        " in Poso on Tuesday, police said.",
        SAT,
    )
    assert found.actor1 is not None and "Reuters" not in found.actor1
