"""A village the table does not know is in the subdivision of the town it
is named near; a capital named as the place stays in its country."""

from __future__ import annotations

import datetime as dt

from incident_steps import Run, one


def test_a_village_named_near_a_known_town_is_in_that_towns_subdivision(
    incidents: Run,
) -> None:
    text = (
        "Gunmen kill six in Ndikeba village\n"
        "Gunmen stormed Ndikeba village near Mamfe on Saturday night, killing six people,"
        " local officials said.\n"
    )
    found = one(incidents, text, dt.date(2026, 5, 4))
    assert found.location == "Ndikeba"
    assert found.admin1 is None
    assert found.within_admin1 == "CM.south west"


def test_a_town_the_village_is_not_named_near_gives_no_subdivision(incidents: Run) -> None:
    found = one(
        incidents,
        "Gunmen stormed Ndikeba village on Saturday night, killing six people, officials said"
        " in Mamfe.",
        dt.date(2026, 5, 4),
    )
    assert found.within_admin1 is None


def test_a_capital_is_its_countrys_beside_a_namesake_elsewhere(incidents: Run) -> None:
    found = one(
        incidents,
        "Taxi drivers in Montevideo stopped work on Friday after a driver was shot dead by a"
        " passenger in Cerro late on Thursday, the union said.",
        dt.date(2026, 3, 27),
    )
    assert found.country == "Uruguay"
