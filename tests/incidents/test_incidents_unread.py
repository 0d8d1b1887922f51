"""Reports the extractor once read no record from: a passive killing whose
attackers come after it or are blamed at the end, a shooting named by its
venue or its toll, a double killing, a bombing claimed, arson by its noun,
hostages held for ransom; and an earlier event named only to date this one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from glossator.index.incidents import Incident
from glossator.index.incidents.casualties import count_casualties
from glossator.index.incidents.triggers import find_trigger

Run = Callable[..., list[Incident]]
SAT = dt.date(2026, 3, 8)


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        (
            "Five people were killed when gunmen on a pickup fired at a bar in Kisumu on Saturday.",
            5,
        ),
        ("Two killed as gunmen fire on Arusha bus on Saturday", 2),
        (
            "Three traders were killed on Saturday in Kasese, police said, blaming the ADF.",
            3,
        ),
    ],
)
def test_passive_killing_with_its_attackers_after_it(run: Run, text: str, fatalities: int) -> None:
    found = run(text, SAT)
    assert len(found) == 1
    assert found[0].sub_event_type == "Attack" and found[0].fatalities == fatalities


def test_passive_killing_without_attackers_is_no_incident(run: Run) -> None:
    assert run("Two people were killed when the bus overturned on Saturday in Kisumu.", SAT) == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Police are hunting a gunman who shot a man dead outside a bar in Tivat.", "Attack"),
        ("The death toll from the weekend shooting at a dance in Old Harbour rose.", "Attack"),
        ("Mandeville shooting death toll climbs to four", "Attack"),
        ("Two men died in a shooting at a housing estate in Nimes on Friday.", "Attack"),
        ("Detectives suspect a rival gang of the double killing at La Castellane.", "Attack"),
        ("Police arrested 30 people over the burning of Chinatown on Tuesday.", "Attack"),
        ("Police arrest 30 after market arson", "Attack"),
        ("The group claimed the bombing of an army truck in Omagh last week.",
         "Remote explosive/landmine/IED"),
        ("Rebels demand ransom for Jolo hostages", "Abduction/forced disappearance"),
        ("The gang holding two hostages has released a video.", "Abduction/forced disappearance"),
        ("The group holding three tourists seized from the resort demanded a ransom.",
         "Abduction/forced disappearance"),
    ],
)  # fmt: skip
def test_newly_read_triggers(sentence: str, kind: str) -> None:
    found = find_trigger(sentence)
    assert found is not None and found.sub_event_type == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "A man was shot dead in Tivat, hours after the Budva bombing.",
        "A man was shot dead in Tivat a few hours after the car bomb in Budva.",
    ],
)
def test_an_earlier_event_named_to_date_this_one_does_not_type_it(sentence: str) -> None:
    found = find_trigger(sentence)
    assert found is not None and found.sub_event_type == "Attack"


def test_a_town_bombing_named_in_passing_is_no_trigger() -> None:
    assert find_trigger("Shops reopened on Monday, days after the Budva bombing.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Police hunt a gunman who shot a man dead outside a cafe.",
        "NAIROBI: A taxi driver was shot dead in Kisumu late on Thursday.",
    ],
)
def test_one_victim_counts_one(sentence: str) -> None:
    assert count_casualties(sentence, []).fatalities == 1
