"""`glossator span`, `spans`, `span-edit`, `span-delete`, `notes`, `note-edit`,
`note-delete` and `watch`, driven as a script would drive them.

The round trips of spans, of notes and of `watch` start the real command for
every step (`run`); the other tests call it in this process (`here`), which
checks the same output and status without a new interpreter per step."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_cli import SEED, here, run

from glossator.index.engine import QueryError
from glossator.service import Session

HOSTILE = "\x1b[31mred\x1b[0m [bold]loud[/bold] \u202egnp.exe\x07 \x9b2J"


def _json(*args: str, cwd: Path, cli: Callable[..., Any] = here) -> Any:
    return json.loads(cli(*args, "--json", cwd=cwd, check=True).stdout)


def _one_line_error(proc: subprocess.CompletedProcess[bytes], status: int, *words: bytes) -> None:
    assert proc.returncode == status, proc.stderr
    assert proc.stdout == b""
    assert proc.stderr.count(b"\n") == 1 and proc.stderr.startswith(b"glossator: "), proc.stderr
    assert b"\x1b" not in proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr


def test_span_round_trip_by_offsets(seeds: Path, tmp_path: Path) -> None:
    text = (seeds / SEED).read_text("utf-8")
    start = text.index("Ain al-Asad")
    end = start + len("Ain al-Asad")
    # A selection with blank edges is trimmed, as the reader trims one.
    made = _json(
        "span", SEED, "--start", str(start - 1), "--end", str(end + 1),
        "--label", "Target", "--comment", "the base", cwd=seeds, cli=run,
    )  # fmt: skip
    span = made["span"]
    assert made["article"] == SEED and span["id"].startswith("s-")
    assert (span["start"], span["end"], span["quote"]) == (start, end, "Ain al-Asad")
    assert (span["label"], span["note"], span["author"]) == ("target", "the base", "tester")
    assert _json("spans", SEED, cwd=seeds, cli=run) == {"article": SEED, "spans": [span]}

    # The same record as the json export has for it.
    exported = json.loads(run("export", "--corpus", str(seeds), "-f", "json", check=True).stdout)
    assert exported[0]["spans"] == [span]

    # The reader opens the article with the span on it.
    session = Session.open(seeds, index_dir=tmp_path / "reader-index", author="tester")
    bundle = session.load(SEED, "")
    assert bundle.sidecar is not None
    assert [(s.id, s.start, s.end, s.label) for s in bundle.sidecar.spans] == [
        (span["id"], start, end, "target")
    ]

    edited = _json("span-edit", SEED, span["id"], "--label", "claim", cwd=seeds, cli=run)["span"]
    assert (edited["label"], edited["note"]) == ("claim", "the base")
    edited = _json("span-edit", SEED, span["id"], "--comment", "", cwd=seeds, cli=run)["span"]
    assert (edited["label"], edited["note"]) == ("claim", "")
    said = run("spans", SEED, cwd=seeds, check=True).stdout.decode()
    assert f"{span['id']}  {start}-{end}  claim  “Ain al-Asad”" in said and "1 span in" in said

    deleted = _json("span-delete", SEED, span["id"], cwd=seeds, cli=run)
    assert deleted == {"article": SEED, "deleted": edited}
    assert _json("spans", SEED, cwd=seeds, cli=run)["spans"] == []
    gone = run("span-delete", SEED, span["id"], cwd=seeds)
    _one_line_error(gone, 1, b"no span", span["id"].encode())


def test_span_by_its_words(seeds: Path) -> None:
    text = (seeds / SEED).read_text("utf-8")
    once = _json("span", SEED, "--text", "Kataib Hezbollah", "--label", "actor", cwd=seeds)
    span = once["span"]
    assert text[span["start"] : span["end"]] == "Kataib Hezbollah"
    assert span["start"] == text.index("Kataib Hezbollah")

    places = [m.start() for m in re.finditer(r"\bairstrike\b", text)]
    assert len(places) > 2
    ambiguous = here("span", SEED, "--text", "airstrike", "--label", "x", cwd=seeds)
    _one_line_error(ambiguous, 2, f"occur {len(places)} times".encode(), b"--occurrence")
    second = _json(
        "span", SEED, "--text", "airstrike", "--occurrence", "2", "--label", "x", cwd=seeds
    )["span"]
    assert (second["start"], second["end"]) == (places[1], places[1] + len("airstrike"))
    past = here(
        "span", SEED, "--text", "airstrike", "--occurrence", "99", "--label", "x", cwd=seeds
    )
    _one_line_error(past, 2, b"no occurrence 99")

    # Words are whole words; a run of blanks also matches a line break.
    _one_line_error(
        here("span", SEED, "--text", "airstrik", "--label", "x", cwd=seeds),
        2,
        b"not in the article",
    )
    wrapped = text[text.index("24 hours") : text.index("weapons-laden") + len("weapons-laden")]
    assert "\n" in wrapped
    found = _json("span", SEED, "--text", " ".join(wrapped.split()), "--label", "x", cwd=seeds)[
        "span"
    ]
    assert found["quote"] == wrapped.strip()
    assert len(_json("spans", SEED, cwd=seeds)["spans"]) == 3


@pytest.mark.parametrize(
    ("offsets", "why"),
    [
        (["--start", "10", "--end", "999999"], b"not a stretch of this"),
        (["--start", "-1", "--end", "5"], b"not a stretch of this"),
        (["--start", "40", "--end", "40"], b"not a stretch of this"),
        (["--start", "85", "--end", "86"], b"only blank space"),  # the title's line break
        (["--start", "1"], b"--start N --end M"),
        ([], b"say which passage"),
        (["--text", "Iraq", "--start", "1", "--end", "4"], b"not both"),
        (["--start", "1", "--end", "4", "--occurrence", "1"], b"goes with --text"),
        (["--text", "   "], b"blank"),
        (["--text", "Iraq", "--occurrence", "0"], b"counts from 1"),
    ],
)
def test_a_passage_not_on_the_article_is_refused(
    seeds: Path, offsets: list[str], why: bytes
) -> None:
    assert (seeds / SEED).read_text("utf-8")[85] == "\n"
    proc = here("span", SEED, *offsets, "--label", "x", cwd=seeds)
    _one_line_error(proc, 2, why)
    assert not (seeds / f"{SEED}.yaml").exists()


def test_hostile_comment_is_shown_inert_and_kept_exact(seeds: Path) -> None:
    proc = here(
        "span", SEED, "--text", "Kataib Hezbollah", "--label", "actor", "--comment", HOSTILE,
        cwd=seeds, check=True,
    )  # fmt: skip
    listed = here("spans", SEED, cwd=seeds, check=True)
    noted = here("note", SEED, HOSTILE, cwd=seeds, check=True)
    notes = here("notes", SEED, cwd=seeds, check=True)
    for out in (proc.stdout, listed.stdout, notes.stdout):
        shown = out.decode()
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)
        assert "[bold]loud[/bold]" in shown  # Rich markup printed as it was written
        assert shown.count("\n") == 3  # one line each: what, comment, count or summary
    assert b"added note" in noted.stdout
    raw = here("spans", SEED, "--json", cwd=seeds, check=True).stdout
    assert not re.search(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]", raw)
    assert json.loads(raw)["spans"][0]["note"] == HOSTILE
    assert _json("notes", SEED, cwd=seeds)["notes"][0]["text"] == HOSTILE
    label = here("span", SEED, "--start", "0", "--end", "4", "--label", "\x1b[2Jx", cwd=seeds)
    _one_line_error(label, 2, b"label")


def test_notes_list_edit_and_delete(seeds: Path) -> None:
    first = _json("note", SEED, "Compare with Reuters.", cwd=seeds, cli=run)["note"]
    second = _json("note", SEED, "Check the toll.", cwd=seeds, cli=run)["note"]
    assert _json("notes", SEED, cwd=seeds, cli=run) == {"article": SEED, "notes": [first, second]}
    exported = json.loads(run("export", "--corpus", str(seeds), "-f", "json", check=True).stdout)
    assert exported[0]["notes"] == [first, second]

    edited = _json("note-edit", SEED, first["id"], "Compare with AFP.", cwd=seeds, cli=run)
    assert edited == {"article": SEED, "note": {**first, "text": "Compare with AFP."}}
    said = run("notes", SEED, cwd=seeds, check=True).stdout.decode()
    assert "Compare with AFP." in said and "2 notes in" in said
    _one_line_error(run("note-edit", SEED, first["id"], "  ", cwd=seeds), 2, b"note-delete")

    deleted = _json("note-delete", SEED, second["id"], cwd=seeds, cli=run)
    assert deleted == {"article": SEED, "deleted": second}
    assert [n["id"] for n in _json("notes", SEED, cwd=seeds, cli=run)["notes"]] == [first["id"]]
    _one_line_error(run("note-delete", SEED, second["id"], cwd=seeds), 1, b"no note")
    _one_line_error(run("note-edit", SEED, "n-\x1b[2J", "x", cwd=seeds), 1, b"no note")


ARTICLE_COMMANDS = [
    ["span", "--start", "0", "--end", "4", "--label", "x"],
    ["spans"],
    ["span-edit", "s-0000", "--label", "x"],
    ["span-delete", "s-0000"],
    ["notes"],
    ["note-edit", "n-0000", "text"],
    ["note-delete", "n-0000"],
]


@pytest.mark.parametrize("command", ARTICLE_COMMANDS, ids=lambda c: c[0])
def test_a_path_outside_the_corpus_is_refused(
    seeds: Path, tmp_path: Path, command: list[str]
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside\nNot part of the corpus.\n", "utf-8")
    here("index", str(seeds), check=True)
    name, *rest = command
    proc = here(name, str(outside), *rest, "--corpus", str(seeds), cwd=seeds)
    _one_line_error(proc, 1, b"outside the corpus")
    assert not list(tmp_path.glob("outside.txt.*"))


@pytest.mark.parametrize("command", ARTICLE_COMMANDS, ids=lambda c: c[0])
def test_a_malformed_sidecar_is_one_line_and_never_overwritten(
    seeds: Path, command: list[str]
) -> None:
    sidecar = seeds / f"{SEED}.yaml"
    broken = b"version: 2\ntags: [unclosed\n# the analyst's notes, half typed\n"
    sidecar.write_bytes(broken)
    name, *rest = command
    proc = here(name, SEED, *rest, cwd=seeds)
    _one_line_error(proc, 1, b"will not overwrite it")
    assert sidecar.read_bytes() == broken


def _read_only_bind(src: Path, dest: Path) -> bool:
    dest.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(src), str(dest)], capture_output=True)
    if mounted.returncode != 0:
        return False
    ro = subprocess.run(["mount", "-o", "remount,ro,bind", str(dest)], capture_output=True)
    if ro.returncode != 0:
        subprocess.run(["umount", str(dest)], capture_output=True)
        return False
    return True


def test_a_read_only_sidecar_folder_is_one_line_and_nothing_changes(
    seeds: Path, tmp_path: Path
) -> None:
    # Root ignores permissions, so a read-only bind mount is the honest test.
    ann = tmp_path / "ann"
    ann.mkdir()
    here("note", SEED, "kept", "--annotations-dir", str(ann), cwd=seeds, check=True)
    before = (ann / f"{SEED}.yaml").read_bytes()
    ro = tmp_path / "ro"
    if not _read_only_bind(ann, ro):
        pytest.skip("cannot make a read-only bind mount here")
    try:
        where = ["--annotations-dir", str(ro), "--index-dir", str(tmp_path / "ix")]
        note_id = _json("notes", SEED, *where, cwd=seeds)["notes"][0]["id"]
        for args in (
            ["span", SEED, "--text", "Kataib Hezbollah", "--label", "actor"],
            ["note-edit", SEED, note_id, "changed"],
            ["note-delete", SEED, note_id],
        ):
            _one_line_error(here(*args, *where, cwd=seeds), 1, b"cannot save", b"--annotations-dir")
        assert (ro / f"{SEED}.yaml").read_bytes() == before
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True)


def _mentioning(corpus: Path, *names: str) -> int:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)
    return sum(1 for p in corpus.glob("*.txt") if pattern.search(p.read_text("utf-8")))


def _total(corpus: Path, query: str) -> int:
    found = _json("search", "--no-update", query, cwd=corpus, cli=run)
    return int(found["total"])


def test_watch_adds_an_entry_and_reindexes_the_articles_it_names(seeds: Path) -> None:
    run("index", str(seeds), check=True)
    assert _total(seeds, "person:kirkuk") == 0
    added = _json(
        "watch", "Kirkuk", "--label", "PERSON", "--alias", "Biden", "--note", "a test",
        cwd=seeds, cli=run,
    )  # fmt: skip
    path = seeds / ".glossator" / "watchlist.yaml"
    entry = {"name": "Kirkuk", "label": "PERSON", "aliases": ["Biden"], "note": "a test"}
    assert added == {"file": str(path), "added": True, "entry": entry, "reindexed": 2}
    assert _mentioning(seeds, "Kirkuk", "Biden") == 2
    assert _total(seeds, "person:biden") == 1 and _total(seeds, "person:kirkuk") == 1

    again = _json("watch", "kirkuk", "--label", "PERSON", cwd=seeds, cli=run)
    assert again == {**added, "added": False, "reindexed": 0}
    said = run("watch", "Hezbollah", "--label", "ORG", cwd=seeds, check=True).stdout.decode()
    assert "Hezbollah (ORG) added to" in said
    assert f"{_mentioning(seeds, 'Hezbollah')} articles re-indexed" in said

    listed = _json("watch", "--list", cwd=seeds, cli=run)
    assert listed["problems"] == []
    assert listed["entries"] == [
        entry,
        {"name": "Hezbollah", "label": "ORG", "aliases": [], "note": ""},
    ]
    text = run("watch", "--list", cwd=seeds, check=True).stdout.decode()
    assert "Kirkuk  PERSON  also Biden  (a test)" in text and "2 entries" in text
    # The reader recognises the new names in the article it opens.
    session = Session.open(seeds, index_dir=seeds / ".glossator" / "index", author="tester")
    kirkuk = session.find("person:kirkuk")
    assert not isinstance(kirkuk, QueryError) and len(kirkuk.hits) == 1
    bundle = session.load(kirkuk.hits[0].article_id, "")
    assert ("Kirkuk", "PERSON") in {(e.text, e.label) for e in bundle.entities}


def test_watch_refuses_bad_input_in_one_line(seeds: Path) -> None:
    _one_line_error(here("watch", "Kirkuk", cwd=seeds), 2, b"--label")
    _one_line_error(here("watch", "Kirkuk", "--label", "PLANET", cwd=seeds), 2, b"PLANET")
    _one_line_error(here("watch", " ", "--label", "ORG", cwd=seeds), 2, b"some text")
    hostile = here("watch", "Kirkuk", "--alias", "\x1b[2JK", "--label", "ORG", cwd=seeds)
    _one_line_error(hostile, 2, b"control characters")
    _one_line_error(here("watch", "--list", "Kirkuk", cwd=seeds), 2, b"--list")
    watchlist = seeds / ".glossator" / "watchlist.yaml"
    watchlist.parent.mkdir()
    skipped = b"- name: Kirkuk\n  label: PLANET\n"
    watchlist.write_bytes(skipped)
    proc = here("watch", "kirkuk", "--label", "GPE", cwd=seeds)
    _one_line_error(proc, 1, b"already in the watchlist", b"PLANET", b"fix that entry")
    assert watchlist.read_bytes() == skipped
    broken = b"- name: Kirkuk\n  label: [PERSON\n"
    watchlist.write_bytes(broken)
    _one_line_error(here("watch", "Biden", "--label", "PERSON", cwd=seeds), 1, b"fix it first")
    assert watchlist.read_bytes() == broken
    listed = json.loads(here("watch", "--list", "--json", cwd=seeds, check=True).stdout)
    assert listed["entries"] == [] and "not valid YAML" in listed["problems"][0]
    said = here("watch", "--list", cwd=seeds, check=True)
    assert b"not valid YAML" in said.stderr and said.stdout == b"0 entries\n"


def test_every_command_has_a_section_in_docs_cli_and_these_a_readme_line() -> None:
    from glossator.tui.cli import COMMANDS
    from glossator.tui.cli_edits import COMMANDS as EDITS
    from glossator.tui.cli_spans import COMMANDS as SPANS

    root = Path(__file__).resolve().parents[2]
    headings = re.findall(r"^#+ (.*)$", (root / "docs" / "cli.md").read_text("utf-8"), re.M)
    readme = (root / "README.md").read_text("utf-8")

    def named(name: str, text: str) -> bool:
        return re.search(rf"\b{re.escape(name)}\b(?!-)", text) is not None

    for name in COMMANDS:
        assert any(named(f"glossator {name}", h) for h in headings), name
    for name in (*SPANS, *EDITS):
        assert name in COMMANDS
        assert re.search(rf"(glossator | \| ){re.escape(name)}\b(?!-)", readme), name
