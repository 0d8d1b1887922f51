"""Canonical names: the one name each mention of an entity counts toward.

Within one article, and never across articles:

- a watchlist alias counts toward its entry's name ("KH" -> "Kataib Hezbollah");
- spellings of a name (PERSON, ORG, NORP, GPE, LOC, FAC) that differ only in
  an Arabic article or in case ("al-Sudani", "Al-Sudani", "el-Sudani",
  "Sudani"; a headline's "BLAIR") count toward the first one written (the
  first not all in capitals, when there is one);
- a surname alone ("Blair", and so "Mr Blair": titles are outside PERSON
  spans) counts toward the full name it is the last word of ("Tony Blair"),
  wherever it stands in the article (a headline's "Blair" comes before the
  body's "Tony Blair"), unless two different full names in the article end
  in it ("George Bush" and "Jeb Bush": "Bush" stays as written).

The written text (`Entity.text`) never changes; `Entity.canonical` is set
only where the canonical name differs from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from glossator.index.entities.gazetteer import fold_case, normalise
from glossator.index.entities.model import Entity
from glossator.index.entities.watchlist import WatchEntry

#: The labels of names, whose spellings fold ("this year" and "This year" stay apart).
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_ARTICLE = re.compile(r"^(?:al|el)-", re.IGNORECASE)
#: The titles people are named by in running text ("Mr Blair"); they stay
#: outside PERSON spans, and `title_form` gives the name with its title.
_TITLE_BEFORE = re.compile(
    r"(?<![\w-])(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|President)\.? $"
)


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _watch_key(term: str) -> str:
    """How a watchlist term or an entity text is compared: punctuation as
    spaces, as the watchlist matcher sees it; folded unless in capitals."""
    key = _spaced(normalise(term))
    return key if term.isupper() else fold_case(key)


@lru_cache(maxsize=65536)
def variant_key(name: str) -> str:
    """A name with each word's Arabic article dropped, case folded:
    "Abu Mahdi Al-Muhandis" and "abu mahdi al-Muhandis" -> "abu mahdi muhandis"."""
    return " ".join(_ARTICLE.sub("", word) for word in fold_case(name).split())


def title_form(text: str, ent: Entity) -> str | None:
    """The PERSON mention with the title written just before it ("Mr Blair"),
    or None; what `person:"mr blair"` searches for."""
    if ent.label != "PERSON":
        return None
    found = _TITLE_BEFORE.search(text, max(0, ent.start - 12), ent.start)
    return None if found is None else found.group() + _spaced(ent.text)


class Canonicaliser:
    """Sets `Entity.canonical` on one article's entities; holds the watchlist's
    alias table, so build it once per recogniser."""

    def __init__(self, watchlist: Iterable[WatchEntry] = ()) -> None:
        table: dict[tuple[str, str], str | None] = {}
        for entry in watchlist:
            for term in entry.terms:
                key = (entry.label, _watch_key(term))
                if key in table and table[key] != entry.name:
                    table[key] = None  # one alias of two entries: counts toward neither
                else:
                    table[key] = entry.name
        self._watched = {k: name for k, name in table.items() if name is not None}

    def _watch_name(self, ent: Entity) -> str | None:
        if not self._watched:
            return None
        written = ent.text.strip()
        # An alias in capitals matches only in capitals, any other one in any case.
        return self._watched.get((ent.label, _watch_key(written))) or self._watched.get(
            (ent.label, fold_case(_spaced(normalise(written))))
        )

    def apply(self, entities: Sequence[Entity]) -> list[Entity]:
        """The entities with `canonical` set where a mention counts toward
        another name; same order, same offsets and text."""
        written = [_spaced(e.text) for e in entities]
        watch_names = [self._watch_name(e) for e in entities]
        names = [w or t for w, t in zip(watch_names, written, strict=True)]
        keys = [
            (e.label, variant_key(n) if e.label in NAME_LABELS else n)
            for e, n in zip(entities, names, strict=True)
        ]
        # Spellings: the first of each (label, key) wins, but one not all in
        # capitals wins over a headline's, and a watchlist entry's name over any.
        first: dict[tuple[str, str], str] = {}
        by_watchlist: set[tuple[str, str]] = set()
        for key, name, watched in zip(keys, names, watch_names, strict=True):
            shouted = key in first and first[key].isupper() and not name.isupper()
            if key not in first or (key not in by_watchlist and (watched is not None or shouted)):
                first[key] = name
                if watched is not None:
                    by_watchlist.add(key)
        # Surnames: the article's full names by the key of their last word.
        full: dict[str, set[str]] = {}
        for label, words in first:
            if label == "PERSON" and " " in words:
                full.setdefault(words.rsplit(" ", 1)[1], set()).add(first[label, words])
        out = []
        for i, ent in enumerate(entities):
            key = keys[i]
            name = first[key]
            if key[0] == "PERSON" and watch_names[i] is None and " " not in key[1]:
                owners = full.get(key[1], ())
                if len(owners) == 1:
                    name = next(iter(owners))
            out.append(ent if name == written[i] else replace(ent, canonical=name))
        return out
