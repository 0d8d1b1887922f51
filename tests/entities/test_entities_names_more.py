"""Rules of the fifth pass over names (VERSION 59 on): what each must find and
what it must leave alone. Invented names where no list must know them."""

from __future__ import annotations

from glossator.index.entities import Recogniser


def labels_of(text: str, recogniser: Recogniser, label: str) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == label]


def test_a_places_police_is_an_organisation(recogniser: Recogniser) -> None:
    text = "Qorbani Zeluwa said the Moldova Police had detained him."
    assert labels_of(text, recogniser, "ORG") == ["Moldova Police"]
    text = "Jammu and Kashmir Police chief Zindaro Qalbeni told reporters."
    assert labels_of(text, recogniser, "ORG") == ["Jammu and Kashmir Police"]
    # A people's police is a description; a title-case headline goes on.
    assert labels_of("The Iraqi Police said nothing.", recogniser, "ORG") == []
    assert labels_of("Moldova Police Clash With Farmers", recogniser, "ORG") == []


def test_a_party_and_social_networks_by_name(recogniser: Recogniser) -> None:
    # Party names are ORG however used ("Tory leader", as "a safe Labour seat").
    text = "Tory leader Zindaro Qalbeni attacked Tory plans."
    assert labels_of(text, recogniser, "ORG") == ["Tory", "Tory"]
    text = "Qorbani Zeluwa said on Facebook and in a post on Instagram that he had left."
    assert labels_of(text, recogniser, "ORG") == ["Facebook", "Instagram"]


def test_periods_run_to_a_month_or_lie_in_a_year(recogniser: Recogniser) -> None:
    text = "Zindaro's profit for the three months to December was up on the year before."
    dates = labels_of(text, recogniser, "DATE")
    assert dates == ["the three months to December", "the year before"]
    text = "Sales fell in the last three months of 2004 and the 12 months ending March 2005."
    assert labels_of(text, recogniser, "DATE") == [
        "the last three months of 2004",
        "the 12 months ending March 2005",
    ]
    # "the year before the war" cannot be delimited here; a bare unit is none.
    assert labels_of("It was the year before the war.", recogniser, "DATE") == []
    assert labels_of("Three months to go.", recogniser, "DATE") == []


def test_a_given_name_alone_after_the_full_name(recogniser: Recogniser) -> None:
    text = 'Striker Jamie Qalbeni is fit. Benitez said: "Jamie is ready and Qalbeni knows it."'
    assert labels_of(text, recogniser, "PERSON").count("Jamie") == 1
    # A guessed name whose last word is never alone lends nothing ("Brit Awards").
    text = "She won at the Harry Zeluwa Awards. Harry is a fine award, the Zeluwa Awards said."
    assert "Harry" not in labels_of(text, recogniser, "PERSON")
    # Not the first word of another name, nor the end of one.
    text = "Andy Qalbeni scored. Andy Zeluwa did not. Sweet Andy was on at the theatre."
    assert "Andy" not in labels_of(text, recogniser, "PERSON")


def test_a_company_by_a_share_of_it_bought_or_held(recogniser: Recogniser) -> None:
    text = "Qorbani Zeluwa has agreed to buy 33% of Zindaro.\nZindaro said the deal was good."
    assert labels_of(text, recogniser, "ORG") == ["Zindaro", "Zindaro"]
    text = "The state will sell 10% of its stake in Qalbeni to an overseas firm."
    assert labels_of(text, recogniser, "ORG") == ["Qalbeni"]
    # A share of a people, a market or an acronym is no company.
    assert labels_of("They own 27% of Britons' savings.", recogniser, "ORG") == []
    assert labels_of("Debt will hold 3% of GDP.", recogniser, "ORG") == []


def test_a_spread_name_stops_inside_a_longer_name(recogniser: Recogniser) -> None:
    # "United" found by its cue is no mention inside "Manchester United".
    text = "They own 29% of United. Manchester United shares rose."
    assert labels_of(text, recogniser, "ORG")[:1] == ["United"]
    assert "United" not in labels_of(text, recogniser, "ORG")[1:]


def test_a_company_by_its_last_word(recogniser: Recogniser) -> None:
    text = "The mine, once run by Zindaro Copper Ltd, was shut. Qalbeni Communications said."
    assert labels_of(text, recogniser, "ORG") == ["Zindaro Copper Ltd", "Qalbeni Communications"]
    # What follows "of" is where the company is; "and" joins two companies.
    text = "Shares in Zindaro Telecom of Moldova fell, as did Qalbeni and Zeluwa Motors."
    orgs = labels_of(text, recogniser, "ORG")
    assert "Zindaro Telecom" in orgs and "Zeluwa Motors" in orgs
    assert labels_of(text, recogniser, "GPE") == ["Moldova"]


