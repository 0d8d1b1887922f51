"""A country named for whose rebels or officials they are ("dissidents of
Colombia's former FARC guerrilla", "Venezuela's defence minister") is not
where the event happened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from glossator.index.incidents import Incident

Run = Callable[..., list[Incident]]


def test_a_country_named_for_its_rebels_is_neither_the_place_nor_the_country(run: Run) -> None:
    text = (
        "At least five Ecuadorian soldiers were killed in a firefight with dissidents of"
        " Colombia's former FARC guerrilla near the Colombian border on Friday, Ecuador's"
        " defence minister said."
    )
    (found,) = run(text, dt.date(2026, 3, 7))
    assert found.location is None
    assert found.country == "Ecuador"
