"""Hostile or broken sidecars are refused, named, and never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from ann_support import Corpus

from glossator.annotations.anchor import text_sha256
from glossator.annotations.errors import SidecarError

HEAD = "version: 1\narticle: 000_test.txt\n"


def _laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def _cases(tmp: Path, sha: str) -> list[tuple[str, str, str]]:
    """(name, file content, expected words in the error)."""
    return [
        ("python tag", HEAD + f'tags: !!python/object/apply:os.system ["touch {tmp}/pwned"]\n',
         "tag !!python/object/apply:os.system is not allowed"),
        ("python name", HEAD + "tags: !!python/name:os.system\n", "is not allowed"),
        ("billion laughs", _laughs(), "anchor &a is not allowed"),
        ("alias", HEAD + "tags: *x\n", "alias *x is not allowed"),
        ("deep nesting", HEAD + "notes: " + "[" * 5000 + "]" * 5000 + "\n", "nested deeper than"),
        ("deep mappings", HEAD + "spans:\n" + "".join("  " * i + "- a:\n" for i in range(40)),
         "nested deeper than"),
        ("duplicate key", HEAD + "tags: [a]\ntags: [b]\n",
         "duplicate key 'tags' (first on line 3)"),
        ("merge key", HEAD + "<<: {tags: [a]}\n", "merge keys"),
        ("two documents", HEAD + "---\nversion: 1\n", "second YAML document"),
        ("not a mapping", "- just\n- a list\n", "the sidecar must be a mapping"),
        ("newer version", "version: 3\narticle: 000_test.txt\nfuture: [x]\n",
         "version 3 is newer than this glossator reads (up to 2); upgrade glossator"),
        ("version 0", "version: 0\narticle: 000_test.txt\n", "version 0 is not supported"),
        ("version as text", "version: '1'\narticle: 000_test.txt\n",
         "version must be a whole number"),
        ("tags not a list", HEAD + "tags: airstrike\n", "tags must be a list"),
        ("bad tag", HEAD + "tags: [air strike]\n", "tag 'air strike' has a space"),
        ("bad rating", HEAD + "rating: {reliability: G, credibility: 9}\n", "must be a letter A-F"),
        ("start as text", HEAD + "spans:\n  - {id: s-1, start: ten, end: 5, quote: x, label: a,"
         " author: b, created: 2026-01-01T00:00:00Z}\n", "span start must be a whole number"),
        ("start after end", HEAD + "spans:\n  - {id: s-1, start: 9, end: 5, quote: x, label: a,"
         " author: b, created: 2026-01-01T00:00:00Z}\n", "need 0 <= start <= end"),
        ("unknown key", HEAD + "colour: red\n", "unknown key 'colour'"),
        ("missing keys", "tags: [a]\n", "missing version, article"),
        ("wrong article", "version: 1\narticle: 001_other.txt\n", "belongs to another article"),
        ("offsets past end", HEAD + f"article_sha256: {sha}\nspans:\n  - id: s-1\n    start: 10\n"
         "    end: 99999\n    quote: x\n    label: a\n    author: b\n"
         "    created: 2026-01-01T00:00:00Z\n", "ends at 99999, past the end of the article"),
        ("duplicate ids", HEAD + "notes:\n  - {id: n-1, author: a, created: 2026-01-01T00:00:00Z,"
         " text: x}\n  - {id: n-1, author: a, created: 2026-01-01T00:00:00Z, text: y}\n",
         "already used on line 4"),
        ("bad created", HEAD + "notes:\n  - {id: n-1, author: a, created: yesterday, text: x}\n",
         "must be UTC like"),
        ("empty", "", "the file is empty"),
        ("syntax", HEAD + "tags: [a, b\n", "line "),
    ]  # fmt: skip


CASE_NAMES = [case[0] for case in _cases(Path("/nowhere"), "0" * 64)]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_hostile_sidecar_is_refused_and_left_alone(corpus: Corpus, name: str) -> None:
    cases = {c[0]: c[1:] for c in _cases(corpus.root, text_sha256(corpus.text))}
    content, expected = cases[name]
    path = corpus.sidecar_path
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()

    with pytest.raises(SidecarError) as loaded:
        corpus.store.load(corpus.article_id, corpus.text)
    with pytest.raises(SidecarError) as edited:
        corpus.store.add_tags(corpus.article_id, corpus.text, ["airstrike"])

    for err in (loaded.value, edited.value):
        message = str(err)
        assert expected in message, (name, message)
        assert "\n" not in message
        assert str(path) in message
        assert message.endswith("fix or delete the file; glossator will not overwrite it")
        assert err.problems and err.problems[0].startswith("line ")
    assert path.read_bytes() == before
    assert not (corpus.root / "pwned").exists()


def test_every_problem_is_collected_with_its_line(corpus: Corpus) -> None:
    corpus.sidecar_path.write_text(
        HEAD + "tags: [a b, 'c#d']\nrating: {reliability: Z, credibility: 0}\n"
    )
    with pytest.raises(SidecarError) as err:
        corpus.store.load(corpus.article_id)
    assert [p.split(":")[0] for p in err.value.problems] == ["line 3", "line 3", "line 4", "line 4"]
    assert "(and 3 more problems)" in str(err.value)


def test_huge_file_is_refused_before_parsing(corpus: Corpus) -> None:
    path = corpus.sidecar_path
    path.write_bytes(HEAD.encode() + b"notes: []\n" + b"# padding\n" * 1_000_000)
    before = path.read_bytes()
    with pytest.raises(SidecarError, match="may be at most 2,097,152 bytes"):
        corpus.store.load(corpus.article_id)
    with pytest.raises(SidecarError):
        corpus.store.add_tags(corpus.article_id, corpus.text, ["x"])
    assert path.read_bytes() == before


def test_non_utf8_is_refused(corpus: Corpus) -> None:
    corpus.sidecar_path.write_bytes(HEAD.encode() + b"tags: [caf\xe9]\n")
    with pytest.raises(SidecarError, match=r"line 3: not UTF-8 text \(byte 0xe9\)"):
        corpus.store.load(corpus.article_id)


def test_a_fifo_does_not_hang(corpus: Corpus) -> None:
    import os

    os.mkfifo(corpus.sidecar_path)
    with pytest.raises(SidecarError, match="not a regular file"):
        corpus.store.load(corpus.article_id)


def test_hand_written_minimal_sidecar_is_accepted(corpus: Corpus) -> None:
    corpus.sidecar_path.write_text(HEAD + "tags: [Airstrike, airstrike, b]\nrating:\nnotes:\n")
    sidecar = corpus.store.load(corpus.article_id)
    assert sidecar.tags == ["airstrike", "b"]
    assert sidecar.rating is None and sidecar.notes == [] and sidecar.spans == []
