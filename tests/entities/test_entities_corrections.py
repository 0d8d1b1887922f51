"""Analyst corrections: watchlist version 2, applying them, editing the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.index.entities import Recogniser
from glossator.index.entities.corrections import Correction
from glossator.index.entities.watchlist import WatchlistError, read_watchlist
from glossator.index.entities.watchlist_edit import (
    add_correction,
    add_to_watchlist,
    remove_correction,
)

TEXT = (
    "The Labour leader spoke in London. Labour would win, said the Labour Party at Downing Street."
)


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / ".glossator" / "watchlist.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def labels(rec: Recogniser, text: str = TEXT, article: str | None = None) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in rec.recognise(text, article)]


def test_version_1_list_still_reads(tmp_path: Path) -> None:
    path = write(tmp_path, "- name: Jordan\n  label: PERSON\n")
    found = read_watchlist(path)
    assert (found.version, found.errors, found.corrections) == (1, [], [])
    assert [e.name for e in found.entries] == ["Jordan"]


def test_version_2_reads_entries_and_corrections(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 2\nentries:\n- {name: Jordan, label: PERSON}\ncorrections:\n"
        "- {text: Labour, wrong: GPE, label: ORG, scope: corpus, author: ana,"
        " added: '2026-12-03'}\n"
        "- {text: London, wrong: any, scope: article, article: a.txt}\n",
    )
    found = read_watchlist(path)
    assert found.errors == []
    assert [e.name for e in found.entries] == ["Jordan"]
    first, second = found.corrections
    assert (first.text, first.wrong, first.label, first.author) == ("Labour", "GPE", "ORG", "ana")
    assert (second.scope, second.article, second.label) == ("article", "a.txt", None)
    assert first.id != second.id and len(first.id) == 8


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ("{text: Labour}", "give 'wrong' (not an entity) or 'label'"),
        ("{text: Labour, label: PARTY}", "label 'PARTY' is not one of"),
        ("{text: Labour, wrong: X}", "wrong 'X' is not one of"),
        ("{text: Labour, wrong: any, scope: world}", "scope 'world' is not corpus or article"),
        ("{text: Labour, wrong: any, scope: article}", "scope article needs 'article'"),
        ("{text: Labour, wrong: any, scope: article, article: ../x.txt}", "inside the corpus"),
        ("{text: Labour, wrong: any, colour: red}", "unknown key(s) colour"),
        ("{text: '', wrong: any}", "'text' must be a non-empty string"),
        ("Labour", "a correction must be a mapping"),
    ],
)
def test_a_bad_correction_is_one_line_and_skipped(tmp_path: Path, item: str, problem: str) -> None:
    path = write(tmp_path, f"version: 2\ncorrections:\n- {item}\n- {{text: Paris, wrong: any}}\n")
    found = read_watchlist(path)
    assert len(found.errors) == 1 and "\n" not in found.errors[0]
    assert problem in found.errors[0] and f"{path}:3: correction 1" in found.errors[0]
    assert [c.text for c in found.corrections] == ["Paris"]


def test_a_newer_version_is_refused_and_never_written(tmp_path: Path) -> None:
    body = "version: 3\nentries: []\nfuture: yes\n"
    path = write(tmp_path, body)
    found = read_watchlist(path)
    assert found.entries == [] and len(found.errors) == 1
    assert "version 3 is newer than this glossator reads (2); upgrade glossator" in found.errors[0]
    with pytest.raises(WatchlistError, match="upgrade glossator"):
        add_correction(path, Correction("Labour", "any"))
    with pytest.raises(WatchlistError, match="upgrade glossator"):
        add_to_watchlist(path, "Kirkuk", "GPE")
    assert path.read_text("utf-8") == body


def test_malformed_file_is_never_overwritten(tmp_path: Path) -> None:
    body = "- name: [unclosed\n"
    path = write(tmp_path, body)
    with pytest.raises(WatchlistError, match="not valid YAML"):
        add_correction(path, Correction("Labour", "any"))
    assert path.read_text("utf-8") == body


def test_corrections_win_over_every_layer_including_the_watchlist(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 2\nentries:\n- {name: London, label: PERSON}\ncorrections:\n"
        "- {text: London, label: GPE}\n- {text: Downing Street, wrong: FAC}\n"
        "- {text: Labour, wrong: any, label: ORG}\n",
    )
    rec = Recogniser.load(path)
    got = labels(rec)
    assert ("London", "GPE") in got
    assert not any(t == "Downing Street" for t, _ in got)
    assert got.count(("Labour", "ORG")) == 2
    assert ("Labour Party", "ORG") in got  # a mention inside a longer entity leaves it whole


def test_wrong_label_only_removes_that_label(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 2\ncorrections:\n- {text: London, wrong: PERSON}\n")
    assert ("London", "GPE") in labels(Recogniser.load(path))


def test_added_entity_where_nothing_was_found(tmp_path: Path) -> None:
    text = "Shelling near the old grain silo went on."
    path = write(tmp_path, "version: 2\ncorrections:\n- {text: old grain silo, label: FAC}\n")
    assert ("old grain silo", "FAC") in labels(Recogniser.load(path), text)


def test_article_scope_applies_only_there_and_wins_over_the_corpus(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 2\ncorrections:\n- {text: London, label: PERSON}\n"
        "- {text: London, wrong: any, scope: article, article: uk/a.txt}\n",
    )
    rec = Recogniser.load(path)
    assert not any(t == "London" for t, _ in labels(rec, article="uk/a.txt"))
    assert ("London", "PERSON") in labels(rec, article="uk/b.txt")
    assert ("London", "PERSON") in labels(rec)


def test_cache_key_changes_only_for_articles_a_correction_applies_to(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 2\ncorrections:\n- {text: Labour, wrong: any}\n")
    rec = Recogniser.load(path)
    assert rec.corrected("x.txt", "Nothing here.").key == rec.cache_key
    assert rec.corrected("x.txt", TEXT).key != rec.cache_key
    assert rec.corrected("x.txt", TEXT).key.startswith(rec.cache_key + "-c")


def test_saving_a_correction_turns_version_1_into_2_keeping_comments(tmp_path: Path) -> None:
    path = write(tmp_path, "# our names\n- name: Jordan  # the source\n  label: PERSON\n")
    add_to_watchlist(path, "Kirkuk", "GPE")
    assert read_watchlist(path).version == 1  # a plain addition keeps the old format
    add_correction(path, Correction("Labour", "GPE", "ORG", author="ana", added="2026-12-03"))
    text = path.read_text("utf-8")
    assert text.startswith("version: 2\n") and "# the source" in text and "# our names" in text
    found = read_watchlist(path)
    assert found.errors == [] and found.version == 2
    assert [e.name for e in found.entries] == ["Jordan", "Kirkuk"]
    assert [(c.text, c.label, c.added) for c in found.corrections] == [
        ("Labour", "ORG", "2026-12-03")
    ]


def test_same_target_replaces_and_remove_by_id(tmp_path: Path) -> None:
    path = tmp_path / ".glossator" / "watchlist.yaml"
    add_correction(path, Correction("Labour", "any"))
    add_correction(path, Correction("Paris", "GPE", scope="article", article="a.txt"))
    assert add_correction(path, Correction("labour", "any")) == []  # another text: as written
    replaced = add_correction(path, Correction("Labour", "GPE", "ORG"))
    assert [c.text for c in replaced] == ["Labour"]
    found = read_watchlist(path)
    assert [(c.text, c.label) for c in found.corrections] == [
        ("Paris", None),
        ("labour", None),
        ("Labour", "ORG"),
    ]
    add_to_watchlist(path, "Kirkuk", "GPE")
    gone = remove_correction(path, found.corrections[0].id)
    assert gone.text == "Paris"
    after = read_watchlist(path)
    assert [c.text for c in after.corrections] == ["labour", "Labour"]
    assert [e.name for e in after.entries] == ["Kirkuk"]
    with pytest.raises(WatchlistError, match="no correction 'nope'"):
        remove_correction(path, "nope")


def test_a_capitalised_text_matches_only_as_written(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 2\ncorrections:\n- {text: Labour, label: NORP}\n"
        "- {text: drone strike, label: WEAPON}\n",
    )
    rec = Recogniser.load(path)
    got = labels(rec, "Labour said labour costs rose after a Drone Strike.")
    assert ("Labour", "NORP") in got and not any(t == "labour" for t, _ in got)
    assert ("Drone Strike", "WEAPON") in got
