"""Other mentions of an organisation found by a strong rule (`spread.py`),
with invented names: what spreads and what is left alone."""

from __future__ import annotations

import pytest

from glossator.index.entities import Recogniser


def labelled(text: str, recogniser: Recogniser, name: str) -> list[str]:
    """The label of every entity whose text is `name`, in order."""
    return [e.label for e in recogniser.recognise(text) if e.text == name]


@pytest.mark.parametrize(
    "text",
    [
        "Shares in Tarvelix fell. Tarvelix said it would cut jobs. Later Tarvelix"
        " hired a new boss.",
        "The plane-making giant Tarvelix lost money. Tarvelix said it would cut jobs.",
        "Tarvelix's shares fell 5%. Analysts said Tarvelix would recover.",
    ],
)
def test_a_cued_company_is_an_org_everywhere_in_the_article(
    text: str, recogniser: Recogniser
) -> None:
    found = labelled(text, recogniser, "Tarvelix")
    assert len(found) == text.count("Tarvelix")
    assert set(found) == {"ORG"}


def test_a_front_lends_its_first_word(recogniser: Recogniser) -> None:
    text = "The Quarvani Front said on Monday it had attacked. The Quarvani ended a truce in 2020."
    assert labelled(text, recogniser, "Quarvani") == ["ORG"]


def test_a_guerrilla_group_is_an_org(recogniser: Recogniser) -> None:
    text = "An ambush by remnants of the Red Tarvel guerrilla group. Red Tarvel denied it."
    assert labelled(text, recogniser, "Red Tarvel") == ["ORG", "ORG"]


def test_no_spread_into_a_longer_name_or_over_a_person(recogniser: Recogniser) -> None:
    text = (
        "Shares in Tarvelix fell. Tarvelix Power, its unit, was sold."
        " Shares in Dunmore rose. Chairman Alan Dunmore said Dunmore would grow."
    )
    assert "Tarvelix Power" not in labelled(text, recogniser, "Tarvelix")
    assert [e.text for e in recogniser.recognise(text) if e.text == "Tarvelix"] == ["Tarvelix"]
    assert "ORG" not in labelled(text, recogniser, "Dunmore")[1:]


def test_no_spread_of_a_known_place(recogniser: Recogniser) -> None:
    text = "Shares in Lagos Holdings fell. Lagos is the largest city."
    assert labelled(text, recogniser, "Lagos") == ["GPE"]
