"""Shapes of wire copy: a dateline's agency, roads by number, townships,
organisation heads, and dates counted back or bounded. Invented names throughout."""

from __future__ import annotations

import pytest

from glossator.index.entities import Recogniser


def found(text: str, recogniser: Recogniser) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in recogniser.recognise(text)}


def test_a_datelines_agency_is_an_organisation(recogniser: Recogniser) -> None:
    text = "Attack on market\nKELVA, Tolvan (Velmora Herald) - Gunmen struck a market."
    assert ("Velmora Herald", "ORG") in found(text, recogniser)


@pytest.mark.parametrize(
    "text",
    [
        "Attack on market\nKELVA TOLMA, Tolvan, March 2 (Velmora Herald) - Gunmen struck.",
        "Attack on market\nKELVA TOLMA, Tolvan - Gunmen struck a market.",
    ],
)
def test_a_dateline_with_a_date_or_no_agency(recogniser: Recogniser, text: str) -> None:
    labels = found(text, recogniser)
    assert ("KELVA TOLMA", "GPE") in labels
    assert not {("KELVA", "ORG"), ("TOLMA", "ORG")} & labels


def test_a_capitalised_line_with_no_country_is_no_dateline(recogniser: Recogniser) -> None:
    text = "Title\nBREAKING - Gunmen struck a market."
    assert ("BREAKING", "GPE") not in found(text, recogniser)


@pytest.mark.parametrize(
    ("phrase", "span", "label"),
    [
        ("on the N-25 highway", "N-25 highway", "FAC"),
        ("on the Tolvan 15 highway", "Tolvan 15 highway", "FAC"),
        ("in the nearby Dorvani township", "Dorvani", "GPE"),
        ("by the Kestra Cartel", "Kestra Cartel", "ORG"),
        ("by the Velmora Fishing Cooperative", "Velmora Fishing Cooperative", "ORG"),
        ("who settled there decades ago", "decades ago", "DATE"),
        ("by the end of 2004", "the end of 2004", "DATE"),
        ("Eighteen months ago", "Eighteen months ago", "DATE"),
    ],
)
def test_wire_shapes(recogniser: Recogniser, phrase: str, span: str, label: str) -> None:
    assert (span, label) in found(f"Gunmen were stopped {phrase}, police said.", recogniser)


@pytest.mark.parametrize(
    ("phrase", "span"),
    [
        ("by the army's 103rd Infantry Brigade", "103rd Infantry Brigade"),
        ("by a commander of the 444th Brigade", "444th Brigade"),
        ("by the 2nd Army Corps", "2nd Army Corps"),
        ("by the Velmoran 21st Mechanised Division", "21st Mechanised Division"),
    ],
)
def test_a_numbered_military_unit_is_one_organisation(
    recogniser: Recogniser, phrase: str, span: str
) -> None:
    assert (span, "ORG") in found(f"Gunmen were stopped {phrase}, police said.", recogniser)


def test_a_number_before_a_longer_name_is_no_unit(recogniser: Recogniser) -> None:
    labels = found("He won the 4th Division Tolvan Cup and the 1st Group prize.", recogniser)
    assert not any(text.startswith(("4th", "1st")) for text, _ in labels)


@pytest.mark.parametrize(
    ("phrase", "span"),
    [
        ("at the Qarrun al-Zeit market", "Qarrun al-Zeit market"),
        ("near the Velbari outpost", "Velbari outpost"),
    ],
)
def test_a_named_market_or_outpost_is_a_facility(
    recogniser: Recogniser, phrase: str, span: str
) -> None:
    assert (span, "FAC") in found(f"Gunmen were stopped {phrase}, police said.", recogniser)


def test_a_trades_market_is_no_facility(recogniser: Recogniser) -> None:
    text = "Sales in the London market, the Japanese market and the Christmas market fell."
    assert [name for name, label in found(text, recogniser) if label == "FAC"] == []


@pytest.mark.parametrize(
    ("phrase", "span"),
    [
        ("by the Velmoran Observatory for Human Rights", "Velmoran Observatory for Human Rights"),
        ("by the Tolvan Peace Forum", "Tolvan Peace Forum"),
    ],
)
def test_observatory_and_forum_are_organisation_heads(
    recogniser: Recogniser, phrase: str, span: str
) -> None:
    assert (span, "ORG") in found(f"Gunmen were stopped {phrase}, police said.", recogniser)


def test_a_generic_head_before_and_starts_no_joined_name(recogniser: Recogniser) -> None:
    labels = found("at meetings of the G7 Group and Tolvan Peace Forum", recogniser)
    assert ("Tolvan Peace Forum", "ORG") in labels
    assert not any(" and " in text for text, _ in labels)


def test_a_village_word_after_a_name_makes_no_place(recogniser: Recogniser) -> None:
    labels = found("Athletes stayed at the Olympic village in Velmora.", recogniser)
    assert ("Olympic", "GPE") not in labels


