"""What the queries run on one Whoosh searcher can share, kept with that searcher.

A short prefix such as `co*` expands to over a thousand terms in the BBC
index; scoring it reads every one of their posting lists, and an analyst
types the same prefix again and again (each keystroke of `con`, a refined
query, the next page of facets). The summed BM25F scores of a multi-term
query depend only on the searcher's segments and its collection statistics,
so they are computed once per searcher and kept here, with the per-segment
length norms every term's score needs.

A memo is keyed weakly by the top-level Whoosh searcher: when the app
reopens the searcher after the index changed, the old memo goes with the
old searcher and nothing in it keeps old segment readers alive (it holds
numbers and term infos only, keyed by the readers' ids while they live).
The scores held are bounded by `MEMO_POSTINGS`, oldest dropped first.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any
from weakref import WeakKeyDictionary

#: Summed scores and per-term matches kept per searcher, counted in postings
#: (about 80 bytes each): a few dozen short prefixes at BBC size.
MEMO_POSTINGS = 400_000

#: One segment's scores of a multi-term query: (summed, per-term leaves).
Entry = list[tuple[dict[int, float], list[tuple[tuple[str, bytes], dict[int, float]]]]]


class SearcherMemo:
    """Norms and multi-term scores computed for one top-level searcher."""

    def __init__(self) -> None:
        #: (segment reader id, field) -> per-document BM25 length norm.
        self.norms: dict[tuple[int, str], list[float | None]] = {}
        #: The same norms as float64 arrays (NaN for no length), for `summed`.
        self.norm_arrays: dict[tuple[int, str], Any] = {}
        self._scores: OrderedDict[Any, tuple[int, Any]] = OrderedDict()
        self._held = 0

    def scores(self, key: Any) -> Any:
        """The value `keep` stored under `key`, or None."""
        found = self._scores.get(key)
        if found is None:
            return None
        self._scores.move_to_end(key)
        return found[1]

    def keep(self, key: Any, value: Any, postings: int) -> None:
        """Store `value` (worth `postings`) unless it alone exceeds the bound."""
        if postings > MEMO_POSTINGS or key in self._scores:
            return
        self._scores[key] = (postings, value)
        self._held += postings
        while self._held > MEMO_POSTINGS:
            _key, (size, _value) = self._scores.popitem(last=False)
            self._held -= size

    def __len__(self) -> int:
        return len(self._scores)


_MEMOS: WeakKeyDictionary[Any, SearcherMemo] = WeakKeyDictionary()


def memo_for(top: Any) -> SearcherMemo:
    """The memo of top-level searcher `top` (made on first use)."""
    memo = _MEMOS.get(top)
    if memo is None:
        memo = _MEMOS[top] = SearcherMemo()
    return memo


def norms(
    top: Any, sub: Any, fieldname: str, lengths: list[int | None], K1: float, B: float
) -> list[float | None]:
    """`K1 * ((1 - B) + B * length / avgfl)` for each document of segment
    `sub`, the denominator term of `whoosh.scoring.bm25`, computed once per
    segment and field with the same operations (so scores stay identical
    to the bit)."""
    memo = memo_for(top)
    key = (id(sub.reader()), fieldname)
    found = memo.norms.get(key)
    if found is None:
        avgfl = top.avg_field_length(fieldname) or 1
        found = memo.norms[key] = [
            None if fl is None else K1 * ((1 - B) + B * fl / avgfl) for fl in lengths
        ]
    return found
