"""The shortcuts taken for speed give exactly what the plain versions give."""

from __future__ import annotations

import re

import pytest
from entities_support import GOLD_DIR, SEED_FILES

from glossator.index.entities import gazetteer, rules
from glossator.index.entities.anchors import matches_at
from glossator.index.entities.recogniser import _static

TRICKY = [
    "xPresident Prime Minister Bob Smith said. Bob-Prime Minister Jim Jones left.",
    "\u0663 soldiers, \u06635 troops, ſix soldiers, tWeNty militants, someone 7 troops, 1234567",
    "In mid-May and in March, on Oct. 17 to 30, at 14:30, 2330 GMT, 10pm, ™5 soldiers, May",
    "Mr.Smith Mrs Jones, Ms. Lee, President-elect Bob, Sen. John Smith’s aide, Gen.Petraeus",
    "ANBAR: NEWS ANBAR IRAQ BAGHDAD_X DAMS 2ABCD ABCDE",
]


def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in [*SEED_FILES, *GOLD_DIR.glob("*.txt")]]
    return [*found, *TRICKY, *(t.upper() for t in TRICKY)]


def test_normalise_matches_translate_for_every_character() -> None:
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    assert gazetteer.normalise(every) == every.translate(gazetteer._SPACES)
    assert gazetteer.normalise("plain ASCII, (text)") == "plain ASCII   text "


@pytest.mark.parametrize("family", ["titles", "dates"])
def test_anchors_hold_every_possible_start(family: str) -> None:
    static = _static()
    pattern = static.titles._titles if family == "titles" else rules._DATE_TIME
    for text in texts():
        starts = getattr(static.anchors.find(text), family)
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in matches_at(pattern, text, starts)] == expected


def test_quantity_anchors_are_the_old_anchor_scan() -> None:
    # Not every start: "ſix" matches the (?i:) number words but was never an
    # anchor (it is not "six" in lower case), and still is not.
    old_scan = re.compile(rf"\d+|(?:{'|'.join(rules.QUANTITY_WORDS)})")
    for text in texts():
        old = [m.start() for m in old_scan.finditer(gazetteer.fold_case(text))]
        new = _static().anchors.find(text).quantities
        expected = [m.span() for m in matches_at(rules._QUANTITY, text, old, "qty")]
        assert [m.span() for m in matches_at(rules._QUANTITY, text, new, "qty")] == expected


def test_all_caps_pattern_is_the_plain_one() -> None:
    plain = re.compile(r"\b[A-Z]{4,}(?: [A-Z]{4,})?\b")
    for text in texts():
        got = [m.span() for m in gazetteer._ALL_CAPS.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)]


def test_the_name_scan_can_start_at_every_attached_particle() -> None:
    # The scan's first-character lookahead must let every token start:
    # capitals and each particle of `_ATTACHED` ("al-Sudani", "bin-Laden").
    import re

    from glossator.index.entities.name_words import _ATTACHED
    from glossator.index.entities.names import _SEQUENCE

    particles = re.match(r"\(\?:([a-z|]+)\)-", _ATTACHED)
    assert particles is not None
    for particle in particles.group(1).split("|"):
        assert _SEQUENCE.match(f"{particle}-Sudani said") is not None, particle
    assert _SEQUENCE.match("Éric Zemmour said") is not None
