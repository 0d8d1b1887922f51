"""More context rules (#16, second pass): what each must find and what it must
leave alone."""

from __future__ import annotations

import pytest

from glossator.index.entities import Recogniser


def found(text: str, recogniser: Recogniser) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in recogniser.recognise(text)}


def labels_of(text: str, recogniser: Recogniser, label: str) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == label]


def test_second_name_after_a_known_place(recogniser: Recogniser) -> None:
    assert ("Qalbeni", "GPE") in found("assaults near Kharkiv and Qalbeni overnight", recogniser)
    assert ("Qalbeni", "GPE") in found("villages in Aleppo and Qalbeni", recogniser)
    # After "in" the first name must be a known place, and the second must look like one.
    assert labels_of("students in Zindaro and Qalbeni", recogniser, "GPE") == ["Zindaro"]
    assert labels_of("viewers in Glasgow and NTL customers", recogniser, "GPE") == ["Glasgow"]
    assert labels_of("gigs in London and Public Enemy's", recogniser, "GPE") == ["London"]


def test_more_admin_cues(recogniser: Recogniser) -> None:
    assert ("Qalbeni", "GPE") in found("rebels took the Qalbeni territory", recogniser)
    assert ("Zindaro", "GPE") in found("in the department of Zindaro", recogniser)
    assert labels_of("Upscale department store sales fell", recogniser, "GPE") == []


def test_company_and_laboratory_heads(recogniser: Recogniser) -> None:
    got = found("Shares in Qalbeni Energy rose; Zindaro Laboratories fell.", recogniser)
    assert {("Qalbeni Energy", "ORG"), ("Zindaro Laboratories", "ORG")} <= got
    # A national modifier alone does not make one: "British oil" is no name.
    assert labels_of("British oil firms gained.", recogniser, "ORG") == []


def test_possessive_inside_an_organisation_name(recogniser: Recogniser) -> None:
    got = found("the Zindaro People's Defence Force and the Qalbeni Workers' Party", recogniser)
    assert {("Zindaro People's Defence Force", "ORG"), ("Qalbeni Workers' Party", "ORG")} <= got
    # A possessive after a proper name stays outside, and a head is needed.
    got = found("Iraq's Defence Ministry said; the People's choice", recogniser)
    assert ("Iraq", "GPE") in got and ("Defence Ministry", "ORG") in got
    assert labels_of("the People's choice", recogniser, "ORG") == []


def test_republic_of(recogniser: Recogniser) -> None:
    assert ("Republic of Congo", "GPE") in found("troops in the Republic of Congo", recogniser)
    got = found("the Democratic Republic of the Congo", recogniser)
    assert ("Democratic Republic of the Congo", "GPE") in got


def test_other_mentions_of_a_place_found_by_context(recogniser: Recogniser) -> None:
    text = "Shelling hit the village of Qaryat Zor. Residents of Qaryat Zor fled."
    assert labels_of(text, recogniser, "GPE") == ["Qaryat Zor", "Qaryat Zor"]
    # Not from a guess after "in", where half the names are no places.
    text = "He lives in Zindaro Hub. Zindaro Hub said profits rose."
    assert labels_of(text, recogniser, "GPE") == ["Zindaro Hub"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Labour won an extra 10 MEPs.", "10"),
        ("detonating two car bombs at the gate", "two"),
        ("The crew of 23 Filipino and Russian sailors left.", "23"),
        ("as thousands flee the fighting", "thousands"),
    ],
)
def test_more_counts(recogniser: Recogniser, text: str, count: str) -> None:
    assert labels_of(text, recogniser, "CARDINAL") == [count]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Among the dead were two municipal police officers.", "two"),
        ("Separatists kill 9 bus passengers.", "9"),
        ("It treated 18 gunshot victims.", "18"),
        ("Police arrested two suspects.", "two"),
        ("They need to evacuate several hundred UK citizens.", "several hundred"),
        ("A company of 100-120 UK troops is ready.", "100-120"),
        ("a new aircraft seating 110 to 135 passengers", "110 to 135"),
    ],
)
def test_counts_with_more_modifiers_and_ranges(
    recogniser: Recogniser, text: str, count: str
) -> None:
    assert labels_of(text, recogniser, "CARDINAL") == [count]


def test_a_score_is_no_range(recogniser: Recogniser) -> None:
    assert labels_of("Man City 0-2 Man Utd", recogniser, "CARDINAL") == []
    assert labels_of("They ran out 5-4 winners.", recogniser, "CARDINAL") == []


def test_and_needs_modifiers_on_both_sides(recogniser: Recogniser) -> None:
    assert labels_of("two countries and Russian sailors", recogniser, "CARDINAL") == []


def test_no_place_after_shares_in_or_starring_in(recogniser: Recogniser) -> None:
    assert labels_of("He bought shares in Zindaro.", recogniser, "GPE") == []
    assert labels_of("She was starring in Closer.", recogniser, "GPE") == []
    assert labels_of("He was a minister in Cabinet.", recogniser, "GPE") == []
    assert labels_of("He lives in Zindaro.", recogniser, "GPE") == ["Zindaro"]


def test_a_hyphenated_description_before_region_is_no_place(recogniser: Recogniser) -> None:
    text = "Attacks rose in the Muslim-majority region of the south."
    labels = {(e.text, e.label) for e in recogniser.recognise(text)}
    assert ("Muslim", "NORP") in labels
    assert not any(label == "GPE" for _, label in labels)


