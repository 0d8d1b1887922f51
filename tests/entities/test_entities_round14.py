"""Rules of the fourteenth round (VERSION 96 on), from the older gold sets'
misses: what each must find and what it must leave alone. Invented names
where no list must know them."""

from __future__ import annotations

from glossator.index.entities import Recogniser


def found(text: str, recogniser: Recogniser, label: str) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == label]


def test_cafe_academy_and_palace_end_a_facility_name(recogniser: Recogniser) -> None:
    text = "The sale was held at the Velmora Rock Cafe in Qarsho."
    assert found(text, recogniser, "FAC") == ["Velmora Rock Cafe"]
    text = "He played the Zeluwa Academy; ministers met at Tarvosh Palace on Monday."
    assert found(text, recogniser, "FAC") == ["Zeluwa Academy", "Tarvosh Palace"]
    # A people before "Academy" is a body ("the British Academy"), and a
    # word that never starts a name does not start this one.
    assert found("She won a British Academy award.", recogniser, "FAC") == []
    assert found("The Palace said so.", recogniser, "FAC") == []


def test_a_name_listed_with_a_known_people_before_residents(recogniser: Recogniser) -> None:
    text = "Gunmen have killed Amhara and Qorvesh residents since 2019."
    assert found(text, recogniser, "NORP") == ["Amhara", "Qorvesh"]
    text = "Raids between Zelbani, Nuer and Dinka villagers went on."
    assert found(text, recogniser, "NORP") == ["Zelbani", "Nuer", "Dinka"]
    # No known people in the list: the names may be towns ("Qorvesh residents").
    assert found("Qorvesh and Zelbani residents fled.", recogniser, "NORP") == []


def test_no_cue_belongs_to_two_groups() -> None:
    # The anchor finder keeps one group per cue string: a cue listed twice
    # silently stops firing for the first group (" militias" for org_after).
    from glossator.index.entities import (
        clubs,
        context,
        cue_rules,
        landforms,
        org_context,
        org_names,
        peoples,
        places,
    )

    seen: dict[str, str] = {}
    for module in (context, places, org_context, clubs, org_names, cue_rules, landforms, peoples):
        for group, cues in module.CUE_GROUPS.items():
            for cue in cues:
                assert seen.setdefault(cue, group) == group, f"{cue!r}: {seen[cue]} and {group}"


def test_a_counted_span_of_time_that_says_how_long_is_a_date(recogniser: Recogniser) -> None:
    text = "Police tracked the men for three weeks near Qarsho."
    assert found(text, recogniser, "DATE") == ["three weeks"]
    text = "Jobless claims fell to their lowest level in three years."
    assert found(text, recogniser, "DATE") == ["three years"]
    text = "He declared three days of mourning after the 100 days of fighting."
    assert found(text, recogniser, "DATE") == ["three days", "the 100 days"]
    assert found("A poem written two weeks after the show.", recogniser, "DATE") == ["two weeks"]
    # Hours, "a few", an age and a bare count of units are none.
    assert found("They waited for 24 hours in a few days.", recogniser, "DATE") == []
    assert found("Few reach 65 years of age; two years passed.", recogniser, "DATE") == []


def test_a_club_is_named_by_its_player_or_coach(recogniser: Recogniser) -> None:
    text = "Leicester youngster Harry Ellis and Qorvesh Wanderers coach Tom Vell were named."
    assert found(text, recogniser, "ORG") == ["Leicester", "Qorvesh Wanderers"]
    text = "Wasps coach Warren Gatland said the hooker would stay with English side Gloucester."
    assert found(text, recogniser, "ORG") == ["Wasps", "Gloucester"]
    # A national side is its country; a word that opens the sentence is no club.
    text = "England coach Andy Robinson spoke. Uncapped fly-half Andy Goode is in."
    assert found(text, recogniser, "ORG") == []
    assert found("Former Bath captain John Hall spoke.", recogniser, "ORG") == ["Bath"]


def test_names_joined_by_an_ampersand_are_a_firm(recogniser: Recogniser) -> None:
    text = "A second auditor, Qorvesh & Tallin, was banned; Velmar & Velmar's shares fell."
    assert found(text, recogniser, "ORG") == ["Qorvesh & Tallin", "Velmar & Velmar"]
    text = "Heineken and Scottish & Newcastle invested, and the UN's Food & Farming Office agreed."
    assert "Scottish & Newcastle" in found(text, recogniser, "ORG")
    assert "Food & Farming Office" in found(text, recogniser, "ORG")
    # Two places or two people are no firm.
    assert found("He played for Serbia & Montenegro.", recogniser, "ORG") == []
    assert found("Richard & Judy chose the books.", recogniser, "ORG") == []


