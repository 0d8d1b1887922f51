"""The analyst's watchlist: precedence, the same-label rule, bad files, reloads."""

from __future__ import annotations

import os
from pathlib import Path

from glossator.index.entities import Recogniser, load_watchlist


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / ".glossator" / "watchlist.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def labels(recogniser: Recogniser, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in recogniser.recognise(text)]


def test_watchlist_wins_over_recognised_label(tmp_path: Path) -> None:
    path = write(tmp_path, "- name: Jordan\n  label: PERSON\n  note: the source, not the country\n")
    rec = Recogniser.load(watchlist=path)
    assert rec.watchlist_errors == []
    assert ("Jordan", "PERSON") in labels(rec, "Officials met Jordan in Baghdad.")


def test_aliases_and_case(tmp_path: Path) -> None:
    body = "- name: Kataib Hezbollah\n  label: ORG\n  aliases: [KH, kata'ib hizballah]\n"
    path = write(tmp_path, body)
    rec = Recogniser.load(watchlist=path)
    got = labels(rec, "KH and Kata'ib Hizballah denied it; he said kh twice.")
    assert ("KH", "ORG") in got
    assert ("Kata'ib Hizballah", "ORG") in got
    assert ("kh", "ORG") not in got  # names in capitals only match in capitals


def test_short_watchlist_name_does_not_cut_longer_span_of_same_label(tmp_path: Path) -> None:
    path = write(tmp_path, "- name: al-Tanf\n  label: FAC\n")
    rec = Recogniser.load(watchlist=path)
    assert ("al-Tanf garrison", "FAC") in labels(rec, "Drones hit the al-Tanf garrison on Monday.")


def test_watchlist_cuts_longer_span_of_other_label(tmp_path: Path) -> None:
    path = write(tmp_path, "- name: Harir\n  label: GPE\n")
    rec = Recogniser.load(watchlist=path)
    got = labels(rec, "A drone hit the Harir airbase.")
    assert ("Harir", "GPE") in got
    assert not any(label == "FAC" for _, label in got)


def test_malformed_yaml_is_one_line_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "- name: A\n  label: ORG\n- name: [unclosed\n  label: ORG\n")
    rec = Recogniser.load(watchlist=path)
    assert len(rec.watchlist_errors) == 1
    message = rec.watchlist_errors[0]
    assert "\n" not in message and str(path) in message and ":" in message
    assert message.split(str(path))[1].startswith(":")  # a line number follows the path
    # The recogniser carries on without the watchlist.
    assert ("Baghdad", "GPE") in labels(rec, "Drones hit Baghdad.")


def test_bad_entries_are_skipped_with_their_line(tmp_path: Path) -> None:
    body = "- name: Good\n  label: ORG\n- name: Bad\n  label: PLACE\n- just a string\n"
    entries, errors = load_watchlist(write(tmp_path, body))
    assert [e.name for e in entries] == ["Good"]
    assert len(errors) == 2
    assert ":3: entry 2: label 'PLACE'" in errors[0]
    assert ":5: entry 3" in errors[1]


def test_not_a_list(tmp_path: Path) -> None:
    entries, errors = load_watchlist(write(tmp_path, "name: Solo\nlabel: ORG\n"))
    assert entries == [] and len(errors) == 1 and "list" in errors[0]


def test_missing_file_is_empty_not_an_error(tmp_path: Path) -> None:
    rec = Recogniser.load(watchlist=tmp_path / "nope.yaml")
    assert rec.watchlist == [] and rec.watchlist_errors == []


def test_changed_file_is_detected_and_changes_cache_key(tmp_path: Path) -> None:
    path = write(tmp_path, "- name: Alpha\n  label: ORG\n")
    rec = Recogniser.load(watchlist=path)
    assert not rec.watchlist_changed()
    path.write_text("- name: Beta\n  label: ORG\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert rec.watchlist_changed()
    reloaded = Recogniser.load(watchlist=path)
    assert reloaded.cache_key != rec.cache_key
    assert ("Beta", "ORG") in labels(reloaded, "Beta said so.")
