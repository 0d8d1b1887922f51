"""Hostile articles through the index and the command line.

Every article here was written by someone who wants the analyst's terminal:
escape sequences, C1 controls, bidi overrides, Rich markup, huge and binary
files, broken encodings, and file names that carry escapes themselves. The
guarantee: glossator prints none of it as a control sequence (the raw bytes
on stdout hold no ESC, BEL, BS, C1 or bidi override), shows markup as the
characters it is, names every file it skips, and never crashes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_support import (
    HOSTILE_NAMES,
    MARKER,
    MARKUP,
    READABLE,
    SKIPPED,
    assert_inert,
    glossator,
    glossator_in,
)

from glossator.index.article_ids import load_article
from glossator.index.corpus import find_article_files
from glossator.index.indexer import Index
from glossator.index.sanitize import has_unsafe
from glossator.tui.cli import main


def _ok(proc, what: str) -> bytes:  # type: ignore[no-untyped-def]
    assert proc.returncode == 0, f"{what}: exit {proc.returncode}: {proc.stderr.decode()[-400:]}"
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()[-800:]
    return bytes(proc.stdout)


def test_index_names_every_skipped_file_and_prints_nothing_active(hostile_copy: Path) -> None:
    proc = glossator("index", str(hostile_copy))
    out = _ok(proc, "index")
    assert_inert(out, "glossator index stdout")
    assert_inert(proc.stderr, "glossator index stderr")
    text = out.decode()
    for name, reason in SKIPPED.items():
        line = next((ln for ln in text.splitlines() if name in ln), None)
        assert line is not None, f"{name} not named in:\n{text}"
        assert "skipped" in line and reason in line, line
    total = len(READABLE) + len(SKIPPED)
    assert f"{total} articles: {len(READABLE)} added" in text, text


def test_every_readable_article_is_inert_in_the_index(hostile_corpus: Path) -> None:
    ix = Index(hostile_corpus)
    ids = set(ix.manifest())
    assert ids == set(READABLE)
    for f in find_article_files(hostile_corpus):
        if f.id not in ids:
            continue
        article = load_article(hostile_corpus, f.id)
        assert not has_unsafe(article.text), f.id
        assert not has_unsafe(article.title), f.id
    # Undecodable bytes are replaced and flagged, never skipped.
    assert load_article(hostile_corpus, "invalid_utf8.txt").decode_errors
    utf16 = load_article(hostile_corpus, "utf16.txt")
    assert utf16.title.startswith("UTF-16") and "\r" not in utf16.text
    assert "\r" not in load_article(hostile_corpus, "crlf.txt").text


def test_search_output_is_inert_and_shows_markup_literally(hostile_corpus: Path) -> None:
    out = _ok(
        glossator("search", "--corpus", str(hostile_corpus), MARKER, "--limit", "50"), "search"
    )
    assert_inert(out, "glossator search")
    text = out.decode()
    assert f"{len(READABLE)} hits" in text
    assert f"{MARKUP}Markup title[/bold red]" in text and "[link=https://evil.example]" in text


def test_search_json_is_inert_and_keeps_exact_ids(hostile_corpus: Path) -> None:
    out = _ok(
        glossator("search", "--corpus", str(hostile_corpus), "--json", MARKER, "--limit", "50"),
        "search --json",
    )
    assert_inert(out, "glossator search --json")
    ids = {hit["id"] for hit in json.loads(out)["hits"]}
    # JSON escapes what a terminal would act on; the data is still the exact id.
    assert ids == set(READABLE)


def _main(capfd: pytest.CaptureFixture[bytes], *args: str) -> bytes:
    """`glossator ARGS` in this process (the same code, without start-up cost)."""
    capfd.readouterr()
    status = main(list(args))
    out, err = capfd.readouterr()
    assert status == 0, f"glossator {args}: exit {status}: {err.decode(errors='replace')[-300:]}"
    assert_inert(err, f"stderr of glossator {args!r}")
    return out


@pytest.mark.parametrize("article", READABLE)
def test_show_is_inert_for_every_hostile_article(
    hostile_corpus: Path,
    article: str,
    capfdbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    ref = str(hostile_corpus / article)
    for extra in ([], ["--entities"], ["--json"], ["--entities", "--json"]):
        out = _main(capfdbinary, "show", "--corpus", str(hostile_corpus), ref, *extra)
        assert_inert(out, f"glossator show {' '.join(extra)} {article!r}")
        if not extra and article == "markup.txt":
            assert f"{MARKUP}Markup title[/bold red]" in out.decode()
            assert "[@click=app.quit]quit[/]" in out.decode()
        if extra == ["--json"]:
            assert json.loads(out)["id"] == article


def test_show_through_the_installed_command(hostile_corpus: Path) -> None:
    for article in ("csi.txt", "osc_title.txt", "c1.txt", *HOSTILE_NAMES):
        out = _ok(
            glossator("show", "--corpus", str(hostile_corpus), str(hostile_corpus / article)),
            "show",
        )
        assert_inert(out, f"installed glossator show {article!r}")


def test_long_line_and_huge_file_do_not_hang_or_crash(hostile_corpus: Path) -> None:
    out = _ok(
        glossator("show", "--corpus", str(hostile_corpus), "long_line.txt", timeout=60), "show"
    )
    assert len(out) > 1_000_000
    proc = glossator("show", "--corpus", str(hostile_corpus), "huge.txt")
    assert proc.returncode == 1 and b"limit" in proc.stderr and proc.stderr.count(b"\n") == 1


def test_tag_note_and_export_stay_inert(hostile_copy: Path, tmp_path: Path) -> None:
    root = str(hostile_copy)
    _ok(glossator("index", root), "index")
    tagged = _ok(glossator("tag", "--corpus", root, MARKER, "--add", "hostile"), "tag")
    assert_inert(tagged, "glossator tag")
    assert f"{len(READABLE)} changed".encode() in tagged
    for i, name in enumerate(("markup.txt", *HOSTILE_NAMES)):
        # The first note from the real command, the others in this process.
        cli = glossator if i == 0 else glossator_in
        out = _ok(
            cli("note", "--corpus", root, str(hostile_copy / name), f"{MARKUP} seen {name}"),
            "note",
        )
        assert_inert(out, "glossator note")
    # A hand-edited sidecar may carry escapes too (YAML spells ESC as \\e).
    (hostile_copy / "csi.txt.yaml").write_text(
        "version: 1\narticle: csi.txt\ntags: [hostile]\nnotes:\n"
        '  - id: n-1\n    author: "mallory\\e]0;AUTHOR\\a"\n    created: 2026-11-21T10:04:00Z\n'
        '    text: "\\e[2J\\x9b31m \\u202e [bold red] \\e]52;c;cm0K\\a"\n',
        encoding="utf-8",
    )
    for fmt in ("md", "csv"):
        out = _ok(glossator("export", "--corpus", root, "--format", fmt), f"export {fmt}")
        assert_inert(out, f"glossator export --format {fmt}")
        assert out.decode().count("hostile") >= len(READABLE)
    md = _ok(glossator("export", "--corpus", root, "--format", "md"), "export md").decode()
    assert "\\[bold red\\]" in md  # Markdown-escaped, still the literal characters
    assert "mallory" in md and "\ufffd\\[2J" in md  # the hostile note is there, made inert