def test_every_capital_is_a_place(recogniser: Recogniser) -> None:
    # Capitals under the world population floor, or named like a word or
    # a person elsewhere, are places; a stoplisted one stays out ("Male").
    text = "The MILF signed a deal with Manila; rioters rallied in Noumea and Suva."
    assert found(text, recogniser, "GPE") == ["Manila", "Noumea", "Suva"]
    assert found("Male voters were asked.", recogniser, "GPE") == []


def test_a_description_before_a_given_name_is_cut(recogniser: Recogniser) -> None:
    text = "Comic Joe Qarvesh remains the favourite. Top-seeded Americans Andy Velmori won."
    assert found(text, recogniser, "PERSON") == ["Joe Qarvesh", "Andy Velmori"]
    # A firm's, a unit's or a place's name is no person's.
    text = "Analysts at JP Morgan Velmor and the Nairobi Serena Hotel agreed."
    assert found(text, recogniser, "PERSON") == []


def test_a_name_before_a_settlement_word_is_a_place(recogniser: Recogniser) -> None:
    text = "Raiders hit Qorvesh village and the Zelbani woreda in the Tarvosh zone."
    assert found(text, recogniser, "GPE") == ["Qorvesh", "Zelbani", "Tarvosh"]
    # The Olympic village and the Euro zone are no places.
    text = "He stayed in the Olympic village of the Euro-Africa zone."
    assert found(text, recogniser, "GPE") == []


def test_improvised_devices_are_weapons(recogniser: Recogniser) -> None:
    text = "Troops found explosive devices, a pipe bomb and petrol bombs in the hut."
    assert found(text, recogniser, "WEAPON") == ["explosive devices", "pipe bomb", "petrol bombs"]
    text = "Police recovered a barrel grenade launcher and pump-action guns."
    assert found(text, recogniser, "WEAPON") == ["barrel grenade launcher", "pump-action guns"]


def test_a_count_of_an_owners_people_is_a_cardinal(recogniser: Recogniser) -> None:
    text = "The agency said about 9,000 of the camp's residents had fled."
    assert found(text, recogniser, "CARDINAL") == ["about 9,000"]
    assert found("Of them, 70 were gunned down.", recogniser, "CARDINAL") == ["70"]
    # Shares are no people; "shot" after a title's number is no casualty.
    assert found("About 3,000 of the firm's shares were sold.", recogniser, "CARDINAL") == []
    assert found("The game Doom 3 shot to the top.", recogniser, "CARDINAL") == []


def test_a_name_described_as_a_natural_feature_is_one(recogniser: Recogniser) -> None:
    text = "The Qorvesh, a volcanic range whose peak is high, and the Tarvosh, a river that floods."
    assert found(text, recogniser, "LOC") == ["Qorvesh", "Tarvosh"]
    # "a range of" things and a sentence's adverb are no features.
    text = "At the Velmor Motor Show, a range of makers came. Presumably, the age range that"
    assert found(text, recogniser, "LOC") == []
    assert found("on the western half of New Guinea island", recogniser, "LOC") == ["New Guinea"]


def test_a_name_before_an_owners_kind_of_body_is_an_organisation(recogniser: Recogniser) -> None:
    text = "Investors may sue, as may Qorvesh, Italy's stock market regulator, the court said."
    assert found(text, recogniser, "ORG") == ["Qorvesh"]
    text = "Combining Velmor, Japan's third-biggest lender, and Tarvosh was the plan."
    assert found(text, recogniser, "ORG") == ["Velmor"]
    # A person or a city before an owner's description is no body.
    text = "He met Tony Blair, Britain's prime minister, in Paris, France's capital."
    assert found(text, recogniser, "ORG") == []


def test_a_newspaper_named_by_one_word_after_the(recogniser: Recogniser) -> None:
    text = "According to the Times, he told the Guardian newspaper; The Economist agreed."
    assert found(text, recogniser, "ORG") == ["Times", "Guardian", "Economist"]
    # Not the start of a longer name.
    assert "Times" not in found("She read the Times Velmor Supplement.", recogniser, "ORG")
