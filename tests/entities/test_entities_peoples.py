"""Peoples named by the words around them (`peoples.py`): what each cue must
find and what it must leave alone. Invented names throughout."""

from __future__ import annotations

import pytest

from glossator.index.entities import Recogniser


def norp(text: str, recogniser: Recogniser) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == "NORP"]


@pytest.mark.parametrize(
    ("text", "peoples"),
    [
        ("Fighting between Velmei and Korvi communities flared again.", ["Velmei", "Korvi"]),
        ("The Tessu live beside the Ruvatu people in the hills.", ["Ruvatu"]),
        ("Gunmen from the Sarkan and Dobel clans clashed.", ["Sarkan", "Dobel"]),
        ("The victims were ethnic Dorvans, she said.", ["Dorvans"]),
        ("Elders of the Ruvatu tribe met. The Ruvatu then left.", ["Ruvatu", "Ruvatu"]),
    ],
)
def test_a_people_by_its_cue(recogniser: Recogniser, text: str, peoples: list[str]) -> None:
    assert norp(text, recogniser) == peoples


@pytest.mark.parametrize(
    "text",
    [
        "Young people said they would vote.",
        "Three people died in the crash.",
        "North East people did not want it.",
        "Tolvaw people said officials in Tolvaw agreed.",
        "BBC people were told on Monday.",
    ],
)
def test_no_people_without_a_name(recogniser: Recogniser, text: str) -> None:
    assert norp(text, recogniser) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Police said the Maoists had laid the mines.", "Maoists"),
        ("the end of the Naxal insurgency", "Naxal"),
        ("The Frenchman won in straight sets.", "Frenchman"),
        ("the Irishman said after the race", "Irishman"),
    ],
)
def test_political_groups_and_demonym_nouns_are_norp(
    recogniser: Recogniser, text: str, span: str
) -> None:
    assert (span, "NORP") in {(e.text, e.label) for e in recogniser.recognise(text)}


def test_a_demonym_naming_a_currency_is_money_not_a_people(recogniser: Recogniser) -> None:
    text = "Shares lost 65 Canadian cents, to 1.90 Canadian dollars, against the Swiss franc."
    assert [e.text for e in recogniser.recognise(text) if e.label == "NORP"] == []
    assert [e.text for e in recogniser.recognise("Canadian troops left.") if e.label == "NORP"] == [
        "Canadian"
    ]


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Governor Diri urged Ijaw youths to stay calm.", "Ijaw"),
        ("The Pamiri minority has accused the capital.", "Pamiri"),
        ("the independence of the mostly Diola region", "Diola"),
        ("Saint-Louis, a Kanak district on the edge of the city", "Kanak"),
        ("a radical Mapuche group that demands land", "Mapuche"),
        ("when clan elders of the Dhulbahante declared", "Dhulbahante"),
    ],
)
def test_more_peoples_are_norp(recogniser: Recogniser, text: str, people: str) -> None:
    assert (people, "NORP") in {(e.text, e.label) for e in recogniser.recognise(text)}
