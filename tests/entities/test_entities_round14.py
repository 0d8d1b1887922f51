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
