"""Offsets, ordering and specific expectations on the seed articles and BBC."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from entities_support import BBC_DIR, REPO, SEED_FILES, seed_text

from glossator.index.entities import LABELS, Entity, Recogniser


def check_invariants(text: str, entities: list[Entity]) -> None:
    previous_end = 0
    for ent in entities:
        assert text[ent.start : ent.end] == ent.text, ent
        assert ent.label in LABELS
        assert ent.start < ent.end
        assert ent.start >= previous_end, f"overlap or unsorted at {ent}"
        assert ent.text == ent.text.strip(), f"untrimmed span {ent}"
        previous_end = ent.end


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_offsets_sorted_non_overlapping(recogniser: Recogniser, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    check_invariants(text, recogniser.recognise(text))


def test_bbc_offsets(recogniser: Recogniser) -> None:
    if not BBC_DIR.is_dir():
        pytest.skip(f"{BBC_DIR} not present")
    paths = sorted(BBC_DIR.glob("*/*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    # Speed is measured by bench/entities_eval.py, not asserted here.
    for text in texts:
        check_invariants(text, recogniser.recognise(text))


def found(text: str, recogniser: Recogniser) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in recogniser.recognise(text)}


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000", ("Kataib Hezbollah", "ORG")),
        ("000", ("Ain al-Asad base", "FAC")),
        ("000", ("Harir airbase", "FAC")),
        ("000", ("drones", "WEAPON")),
        ("000", ("ballistic missiles", "WEAPON")),
        ("000", ("suicide drone", "WEAPON")),
        ("000", ("Baghdad", "GPE")),
        ("000", ("Anbar", "GPE")),
        ("000", ("Iraqi", "NORP")),
        ("000", ("Fadhil Atia Shanin al-Maksusi", "PERSON")),
        ("000", ("Mohammed Shia Al-Sudani", "PERSON")),
        ("000", ("Islamic Resistance in Iraq", "ORG")),
        ("000", ("7 October", "DATE")),
        ("000", ("more than 13,000", "CARDINAL")),
        ("000", ("some 2,500", "CARDINAL")),
        ("001", ("Abu Aqeel al-Moussawi", "PERSON")),
        ("001", ("at least 100", "CARDINAL")),
        ("002", ("Rumalyn Landing Zone", "FAC")),
        ("002", ("Popular Mobilization Forces", "ORG")),
        ("002", ("US Central Command", "ORG")),
        ("002", ("Oct. 17", "DATE")),
        ("002", ("2:30 a.m.", "TIME")),
        ("002", ("2330 GMT", "TIME")),
        ("002", ("Jurf al-Nasr", "GPE")),
        ("002", ("explosive projectiles", "WEAPON")),
        ("003", ("Lloyd Austin", "PERSON")),
        ("003", ("Pentagon", "ORG")),
        ("003", ("July 16 and 25", "DATE")),
        ("004", ("Katyusha rockets", "WEAPON")),
        ("004", ("Ain Al-Asad air base", "FAC")),
        ("004", ("Abu Mahdi Al-Muhandis", "PERSON")),
        ("004", ("October 17 to 30", "DATE")),
        ("004", ("Middle East", "LOC")),
        ("004", ("ANBAR", "GPE")),
    ],
)
def test_seed_expectations(recogniser: Recogniser, seed: str, expected: tuple[str, str]) -> None:
    assert expected in found(seed_text(seed), recogniser)


def test_relative_dates_are_whole_spans(recogniser: Recogniser) -> None:
    text = "Last month the group struck twice, and this week it struck again a year ago."
    dates = [t for t, label in found(text, recogniser) if label == "DATE"]
    assert sorted(dates) == ["Last month", "a year ago", "this week"]
    assert ("Last Tuesday", "DATE") in found("Last Tuesday it rained.", recogniser)


def test_titles_are_outside_person_spans(recogniser: Recogniser) -> None:
    text = "Iraqi Prime Minister Mohammed Shia al-Sudani met Defense Secretary Lloyd Austin."
    got = found(text, recogniser)
    assert ("Mohammed Shia al-Sudani", "PERSON") in got
    assert ("Lloyd Austin", "PERSON") in got
    assert not any("Minister" in t or "Secretary" in t for t, _ in got)


def test_arabic_place_with_article_is_not_a_person(recogniser: Recogniser) -> None:
    got = found("US troops at al-Tanf came under attack near Abu Ghraib.", recogniser)
    assert ("al-Tanf", "FAC") in got
    assert ("Abu Ghraib", "GPE") in got
    assert not any(label == "PERSON" for _, label in got)


def test_ambiguous_place_names_need_more_than_a_capital(recogniser: Recogniser) -> None:
    text = "Split the bill. Reading is fun. Mobile phones. Nice work. Police said. March on."
    assert not [e for e in recogniser.recognise(text) if e.label in ("GPE", "LOC")]


def test_cardinal_counts_people_not_everything(recogniser: Recogniser) -> None:
    got = found(
        "Five militants and two soldiers died; the two countries signed 24 pages.", recogniser
    )
    assert {("Five", "CARDINAL"), ("two", "CARDINAL")} <= got
    assert ("24", "CARDINAL") not in got


def test_package_never_imports_textual() -> None:
    code = (
        "import sys, glossator.index.entities, glossator.index.entities.cache;"
        " print('textual' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "count",
    ["More than two million", "Some one million", "Nearly half a million", "half a million"],
)
def test_counts_in_millions_written_in_words(recogniser: Recogniser, count: str) -> None:
    text = f"Officials said {count} villagers had fled the Velmora valley."
    assert (count, "CARDINAL") in {(e.text, e.label) for e in recogniser.recognise(text)}


@pytest.mark.parametrize(
    "date", ["Two days later", "A year earlier", "three weeks later", "early this year"]
)
def test_relative_dates_counted_from_another_date(recogniser: Recogniser, date: str) -> None:
    text = f"Rebels left Velmora. {date}, drones struck the Kestra valley again."
    assert (date, "DATE") in {(e.text, e.label) for e in recogniser.recognise(text)}


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("Gunmen from Velmora carried machetes.", "machetes", "WEAPON"),
        ("Police in Velmora found a grenade launcher.", "grenade launcher", "WEAPON"),
        ("Troops in Velmora killed about 40 assailants.", "about 40", "CARDINAL"),
        ("The Velmora show aired on Channel 4 on Monday.", "Channel 4", "ORG"),
    ],
)
def test_weapons_people_and_broadcasters_added_to_the_lists(
    recogniser: Recogniser, text: str, span: str, label: str
) -> None:
    assert (span, label) in {(e.text, e.label) for e in recogniser.recognise(text)}
