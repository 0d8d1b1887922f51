"""The place of a wire dateline in capitals is a GPE (`shapes.datelines`).
Invented names throughout."""

from __future__ import annotations

import pytest

from glossator.index.entities import Recogniser


def gpe(text: str, recogniser: Recogniser) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == "GPE"]


@pytest.mark.parametrize(
    "dateline",
    [
        "N'KELVORA (AFP) - Gunmen struck a market.",
        "PORT VELMORA, Tolvan (Reuters) - Gunmen struck a market.",
        "KESTRA BAY (AP) — Gunmen struck a market.",
    ],
)
def test_a_dateline_place_in_capitals(recogniser: Recogniser, dateline: str) -> None:
    place = dateline.split(" (")[0].split(",")[0]
    assert place in gpe(f"Attack on market\n{dateline}", recogniser)


def test_a_headline_in_capitals_with_parentheses_is_no_dateline(
    recogniser: Recogniser,
) -> None:
    assert gpe("Reviews\nTOO MANY VELMORAS (KESTRA GAMES)   As soon as it loads", recogniser) == []


def test_a_dateline_shape_deep_in_a_story_is_no_dateline(recogniser: Recogniser) -> None:
    lines = ["Title", "Byline", "First paragraph.", "Second.", "Third."]
    text = "\n".join([*lines, "KESTRAVO (KELVA GROUP) - a line in capitals."])
    assert gpe(text, recogniser) == []