def test_a_company_after_its_trade_in_lower_case(recogniser: Recogniser) -> None:
    text = "The sale, hosted by auctioneers Zindaro Qalbeni, was held in London."
    assert labels_of(text, recogniser, "ORG") == ["Zindaro Qalbeni"]
    text = "Bookmakers Zeluwa said the singer was favourite; auditor Qorbani Zindaro agreed."
    assert labels_of(text, recogniser, "ORG") == ["Zeluwa", "Qorbani Zindaro"]
    text = "The mine was run by Qalbeni Copper, a unit of Zindaro."
    assert "Zindaro" in labels_of(text, recogniser, "ORG")


def test_a_station_or_paper_by_its_first_word(recogniser: Recogniser) -> None:
    text = "Qorbani Zeluwa told Radio Zindaro by phone, and the Daily Qalbeni said so too."
    assert labels_of(text, recogniser, "ORG") == ["Radio Zindaro", "Daily Qalbeni"]
    assert labels_of("Daily life was hard in Zindaro.", recogniser, "ORG") == []
    text = "the Tajik service of Radio Zindaro/Radio Qalbeni, said"
    assert labels_of(text, recogniser, "ORG") == ["Radio Zindaro/Radio Qalbeni"]


def test_a_listed_place_ending_in_an_organisation_head(recogniser: Recogniser) -> None:
    text = "Troops raided Zindaro camp in the northern West Bank on Monday."
    assert labels_of(text, recogniser, "GPE") == ["West Bank"]
    assert labels_of("The Zindaro Bank of Qalbeni said.", recogniser, "ORG") == [
        "Zindaro Bank of Qalbeni"
    ]


def test_capitals_before_a_weapon_name_its_model(recogniser: Recogniser) -> None:
    text = "Two suspects handed over a ZQK assault rifle and QRV machine guns."
    assert labels_of(text, recogniser, "WEAPON") == ["ZQK assault rifle", "QRV machine guns"]
    # An owner, not a model: a listed group, or an acronym the article defines.
    assert labels_of("IRA bombs went off.", recogniser, "WEAPON") == ["bombs"]
    text = "The Zindaro Liberation Army (ZLA) said ZLA mortars hit it."
    assert labels_of(text, recogniser, "WEAPON") == ["mortars"]


def test_a_place_that_names_a_treaty(recogniser: Recogniser) -> None:
    text = "Moldova refused to sign the Kyoto Protocol or a Kyoto-lite deal."
    assert labels_of(text, recogniser, "GPE") == ["Moldova"]
    assert labels_of("She won the title in Kyoto.", recogniser, "GPE") == ["Kyoto"]
    # A people before a tournament stays ("[Belgian] Open", as the gold has it).
    assert labels_of("She won the Belgian Open.", recogniser, "NORP") == ["Belgian"]


def test_an_outlet_after_told(recogniser: Recogniser) -> None:
    text = "Police chief Zindaro Qalbeni told Qorvani Standard on Monday that two men died."
    assert labels_of(text, recogniser, "ORG") == ["Qorvani Standard"]
    text = "A spokesman told The Zeluwadi that the camp was hit."
    assert labels_of(text, recogniser, "ORG") == ["The Zeluwadi"]
    # People, titles and places after "told" are no outlet.
    text = "He told Tony Qalbeni, then told Judge Zeluwa and told South Qorvania's paper."
    assert labels_of(text, recogniser, "ORG") == []
    assert labels_of("She told Mr Zeluwa so.", recogniser, "ORG") == []


def test_korea_alone_is_a_place(recogniser: Recogniser) -> None:
    text = "Money moved into markets like Korea and Moldova, North Korea said."
    assert labels_of(text, recogniser, "GPE") == ["Korea", "Moldova", "North Korea"]


def test_rivers_sharing_a_head_and_mountains_of(recogniser: Recogniser) -> None:
    text = "Families live along the Zeluwa Qor and Qalbeni Hka rivers."
    assert labels_of(text, recogniser, "LOC") == ["Zeluwa Qor", "Qalbeni Hka"]
    text = "They hid in the mountains of Zindaro and Qorvani, then the forests of Zeluma."
    assert labels_of(text, recogniser, "LOC") == ["Zindaro", "Qorvani", "Zeluma"]
    # A known place keeps its label.
    text = "He fought in the mountains of Afghanistan."
    assert labels_of(text, recogniser, "GPE") == ["Afghanistan"]


def test_a_river_named_by_its_reaches(recogniser: Recogniser) -> None:
    text = "The dam is rising where the upper reaches of the Zeluwa Qor are steepest."
    assert labels_of(text, recogniser, "LOC") == ["Zeluwa Qor"]
