"""Organisation and facility names that go on past "and" (`names.py`): what
must be joined and what must stay two names. Invented names throughout."""

from __future__ import annotations

import pytest

from glossator.index.entities import Recogniser


def found(text: str, recogniser: Recogniser) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in recogniser.recognise(text)}


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Ministry of Water and Sanitation", "ORG"),
        ("Forces for the Defence of Velmora and Order", "ORG"),
        ("Department of Health and Human Services", "ORG"),
        ("Fisheries and Tolvane Commission", "ORG"),
        ("Mother and Child Hospital", "FAC"),
    ],
)
def test_a_name_goes_on_past_and(recogniser: Recogniser, name: str, label: str) -> None:
    text = f"A statement from the {name} said on Monday that ten people had died."
    assert (name, label) in found(text, recogniser)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("The Ministry of Defence and Nato agreed on Monday.", "Ministry of Defence"),
        ("The Bank of Velmora and Tolvane Trust Bank will merge.", "Bank of Velmora"),
        ("The University of Velmora and Dan Kessler wrote it.", "University of Velmora"),
        ("Shares in Kestrava and British Airways fell.", "British Airways"),
    ],
)
def test_two_names_joined_by_and_stay_two(recogniser: Recogniser, text: str, first: str) -> None:
    orgs = {t for t, label in found(text, recogniser) if label == "ORG"}
    assert first in orgs
    assert not any(" and " in t for t in orgs)
