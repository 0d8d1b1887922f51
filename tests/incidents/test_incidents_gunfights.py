"""A gunfight or a shoot-out is an armed clash, like a firefight."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from glossator.index.incidents import Incident

Run = Callable[..., list[Incident]]


@pytest.mark.parametrize(
    "text",
    [
        "Police blamed a drug gang for a gunfight in the Kisauni area of Mombasa that killed"
        " three people on Sunday.",
        "Two policemen and a suspect died in a shoot-out with robbers in Kisumu on Friday.",
        "Four suspected smugglers were killed in a shootout with soldiers near Garissa.",
    ],
)
def test_a_gunfight_or_a_shootout_is_an_armed_clash(run: Run, text: str) -> None:
    found = run(text, dt.date(2026, 3, 2))
    assert [i.sub_event_type for i in found] == ["Armed clash"]


def test_a_gunfight_in_a_film_is_no_incident(run: Run) -> None:
    text = "The film ends with a gunfight in a Nairobi nightclub, critics said."
    assert run(text, dt.date(2026, 3, 2)) == []
