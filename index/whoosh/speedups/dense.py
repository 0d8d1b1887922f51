"""One segment's scores kept as arrays, from the expansion to the top hits.

A short prefix (`re*`, `co*`) matches most of a segment: at 100,000
articles its summed scores are some 20,000 documents a segment and field.
Turned into a dictionary (`summed`), added to the other field's dictionary
(`postings.add`) and read back into arrays to pick the top (`scored.best`),
that was 30-40 ms of a 150 ms query spent moving numbers between the two.
`ArrayScores` keeps them as the sorted document numbers and their scores;
`add_arrays` sums parts as `postings.add` does (the longest part first,
then each in turn, so every sum is the same double), and `scored.best`
cuts the top straight from the arrays. Anything else that asks reads it
as the mapping it is (a dictionary is made once, on the first question).
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any


class ArrayScores(Mapping[int, float]):
    """Document number -> score, as `docnums` (sorted, distinct, int64)
    and `scores` (float64, `scores[i]` the score of `docnums[i]`); `size`
    bounds the document numbers (the segment's document count)."""

    __slots__ = ("_plain", "docnums", "scores", "size")

    def __init__(self, docnums: Any, scores: Any, size: int) -> None:
        self.docnums = docnums
        self.scores = scores
        self.size = size
        self._plain: dict[int, float] | None = None

    def plain(self) -> dict[int, float]:
        """The scores as a dictionary in document order (made once)."""
        if self._plain is None:
            self._plain = dict(zip(self.docnums.tolist(), self.scores.tolist(), strict=True))
        return self._plain

    def scaled(self, factor: float) -> ArrayScores:
        """Every score times `factor` (each product as Python computes it)."""
        return ArrayScores(self.docnums, self.scores * factor, self.size)

    def __len__(self) -> int:
        return len(self.docnums)

    def __getitem__(self, docnum: int) -> float:
        return self.plain()[docnum]

    def __iter__(self) -> Iterator[int]:
        return iter(self.plain())

    def __contains__(self, docnum: object) -> bool:
        return docnum in self.plain()

    def get(self, docnum: int, default: Any = None) -> Any:
        """The score of `docnum`, or `default`."""
        return self.plain().get(docnum, default)

    def keys(self) -> KeysView[int]:
        """The document numbers, as a set-like view."""
        return self.plain().keys()

    def items(self) -> ItemsView[int, float]:
        """(document number, score) pairs in document order."""
        return self.plain().items()

    def values(self) -> ValuesView[float]:
        """The scores in document order, as the mapping's values."""
        return self.plain().values()

    def __repr__(self) -> str:
        return f"ArrayScores({self.plain()!r})"


def add_arrays(parts: list[Mapping[int, float]]) -> ArrayScores:
    """The per-document sums of `parts` (already in the order
    `postings.add` adds them, some of them `ArrayScores`), added in that
    order: each document's sum is the same double as `postings.add` gives."""
    import numpy as np

    size = max(part.size for part in parts if isinstance(part, ArrayScores))
    arrays = []
    for part in parts:
        if isinstance(part, ArrayScores):
            arrays.append((part.docnums, part.scores))
        else:
            ids = np.fromiter(part.keys(), dtype=np.int64, count=len(part))
            values = np.fromiter(part.values(), dtype=np.float64, count=len(part))
            arrays.append((ids, values))
            if len(ids):
                size = max(size, int(ids.max()) + 1)
    total = np.zeros(size, dtype=np.float64)
    seen = np.zeros(size, dtype=bool)
    for ids, values in arrays:
        # A document's first score lands on 0.0, which adds nothing, as
        # `postings.add` copies the first part and starts the rest from 0.0.
        total[ids] += values
        seen[ids] = True
    ids = np.flatnonzero(seen)
    return ArrayScores(ids, total[ids], size)
