"""Canonical names: watchlist aliases and within-article variants count toward one name."""

from __future__ import annotations

from pathlib import Path

from glossator.index.entities import Entity, Recogniser
from glossator.index.entities.aliases import Canonicaliser
from glossator.index.entities.cache import EntityCache
from glossator.index.entities.watchlist import WatchEntry


def names(rec: Recogniser, text: str, label: str = "PERSON") -> list[tuple[str, str]]:
    """(written text, canonical name) of each entity with this label."""
    return [(e.text, e.name) for e in rec.recognise(text) if e.label == label]


def test_surname_after_the_full_name_counts_toward_it() -> None:
    got = names(Recogniser.load(), "Tony Blair spoke on Monday. Later, Blair left for Rome.")
    assert got == [("Tony Blair", "Tony Blair"), ("Blair", "Tony Blair")]


def test_title_form_counts_toward_the_full_name_and_keeps_its_text() -> None:
    text = "Prime Minister Tony Blair arrived. Mr Blair said he was pleased."
    ents = [e for e in Recogniser.load().recognise(text) if e.label == "PERSON"]
    assert [(e.text, e.canonical) for e in ents] == [("Tony Blair", None), ("Blair", "Tony Blair")]
    assert text[ents[1].start - 3 : ents[1].end] == "Mr Blair"


def test_surname_in_the_headline_before_the_full_name_counts_toward_it() -> None:
    text = "Blair defends record\n\nTony Blair said on Monday he was proud."
    got = names(Recogniser.load(), text)
    assert got == [("Blair", "Tony Blair"), ("Tony Blair", "Tony Blair")]


def test_surname_alone_in_another_article_is_not_folded() -> None:
    rec = Recogniser.load()
    assert names(rec, "Tony Blair spoke on Monday.") == [("Tony Blair", "Tony Blair")]
    ents = rec.recognise("Mr Blair met Mr Brown on Monday.")
    assert [(e.text, e.canonical) for e in ents if e.label == "PERSON"] == [
        ("Blair", None),
        ("Brown", None),
    ]


def test_ambiguous_surname_is_not_folded() -> None:
    text = "George Bush met Jeb Bush in Miami. Mr Bush said the talks went well."
    got = names(Recogniser.load(), text)
    assert ("Bush", "Bush") in got
    assert ("George Bush", "George Bush") in got and ("Jeb Bush", "Jeb Bush") in got


def test_arabic_article_variants_fold_to_the_first_spelling() -> None:
    text = (
        "Prime Minister Mohammed Shia al-Sudani visited Basra. "
        "Mohammed Shia Al-Sudani met officials, and Sudani said the talks went well."
    )
    got = names(Recogniser.load(), text)
    assert got == [
        ("Mohammed Shia al-Sudani", "Mohammed Shia al-Sudani"),
        ("Mohammed Shia Al-Sudani", "Mohammed Shia al-Sudani"),
        ("Sudani", "Mohammed Shia al-Sudani"),
    ]


def test_watchlist_alias_counts_toward_the_entry_name(tmp_path: Path) -> None:
    path = tmp_path / "watchlist.yaml"
    body = "- name: Kataib Hezbollah\n  label: ORG\n  aliases: [KH, Kata'ib Hizballah]\n"
    path.write_text(body, encoding="utf-8")
    rec = Recogniser.load(watchlist=path)
    got = names(rec, "KH denied it. Kata'ib Hizballah later spoke.", "ORG")
    assert got == [("KH", "Kataib Hezbollah"), ("Kata'ib Hizballah", "Kataib Hezbollah")]
    assert [e.canonical for e in rec.recognise("Kataib Hezbollah spoke.")] == [None]


def test_an_alias_of_two_entries_counts_toward_neither() -> None:
    entries = [
        WatchEntry("Hassan Nasrallah", "PERSON", ("Sayyed Hassan",)),
        WatchEntry("Hassan Rouhani", "PERSON", ("Sayyed Hassan",)),
    ]
    ent = Entity(0, 13, "Sayyed Hassan", "PERSON")
    assert Canonicaliser(entries).apply([ent]) == [ent]


def test_canonical_round_trips_through_dict_and_cache(tmp_path: Path) -> None:
    text = "Tony Blair spoke. Blair left."
    ents = Recogniser.load().recognise(text)
    assert [Entity.from_dict(e.to_dict()) for e in ents] == ents
    cache = EntityCache(tmp_path)
    cache.put("sha", "key", ents)
    assert cache.get("sha", "key", text) == ents
    assert any(e.canonical == "Tony Blair" for e in ents)


def test_a_bare_initial_is_part_of_the_name_the_surname_counts_toward() -> None:
    text = "US President George W Bush arrived. Mr Bush said he was pleased."
    assert names(Recogniser.load(), text) == [
        ("George W Bush", "George W Bush"),
        ("Bush", "George W Bush"),
    ]
    # Only between two name words: a lone capital after a name is no initial.
    assert names(Recogniser.load(), "Tony Blair I think spoke.") == [("Tony Blair", "Tony Blair")]


def test_only_names_fold_their_spellings() -> None:
    ents = [Entity(0, 9, "This year", "DATE"), Entity(20, 29, "this year", "DATE")]
    assert Canonicaliser().apply(ents) == ents
    ents = [Entity(0, 5, "BLAIR", "PERSON"), Entity(20, 25, "Blair", "PERSON")]
    assert [e.name for e in Canonicaliser().apply(ents)] == ["Blair", "Blair"]
