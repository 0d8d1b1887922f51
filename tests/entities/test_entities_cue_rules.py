"""Context rules of the fourth pass (#16, `cue_rules.py`): what each must find
and what it must leave alone. Invented names, so no list can know them."""

from __future__ import annotations

from glossator.index.entities import Recogniser


def labels_of(text: str, recogniser: Recogniser, label: str) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == label]


def test_speaker_after_said(recogniser: Recogniser) -> None:
    text = '"The men come at night," said Qorbani Zeluwa, a farmer.'
    assert labels_of(text, recogniser, "PERSON") == ["Qorbani Zeluwa"]
    text = "The road was cut on Friday, said Hauwa Bello, whose sons were taken."
    assert labels_of(text, recogniser, "PERSON") == ["Hauwa Bello"]
    # Not after a plain "said", not one word, not a title with the name.
    assert labels_of("Officials said Zindaro Qalbeni was calm.", recogniser, "PERSON") == []
    assert labels_of('"It is over," said Qorbani.', recogniser, "PERSON") == []
    text = '"We won," said Conservative MP Qorbani Zeluwa.'
    assert "Conservative MP Qorbani Zeluwa" not in labels_of(text, recogniser, "PERSON")


def test_speaker_before_said_after_a_role(recogniser: Recogniser) -> None:
    text = "District police officer Ziaud Qorbani said the attacker was young."
    assert labels_of(text, recogniser, "PERSON") == ["Ziaud Qorbani"]
    text = "acting commissioner Donald Zeluwa told reporters."
    assert labels_of(text, recogniser, "PERSON") == ["Donald Zeluwa"]
    # An organisation's kind is no role: "investment bank Qorbani Zeluwa said".
    text = "investment bank Qorbani Zeluwa said profits fell."
    assert labels_of(text, recogniser, "PERSON") == []
    assert labels_of("the Qalbeni Ministry said", recogniser, "PERSON") == []


def test_speaker_apposition_shapes(recogniser: Recogniser) -> None:
    # An age, an affiliation with no article, a head before its preposition.
    text = "The road is shut, said Hauwa Zeluwa, 45, a mother of three."
    assert labels_of(text, recogniser, "PERSON") == ["Hauwa Zeluwa"]
    text = '"Shares fell," said Qorbani Qalbeni, co-founder of Zindaro.'
    assert labels_of(text, recogniser, "PERSON") == ["Qorbani Qalbeni"]
    text = '"It is shut," said Qorbani Zeluwa, the head of the bank.'
    assert labels_of(text, recogniser, "PERSON") == ["Qorbani Zeluwa"]
    # The surname alone later in the article is the same person.
    text = '"Shares fell," said Nick Qalbeni, an analyst at Zeluwa. Qalbeni said more would.'
    assert labels_of(text, recogniser, "PERSON") == ["Nick Qalbeni", "Qalbeni"]


def test_speaker_apposition_of_no_person(recogniser: Recogniser) -> None:
    # An organisation's kind, a relative clause about a thing, a plural, a verb.
    for apposition in ("the investment bank", "which runs it", "the organisers", "adding that"):
        text = f'"It is shut," said Qorbani Zeluwa, {apposition}.'
        assert labels_of(text, recogniser, "PERSON") == [], apposition


def test_speaker_title_and_honorific_cut_off(recogniser: Recogniser) -> None:
    text = '"It is shut," said Culture Secretary Qorbani Zeluwa, who visited.'
    assert labels_of(text, recogniser, "PERSON") == ["Qorbani Zeluwa"]
    text = '"It is shut," said Professor Qorbani Zeluwa, dean of the college.'
    assert labels_of(text, recogniser, "PERSON") == ["Qorbani Zeluwa"]


def test_speaker_before_said_more_shapes(recogniser: Recogniser) -> None:
    # The role and the name set off by commas.
    text = "A farmer, Qorbani Zeluwa, said the road was shut."
    assert labels_of(text, recogniser, "PERSON") == ["Qorbani Zeluwa"]
    # A last word with an attached article still ends a name.
    text = "The farmer Qorbani al-Zeluwa said the road was shut."
    assert labels_of(text, recogniser, "PERSON") == ["Qorbani al-Zeluwa"]
    # A role word that is no role before a name: "rival X Y said" is a company.
    assert labels_of("rival Qorbani Zeluwa said", recogniser, "PERSON") == []


def test_a_speaker_described_by_a_relative_clause(recogniser: Recogniser) -> None:
    text = '"They came at night," said Qorbani Zeluwa, a farmer who lost two sons.'
    assert ("Qorbani Zeluwa", "PERSON") in {(e.text, e.label) for e in recogniser.recognise(text)}


def test_a_person_after_led_by(recogniser: Recogniser) -> None:
    text = "The Velmora front, led by Qorbani al-Zeluwa, holds the hills."
    assert labels_of(text, recogniser, "PERSON") == ["Qorbani al-Zeluwa"]
    text = "the council, headed by Rashan al-Tolvani, met; troops commanded by Ziaud Qorbani"
    assert labels_of(text, recogniser, "PERSON") == ["Rashan al-Tolvani", "Ziaud Qorbani"]
    # One word, a known place or an organisation's shape is no person.
    assert labels_of("a coalition led by Saudi Arabia", recogniser, "PERSON") == []
    assert labels_of("a bid led by Zeluwa Holdings", recogniser, "PERSON") == []


def test_a_person_after_an_outlets_writer(recogniser: Recogniser) -> None:
    text = "Velmora Herald writer Ziaud Qorbani in Tolvan contributed to this report."
    assert "Ziaud Qorbani" in labels_of(text, recogniser, "PERSON")
    text = "Tolvan Times reporter Donald Zeluwa was there."
    assert "Donald Zeluwa" in labels_of(text, recogniser, "PERSON")
    # Without an outlet before the role nothing says who it is.
    assert labels_of("a crime writer Ziaud Qorbani", recogniser, "PERSON") == []


def test_a_person_after_a_demonym_for_one_person(recogniser: Recogniser) -> None:
    text = "Frenchman Ziaud Qorbani beat the Dane Donald Zeluwa in Tolvan."
    assert labels_of(text, recogniser, "PERSON") == ["Ziaud Qorbani", "Donald Zeluwa"]
    # Inside a word the demonym is none: "ScotRail Velmora Line".
    assert labels_of("the ScotRail Velmora Line", recogniser, "PERSON") == []


def test_speaker_after_a_role_with_a_place(recogniser: Recogniser) -> None:
    for text in (
        "They were taken to the hospital. A nurse there, Kadi Sowane, said two were hurt.",
        "a doctor at the Varo Regional Hospital, Kadi Sowane, said 15 were being treated.",
    ):
        assert "Kadi Sowane" in labels_of(text, recogniser, "PERSON")


def test_no_speaker_after_a_role_word_inside_a_title(recogniser: Recogniser) -> None:
    # "superintendent of police" is a title; "police" alone is no role.
    text = "Flown by police from Varo to Kelm, Kadi Sowane said he was tired."
    assert labels_of(text, recogniser, "PERSON") == []
