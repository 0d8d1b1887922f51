"""Rules of the seventeenth round (VERSION 121 on), from the older gold sets'
misses: what each must find and what it must leave alone. Invented names
where no list must know them."""

from __future__ import annotations

from glossator.index.entities import Recogniser


def found(text: str, recogniser: Recogniser, label: str) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == label]


def test_a_defined_acronym_of_two_or_eight_capitals_is_carried(recogniser: Recogniser) -> None:
    text = "The Zelvar Guard Corps (ZG) said ZG convoys would run on Monday."
    assert found(text, recogniser, "ORG") == ["Zelvar Guard Corps", "ZG", "ZG"]
    text = "The Qorvesh Anti-Gang Directorate (DIPAMPCO) said DIPAMPCO agents left."
    assert found(text, recogniser, "ORG") == [
        "Qorvesh Anti-Gang Directorate",
        "DIPAMPCO",
        "DIPAMPCO",
    ]
    # Two capitals never defined stay unlabelled; two after a product, a term
    # or a person stand for no body, and a country keeps its label.
    assert found("The ZG convoys ran on Monday.", recogniser, "ORG") == []
    text = "Users of Zelvo Explorer (ZE) say ZE crashed."
    assert "ZE" not in found(text, recogniser, "ORG")
    text = "Qorvesh Tal (UK) and Zelvan Orr (US) were shortlisted; UK sales rose."
    assert found(text, recogniser, "GPE") == ["UK", "US", "UK"]


def test_wal_and_lil_join_a_name_and_al_before_a_description_is_outside(
    recogniser: Recogniser,
) -> None:
    text = "The Qarvesh Nusrat al-Zelvo wal-Tarsen (QNZT) said so."
    assert found(text, recogniser, "ORG") == ["Qarvesh Nusrat al-Zelvo wal-Tarsen", "QNZT"]
    text = "Fighters of the Zelvo lil-Qarsh Front (ZQF) left."
    assert found(text, recogniser, "ORG") == ["Zelvo lil-Qarsh Front", "ZQF"]
    # "al Qaeda-linked" describes the group; the group's name starts after it.
    text = "The al Zelvo-linked Qarvesh Tarsen Front (QTF) said so."
    assert "Qarvesh Tarsen Front" in found(text, recogniser, "ORG")


def test_the_group_armed_members_belong_to_is_an_organisation(recogniser: Recogniser) -> None:
    text = "In 2015, militants of Zelvo al-Qarsha, which pledged allegiance to it, left."
    assert found(text, recogniser, "ORG") == ["Zelvo al-Qarsha"]
    # A sentence's first description and "of the" stay outside the name.
    assert found("Rebels of the Zelvo Liberation Front said so.", recogniser, "ORG") == [
        "Zelvo Liberation Front"
    ]
    # A place after it is still a place; a lower-case word after the name ends the guess.
    assert found("Rebels of Zelvo province fled.", recogniser, "ORG") == []


def test_lower_case_heads_of_attacked_sites_make_facilities(recogniser: Recogniser) -> None:
    text = "Troops stormed the Zelvo compound and shelled the Qorvesh palace."
    assert found(text, recogniser, "FAC") == ["Zelvo compound", "Qorvesh palace"]
    text = "Drones hit the Zelvo fuel depot, the Qorvesh shipyard and the Tarsen tunnel."
    assert found(text, recogniser, "FAC") == [
        "Zelvo fuel depot",
        "Qorvesh shipyard",
        "Tarsen tunnel",
    ]
    # A port is a facility only after a known place; whose compound is no name;
    # without "the" (a headline) the place is meant.
    text = "Ships left the Mombasa port; the Zelvo port and an Ethernet port failed."
    assert found(text, recogniser, "FAC") == ["Mombasa port"]
    assert found("Drone attack on Mombasa fuel depot sparks fire", recogniser, "FAC") == []
    assert found("Troops entered the UN compound.", recogniser, "FAC") == []


def test_a_bbc_channel_or_station_is_one_organisation(recogniser: Recogniser) -> None:
    text = "He sang on BBC One's show, and BBC Radio 4 and BBC Radio Five Live aired it."
    assert found(text, recogniser, "ORG") == ["BBC One", "BBC Radio 4", "BBC Radio Five Live"]
    text = "She told BBC Wales and BBC Radio Qorvesh about it."
    assert found(text, recogniser, "ORG") == ["BBC Wales", "BBC Radio Qorvesh"]
    assert found(text, recogniser, "GPE") == []


def test_a_name_before_the_branch_or_arm_of_a_body_is_an_organisation(
    recogniser: Recogniser,
) -> None:
    text = "Zelvo Province, the Qorvesh branch of Islamic State, claimed it."
    assert found(text, recogniser, "ORG") == ["Zelvo Province", "Islamic State"]
    text = "Tarsenco, the venture capital arm of a bank, sold its stake."
    assert found(text, recogniser, "ORG") == ["Tarsenco"]
    # A person described is no body.
    assert found("Qorvesh Tal, the armed wing's leader, spoke.", recogniser, "ORG") == []


def test_where_someone_was_educated_is_a_school(recogniser: Recogniser) -> None:
    text = "The 39-year-old was educated at Zelvo Comprehensive before going on."
    assert found(text, recogniser, "ORG") == ["Zelvo Comprehensive"]
    text = "Born in 1912 and educated at Portsmouth Qorvesh Secondary School, he left."
    assert found(text, recogniser, "ORG") == ["Portsmouth Qorvesh Secondary School"]
    assert found(text, recogniser, "GPE") == []


