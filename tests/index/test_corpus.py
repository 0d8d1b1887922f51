"""The corpus reader on good and bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossator.index.article_ids import load_article, resolve_article_id
from glossator.index.corpus import (
    CorpusError,
    Skipped,
    find_article_files,
    read_article,
    text_sha256,
)
from glossator.index.sanitize import has_unsafe, neutralise


def _read(root: Path, name: str, max_bytes: int = 5 * 1024 * 1024):
    files = {f.id: f for f in find_article_files(root)}
    return read_article(files[name], max_bytes)


def test_title_is_first_non_blank_line_and_offsets_cover_the_whole_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n\n  Strike on base  \nBody line one.\nTwo.\n")
    art = _read(tmp_path, "a.txt")
    assert not isinstance(art, Skipped)
    assert art.title == "Strike on base"
    assert art.text.startswith("\n\n  Strike")
    assert art.body == "Body line one.\nTwo.\n"
    assert art.sha256 == text_sha256(art.text)


def test_finds_txt_and_md_recursively_skipping_hidden_folders(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".glossator").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in (
        "a.txt",
        "b.md",
        "c.csv",
        "sub/d.txt",
        "sub/deeper/e.TXT",
        ".glossator/x.txt",
        ".hidden/y.txt",
        ".dotfile.txt",
    ):
        (tmp_path / rel).write_text("Title\nbody\n")
    ids = [f.id for f in find_article_files(tmp_path)]
    assert ids == ["a.txt", "b.md", "sub/d.txt", "sub/deeper/e.TXT"]


def test_empty_file_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n \n\t\n")
    for name in ("empty.txt", "blank.txt"):
        result = _read(tmp_path, name)
        assert isinstance(result, Skipped) and "empty" in result.reason


def test_title_only_file_has_an_empty_body(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("Only a title")
    art = _read(tmp_path, "t.txt")
    assert not isinstance(art, Skipped)
    assert art.title == "Only a title" and art.body == ""


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = _read(tmp_path, "bin.txt")
    assert isinstance(result, Skipped) and "binary" in result.reason


def test_invalid_utf8_is_replaced_and_flagged(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Title\ncaf\xe9 and \xff\xfe more\n")
    art = _read(tmp_path, "bad.txt")
    assert not isinstance(art, Skipped)
    assert art.decode_errors
    assert "caf\ufffd and" in art.text


def test_bom_is_stripped_and_crlf_normalised(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfTitle here\r\nLine two\r\nLine three\rend\r\n")
    art = _read(tmp_path, "bom.txt")
    assert not isinstance(art, Skipped)
    assert art.title == "Title here"
    assert art.text == "Title here\nLine two\nLine three\nend\n"
    assert not art.decode_errors


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes("Titel\nKörper\n".encode("utf-16"))
    art = _read(tmp_path, "u16.txt")
    assert not isinstance(art, Skipped)
    assert art.title == "Titel" and "Körper" in art.text


def test_huge_file_is_skipped_naming_the_limit(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"Title\n" + b"word " * 300_000)
    result = _read(tmp_path, "big.txt", max_bytes=1024 * 1024)
    assert isinstance(result, Skipped)
    assert "limit" in result.reason and "--max-size" in result.reason


def test_symlink_loop_is_walked_once_and_links_out_of_the_corpus_are_ignored(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "a" / "b").mkdir(parents=True)
    (corpus / "a" / "b" / "x.txt").write_text("X\nbody\n")
    os.symlink(corpus / "a", corpus / "a" / "b" / "loop")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n")
    os.symlink(outside, corpus / "escape")
    os.symlink(outside / "secret.txt", corpus / "secret-link.txt")
    ids = [f.id for f in find_article_files(corpus)]
    assert ids == ["a/b/x.txt"]


def test_control_characters_are_neutralised_one_for_one(tmp_path: Path) -> None:
    raw = "Title \x1b[31mred\x1b[0m\x07\nOSC \x1b]0;pwned\x07 C1 \x9b2J bidi \u202eevil\x08\n"
    (tmp_path / "ctl.txt").write_text(raw)
    art = _read(tmp_path, "ctl.txt")
    assert not isinstance(art, Skipped)
    assert len(art.text) == len(raw)
    assert not has_unsafe(art.text)
    assert "\x1b" not in art.text and "\x07" not in art.text and "\u202e" not in art.text
    assert "␛[31mred" in art.text
    assert "\t" in neutralise("a\tb") and "\n" in neutralise("a\nb")


def test_resolve_article_id_refuses_paths_outside_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A\n")
    (tmp_path / "outside.txt").write_text("O\n")
    assert resolve_article_id(corpus, "a.txt") == "a.txt"
    assert resolve_article_id(corpus, str(corpus / "a.txt")) == "a.txt"
    for bad in ("../outside.txt", str(tmp_path / "outside.txt"), "/etc/passwd", "missing.txt"):
        with pytest.raises(CorpusError):
            resolve_article_id(corpus, bad)
    with pytest.raises(CorpusError):
        load_article(corpus, "../outside.txt")


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        list(find_article_files(tmp_path / "nope"))
