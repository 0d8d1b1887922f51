"""Sidecar version 2: date, source and incident checks; migration from version 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from ann_support import Corpus

from glossator.annotations.checks import (
    FIELDS,
    SUB_EVENT_TYPES,
    IncidentCheck,
    field_value,
    normalise_date,
    normalise_source,
)
from glossator.annotations.codec import read_sidecar
from glossator.annotations.dump import dump_sidecar
from glossator.annotations.errors import InvalidValue, SidecarError
from glossator.annotations.export import export
from glossator.annotations.model import SIDECAR_VERSION, Sidecar
from glossator.annotations.records import ExportRecord
from glossator.annotations.yamlsafe import parse_node

FIXTURE = Path(__file__).parent / "fixtures" / "v1_sidecar.yaml"
STAMP = "2026-12-02T10:00:00Z"


def test_the_copy_of_the_sub_event_types_equals_the_extractors() -> None:
    from glossator.index.incidents import SUB_EVENT_TYPES as EXTRACTOR_TYPES

    assert SUB_EVENT_TYPES == EXTRACTOR_TYPES


def _check(**fields: object) -> IncidentCheck:
    return IncidentCheck(
        "i-4f1a", "edited", 90, 140, "killed in an airstrike", "prefix ", " suffix",
        dict(fields), "alice", STAMP,
    )  # fmt: skip


def test_a_full_sidecar_is_written_as_documented_and_reads_back() -> None:
    sidecar = Sidecar(
        article="000_x.txt",
        article_sha256="9b" * 32,
        date="2024-01-16",
        source="Reuters",
        tags=["airstrike"],
        incidents=[
            _check(sub_event_type="Air/drone strike", event_date="2024-01-16", fatalities=1,
                   injured=None, latitude=33.8, longitude=42.44, location="Ain al-Asad"),
            IncidentCheck("i-77b0", "rejected", 0, 10, "Iraq milit", "", "", {}, "bob", STAMP),
        ],
    )  # fmt: skip
    text = dump_sidecar(sidecar)
    assert text == (
        "version: 2\n"
        "article: 000_x.txt\n"
        f"article_sha256: {'9b' * 32}\n"
        "date: 2024-01-16\n"
        "source: Reuters\n"
        "tags: [airstrike]\n"
        "notes: []\n"
        "spans: []\n"
        "incidents:\n"
        "  - id: i-4f1a\n"
        "    status: edited\n"
        "    start: 90\n"
        "    end: 140\n"
        "    quote: killed in an airstrike\n"
        "    prefix: 'prefix '\n"
        "    suffix: ' suffix'\n"
        "    fields:\n"
        "      sub_event_type: Air/drone strike\n"
        "      event_date: '2024-01-16'\n"
        "      location: Ain al-Asad\n"
        "      latitude: 33.8\n"
        "      longitude: 42.44\n"
        "      fatalities: 1\n"
        "      injured: null\n"
        "    author: alice\n"
        "    updated: 2026-12-02T10:00:00Z\n"
        "  - id: i-77b0\n"
        "    status: rejected\n"
        "    start: 0\n"
        "    end: 10\n"
        "    quote: Iraq milit\n"
        "    fields: {}\n"
        "    author: bob\n"
        "    updated: 2026-12-02T10:00:00Z\n"
    )
    loaded, problems = read_sidecar(parse_node(text))
    assert problems == [] and loaded == sidecar
    assert dump_sidecar(loaded) == text


def test_tiny_coordinates_survive_as_floats() -> None:
    sidecar = Sidecar(article="a.txt", incidents=[_check(latitude=1e-05, longitude=-1.5e-30)])
    loaded, problems = read_sidecar(parse_node(dump_sidecar(sidecar)))
    assert problems == [] and loaded.incidents[0].fields == {
        "latitude": 1e-05,
        "longitude": -1.5e-30,
    }


def test_a_version_1_file_reads_as_it_did_and_is_not_rewritten_by_reading(
    corpus: Corpus,
) -> None:
    shutil.copyfile(FIXTURE, corpus.sidecar_path)
    before = corpus.sidecar_path.read_bytes()
    sidecar = corpus.store.load(corpus.article_id, corpus.text)
    assert sidecar.version == 1
    assert sidecar.tags == ["airstrike", "kataib-hezbollah"] and sidecar.rating is not None
    assert sidecar.notes[0].text.endswith("the toll differs.")
    assert sidecar.spans[0].quote == "Ain al-Asad base" and not sidecar.spans[0].orphaned
    assert (sidecar.date, sidecar.source, sidecar.incidents) == ("", "", [])
    assert corpus.sidecar_path.read_bytes() == before


def test_a_change_migrates_a_version_1_file_losing_nothing(corpus: Corpus) -> None:
    shutil.copyfile(FIXTURE, corpus.sidecar_path)
    old = yaml.safe_load(FIXTURE.read_text("utf-8"))
    corpus.store.add_tags(corpus.article_id, corpus.text, ["checked"])
    new = yaml.safe_load(corpus.sidecar_path.read_text("utf-8"))
    assert new["version"] == SIDECAR_VERSION == 2
    assert new["tags"] == ["airstrike", "checked", "kataib-hezbollah"]
    assert new["incidents"] == []
    for key in ("article", "article_sha256", "rating", "notes", "spans"):
        assert new[key] == old[key], key
    assert corpus.store.load(corpus.article_id, corpus.text).version == 2


def test_a_newer_version_is_refused_and_never_overwritten(corpus: Corpus) -> None:
    content = "version: 3\narticle: 000_test.txt\nhologram: {x: 1}\ntags: [a]\n"
    corpus.sidecar_path.write_text(content, "utf-8")
    with pytest.raises(SidecarError) as refused:
        corpus.store.load(corpus.article_id, corpus.text)
    message = str(refused.value)
    assert "\n" not in message
    assert "line 1: version 3 is newer than this glossator reads (up to 2)" in message
    assert "(and" not in message  # the newer file's keys are not judged
    with pytest.raises(SidecarError):
        corpus.store.add_tags(corpus.article_id, corpus.text, ["x"])
    assert corpus.sidecar_path.read_text("utf-8") == content


HEAD = "version: 2\narticle: 000_test.txt\n"
ITEM = "incidents:\n  - {id: i-1, status: confirmed, start: 0, end: 4, quote: Iraq, author: a,"
ITEM_END = " updated: 2026-01-01T00:00:00Z}\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (HEAD + "date: 16/01/2024\n", "line 3: date '16/01/2024' is not a day written YYYY-MM-DD"),
        (HEAD + "date: 2024-02-30\n", "date '2024-02-30' is not a day"),
        (HEAD + "source: [a]\n", "source must be text"),
        (HEAD + 'source: "Reu\\x1bters"\n', "source has control characters"),
        (HEAD + "source: '  '\n", "source is empty"),
        (HEAD + "incidents: {}\n", "incidents must be a list"),
        (HEAD + ITEM + " status: maybe," + ITEM_END, "duplicate key"),
        (HEAD + ITEM.replace("confirmed", "maybe") + ITEM_END,
         "incident status 'maybe' must be one of confirmed, edited, added, rejected"),
        (HEAD + ITEM.replace("start: 0", "start: 9") + ITEM_END, "need 0 <= start <= end"),
        (HEAD + ITEM.replace("id: i-1", "id: 'i 1'") + ITEM_END, "incident id 'i 1' must be"),
        (HEAD + ITEM + " colour: red," + ITEM_END, "unknown key 'colour' in an incident"),
        (HEAD + "incidents:\n  - {id: i-1}\n", "an incident is missing status, start, end"),
        (HEAD + ITEM + " fields: {sub_event_type: Riot}," + ITEM_END,
         "incident sub_event_type 'Riot' is not one of ACLED's"),
        (HEAD + ITEM + " fields: {fatalities: -1}," + ITEM_END,
         "incident fatalities -1 must be a whole number 0 or more"),
        (HEAD + ITEM + " fields: {injured: many}," + ITEM_END, "injured 'many' must be a whole"),
        (HEAD + ITEM + " fields: {injured: true}," + ITEM_END, "must be text or a number"),
        (HEAD + ITEM + " fields: {latitude: 95}," + ITEM_END, "latitude 95 must be a number"),
        (HEAD + ITEM + " fields: {longitude: east}," + ITEM_END, "longitude 'east' must be"),
        (HEAD + ITEM + " fields: {event_date: 2024-13}," + ITEM_END,
         "event_date '2024-13' is not a date; use YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY"),
        (HEAD + ITEM + " fields: {event_date: 2024-W54}," + ITEM_END, "event_date '2024-W54'"),
        (HEAD + ITEM + " fields: {actor1: [a, b]}," + ITEM_END, "must be text or a number"),
        (HEAD + ITEM + " fields: {actor1: 12}," + ITEM_END, "actor1 12 must be text"),
        (HEAD + ITEM + ' fields: {weapon: "x\\ty"},' + ITEM_END, ""),  # tab folds to a space
        (HEAD + ITEM + " fields: {toll: 3}," + ITEM_END, "unknown key 'toll' in incident fields"),
        (HEAD + ITEM + " fields: [x]," + ITEM_END, "incident fields must be a mapping"),
        (HEAD + ITEM + " orphaned: maybe," + ITEM_END, "incident orphaned must be true or false"),
        (HEAD + ITEM.replace("quote: Iraq", "quote: Iraq") + ITEM_END + ITEM[11:] + ITEM_END,
         "incident id 'i-1' is already used on line 4"),
    ],
)  # fmt: skip
def test_every_bad_v2_value_is_one_line_with_its_line(
    corpus: Corpus, content: str, expected: str
) -> None:
    corpus.sidecar_path.write_text(content, "utf-8")
    if not expected:
        loaded = corpus.store.load(corpus.article_id, corpus.text)
        assert loaded.incidents[0].fields == {"weapon": "x y"}
        return
    with pytest.raises(SidecarError) as refused:
        corpus.store.load(corpus.article_id, corpus.text)
    message = str(refused.value)
    assert "\n" not in message and expected in message, message
    with pytest.raises(SidecarError):
        corpus.store.add_tags(corpus.article_id, corpus.text, ["x"])
    assert corpus.sidecar_path.read_text("utf-8") == content


def test_a_hand_written_year_and_null_fields_are_accepted(corpus: Corpus) -> None:
    content = HEAD + ITEM + " fields: {event_date: 2024, country: ~, notes: 'a\n\n  b'}," + ITEM_END
    corpus.sidecar_path.write_text(content, "utf-8")
    fields = corpus.store.load(corpus.article_id, corpus.text).incidents[0].fields
    assert fields == {"event_date": "2024", "country": None, "notes": "a\nb"}


@pytest.mark.parametrize(
    ("name", "value", "stored"),
    [
        ("sub_event_type", " air/DRONE  strike ", "Air/drone strike"),
        ("event_date", "2024-W03", "2024-W03"),
        ("event_date", 2024, "2024"),
        ("fatalities", "5", 5),
        ("injured", 0, 0),
        ("injured", "", None),
        ("latitude", "15.35", 15.35),
        ("longitude", -180, -180.0),
        ("actor1", "  Houthi\n rebels ", "Houthi rebels"),
        ("notes", " two\nlines ", "two\nlines"),
        ("country", None, None),
    ],
)
def test_field_values_are_normalised(name: str, value: object, stored: object) -> None:
    assert field_value(name, value) == stored


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("toll", 1, "unknown incident field 'toll'; use one of sub_event_type"),
        ("fatalities", 2.5, "fatalities 2.5 must be a whole number 0 or more"),
        ("fatalities", True, "must be a whole number"),
        ("latitude", "nan", "latitude 'nan' must be a number from -90 to 90"),
        ("event_date", "Tuesday", "event_date 'Tuesday' is not a date"),
        ("event_date", 3.5, "event_date 3.5 must be text"),
        ("location", "x" * 201, "location is 201 characters long; shorten it to 200"),
        ("actor2", "\x1b[31mred", "actor2 has control characters"),
        ("actor2", "a\u202eb", "actor2 has control characters"),
        ("weapon", 7, "weapon 7 must be text"),
    ],
)
def test_bad_field_values_say_what_to_do(name: str, value: object, message: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        field_value(name, value)
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_dates_and_sources() -> None:
    assert normalise_date(" 2024-02-29 ") == "2024-02-29"
    for bad in ("2023-02-29", "2024-1-5", "yesterday", ""):
        with pytest.raises(InvalidValue, match="YYYY-MM-DD"):
            normalise_date(bad)
    assert normalise_source("  Reuters \n wire ") == "Reuters wire"
    with pytest.raises(InvalidValue, match="source is empty"):
        normalise_source(" ")
    with pytest.raises(InvalidValue, match="control characters"):
        normalise_source("BBC\x07")
    with pytest.raises(InvalidValue, match="must be text"):
        normalise_source(5)  # type: ignore[arg-type]


def test_exports_still_work_with_a_version_2_sidecar() -> None:
    sidecar = Sidecar(article="a.txt", date="2024-01-16", source="Reuters", tags=["x"],
                      incidents=[_check(fatalities=2)])  # fmt: skip
    record = ExportRecord("a.txt", "A title", "0" * 64, sidecar)
    for fmt in ("csv", "json", "jsonl", "md", "w3c"):
        assert "a.txt" in export([record], fmt), fmt
    assert set(FIELDS) >= {"fatalities", "notes"}


def test_saving_re_anchors_incident_checks_on_the_new_text(corpus: Corpus) -> None:
    from glossator.annotations.incidents import add_change

    sentence = corpus.text.splitlines()[2]
    start = corpus.text.index(sentence)
    made: list[IncidentCheck] = []
    change = add_change(corpus.text, start, start + len(sentence), {"injured": 2}, "alice", made)
    corpus.store.edit(corpus.article_id, corpus.text, change)
    edited = "A new first line, longer than before.\n" + corpus.text
    corpus.store.add_tags(corpus.article_id, edited, ["moved"])
    saved = yaml.safe_load(corpus.sidecar_path.read_text("utf-8"))["incidents"][0]
    moved = start + len("A new first line, longer than before.\n")
    assert (saved["start"], saved["end"], saved["quote"]) == (
        moved,
        moved + len(sentence),
        sentence,
    )
    assert saved["fields"] == {"injured": 2} and "orphaned" not in saved
    corpus.store.add_tags(corpus.article_id, "Only a headline now.\n", ["gone"])
    loaded = corpus.store.load(corpus.article_id, "Only a headline now.\n")
    assert loaded.incidents[0].orphaned and loaded.incidents[0].quote == sentence
