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
