"""Facets counted from numbered values are the counts of the stored strings."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest

from glossator.index.indexer import Index
from glossator.index.labels import LABELS, field_for
from glossator.index.whoosh import facets
from glossator.index.whoosh.facet_names import name_key, same_name
from glossator.index.whoosh.facets import FacetCounts


def _one_per_name(stored: tuple[Any, ...]) -> tuple[Any, ...]:
    """A document's stored facet values with each name once, however it
    was spelt (the first spelling kept)."""
    names: dict[str, Any] = stored[1]
    for label, found in names.items():
        if len(found) > 1 and len({name_key(v) for v in found}) < len(found):
            firsts: dict[tuple[str, ...], str] = {}
            for value in found:
                firsts.setdefault(name_key(value), value)
            names = {**names, label: list(firsts.values())}
    return stored if names is stored[1] else (stored[0], names, *stored[2:])


def _counted_as_strings(column: Any, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
    """Each document's stored values gathered into one list of strings per
    facet, in hit order, and counted (spellings of a name as one)."""
    values: dict[str, list[str]] = {"tag": [], "event": []}
    for label in LABELS:
        values[field_for(label)] = []
    for docnum in docnums:
        stored = _one_per_name(column[docnum] or ((), {}))
        values["tag"].extend(stored[0])
        if len(stored) > 2:
            values["event"].extend(stored[2])
        for label, found in stored[1].items():
            bucket = values.get(field_for(label))
            if bucket is not None:
                bucket.extend(found)
    return {
        k: (Counter(v) if k in ("tag", "event") else same_name(v)).most_common(12)
        for k, v in values.items()
        if v
    }


class _Reader:
    def __init__(self, column: dict[int, Any]) -> None:
        self._column = column

    def column_reader(self, name: str) -> Any:
        assert name == "facets"
        return self._column


def test_ties_keep_the_order_values_are_first_met() -> None:
    column = {
        0: (["b-tag", "a-tag"], {"PERSON": ["Shia’ Al-Sudani", "Blair"]}, ["Battles"]),
        1: (["a-tag"], {"PERSON": ["Shia al-Sudani", "Shia al-Sudani"]}, []),
        2: ((), {"PERSON": ["Blair"], "GPE": ["Iraq"], "NOSUCH": ["x"]}),
        3: (["c-tag", "b-tag"], {"GPE": ["Iraq", "Syria"]}, ["Protests", "Battles"]),
        4: None,
    }
    counts = FacetCounts(_Reader(column))
    for docnums in ([0, 1, 2, 3, 4], [3, 2, 1, 0], [2, 0], [4], [1, 3, 0, 2]):
        assert counts.count(docnums) == _counted_as_strings(column, docnums), docnums
    assert counts.count([0, 1, 2, 3])["person"] == [("Shia al-Sudani", 2), ("Blair", 2)]


def test_counts_on_each_corpus_match_the_strings(
    parity_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random samples in random order, with documents kept from earlier
    samples and some forgotten again (a small cache)."""
    monkeypatch.setattr(facets, "FACET_CACHE_SIZE", 64)
    engine = parity_index.open()
    rng = random.Random(1729)
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        reader = s.reader()
        live = list(reader.all_doc_ids())
        column = reader.column_reader("facets")
        counts = FacetCounts(reader)
        named = 0
        for size in (1, 5, 50, 200, 1000, 1000, 200):
            docnums = rng.sample(live, min(size, len(live)))
            got = counts.count(docnums)
            assert got == _counted_as_strings(column, docnums)
            named += "person" in got
        assert named
