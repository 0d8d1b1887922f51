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
