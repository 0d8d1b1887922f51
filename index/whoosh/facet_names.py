"""Facet values of names: spellings a search does not tell apart are one name.

An entity field indexes a name as its words, lower-cased
(`analysis.entity_analyzer`), so `person:"mohammed shia al-sudani"` finds
"Mohammed Shia’ al-Sudani" and "Mohammed Shia Al-Sudani" alike; the facet
counts them as one name too, once per article, under the spelling written
most often.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from glossator.index.whoosh.analysis import TOKEN_PATTERN

_WORDS = re.compile(TOKEN_PATTERN)


@lru_cache(maxsize=65_536)
def name_key(value: str) -> tuple[str, ...]:
    """The words an entity field indexes a name as: spellings with the same
    words ("Shia al-Sudani", "Shia’ Al-Sudani") are one name to a search."""
    return tuple(m.group() for m in _WORDS.finditer(value.lower()))


def same_name(values: list[str]) -> Counter[str]:
    """Counts of names, the spellings a search does not tell apart counted
    as one, under the spelling written most often."""
    return same_name_counts(Counter(values))


def same_name_counts(counts: Counter[str]) -> Counter[str]:
    """`same_name` of the names counted in `counts` (in the order they
    were first met): each name where its first spelling was met, under
    `shown_spelling`'s spelling. (`facets.FacetCounts` does the same with
    the numbers it keeps per value and per name.)"""
    keys = {value: name_key(value) for value in counts}
    spellings_of = Counter(keys.values())
    if len(spellings_of) == len(keys):
        return counts
    # Only the names written more than one way are merged: at 100k a
    # thousand hits carry some 6,000 names, a few dozen of them spelt twice.
    groups: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for value, key in keys.items():
        if spellings_of[key] > 1:
            groups.setdefault(key, []).append((value, counts[value]))
    merged: Counter[str] = Counter()
    for value, n in counts.items():
        spellings = groups.get(keys[value])
        if spellings is None:
            merged[value] = n
        elif spellings[0][0] == value:  # a name's first spelling stands for it
            merged[shown_spelling(spellings)] = sum(c for _, c in spellings)
    return merged


def shown_spelling(spellings: list[tuple[str, int]]) -> str:
    """The most written of a name's spellings; of those, the plainest
    ("Shia" before "Shia’"), then the first."""
    most = max(n for _, n in spellings)
    tied = [value for value, n in spellings if n == most]
    return tied[0] if len(tied) == 1 else min(tied, key=_marks)


def _marks(value: str) -> int:
    return sum(not (c.isalnum() or c.isspace() or c == "-") for c in value)