def test_a_known_organisation_before_a_facility_noun_owns_it(recogniser: Recogniser) -> None:
    text = "Patients were taken to the Medecins Sans Frontieres hospital in Velmora."
    labels = found(text, recogniser)
    assert ("Medecins Sans Frontieres", "ORG") in labels
    assert not any(label == "FAC" for _, label in labels)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Refugees have lived in the camps since the 1970s.", ["the 1970s"]),
        ("Prices rose in the late 1990s and the 1980s.", ["late 1990s", "the 1980s"]),
        ("The firm earned $10m in the third quarter.", ["the third quarter"]),
        ("Sales fell in the first quarter of 2005.", ["the first quarter of 2005"]),
        ("Killings doubled in the first half of the year.", ["the first half of the year"]),
        # A half with no year is a match's half; a quarter without an ordinal is a share.
        ("He scored twice in the second half.", []),
        ("It holds a quarter of the market.", []),
    ],
)
def test_decades_quarters_and_halves_are_dates(
    recogniser: Recogniser, text: str, dates: list[str]
) -> None:
    assert labels_of(text, recogniser, "DATE") == dates


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "Five died near the Kavora gold mine, operated by Tessark Gold, officials said.",
            "Tessark Gold",
        ),
        (
            "The cartel has been fighting a local gang known as Los Pardos for control.",
            "Los Pardos",
        ),
        ("Clinics run by the Ferreira Foundation, known as Ferrex, shut.", "Ferrex"),
        ("He accused the Wolo, an Ambari militia fighting the army, of the raid.", "Wolo"),
        ("said the French group Dastrel, which owns the smelter.", "Dastrel"),
        ("director of the campaign group Parents 4 Reform, said", "Parents 4 Reform"),
    ],
)
def test_organisation_cues(recogniser: Recogniser, text: str, org: str) -> None:
    assert org in labels_of(text, recogniser, "ORG")


def test_known_as_after_a_person_is_no_organisation(recogniser: Recogniser) -> None:
    text = "The gang leader Jimmy Doret, known as Barbecue, fled."
    assert "Barbecue" not in labels_of(text, recogniser, "ORG")


def test_a_person_after_group_and_an_acronym_stays_out(recogniser: Recogniser) -> None:
    text = "Chief executive of the aerospace group EADS Philippe Camus said on Monday."
    assert labels_of(text, recogniser, "ORG") == ["EADS"]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed the post at Kassoro, a village about 40 kilometres away.",
        "The fighting spread to Kassoro, a Bedouin neighbourhood on the edge of town.",
    ],
)
def test_a_name_before_a_village_in_apposition_is_a_place(
    recogniser: Recogniser, text: str
) -> None:
    assert labels_of(text, recogniser, "GPE") == ["Kassoro"]


def test_a_village_chief_in_apposition_is_no_place(recogniser: Recogniser) -> None:
    text = "said Kassoro Mbeki, a village chief in the area."
    assert labels_of(text, recogniser, "GPE") == []


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Troops sealed the roads around Vorzen and Kalpa Dol.", ["Vorzen", "Kalpa Dol"]),
        ("Units were searching villages around Vorzen.", ["Vorzen"]),
        ("They reinforced positions around Vorzen.", ["Vorzen"]),
        ("The dead were fighters returning from Vorzen.", ["Vorzen"]),
        ("Reinforcements had been sent from Vorzen.", ["Vorzen"]),
    ],
)
def test_more_place_cues(recogniser: Recogniser, text: str, places: list[str]) -> None:
    assert labels_of(text, recogniser, "GPE") == places


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # "of" and "the" start "officers" and "them": no "of"/"of the" there.
        ("The corps had deployed 200 officers along the line.", "200"),
        ("About 500 officials are accused of fraud.", "About 500"),
        ("Thirteen people, two of them gendarmes, have died.", "two"),
    ],
)
def test_counts_whose_noun_starts_like_of_or_the(
    recogniser: Recogniser, text: str, count: str
) -> None:
    assert count in labels_of(text, recogniser, "CARDINAL")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Two French gendarmes were shot overnight.", "Two"),
        ("The police had sent 40 detectives to the area.", "40"),
        ("Rights groups said three activists had been detained.", "three"),
        ("More than 200 arson attacks have been recorded.", "More than 200"),
        ("France has flown in more than 1,000 extra police.", "more than 1,000"),
    ],
)
def test_more_counted_people_and_modifiers(recogniser: Recogniser, text: str, count: str) -> None:
    assert labels_of(text, recogniser, "CARDINAL") == [count]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Tramvelo, the private firm which runs the network, said so.", "Tramvelo"),
        ("The attackers belonged to Kor Ansam, a coalition of gangs.", "Kor Ansam"),
        ("The Vendrakure, the youth wing of the ruling party, denied it.", "Vendrakure"),
        ("Voltera, the Italian dairy company, collapsed.", "Voltera"),
    ],
)
def test_an_organisation_noun_in_apposition(recogniser: Recogniser, text: str, org: str) -> None:
    assert labels_of(text, recogniser, "ORG") == [org]


def test_an_organisation_noun_that_modifies_is_no_apposition(recogniser: Recogniser) -> None:
    text = "Tramvelo, a company director from Leeds, said so."
    assert labels_of(text, recogniser, "ORG") == []


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        (
            "Western firms such as Delvo and Harlan-Pike are mounting bids.",
            ["Delvo", "Harlan-Pike"],
        ),
        (
            "Major companies including Voltwerk, Darmen and Sielco cut jobs.",
            ["Voltwerk", "Darmen", "Sielco"],
        ),
        ("firms such as France's Dassor Aviation won orders.", ["Dassor Aviation"]),
    ],
)
def test_the_names_after_firms_such_as(recogniser: Recogniser, text: str, orgs: list[str]) -> None:
    assert labels_of(text, recogniser, "ORG") == orgs


def test_brands_such_as_are_no_organisations(recogniser: Recogniser) -> None:
    assert labels_of("brands such as Velvo Milk and Darro sold well.", recogniser, "ORG") == []
