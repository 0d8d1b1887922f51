"""Facets counted from numbered values are the counts of the stored strings.

The strings' counts (`_counted_as_strings`, with `facet_names.same_name`)
are the reference: what each facet lists, the counts, the order of ties and
the spelling a name is shown under must all be theirs, counted with numpy
and without (`both_ways`).
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter
from types import FrameType
from typing import Any

import numpy
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


@pytest.fixture(params=["numpy", "python"])
def both_ways(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Facets counted with numpy, then without it (as before a search has
    imported it)."""
    monkeypatch.setattr(facets, "_numpy", lambda: numpy if request.param == "numpy" else None)
    return str(request.param)


class _Reader:
    def __init__(self, column: dict[int, Any]) -> None:
        self._column = column

    def column_reader(self, name: str) -> Any:
        assert name == "facets"
        return self._column


def test_ties_keep_the_order_values_are_first_met(both_ways: str) -> None:
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
    parity_index: Index, monkeypatch: pytest.MonkeyPatch, both_ways: str
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


def _spelt(rng: random.Random, name: str) -> str:
    """`name` as a search does not tell it apart: case, a mark, or as is."""
    return rng.choice([name, name.lower(), name.upper(), name.replace(" ", "’ "), name])


def _synthetic_column(rng: random.Random, docs: int) -> dict[int, Any]:
    """Documents drawn from small pools, so that counts tie at the twelfth
    value and names are spelt several ways within and across documents."""
    tags = [f"tag-{i}" for i in range(20)]
    events = ["Battles", "Protests", "Riots", "Explosions"]
    names = [f"Name {i} al-Sud" for i in range(30)]
    column: dict[int, Any] = {}
    for docnum in range(docs):
        if rng.random() < 0.05:
            column[docnum] = None
            continue
        found = {
            label: [_spelt(rng, rng.choice(names)) for _ in range(rng.randrange(0, 6))]
            for label in rng.sample(["PERSON", "ORG", "GPE", "NOSUCH"], rng.randrange(0, 4))
        }
        stored: tuple[Any, ...] = (rng.sample(tags, rng.randrange(0, 4)), found)
        if rng.random() < 0.7:
            stored += (rng.sample(events, rng.randrange(0, 3)),)
        column[docnum] = stored
    return column


@pytest.mark.parametrize("seed", range(6))
def test_ties_and_spellings_of_random_documents_match_the_strings(
    seed: int, monkeypatch: pytest.MonkeyPatch, both_ways: str
) -> None:
    """Small pools make ties at the cut and names spelt several ways; hit
    sets of every size, some listing a document twice, some forgetting
    the kept documents (a small cache)."""
    monkeypatch.setattr(facets, "FACET_CACHE_SIZE", 150)
    rng = random.Random(seed)
    column = _synthetic_column(rng, 300)
    counts = FacetCounts(_Reader(column))
    for _ in range(40):
        docnums = rng.sample(range(300), rng.choice([1, 2, 12, 40, 120, 300]))
        if rng.random() < 0.2:
            docnums += rng.sample(docnums, min(3, len(docnums)))
        assert counts.count(docnums) == _counted_as_strings(column, docnums), docnums
    assert counts.count([]) == {}


def test_each_bbc_segment_counts_as_the_strings(bbc_index: Index, both_ways: str) -> None:
    """Random hit sets within each segment of the BBC index (its documents
    numbered as the whole reader numbers them), the whole segment too,
    then hit sets across segments, on one FacetCounts."""
    engine = bbc_index.open()
    rng = random.Random(2095)
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        reader = s.reader()
        column = reader.column_reader("facets")
        counts = FacetCounts(reader)
        live = set(reader.all_doc_ids())
        leaves = reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]
        assert len(leaves) > 1
        for leaf, base in leaves:
            docs = [base + d for d in range(leaf.doc_count_all()) if base + d in live]
            for size in (1, 13, 100, 1000, len(docs)):
                for _ in range(3):
                    docnums = rng.sample(docs, min(size, len(docs)))
                    assert counts.count(docnums) == _counted_as_strings(column, docnums)
        for _ in range(10):
            docnums = rng.sample(sorted(live), 1000)
            assert counts.count(docnums) == _counted_as_strings(column, docnums)


def test_counting_kept_documents_costs_no_python_call_per_hit(
    bbc_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a thousand hits' values are kept, counting them again runs in
    numpy: a few dozen Python calls, where counting per hit made thousands."""
    monkeypatch.setattr(facets, "_numpy", lambda: numpy)
    engine = bbc_index.open()
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        reader = s.reader()
        docnums = random.Random(5).sample(list(reader.all_doc_ids()), 1000)
        counts = FacetCounts(reader)
        want = counts.count(docnums)
        calls = 0

        def profile(_frame: FrameType, event: str, _arg: object) -> None:
            nonlocal calls
            calls += event == "call"

        sys.setprofile(profile)
        try:
            got = counts.count(docnums)
        finally:
            sys.setprofile(None)
        assert got == want == _counted_as_strings(reader.column_reader("facets"), docnums)
    assert calls < 300, calls


def test_counting_facets_does_not_import_numpy() -> None:
    """A first search that imported nothing else does not pay for numpy
    (60-250 ms on this machine) to count its facets."""
    script = """
import sys
from glossator.index.whoosh.facets import FacetCounts
class Reader:
    def column_reader(self, name):
        return {0: (["a"], {"PERSON": ["Blair", "blair"]}, ["Battles"]), 1: None}
got = FacetCounts(Reader()).count([0, 1])
assert got == {"tag": [("a", 1)], "event": [("Battles", 1)], "person": [("Blair", 1)]}, got
assert "numpy" not in sys.modules
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
