"""Rules of the sixteenth round (VERSION 109 on), from the older gold sets'
misses: what each must find and what it must leave alone. Invented names
where no list must know them."""

from __future__ import annotations

from glossator.index.entities import Recogniser


def found(text: str, recogniser: Recogniser, label: str) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == label]


def test_the_town_camp_is_a_facility(recogniser: Recogniser) -> None:
    # Duhok is in the gazetteer: "the Duhok camp" is the camp named after it.
    text = "Many families still live in the Duhok camp, aid groups say."
    assert found(text, recogniser, "FAC") == ["Duhok camp"]
    # A country's camp is its team's, and without "the" the town may be meant.
    assert found("Morale in the England camp was high.", recogniser, "FAC") == []
    assert found("Shelling kills 23 in Duhok camp, aid group says", recogniser, "FAC") == []


def test_a_named_unit_of_a_named_body_is_two_organisations(recogniser: Recogniser) -> None:
    text = "The Zarvek Brigade of the Qolani Brigades named one of the dead."
    assert found(text, recogniser, "ORG") == ["Zarvek Brigade", "Qolani Brigades"]
    text = "The Velmar Crime Observatory of the Ostrava Tarsen University of Qorvesh says so."
    assert found(text, recogniser, "ORG") == [
        "Velmar Crime Observatory",
        "Ostrava Tarsen University of Qorvesh",
    ]
    # A bare head on either side: one name.
    text = "The Popular Forces of the Zelbani Republic said so."
    assert found(text, recogniser, "ORG") == ["Popular Forces of the Zelbani Republic"]


def test_a_maker_before_a_name_is_a_company(recogniser: Recogniser) -> None:
    text = "Utility vehicle and tractor maker Zelvatra has reported a 52% rise in profit."
    assert found(text, recogniser, "ORG") == ["Zelvatra"]
    # A person's trade or a given name: a person, not a company.
    assert found("The film maker Qorvesh Tal spoke.", recogniser, "ORG") == []
    assert found("The games maker Peter Zelvan spoke.", recogniser, "ORG") == []
    assert found("The film-maker Zorvan said so.", recogniser, "ORG") == []


def test_a_trunk_line_or_pipeline_ends_a_facility_name(recogniser: Recogniser) -> None:
    text = "Militants blew up a section of the Zelvo Creek Trunk Line on Tuesday."
    assert found(text, recogniser, "FAC") == ["Zelvo Creek Trunk Line"]
    text = "Repairs on the Qarsho Tarvan Pipeline began."
    assert found(text, recogniser, "FAC") == ["Qarsho Tarvan Pipeline"]
    # "Line" alone names no facility.
    assert found("The film came from Zelvo Line.", recogniser, "FAC") == []


def test_the_name_post_is_a_military_position(recogniser: Recogniser) -> None:
    text = "The attack on the Zelvo Tarsen post and a position at Koudou was the deadliest."
    assert found(text, recogniser, "FAC") == ["Zelvo Tarsen post"]
    # Without "the" it is a message or a job; a known place's post is no name.
    assert found("He read a Qorvesh post online.", recogniser, "FAC") == []
    assert found("He took the Baghdad post in May.", recogniser, "FAC") == []


def test_an_acronym_defined_after_a_unit_of_a_body_is_the_body(recogniser: Recogniser) -> None:
    text = (
        "The Velmar Crime Observatory of the Ostrava Tarsen University of Qorvesh (OTUQ) "
        "says so. OTUQ said more."
    )
    assert found(text, recogniser, "ORG") == [
        "Velmar Crime Observatory",
        "Ostrava Tarsen University of Qorvesh",
        "OTUQ",
        "OTUQ",
    ]


def test_a_name_before_agency_or_militiamen_is_an_organisation(recogniser: Recogniser) -> None:
    text = "The group said in a statement carried by its Zorvak agency that a fighter died."
    assert found(text, recogniser, "ORG") == ["Zorvak"]
    text = "Nine civilians were killed in an attack by Velmoro militiamen on Thursday."
    assert found(text, recogniser, "ORG") == ["Velmoro"]
    # A place's or a people's agency is whose, not which.
    assert found("Lawyers may bail out the US agency.", recogniser, "ORG") == []
    assert found("Yazidi militiamen held the town.", recogniser, "ORG") == []
    # A line's or a sentence's first word is capitalised whatever it is.
    assert found("Zorvak agency plans dropped\nPlans were dropped.", recogniser, "ORG") == []


def test_a_college_and_hospital_is_one_facility(recogniser: Recogniser) -> None:
    text = "The injured were admitted to Zelvan Medical College and Hospital in Qarsho."
    assert found(text, recogniser, "FAC") == ["Zelvan Medical College and Hospital"]
    assert found(text, recogniser, "ORG") == []


def test_a_company_owner_is_an_organisation(recogniser: Recogniser) -> None:
    text = "The company, majority-owned by Japan's Zelvaki, said costs rose."
    assert found(text, recogniser, "ORG") == ["Zelvaki"]
    assert found(text, recogniser, "GPE") == ["Japan"]
    text = "The channel is owned by Qorvatel, the firm said."
    assert found(text, recogniser, "ORG") == ["Qorvatel"]
    # People and places own things too.
    assert found("The club is owned by Richard Zelvan.", recogniser, "ORG") == []
    assert found("The club is owned by Lord Qorvesh.", recogniser, "ORG") == []
    assert found("The mine is owned by Malaysia.", recogniser, "ORG") == []


def test_separatists_of_a_defined_group_stay_outside_its_name(recogniser: Recogniser) -> None:
    text = (
        "Separatists of the Front for the Liberation of Zelvan (FLZ) said they had "
        "killed seven soldiers. Troops killed five separatists."
    )
    assert found(text, recogniser, "ORG") == ["Front for the Liberation of Zelvan", "FLZ"]
    assert found(text, recogniser, "CARDINAL") == ["seven", "five"]


def test_a_name_in_apposition_after_its_kind_is_an_organisation(recogniser: Recogniser) -> None:
    text = "Militants forced the operator, Zelvoro Eastern E&P Company, to shut in oil."
    assert found(text, recogniser, "ORG") == ["Zelvoro Eastern E&P Company"]
    text = "According to the statistics office, Qartis, exports fell."
    assert found(text, recogniser, "ORG") == ["Qartis"]
    # A person, a known place, or no "the"/"its" before the kind: no ORG.
    assert found("A source at the firm, Peter Zelvan, said so.", recogniser, "ORG") == []
    assert found("He met the manager, Baghdad, he said.", recogniser, "ORG") == []
    assert found("He quit one company, Qartis, in May.", recogniser, "ORG") == []


def test_a_name_at_a_place_in_a_known_region_is_a_place(recogniser: Recogniser) -> None:
    # Tinsukia and Kent are in the gazetteer, Qorvakpathar and Zelvford are not.
    text = "A grenade hit an army camp at Qorvakpathar in Tinsukia district on Thursday."
    assert "Qorvakpathar" in found(text, recogniser, "GPE")
    assert "Zelvford" in found("Arnold, from Zelvford in Kent, won.", recogniser, "GPE")
    # A country after "in" may hold anything ("at Zelvcorp in Germany").
    assert "Zelvcorp" not in found("He worked at Zelvcorp in Germany.", recogniser, "GPE")
