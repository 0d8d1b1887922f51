"""Reports of a killing the extractor once read no record from: a shooting
told by the toll it left and a person hit by gunfire."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from glossator.index.incidents import Incident

Run = Callable[..., list[Incident]]
SAT = dt.date(2026, 3, 8)


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        (
            "Police have released photos of two men wanted over the shooting on Bay Street"
            " in Freeport that left three men dead.",
            3,
        ),
        (
            "Police are hunting two gunmen over the shooting at the Tema depot which killed"
            " two guards.",
            2,
        ),
        (
            "A gendarme died after being hit by gunfire as troops cleared a barricade in"
            " Bourail on Tuesday.",
            None,
        ),
        # One victim stabbed to death: a toll of one.
        ("A 14-year-old boy was stabbed to death in Leicester on Saturday.", 1),
        ("One trader was stabbed to death at the market in Guma on Saturday.", 1),
    ],
)
def test_killings_read_as_attacks(run: Run, text: str, fatalities: int | None) -> None:
    found = run(text, SAT)
    assert len(found) == 1
    assert found[0].sub_event_type == "Attack"
    if fatalities is not None:
        assert found[0].fatalities == fatalities


@pytest.mark.parametrize(
    "text",
    [
        "The striker was hit by a car in Lome on Saturday.",
        "The shooting of the film in Kribi that left the crew exhausted ended on Friday.",
    ],
)
def test_no_attack_without_a_victim(run: Run, text: str) -> None:
    assert run(text, SAT) == []
