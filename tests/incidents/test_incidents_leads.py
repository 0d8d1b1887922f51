"""A lead's parts that are not the event's: a dateline in capitals (with
its date and agency) is neither the attacker, the victim nor the place; a
superlative is no attacker; a country's own name is the country, not its
subdivision of that name; a country whose government speaks is not where
it happened. A killing told with its weapon ("killed with two shots") is an
attack, and a strike on a named facility is concrete without an attacker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from glossator.index.incidents import Incident

Run = Callable[..., list[Incident]]
SAT = dt.date(2026, 2, 15)


@pytest.mark.parametrize(
    ("text", "kind", "location", "country"),
    [
        # The dateline is not the place.
        ("PORT OF SPAIN: A 17-year-old was shot dead on Friday night in Morvant, police said.",
         "Attack", "Morvant", None),
        # The weapon makes the killing an attack.
        ("A taxi driver was killed with two shots to the head in Rosario late on Thursday,"
         " Santa Fe police reported.", "Attack", "Rosario", "Argentina"),
        # Whose government speaks is not where it happened.
        ("Serbia's government denied any link to Saturday's shooting of two policemen near"
         " Zupce, in the north of Kosovo, and called for calm.", "Attack", "Zupce", "Kosovo"),
        # Without the dateline read as its attacker, the strike has only
        # its named facility to make it concrete.
        ("ANBAR: Two armed drones targeted Iraq's Ain Al-Asad air base, which hosts US forces,"
         " a security source told Reuters.", "Air/drone strike", "Ain Al-Asad air base", "Iraq"),
    ],
)  # fmt: skip
def test_what_and_where(run: Run, text: str, kind: str, location: str, country: str | None) -> None:
    (found,) = run(text, SAT)
    assert (found.sub_event_type, found.location) == (kind, location)
    if country is not None:
        assert found.country == country


@pytest.mark.parametrize(
    "text",
    [
        "BUENOS AIRES: Three people were killed when gunmen on motorcycles fired at a shop"
        " in Rosario, Santa Fe province, on Saturday, police said.",
        "JAKARTA (Reuters) - Suspected Islamist militants killed four farmers with machetes"
        " in Poso on Tuesday, police said.",
        "Deadliest gang attack of the year in Panama leaves five dead",
    ],
)
def test_no_attacker_or_victim_from_a_dateline_or_a_superlative(run: Run, text: str) -> None:
    (found,) = run(text, SAT)
    for name in ("BUENOS", "Reuters", "Deadliest"):
        assert name not in (found.actor1 or "") and name not in (found.actor2 or "")


def test_a_killing_with_a_companion_is_no_attack(run: Run) -> None:
    text = "A pilot was killed with his co-pilot when the plane came down on Friday."
    assert run(text, SAT) == []


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
