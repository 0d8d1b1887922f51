"""Each export format loads in its consumer and keeps the analyst's content."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from glossator.annotations.errors import ExportError
from glossator.annotations.export import (
    CSV_COLUMNS,
    FORMATS,
    ExportRecord,
    article_iri,
    export,
    md_escape,
    write_export,
)
from glossator.annotations.model import Note, Rating, Sidecar, Span


def _records() -> list[ExportRecord]:
    span = Span("s-9f3c", 175, 191, "Ain al-Asad base", "after the ", " hosting US", "target",
                "First strike of the week.", "alice", "2026-11-21T10:05:00Z")  # fmt: skip
    orphan = Span("s-0001", 0, 0, "gone *text*", "", "", "lost", "", "bob", "2026-11-21T11:00:00Z",
                  orphaned=True)  # fmt: skip
    first = Sidecar(
        article="000_a.txt",
        article_sha256="9b" * 32,
        tags=["-dash", "airstrike", "kataib-hezbollah"],
        rating=Rating("B", 2),
        notes=[Note("n-4f1a", "alice", "2026-11-21T10:04:00Z", '=HYPERLINK("x")\nsecond, line')],
        spans=[span, orphan],
    )
    second = Sidecar(article="001_b.txt", tags=["needs-followup"])
    return [
        ExportRecord(
            "seeds/000_a.txt", "Iraq militiaman 'killed' | [US] base #1", "9b" * 32, first
        ),
        ExportRecord("seeds/001_b.txt", 'Second, with "quotes"', "ab" * 32, second),
    ]


def test_json_is_a_list_of_articles() -> None:
    data = json.loads(export(_records(), "json"))
    assert [d["path"] for d in data] == ["seeds/000_a.txt", "seeds/001_b.txt"]
    first = data[0]
    assert set(first) == {
        "path",
        "title",
        "sha256",
        "tags",
        "rating",
        "notes",
        "spans",
        "incidents",
    }
    assert first["rating"] == {"reliability": "B", "credibility": 2}
    assert first["spans"][0]["quote"] == "Ain al-Asad base" and first["spans"][1]["orphaned"]
    assert data[1]["rating"] is None


def test_jsonl_is_one_article_per_line() -> None:
    lines = export(_records(), "jsonl").splitlines()
    assert [json.loads(line)["path"] for line in lines] == ["seeds/000_a.txt", "seeds/001_b.txt"]
    assert json.loads(lines[0]) == json.loads(export(_records(), "json"))[0]


def test_csv_rows_and_formula_neutralising() -> None:
    text = export(_records(), "csv")
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    kinds = [(r["path"], r["kind"]) for r in rows]
    assert kinds == [
        ("seeds/000_a.txt", k) for k in ("rating", "tag", "tag", "tag", "note", "span", "span")
    ] + [("seeds/001_b.txt", "tag")]
    rating, dash, *_ = rows
    assert (rating["value"], rating["label"]) == ("B2", "Usually reliable; Probably true")
    assert dash["value"] == "'-dash"
    note = rows[4]
    assert note["note"] == '\'=HYPERLINK("x")\nsecond, line' and note["author"] == "alice"
    span, orphan = rows[5], rows[6]
    assert (span["start"], span["end"], span["quote"], span["label"]) == (
        "175",
        "191",
        "Ain al-Asad base",
        "target",
    )
    assert (orphan["start"], orphan["end"]) == ("", "")
    assert rows[-1]["title"] == 'Second, with "quotes"'


def test_markdown_report_groups_by_article_and_escapes() -> None:
    text = export(_records(), "md")
    assert text.startswith("# Annotations\n")
    assert "## Iraq militiaman 'killed' \\| \\[US\\] base \\#1" in text
    assert "> Ain al-Asad base" in text
    assert "**target**, alice, 2026-11-21 (characters 175-191)" in text
    assert "> gone \\*text\\*" in text and "orphaned" in text
    assert "- Rating: B2 (Usually reliable; Probably true)" in text
    assert '- **alice**, 2026-11-21: \\=HYPERLINK("x")  \n  second, line' in text
    assert text.index("## Iraq") < text.index("## Second")


def test_md_escape_neutralises_block_starts() -> None:
    assert md_escape("# not a heading\n- not a list\n1. nor this\n> nor a quote") == (
        "\\# not a heading\n\\- not a list\n1\\. nor this\n\\> nor a quote"
    )


def test_w3c_collection_has_the_required_shape() -> None:
    data = json.loads(export(_records(), "w3c"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["first"]["type"] == "AnnotationPage" and data["total"] == len(items) == 6
    for item in items:
        assert {"id", "type", "body", "target"} <= set(item) and item["type"] == "Annotation"
        assert item["id"].startswith("urn:uuid:")
    tags = next(i for i in items if i["motivation"] == "tagging")
    assert [b["purpose"] for b in tags["body"]] == ["tagging"] * 3
    note = next(i for i in items if i["motivation"] == "commenting")
    assert note["body"]["purpose"] == "commenting" and note["creator"]["name"] == "alice"
    span = next(i for i in items if i["motivation"] == "highlighting")
    assert span["target"]["source"] == "urn:glossator:seeds/000_a.txt"
    quote, position = span["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector", "exact": "Ain al-Asad base",
        "prefix": "after the ", "suffix": " hosting US",
    }  # fmt: skip
    assert position == {"type": "TextPositionSelector", "start": 175, "end": 191}
    assert [(b["value"], b["purpose"]) for b in span["body"]] == [
        ("target", "tagging"), ("First strike of the week.", "commenting")
    ]  # fmt: skip
    assert json.loads(export(_records(), "w3c")) == data  # ids are stable


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ExportError, match="use one of csv, json, jsonl, md, w3c"):
        export(_records(), "xlsx")
    assert FORMATS == ("csv", "json", "jsonl", "md", "w3c")


def test_empty_export_still_loads() -> None:
    assert json.loads(export([], "json")) == []
    assert export([], "jsonl") == ""
    assert json.loads(export([], "w3c"))["total"] == 0


def test_write_export_never_clobbers_without_force(tmp_path: Path) -> None:
    dest = tmp_path / "report.csv"
    write_export("one\n", dest)
    assert dest.read_text() == "one\n"
    with pytest.raises(ExportError, match="already exists; pass --force"):
        write_export("two\n", dest)
    assert dest.read_text() == "one\n"
    write_export("three\n", dest, force=True)
    assert dest.read_text() == "three\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]
    with pytest.raises(ExportError, match="does not exist"):
        write_export("x", tmp_path / "missing" / "r.md")


#: What the W3C Web Annotation Data Model requires of each kind of object
#: (https://www.w3.org/TR/annotation-model/: 3.1, 3.2, 4.2, 5.1, 5.2).
_REQUIRED = {
    "AnnotationCollection": {"id", "type"},
    "AnnotationPage": {"id", "type", "items"},
    "Annotation": {"id", "type", "target"},
    "TextualBody": {"type", "value"},
    "TextQuoteSelector": {"type", "exact"},
    "TextPositionSelector": {"type", "start", "end"},
}
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


def _check(node: dict, where: str) -> None:
    kind = node["type"]
    missing = _REQUIRED[kind] - set(node)
    assert not missing, f"{where}: {kind} lacks {sorted(missing)}"
    if "id" in node:
        assert _IRI.match(node["id"]), f"{where}: id {node['id']!r} is not an IRI"


def test_w3c_export_follows_the_web_annotation_model() -> None:
    records = [
        ExportRecord(r.path, r.title, r.sha256, r.sidecar, article_iri("my corpus", r.path))
        for r in _records()
    ]
    data = json.loads(export(records, "w3c"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    _check(data, "collection")
    page = data["first"]
    _check(page, "page")
    assert page["partOf"] == data["id"] and page["id"] != data["id"]
    assert data["total"] == len(page["items"]) > 0
    ids = set()
    for i, item in enumerate(page["items"]):
        _check(item, f"item {i}")
        ids.add(item["id"])
        bodies = item["body"] if isinstance(item["body"], list) else [item["body"]]
        for body in bodies:
            _check(body, f"item {i} body")
        target = item["target"]
        assert target["source"] in {
            "urn:glossator:my%20corpus/seeds/000_a.txt",
            "urn:glossator:my%20corpus/seeds/001_b.txt",
        }
        assert _IRI.match(target["source"])
        for selector in target.get("selector", []):
            _check(selector, f"item {i} selector")
    assert len(ids) == len(page["items"])
    # A different set of annotations is a different collection.
    fewer = json.loads(export(records[:0], "w3c"))
    assert fewer["id"] != data["id"]
    assert article_iri("c", "a b.txt", "https://archive.example/news/") == (
        "https://archive.example/news/a%20b.txt"
    )


def test_write_export_refuses_a_pipe_or_device_even_with_force(tmp_path: Path) -> None:
    # `-o /dev/stdout --force` or a named pipe: the atomic rename would swap
    # the node itself for a regular file and report success; refuse instead.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(ExportError, match="not a regular file"):
        write_export("a,b\n", pipe, force=True)
    assert pipe.exists() and not pipe.is_file()
