"""`glossator export --json`: a summary a script can read, wherever the export goes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from test_cli import SEED, here, run

from glossator.tui.cli import build_parser

#: The CLI command behind each thing the reader does to an article or a result list.
READER_ACTIONS = {
    "search": "typing a query",
    "show": "opening an article",
    "tag": "t, tag the article",
    "note": "c, add a note",
    "notes": "the sidebar's notes",
    "note-edit": "editing a note in the sidebar",
    "note-delete": "deleting a note in the sidebar",
    "span": "a, label the selection",
    "spans": "the sidebar's spans",
    "span-edit": "editing a span in the sidebar",
    "span-delete": "deleting a span in the sidebar",
    "rate": "r, rate the source",
    "watch": "w, add the entity to the watchlist",
    "export": "e, export",
}


def _annotate(seeds: Path) -> None:
    # Indexed first, so a path into it finds this corpus from any folder.
    # In this process: tests/cli/test_cli.py runs these commands for real.
    here("index", str(seeds), check=True)
    here("note", str(seeds / SEED), "Compare with the Reuters report.", check=True)
    here("tag", str(seeds / SEED), "--add", "airstrike", "--add", "iraq", check=True)
    here("rate", str(seeds / SEED), "B2", check=True)


def test_export_to_a_file_prints_a_summary_on_stdout(seeds: Path, tmp_path: Path) -> None:
    _annotate(seeds)
    dest = tmp_path / "out.csv"
    proc = run("export", "--corpus", str(seeds), "-f", "csv", "-o", str(dest), "--json", check=True)
    summary = json.loads(proc.stdout)
    assert summary == {
        "file": str(dest),
        "format": "csv",
        "articles": 1,
        "records": 4,
        "counts": {"tags": 2, "notes": 1, "spans": 0, "ratings": 1},
        "skipped": 0,
    }
    assert "Reuters" in dest.read_text("utf-8")


def test_export_to_stdout_keeps_stdout_for_the_export(seeds: Path) -> None:
    _annotate(seeds)
    proc = run("export", "--corpus", str(seeds), "-f", "json", "--json", check=True)
    exported = json.loads(proc.stdout)
    assert "Reuters" in json.dumps(exported)
    summary = json.loads(proc.stderr)
    assert summary["file"] is None and summary["format"] == "json"
    assert summary["articles"] == 1 and summary["records"] == 4


def test_export_json_with_nothing_annotated(seeds: Path, tmp_path: Path) -> None:
    dest = tmp_path / "empty.jsonl"
    proc = run("export", "--corpus", str(seeds), "-f", "jsonl", "-o", str(dest), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["articles"] == 0


def test_every_command_behind_a_reader_action_has_json() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for command in READER_ACTIONS:
        options = {o for a in sub.choices[command]._actions for o in a.option_strings}
        assert "--json" in options, command


def test_export_of_one_article_says_article(seeds: Path, tmp_path: Path) -> None:
    _annotate(seeds)
    dest = tmp_path / "out.csv"
    proc = run("export", "--corpus", str(seeds), "-f", "csv", "-o", str(dest), check=True)
    assert f"exported 1 article to {dest}\n" in proc.stderr.decode()
