"""same_name merges only the names spelt more than one way; its counts,
their order and the spelling shown are those of merging every name."""

from __future__ import annotations

import random
from collections import Counter

from glossator.index.whoosh.facet_names import _marks, name_key, same_name


def _merged_every_name(values: list[str]) -> Counter[str]:
    """Every name grouped, singletons too: what same_name must give."""
    counts = Counter(values)
    groups: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for value, n in counts.items():
        groups.setdefault(name_key(value), []).append((value, n))
    merged: Counter[str] = Counter()
    for spellings in groups.values():
        shown = max(spellings, key=lambda pair: (pair[1], -_marks(pair[0])))[0]
        merged[shown] = sum(n for _, n in spellings)
    return merged


def test_same_name_matches_merging_every_name_in_order_and_spelling() -> None:
    rng = random.Random(1729)
    names = ["Shia al-Sudani", "Shia’ Al-Sudani", "shia al-sudani", "Ankara", "ankara", "Kyiv"]
    names += [f"Name {i}" for i in range(40)]
    for _ in range(300):
        values = [rng.choice(names) for _ in range(rng.randrange(1, 80))]
        got = same_name(values)
        want = _merged_every_name(values)
        assert list(got.items()) == list(want.items())
        assert got.most_common(12) == want.most_common(12)


def test_a_tie_shows_the_plainest_spelling_then_the_first() -> None:
    assert list(same_name(["Shia’ Al-Sudani", "Shia al-Sudani"]).items()) == [("Shia al-Sudani", 2)]
    assert list(same_name(["ankara", "Ankara", "Kyiv"]).items()) == [("ankara", 2), ("Kyiv", 1)]