def test_a_name_described_as_a_capital_is_a_place(recogniser: Recogniser) -> None:
    text = "Families had fled to Zelvo Beles, the zone's capital, since May."
    assert found(text, recogniser, "GPE") == ["Zelvo Beles"]
    text = (
        "Fighting reached Qorvesh, the capital of the province, and Qarsho, a provincial capital."
    )
    assert found(text, recogniser, "GPE") == ["Qorvesh", "Qarsho"]
    # Capital as money is no place.
    text = "Tarsenco, the venture capital arm of a bank, sold it."
    assert found(text, recogniser, "GPE") == []


def test_a_name_reached_or_fled_to_is_a_place(recogniser: Recogniser) -> None:
    text = "Peacekeepers had reached Zelvo and Tarsen on Monday."
    assert found(text, recogniser, "GPE") == ["Zelvo", "Tarsen"]
    text = "Hundreds fled to Qorvesh, and others fled from Qarsho."
    assert found(text, recogniser, "GPE") == ["Qorvesh", "Qarsho"]
    # A known organisation keeps its label.
    assert found("Yahoo has reached Google's size.", recogniser, "GPE") == []


def test_a_season_is_a_unit_of_relative_dates(recogniser: Recogniser) -> None:
    text = "We go into next season stronger than last season, as two seasons ago."
    assert found(text, recogniser, "DATE") == ["next season", "last season", "two seasons ago"]
    # A season with no relative word is no date.
    assert found("The rainy season began; the season opener was late.", recogniser, "DATE") == []


def test_farmers_are_counted(recogniser: Recogniser) -> None:
    text = "Residents said the group had killed dozens of Christian farmers."
    assert found(text, recogniser, "CARDINAL") == ["dozens"]
    # Families are households, not people; a family as a modifier counts nothing.
    assert found("Two family films came next.", recogniser, "CARDINAL") == []


def test_two_months_sharing_a_year_are_one_date(recogniser: Recogniser) -> None:
    text = "They killed 440 people between June and October 2021, and from May to July 2020."
    assert found(text, recogniser, "DATE") == ["June and October 2021", "May to July 2020"]
    assert found("It fell in June and rose in October 2021.", recogniser, "DATE") == [
        "June",
        "October 2021",
    ]


def test_a_name_before_gang_is_an_organisation(recogniser: Recogniser) -> None:
    text = "Gunmen of the Barrio 18 gang and the Qorvesh Lata gang opened fire."
    assert found(text, recogniser, "ORG") == ["Barrio 18", "Qorvesh Lata"]
    # A number before "group" is an age's, not a name's; a headline's first
    # word is any word.
    assert found("He joined the Under 21 group.", recogniser, "ORG") == []
    assert found("Deadliest gang attack of the year leaves five dead", recogniser, "ORG") == []
    # Where gangs fight is no gang's name.
    for text in ("Three killed in Lyari gang war clash", "the Lyari gang violence went on"):
        assert found(text, recogniser, "ORG") == []


def test_english_short_given_names_start_a_person(recogniser: Recogniser) -> None:
    # VERSION 136: short forms the Faker lists lack ("Matt", "Phil", "Robbie").
    text = "Scrum-half Matt Zelvington is a doubt. Phil Qorvash and Robbie Tarsley left."
    assert found(text, recogniser, "PERSON") == [
        "Matt Zelvington",
        "Phil Qorvash",
        "Robbie Tarsley",
    ]
    # The surname found once is the person everywhere in the article.
    text = "A guitar of Jimi Zelvington was sold. Zelvington played it."
    assert found(text, recogniser, "PERSON") == ["Jimi Zelvington", "Zelvington"]
    # A company named like a person stays a company; "Vic" is no given name.
    text = "The regulator of Freddie Mac spoke. She danced with the Vic Zelvo Ballet."
    assert found(text, recogniser, "ORG") == ["Freddie Mac"]
    assert found(text, recogniser, "PERSON") == []


def test_an_acronym_defined_for_a_landform_is_a_place(recogniser: Recogniser) -> None:
    # VERSION 137: the full name's head decides, and the acronym carries its label.
    text = "Troops patrol the Qorvesh River Valley (QRV). The QRV is remote."
    assert found(text, recogniser, "LOC") == ["Qorvesh River Valley", "QRV", "QRV"]
    # A group named after a province stays a group; a region stays as it was
    # (VERSION 140: as a GPE it split two reports of one story).
    text = "The Islamic State Zelvo Province (ISZP) said ISZP fighters left."
    assert found(text, recogniser, "ORG") == ["Islamic State Zelvo Province", "ISZP", "ISZP"]
    text = "The Zelvo Autonomous Region (ZAR) voted."
    assert found(text, recogniser, "ORG") == ["Zelvo Autonomous Region", "ZAR"]


def test_a_name_before_regency_subdistrict_or_sub_region_is_a_place(
    recogniser: Recogniser,
) -> None:
    # VERSION 138: Indonesian and Ugandan administrative words, in lower case.
    text = "Gunmen struck in Zelvo Jaya regency and in Qorvesh Timur subdistrict."
    assert found(text, recogniser, "GPE") == ["Zelvo Jaya", "Qorvesh Timur"]
    assert found("Raids hit the Tarsen sub-region again.", recogniser, "GPE") == ["Tarsen"]
    assert found("Tarsen Regency Hotel staff left.", recogniser, "GPE") == []


def test_a_person_before_for_and_a_title_is_the_person(recogniser: Recogniser) -> None:
    # VERSION 139: "won by Marlon Brando for On the Waterfront".
    text = "The award went to Martin Zelvington for The Qorvesh Road."
    assert found(text, recogniser, "PERSON") == ["Martin Zelvington"]
    # A body or a prize before "for" is no person.
    text = "He thanked John Zelvo Centre for Research staff and the Mary Qorvesh Prize for Art."
    assert found(text, recogniser, "PERSON") == []
