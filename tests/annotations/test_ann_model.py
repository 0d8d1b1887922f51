"""Tag rules, ratings, ids and authors."""

from __future__ import annotations

import pytest

from glossator.annotations.errors import TagError
from glossator.annotations.model import (
    CREDIBILITY,
    RELIABILITY,
    Rating,
    default_author,
    is_utc_timestamp,
    new_id,
    normalise_label,
    normalise_tag,
    utc_now,
)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Airstrike", "airstrike"),
        ("  kataib-hezbollah ", "kataib-hezbollah"),
        ("needs_followup", "needs_followup"),
        ("region/anbar", "region/anbar"),
        ("v1.2", "v1.2"),
        ("القصف", "القصف"),
        ("ÉTÉ", "été"),
        ("x" * 64, "x" * 64),
    ],
)
def test_valid_tags_are_normalised(raw: str, stored: str) -> None:
    assert normalise_tag(raw) == stored


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("air strike", "tag 'air strike' has a space; use 'air-strike'"),
        ("", "tag is empty"),
        ("   ", "tag is empty"),
        ("a\tb", "has a space"),
        ("us#iraq", "'#', which is not allowed"),
        ("a,b;c", "use 'a-b-c'"),
        ("x" * 65, "65 characters long"),
    ],
)
def test_invalid_tags_are_refused_with_a_reason(raw: str, message: str) -> None:
    with pytest.raises(TagError) as err:
        normalise_tag(raw)
    assert message in str(err.value)


def test_labels_follow_tag_rules_and_say_label() -> None:
    assert normalise_label("Target") == "target"
    with pytest.raises(TagError, match="label 'a b' has a space"):
        normalise_label("a b")


def test_rating_codes_and_meanings() -> None:
    assert RELIABILITY["A"] == "Completely reliable"
    assert RELIABILITY["F"] == "Reliability cannot be judged"
    assert CREDIBILITY[1] == "Confirmed by other sources"
    assert CREDIBILITY[6] == "Truth cannot be judged"
    rating = Rating("B", 2)
    assert rating.code == "B2"
    assert rating.meaning == "Usually reliable; Probably true"
    for bad in [("G", 1), ("a", 1), ("A", 0), ("A", 7), ("A", True)]:
        with pytest.raises(ValueError):
            Rating(*bad)  # type: ignore[arg-type]


def test_ids_are_short_hex_and_unique() -> None:
    taken: set[str] = set()
    for _ in range(300):
        ident = new_id("n", taken)
        assert ident.startswith("n-") and ident not in taken
        taken.add(ident)


def test_timestamps() -> None:
    assert is_utc_timestamp(utc_now())
    assert is_utc_timestamp("2026-11-21T10:04:00Z")
    assert is_utc_timestamp("2026-11-21T10:04:00.123Z")
    assert not is_utc_timestamp("2026-11-21T10:04:00+01:00")
    assert not is_utc_timestamp("2026-13-21T10:04:00Z")


def test_default_author(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSATOR_AUTHOR", " carol ")
    assert default_author() == "carol"
    monkeypatch.delenv("GLOSSATOR_AUTHOR")

    def no_user() -> str:
        raise OSError("no passwd entry")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert default_author() == "unknown"
