"""Reports the extractor once read no record from: a killing in an
exchange of gunfire, when gunfire broke out or in the gunfire at a
barracks, a person shot several
times, a drive-by or street-corner shooting, a killer armed with a knife,
people killed when police dispersed a crowd or when gendarmes fired, the
killing of several people as a noun, and a claim for an attack whose
victim "has since died"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from glossator.index.incidents import Incident

Run = Callable[..., list[Incident]]
SAT = dt.date(2026, 3, 8)


@pytest.mark.parametrize(
    ("text", "kind", "fatalities"),
    [
        (
            "Three soldiers were killed in an exchange of gunfire at the Bafata barracks"
            " on Thursday night, a military spokesman said.",
            "Armed clash",
            3,
        ),
        (
            "Heavy gunfire broke out at a military camp near Gabu late on Thursday,"
            " killing two soldiers, the government said.",
            "Armed clash",
            2,
        ),
        (
            "Two officers have been arrested over the gunfire at the Cumere military camp"
            " in which three soldiers were killed.",
            "Armed clash",
            3,
        ),
        (
            "A 40-year-old man was shot several times outside a shop in Orange Walk"
            " on Friday night and died on the spot.",
            "Attack",
            None,
        ),
        (
            "A teenager wounded in the drive-by shooting in Dangriga died in hospital,"
            " bringing the toll to three.",
            "Attack",
            3,
        ),
        (
            "A man armed with a knife killed four people at a bus station in Dali"
            " on Monday, police said.",
            "Attack",
            4,
        ),
        (
            "Three people were killed when police dispersed a crowd outside the"
            " governor's office in Khiva on Thursday, officials said.",
            "Attack",
            3,
        ),
        (
            "At least three protesters were killed in Kankan on Thursday when gendarmes"
            " fired live rounds, the opposition said.",
            "Attack",
            3,
        ),
        (
            # "since" an adverb, not a period's tally.
            "The group has claimed responsibility for the grenade attack on the Digboi"
            " market, in which a third victim has since died.",
            "Grenade",
            None,
        ),
        (
            "Police have arrested two men in connection with the killing of five people"
            " at a party in Caucaia.",
            "Attack",
            None,
        ),
    ],
)
def test_killings_read_as_incidents(run: Run, text: str, kind: str, fatalities: int | None) -> None:
    found = run(text, SAT)
    assert len(found) == 1
    assert found[0].sub_event_type == kind
    if fatalities is not None:
        assert found[0].fatalities == fatalities
