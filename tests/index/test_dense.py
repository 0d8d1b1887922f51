"""Scores held as arrays add up and rank as the dictionaries they stand for."""

from __future__ import annotations

import heapq
import random

import numpy as np
import pytest

from glossator.index.whoosh.speedups import postings, scored
from glossator.index.whoosh.speedups.dense import ArrayScores


def _arrays(scores: dict[int, float], size: int) -> ArrayScores:
    docnums = sorted(scores)
    return ArrayScores(
        np.asarray(docnums, dtype=np.int64),
        np.asarray([scores[d] for d in docnums], dtype=np.float64),
        size,
    )


def _parts(rng: random.Random, count: int, size: int) -> list[dict[int, float]]:
    """Overlapping parts of different lengths, with scores whose sums
    depend on the order they are added in."""
    return [
        {d: rng.random() * 10 ** rng.randrange(-3, 4) for d in rng.sample(range(size), n)}
        for n in rng.sample(range(1, size), count)
    ]


@pytest.mark.parametrize("seed", range(6))
def test_array_sums_are_the_dictionary_sums(seed: int) -> None:
    """Every mix of arrays and dictionaries, in every order given, sums to
    the same doubles as `postings.add` over dictionaries alone."""
    rng = random.Random(seed)
    size = 400
    parts = _parts(rng, 2 + seed % 4, size)
    want = postings.add(parts)
    for mask in range(1, 2 ** len(parts)):
        mixed = [_arrays(p, size) if mask >> i & 1 else p for i, p in enumerate(parts)]
        rng.shuffle(mixed)
        got = postings.add(mixed)
        assert isinstance(got, ArrayScores)
        assert got.docnums.tolist() == sorted(want)
        plain = postings.add([dict(p) for p in mixed])
        assert got.scores.tolist() == [plain[d] for d in sorted(plain)]


def test_three_sums_depend_on_the_order() -> None:
    """The case the order matters for: (a + b) + c is not a + (b + c)."""
    a, b, c = {0: 0.1}, {0: 0.2, 1: 1.0}, {0: 0.3, 1: 1.0, 2: 1.0}
    got = postings.add([_arrays(a, 3), _arrays(b, 3), c])
    assert got[0] == (0.3 + 0.2) + 0.1
    assert got[0] != 0.3 + (0.2 + 0.1)


def test_one_part_and_none() -> None:
    one = _arrays({3: 1.5, 7: 0.25}, 10)
    assert postings.add([one]) is one
    assert postings.add([]) == {}


def test_array_scores_read_as_a_mapping() -> None:
    plain = {2: 0.5, 5: 1.25, 9: 3.0}
    held = _arrays(plain, 12)
    assert held == plain
    assert len(held) == 3 and list(held) == [2, 5, 9]
    assert 5 in held and 4 not in held
    assert held[9] == 3.0 and held.get(4, -1.0) == -1.0
    assert dict(held.items()) == plain and list(held.values()) == [0.5, 1.25, 3.0]
    assert held.keys() == plain.keys()
    assert held.scaled(2.0) == {d: s * 2.0 for d, s in plain.items()}


@pytest.mark.parametrize("size", [0, 1, 19, 20, 21, 79, 80, 81, 500, 20_000])
def test_best_of_arrays_is_the_heap_of_every_pair(size: int) -> None:
    """The top of scores held as arrays, ties to the lower document number,
    as `heapq.nsmallest` of every (-score, document) pair gives it."""
    rng = random.Random(size)
    scores = {rng.randrange(10 * size + 1): float(rng.randrange(6)) for _ in range(size)}
    held = _arrays(scores, 10 * size + 1)
    for depth in (1, 5, 20, 1000):
        want = heapq.nsmallest(depth, ((-s, d + 7) for d, s in scores.items()))
        assert scored.best(held, 7, depth) == want
