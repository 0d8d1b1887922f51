"""An event named to date the sentence ("days after the clashes") is still
reported when it is told with its own toll and the sentence tells of
nothing else; named only to date another event, it is not. Troops that
"exchanged gunfire" clashed, as those that "exchanged fire"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from glossator.index.incidents import Incident

Run = Callable[..., list[Incident]]
SAT = dt.date(2026, 3, 8)


def test_an_earlier_event_told_with_its_toll_is_a_report(run: Run) -> None:
    found = run(
        "Illegal miners were back at the Kansanshi pit in Solwezi two days after the clashes"
        " with police in which five people died, residents said.",
        SAT,
    )
    assert [i.sub_event_type for i in found] == ["Armed clash"]


def test_an_earlier_event_without_a_toll_is_no_report(run: Run) -> None:
    found = run(
        "Illegal miners were back at the Kansanshi pit in Solwezi two days after the clashes"
        " with police, residents said.",
        SAT,
    )
    assert found == []


def test_the_sentence_s_own_event_still_decides(run: Run) -> None:
    found = run(
        "A car bomb killed two people in Budva hours after the shooting in Kotor that"
        " killed three.",
        SAT,
    )
    assert len(found) == 1
    assert found[0].sub_event_type != "Armed clash"
    assert found[0].fatalities == 2


def test_troops_that_exchanged_gunfire_clashed(run: Run) -> None:
    found = run(
        "Thai and Cambodian troops exchanged gunfire near the Preah Vihear temple on Thursday"
        " afternoon, killing one Cambodian soldier, Phnom Penh said.",
        SAT,
    )
    assert [i.sub_event_type for i in found] == ["Armed clash"]