def test_a_count_before_an_organisation_is_outside_it(recogniser: Recogniser) -> None:
    got = found("Four Velmora Liberation Front fighters were killed.", recogniser)
    assert ("Four", "CARDINAL") in got
    assert ("Velmora Liberation Front", "ORG") in got
    # A number word that is part of the name stays: no counted noun follows.
    got = found("The Three Velmora Alliance said it attacked.", recogniser)
    assert ("Three Velmora Alliance", "ORG") in got


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Fire came on Friday, said Lieutenant Colonel Jo-Ann Qarvesh, the spokesperson.",
            "Jo-Ann Qarvesh",
        ),
        ("The division spokesperson, Maj Isaac Qarvesh, told reporters.", "Isaac Qarvesh"),
        ("We lost one soldier, Pte Samuel Qarvesh, he said.", "Samuel Qarvesh"),
        (
            "The dead were Sergeant Md Anwar Hossain and Lance Corporal Rubel Qarvesh.",
            "Rubel Qarvesh",
        ),
    ],
)
def test_a_rank_stays_outside_the_name(recogniser: Recogniser, text: str, name: str) -> None:
    people = [e.text for e in recogniser.recognise(text) if e.label == "PERSON"]
    assert name in people
    assert not any(p.endswith(name) and p != name for p in people)


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Officers found casings from AR-15 rifles at the scene.", "AR-15 rifles"),
        ("The rebels captured ZU-23 anti-aircraft guns.", "ZU-23 anti-aircraft guns"),
        ("Police seized 9mm pistols in the raid.", "9mm pistols"),
        ("Troops seized a Qarvesh .50-caliber sniper rifle.", "Qarvesh .50-caliber sniper rifle"),
        ("Gunmen armed with high-powered rifles attacked.", "high-powered rifles"),
        ("A bomber wearing an explosive vest struck.", "explosive vest"),
    ],
)
def test_model_codes_and_calibres_join_the_weapon(
    recogniser: Recogniser, text: str, weapon: str
) -> None:
    assert [e.text for e in recogniser.recognise(text) if e.label == "WEAPON"] == [weapon]


@pytest.mark.parametrize(
    "text",
    [
        "Support acts included the Sex Pistols.",
        "Soldiers of the Royal Qarvesh Rifles flew in.",
        "Their album How To Dismantle An Atomic Bomb sold well.",
    ],
)
def test_a_capitalised_weapon_word_ending_a_name_is_no_weapon(
    recogniser: Recogniser, text: str
) -> None:
    assert [e.text for e in recogniser.recognise(text) if e.label == "WEAPON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("He showcased his label Qarvesh Records in London.", "Qarvesh Records"),
        ("according to the monitoring group Deep Qarvesh Watch", "Deep Qarvesh Watch"),
    ],
)
def test_records_and_watch_end_an_organisation(
    recogniser: Recogniser, text: str, name: str
) -> None:
    assert (name, "ORG") in found(text, recogniser)


@pytest.mark.parametrize(
    "text",
    [
        "Interior Cabinet Secretary Kamau Wendo said in a statement.",
        "Interior Undersecretary Kamau Wendo said the government would act.",
        "Deputy Press Secretary Kamau Wendo said the drone was launched.",
        "said the superintendent of police Kamau Wendo on Friday.",
        "Detective Inspector Kamau Wendo of the county police said.",
    ],
)
def test_more_titles_before_a_name(recogniser: Recogniser, text: str) -> None:
    people = [e.text for e in recogniser.recognise(text) if e.label == "PERSON"]
    assert people == ["Kamau Wendo"]


def test_a_name_with_an_age_in_apposition_is_a_person(recogniser: Recogniser) -> None:
    text = "The dead officer, Kelmend Vrapi, 34, was the second this year."
    assert ("Kelmend Vrapi", "PERSON") in found(text, recogniser)


def test_an_age_after_a_titled_name_leaves_the_title_out(recogniser: Recogniser) -> None:
    text = "Lord Scarvell, 93, died peacefully."
    assert ("Lord Scarvell", "PERSON") not in found(text, recogniser)


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Attackers armed with shotguns set fire to the cabins.", "shotguns"),
        ("Suspects armed with pump-action shotguns were arrested.", "pump-action shotguns"),
        ("They threw Molotov cocktails at the guards.", "Molotov cocktails"),
        ("Gunmen fired automatic rifles at the patrol.", "automatic rifles"),
        ("They were hit by hunting rifle fire.", "hunting rifle"),
        ("Their vehicle hit an anti-tank mine near the town.", "anti-tank mine"),
    ],
)
def test_more_weapon_terms(recogniser: Recogniser, text: str, weapon: str) -> None:
    assert (weapon, "WEAPON") in found(text, recogniser)


@pytest.mark.parametrize(
    "facility",
    ["Vardo Monastery", "Kestral Penitentiary", "Pan-Orvan Highway", "Tessaro smelter"],
)
def test_more_facility_heads(recogniser: Recogniser, facility: str) -> None:
    text = f"Troops were guarding the {facility} on Monday."
    assert (facility, "FAC") in found(text, recogniser)


def test_the_highway_code_is_no_facility(recogniser: Recogniser) -> None:
    assert found("He broke the Highway Code twice.", recogniser) == set()
