"""Natural features and facilities by their head word (`landforms.py`): what
each head must find and what it must leave alone. Invented names throughout."""

from __future__ import annotations

import pytest

from glossator.index.entities import Recogniser


def found(text: str, recogniser: Recogniser) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in recogniser.recognise(text)}


def labels_of(text: str, recogniser: Recogniser, label: str) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == label]


@pytest.mark.parametrize(
    "phrase",
    [
        "Zelbuki Range",
        "Orvanto Falls",
        "Qastun Pass",
        "Morvagi Highlands",
        "Tessaro Canyon",
        "Ulvaran Marshes",
    ],
)
def test_capitalised_heads_after_the_name(recogniser: Recogniser, phrase: str) -> None:
    assert (phrase, "LOC") in found(f"Rebels withdrew to the {phrase} on Monday.", recogniser)


@pytest.mark.parametrize(
    "phrase",
    [
        "Tondarui forest",
        "Kelbasso mountains",
        "Urzana valley",
        "Mbarika hills",
        "Zentori river",
        "Qolbar plateau",
        "Sowari wadi",
    ],
)
def test_lower_case_heads_are_part_of_the_feature(recogniser: Recogniser, phrase: str) -> None:
    assert (phrase, "LOC") in found(f"Gunmen hid in the {phrase} for days.", recogniser)


@pytest.mark.parametrize(
    "phrase", ["River Ostvan", "Wadi Harrum", "Jebel Tassouk", "Wadi al-Qarrun", "Jabal al-Zimr"]
)
def test_heads_before_the_name(recogniser: Recogniser, phrase: str) -> None:
    assert (phrase, "LOC") in found(f"Troops crossed the {phrase} at dawn.", recogniser)


def test_forest_needs_the_article(recogniser: Recogniser) -> None:
    assert ("Vembrook Forest", "LOC") in found("They camped in the Vembrook Forest.", recogniser)
    assert ("Vembrook Forest", "LOC") in found("The Vembrook Forest burned.", recogniser)
    # A club: "Nottingham Forest", "Nottm Forest" take no article.
    assert labels_of("Nottm Forest v Peterborough", recogniser, "LOC") == []
    assert labels_of("Nottingham Forest won 2-0.", recogniser, "LOC") == []


@pytest.mark.parametrize(
    "phrase",
    [
        "Velbari National Park",
        "K National Park",
        "Ostrani Game Reserve",
        "Tolvan Wildlife Sanctuary",
    ],
)
def test_protected_areas_by_their_head(recogniser: Recogniser, phrase: str) -> None:
    assert (phrase, "LOC") in found(
        f"Gunmen attacked rangers in the {phrase} on Monday.", recogniser
    )


def test_a_park_head_needs_a_name(recogniser: Recogniser) -> None:
    assert labels_of("A National Park ranger was hurt.", recogniser, "LOC") == []
    assert labels_of("She ran the UK National Park network.", recogniser, "LOC") == []


def test_a_sentence_opener_is_left_out(recogniser: Recogniser) -> None:
    assert ("Zentori River", "LOC") in found("The Zentori River burst its banks.", recogniser)
    assert ("Kelbasso mountains", "LOC") in found("The Kelbasso mountains are cold.", recogniser)


def test_a_feature_inside_a_longer_name_is_left_alone(recogniser: Recogniser) -> None:
    # The canyon is part of the park's name, not a feature of its own.
    text = "He photographed Zorrin Canyon National Park."
    assert labels_of(text, recogniser, "LOC") == ["Zorrin Canyon National Park"]
    assert labels_of("officers of Thames Valley Police said", recogniser, "LOC") == []
    assert ("Salt Lake City", "GPE") in found("east of Salt Lake City, Utah", recogniser)


def test_a_lower_case_head_after_a_people_or_a_named_feature(recogniser: Recogniser) -> None:
    # Whose desert, not which: a demonym stays NORP alone.
    got = found("convoys crossed the Malian desert", recogniser)
    assert ("Malian", "NORP") in got
    assert [name for name, label in got if label == "LOC"] == []
    # The delta of a named river: the river is the name.
    assert ("Zentori River", "LOC") in found("in the Zentori River delta", recogniser)


def test_rooms_and_cities_after_river_and_lake(recogniser: Recogniser) -> None:
    assert labels_of("They dined in the River Room of the hotel.", recogniser, "LOC") == []
    assert labels_of("Zorvu was moved to Lake City jail.", recogniser, "LOC") == []


def test_known_names_keep_their_label(recogniser: Recogniser) -> None:
    assert ("Ivory Coast", "GPE") in found("troops in Ivory Coast", recogniser)
    assert ("Rhode Island", "GPE") in found("a court in Rhode Island ruled", recogniser)


@pytest.mark.parametrize(
    "phrase",
    [
        "Marvuna international airport",
        "Telbako provincial hospital",
        "Orzani district hospital",
        "Quolba civil prison",
        "Baledo airstrip",
        "Sennari barracks",
        "Vuldora health centre",
        "Ostrava Medical Center",
    ],
)
def test_facilities_with_a_kind_or_a_new_head(recogniser: Recogniser, phrase: str) -> None:
    text = f"The wounded were taken to the {phrase} on Friday."
    assert (phrase, "FAC") in found(text, recogniser)


def test_an_owner_or_a_rank_before_the_facility_is_no_name(recogniser: Recogniser) -> None:
    assert labels_of("a Kenyan military base was hit", recogniser, "FAC") == []
    assert labels_of("a UN district hospital", recogniser, "FAC") == []
    assert labels_of("the Vuldora main hospital", recogniser, "FAC") == []


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        ("Velkaro pass", "LOC"),
        ("Tolvani plain", "LOC"),
        ("Kestra community health centre", "FAC"),
        ("Dorvan gold mine", "FAC"),
        ("Zelbo mine", "FAC"),
    ],
)
def test_more_heads_after_the_name(recogniser: Recogniser, phrase: str, label: str) -> None:
    assert (phrase, label) in found(f"Gunmen were seen near the {phrase} on Monday.", recogniser)


def test_a_pass_after_a_name_without_the_is_no_feature(recogniser: Recogniser) -> None:
    assert labels_of("A Velkaro pass found Tolvan on the wing.", recogniser, "LOC") == []


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Drones targeted the al-Marwa oil terminal on the coast.", "al-Marwa oil terminal"),
        ("The wounded were flown to the Bardai military hospital.", "Bardai military hospital"),
        ("a nurse at the University Hospital of Tavelle said", "University Hospital of Tavelle"),
    ],
)
def test_facilities_with_a_kind_or_of_inside(
    recogniser: Recogniser, text: str, facility: str
) -> None:
    assert labels_of(text, recogniser, "FAC") == [facility]


def test_hospital_of_a_longer_name_is_left_alone(recogniser: Recogniser) -> None:
    text = "She works at the University Hospital of Tavelle Valley Trust."
    assert "University Hospital of Tavelle" not in labels_of(text, recogniser, "FAC")


def test_a_name_after_island_of_is_a_natural_feature(recogniser: Recogniser) -> None:
    text = "Troops landed on the southern island of Valtoro, the army said."
    assert labels_of(text, recogniser, "LOC") == ["Valtoro"]


def test_a_known_country_after_island_of_keeps_its_label(recogniser: Recogniser) -> None:
    assert labels_of("the island of Dominica", recogniser, "GPE") == ["Dominica"]
