"""Incidents wired in: front matter on articles, the index's cache and fields,
`glossator incidents` and `glossator export --incidents`."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_driver import in_process

from glossator.index.corpus import article_from_text
from glossator.index.engine_input import SidecarFacts
from glossator.index.indexer import Index

FRONT = """---
date: 2024-01-16
source: Reuters
title: Houthis hit a bulk carrier
---
Houthi rebels fired an anti-ship ballistic missile at a Greek-owned bulk carrier \
off Yemen on Tuesday, injuring two crew members, the U.S. military said.
"""

ROW_KEYS = {
    "article",
    "id",
    "start",
    "end",
    "sentence",
    "event_date_text",
    "event_date",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "latitude",
    "longitude",
    "weapon",
    "fatalities",
    "injured",
    "status",
}


CLI_ENV = {"COLUMNS": "200", "TERM": "dumb"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, in a subprocess."""
    env = dict(os.environ, **CLI_ENV)
    return subprocess.run(
        [sys.executable, "-m", "glossator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def here(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`run` in this process (`cli_driver.in_process`), for the steps that only
    read the output; each command keeps a step that starts the real one."""
    proc = in_process(args, cwd=cwd, env=CLI_ENV)
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


@pytest.fixture
def wire(seeds: Path) -> Path:
    """The seeds plus one article with front matter."""
    (seeds / "red_sea.txt").write_text(FRONT, encoding="utf-8")
    return seeds


# -- front matter on articles -----------------------------------------------------


def test_front_matter_is_metadata_not_title_or_body() -> None:
    article = article_from_text("a.txt", Path("a.txt"), FRONT)
    assert article.title == "Houthis hit a bulk carrier"
    assert article.front_matter.source == "Reuters"
    assert str(article.front_matter.date) == "2024-01-16"
    assert article.body.startswith("Houthi rebels fired")
    assert "---" not in article.body
    # Offsets stay file offsets: the block is still in the text.
    assert article.text.startswith("---\n")
    assert article.content_start == article.body_start


def test_without_front_matter_the_title_is_the_first_line() -> None:
    article = article_from_text("a.txt", Path("a.txt"), "\n\nA headline\nBody text.\n")
    assert article.title == "A headline"
    assert article.body == "Body text.\n"
    assert article.content_start == 0


def test_front_matter_without_title_takes_the_first_line_after_it() -> None:
    text = "---\ndate: 2024-01-16\n---\nThe headline\nThe body.\n"
    article = article_from_text("a.txt", Path("a.txt"), text)
    assert article.title == "The headline"
    assert article.body == "The body.\n"


def test_broken_front_matter_keeps_the_text_and_says_why() -> None:
    text = "---\ndate: 2024-01-16\nThe headline with no closing line\n"
    article = article_from_text("a.txt", Path("a.txt"), text)
    assert article.front_matter.error is not None
    assert "closing" in article.front_matter.error
    assert article.title == "---"


def test_show_never_prints_the_front_matter(wire: Path) -> None:
    proc = run("show", "red_sea.txt", cwd=wire)
    assert proc.returncode == 0, proc.stderr
    assert "source: Reuters" not in proc.stdout
    assert proc.stdout.splitlines()[0] == "Houthis hit a bulk carrier"


# -- the index ------------------------------------------------------------------------


def test_incident_fields_are_searchable(wire: Path) -> None:
    ix = Index(wire)
    ix.update()
    s = ix.searcher()

    def ids(query: str) -> set[str]:
        found = s.article_ids(query)
        assert isinstance(found, list), found
        return set(found)

    assert ids('event:"air/drone strike"') >= {"002_45e5cc2aff789250.txt"}
    assert "002_45e5cc2aff789250.txt" in ids("killed:[5 TO]")
    # The largest toll of its incidents is 10 (the November strikes).
    assert "002_45e5cc2aff789250.txt" in ids("killed:[10 TO]")
    assert "002_45e5cc2aff789250.txt" not in ids("killed:[11 TO]")
    assert "002_45e5cc2aff789250.txt" in ids("place:kirkuk")
    assert ids("actor:houthi") == {"red_sea.txt"}
    assert ids("source:reuters") == {"red_sea.txt"}
    assert ids("date:[20240101 TO 20240131]") == {"red_sea.txt"}
    assert ids("date:[20240201 TO 20240301]") == set()
    # An incident field combines with text as any other.
    assert ids("place:kirkuk AND NOT event:attack") == {"002_45e5cc2aff789250.txt"}


def test_event_facet_counts_sub_event_types(wire: Path) -> None:
    ix = Index(wire)
    ix.update()
    result = ix.searcher().search("iraq", limit=10)
    assert not hasattr(result, "message"), result
    events = dict(result.facets["event"])  # type: ignore[union-attr]
    assert events["Air/drone strike"] >= 3


def test_relative_dates_resolve_against_the_front_matter_date(wire: Path) -> None:
    ix = Index(wire)
    rows = ix.incidents(ix.article("red_sea.txt"))
    assert rows, "the missile attack is an incident"
    first = rows[0]
    assert first["event_date_text"] == "Tuesday"
    assert first["event_date"] == "2024-01-16"
    assert first["injured"] == 2


def test_incidents_are_cached_by_content(wire: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ix = Index(wire)
    article = ix.article("red_sea.txt")
    first = ix.incidents(article)
    again = Index(wire)

    def boom(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("extracted again although cached")

    monkeypatch.setattr(again.documents.extractor(), "extract", boom)
    assert again.incidents(again.article("red_sea.txt")) == first


def test_a_sidecar_date_or_source_change_counts_as_a_change() -> None:
    assert SidecarFacts(["a"], 1).signature == ""
    import datetime as dt

    dated = SidecarFacts(["a"], 1, dt.date(2024, 1, 2), "AP")
    assert dated.signature == "2024-01-02|AP"
    from glossator.index.changes import count
    from glossator.index.engine import UpdateReport
    from glossator.index.manifest import ManifestEntry

    old = ManifestEntry(1, 2, "sha", 1, ("a",), "")
    new = ManifestEntry(1, 2, "sha", 2, ("a",), dated.signature)
    report = UpdateReport()
    assert count(report, old, new) is True
    assert count(report, new, new._replace(sidecar_mtime_ns=3)) is False


# -- the command line ---------------------------------------------------------------


def test_incidents_json_has_the_documented_shape(wire: Path) -> None:
    proc = run("incidents", "--json", cwd=wire)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert rows and all(ROW_KEYS <= set(r) for r in rows)
    kirkuk = [r for r in rows if r["location"] == "Kirkuk"]
    assert kirkuk and kirkuk[0]["fatalities"] == 5
    assert kirkuk[0]["sub_event_type"] == "Air/drone strike"
    assert {r["status"] for r in rows} == {"extracted"}
    # The sentence is the article's text at the offsets.
    text = (wire / kirkuk[0]["article"]).read_text("utf-8")
    assert text[kirkuk[0]["start"] : kirkuk[0]["end"]] == kirkuk[0]["sentence"]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    # Ids are stable from run to run.
    again = json.loads(here("incidents", "--json", cwd=wire).stdout)
    assert [r["id"] for r in again] == ids


def test_incidents_query_and_status_filter(wire: Path) -> None:
    proc = run("incidents", "kirkuk", "--json", cwd=wire)
    assert {r["article"] for r in json.loads(proc.stdout)} == {"002_45e5cc2aff789250.txt"}
    none = here("incidents", "--status", "confirmed", "--json", cwd=wire)
    assert json.loads(none.stdout) == []
    bad = here("incidents", "--status", "bogus", cwd=wire)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "unknown status 'bogus'" in bad.stderr


def test_incidents_table_names_place_type_and_toll(wire: Path) -> None:
    proc = here("incidents", "kirkuk", cwd=wire)
    assert proc.returncode == 0, proc.stderr
    assert "Air/drone strike  Kirkuk, Iraq" in proc.stdout
    assert "killed 5" in proc.stdout
    assert proc.stdout.rstrip().endswith("incidents in 1 of 1 article")


def test_export_incidents_csv_has_acled_columns(wire: Path) -> None:
    proc = run("export", "--incidents", "--format", "csv", cwd=wire)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    header = proc.stdout.splitlines()[0].split(",")
    for column in (
        "event_date",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "location",
        "latitude",
        "longitude",
        "fatalities",
        "notes",
        "source",
    ):
        assert column in header
    red = [r for r in rows if r["article"] == "red_sea.txt"]
    assert red[0]["event_date"] == "2024-01-16"
    assert red[0]["time_precision"] == "1"
    assert red[0]["source"] == "Reuters"
    assert red[0]["event_type"] == "Explosions/Remote violence"
    kirkuk = [r for r in rows if r["location"] == "Kirkuk"]
    assert kirkuk[0]["fatalities"] == "5" and kirkuk[0]["latitude"]


def test_export_incidents_to_a_file_and_other_formats(wire: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.json"
    proc = run("export", "--incidents", "--format", "json", "-o", str(out), cwd=wire)
    assert proc.returncode == 0, proc.stderr
    assert "exported" in proc.stderr
    assert json.loads(out.read_text("utf-8"))
    again = here("export", "--incidents", "--format", "json", "-o", str(out), cwd=wire)
    assert again.returncode == 1 and "--force" in again.stderr
    md = here("export", "--incidents", "--format", "md", cwd=wire)
    assert "| date | place | type |" in md.stdout
    w3c = here("export", "--incidents", "--format", "w3c", cwd=wire)
    assert w3c.returncode == 2 and "csv, json, jsonl, md" in w3c.stderr


def test_hostile_article_text_stays_inert_in_the_csv(seeds: Path) -> None:
    (seeds / "evil.txt").write_text(
        '=HYPERLINK("http://x")\n'
        "=cmd| a drone strike killed five people in \x1b[31mKirkuk on Monday.\n"
        "+A second line.\n",
        encoding="utf-8",
    )
    proc = run("export", "--incidents", "--format", "csv", cwd=seeds)
    assert "\x1b" not in proc.stdout
    for row in csv.DictReader(io.StringIO(proc.stdout)):
        for value in row.values():
            assert not value.startswith(("=", "+", "@"))


def test_markdown_annotation_report_has_an_incident_table(seeds: Path) -> None:
    tagged = run("tag", "002_45e5cc2aff789250.txt", "--add", "kirkuk", cwd=seeds)
    assert tagged.returncode == 0, tagged.stderr
    md = here("export", "--format", "md", cwd=seeds)
    assert "### Incidents" in md.stdout
    assert "| killed |" in md.stdout.replace("killed | injured", "killed |")
    data = json.loads(here("export", "--format", "json", cwd=seeds).stdout)
    assert data[0]["incidents"] and data[0]["incidents"][0]["article"] == data[0]["path"]


def test_the_analysts_checks_are_what_search_finds(seeds: Path) -> None:
    from glossator.service import Session

    session = Session.open(seeds, author="tester")
    session.update(lambda done, total: None)
    article = session.index.article("002_45e5cc2aff789250.txt")
    rows = session.incidents(article)
    kirkuk = next(r for r in rows if r["location"] == "Kirkuk")
    others = [r for r in rows if r is not kirkuk]

    def ids(query: str) -> set[str]:
        session.flush_pending()
        found = Index(seeds).searcher().article_ids(query)
        assert isinstance(found, list), found
        return set(found)

    assert article.id in ids("killed:[10 TO]")
    # The analyst corrects the Kirkuk toll and rejects every other incident.
    session.edit_incident(article, kirkuk["id"], "fatalities", 40, kirkuk)
    for row in others:
        session.reject_incident(article, row["id"], row)
    report = Index(seeds).update()
    assert report.updated == 1, report.summary()
    assert article.id in ids("killed:[40 TO 40]")
    assert article.id not in ids('event:"shelling/artillery/missile attack"')
    # A checked record has the check's id and names the extracted one it checks.
    statuses = {r["extracted_id"]: r["status"] for r in session.incidents(article)}
    assert statuses[kirkuk["id"]] == "edited"
    assert {statuses[r["id"]] for r in others} == {"rejected"}
