"""Acronyms with hyphenated parts and full names in parentheses after an
acronym (`acronyms.py`): what each shape must find and what it must leave
alone. Invented names throughout."""

from __future__ import annotations

import pytest

from glossator.index.entities import Recogniser


def found(text: str, recogniser: Recogniser) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in recogniser.recognise(text)}


@pytest.mark.parametrize("acronym", ["ZORDA-KTM", "QPLM-W", "VEL-Morasi", "KDF-IO"])
def test_a_hyphenated_acronym_is_one_name(recogniser: Recogniser, acronym: str) -> None:
    text = f"Residents said the {acronym} had sent fighters to the area on Monday."
    assert (acronym, "ORG") in found(text, recogniser)


@pytest.mark.parametrize(
    "text",
    [
        "Talks between US-UK officials and EU-China trade envoys resumed.",
        "Gunmen with an AK-47 joined the US-led coalition.",
        "Fans cheered as the team reached the QUARTER-FINALS again.",
        "The handheld VPC-C4 camcorder went on sale.",
    ],
)
def test_hyphens_between_other_names_still_separate(recogniser: Recogniser, text: str) -> None:
    joined = {t for t, label in found(text, recogniser) if label == "ORG" and "-" in t}
    assert joined == set()


def test_a_hyphenated_acronym_defined_after_its_name(recogniser: Recogniser) -> None:
    text = (
        "Fighters of the Qandari People's Liberation Movement-West (QPLM-W) attacked "
        "the town. The QPLM-W denied it."
    )
    spans = [(e.text, e.label) for e in recogniser.recognise(text)]
    assert ("Qandari People's Liberation Movement-West", "ORG") in spans
    assert spans.count(("QPLM-W", "ORG")) == 2


def test_a_full_name_in_parentheses_after_the_acronym(recogniser: Recogniser) -> None:
    text = "He blamed VEL-Morasi (Union for the Defence of Kelvana) for the attack."
    assert {("VEL-Morasi", "ORG"), ("Union for the Defence of Kelvana", "ORG")} <= found(
        text, recogniser
    )


def test_a_technical_term_in_parentheses_is_no_organisation(recogniser: Recogniser) -> None:
    text = "Readers use RSS (Really Simple Syndication) on phones with DVB-H."
    labels = found(text, recogniser)
    assert ("Really Simple Syndication", "ORG") not in labels
    assert ("DVB-H", "ORG") not in labels


def test_a_place_before_and_stays_out_of_a_defined_name(recogniser: Recogniser) -> None:
    text = "Baghdad and the Qarvesh Regional Government (QRG) signed a deal. The QRG said so."
    labels = found(text, recogniser)
    assert ("Baghdad", "GPE") in labels
    assert ("Qarvesh Regional Government", "ORG") in labels


def test_a_name_with_and_inside_keeps_it(recogniser: Recogniser) -> None:
    text = "The Qarvesh Securities and Exchange Board (QSEB) fined the bank."
    assert ("Qarvesh Securities and Exchange Board", "ORG") in found(text, recogniser)


def test_an_acronym_before_a_possessive_is_still_a_name(recogniser: Recogniser) -> None:
    text = "The Tarvo Defence Front (TDF) said so. The TDF's leader, Ona Vell, fled."
    found = [(e.text, e.label) for e in recogniser.recognise(text)]
    assert found.count(("TDF", "ORG")) == 2


def test_an_apostrophe_inside_capitals_is_no_possessive(recogniser: Recogniser) -> None:
    assert "DON" not in [e.text for e in recogniser.recognise("DON'T STOP NOW, he sang.")]
