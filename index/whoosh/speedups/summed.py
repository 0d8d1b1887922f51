"""The summed BM25F scores of a large expansion, computed as arrays.

A short prefix (`co*`, `pr*`) expands to thousands of terms per segment. `postings.term_scores`
scores each in a Python loop, one dictionary entry per posting, after a
per-term set-up (the length norms, the idf, the deletions); on the
100,000-article corpus `co*` is three million postings and most of a
second. `expansion_scores` does the set-up once per segment, gathers every
term's document numbers and frequencies into one array, computes every
posting's score with numpy in the same expression and order of operations
as `term_scores` (so each is the same double), and sums them per document
with `numpy.bincount`, which adds in array order: the terms are laid out in
the order `postings.add` adds them, so the sums are the same to the bit as
well (tests/index/test_multiterm.py compares both).

Each term's matches are kept as a `DocSet` (a sorted array with bisection)
instead of a dictionary of scores: what is asked of them afterwards is only
which shown hits each term matched.

numpy is imported here only, on the first expansion big enough to be worth it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from glossator.index.whoosh.speedups.memo import memo_for
from glossator.index.whoosh.speedups.postings import Leaves, Scores, segment_norms, term_blocks

#: Expansions with fewer postings than this are scored term by term
#: (`postings.term_scores`): numpy's set-up costs more than it saves.
MIN_POSTINGS = 2_000


class DocSet:
    """The sorted document numbers a term matched in one segment."""

    __slots__ = ("_ids",)

    def __init__(self, ids: array[int]) -> None:
        self._ids = ids

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __contains__(self, docnum: object) -> bool:
        ids = self._ids
        i = bisect_left(ids, docnum)  # type: ignore[call-overload]
        return i < len(ids) and ids[i] == docnum

    def __repr__(self) -> str:
        return f"DocSet({list(self._ids)!r})"


def _norm_array(top: Any, sub: Any, fieldname: str, norm: list[float | None]) -> Any:
    """`norm` as a float64 array (NaN where a document has no length), kept
    in `top`'s memo beside the list."""
    import numpy as np

    memo = memo_for(top)
    key = (id(sub.reader()), fieldname)
    found = memo.norm_arrays.get(key)
    if found is None:
        found = np.array([np.nan if n is None else n for n in norm], dtype=np.float64)
        memo.norm_arrays[key] = found
    return found


def expansion_scores(
    sub: Any, top: Any, fieldname: str, terms: list[tuple[bytes, Any]]
) -> tuple[Scores, Leaves] | None:
    """(each document's summed score, each term's matched documents) for
    the expanded `terms` (term bytes, term info) of one segment, or None
    when the expansion is too small for arrays to pay."""
    if sum(info.doc_frequency() for _word, info in terms) < MIN_POSTINGS:
        return None
    import numpy as np

    reader = sub.reader()
    norm_array = _norm_array(top, sub, fieldname, segment_norms(sub, top, fieldname))
    K1 = top.weighting.K1
    deleted = reader.has_deletions() and reader.deleted_docs_set
    decoded = []
    for word, info in terms:
        if info.is_inlined():
            ids, weights, _values = info.inlined_postings()
            doc_ids = array("q", ids)
            tfs = array("d", weights)
        else:
            doc_ids, tfs = array("q"), array("d")
            for block_ids, block_weights, _values in term_blocks(
                reader, fieldname, word, info, with_values=False
            ):
                doc_ids.fromlist(block_ids)
                tfs.fromlist(list(block_weights))
        if deleted:
            kept = [i for i, d in enumerate(doc_ids) if d not in deleted]
            doc_ids = array("q", [doc_ids[i] for i in kept])
            tfs = array("d", [tfs[i] for i in kept])
        if doc_ids:
            decoded.append((word, doc_ids, tfs))
    if not decoded:
        return {}, []
    parts: Leaves = [((fieldname, word), DocSet(doc_ids)) for word, doc_ids, _t in decoded]
    # `postings.add` adds the longest list first (a stable sort), the others
    # in turn; bincount adds in array order, so the sums match it.
    decoded.sort(key=lambda t: len(t[1]), reverse=True)
    ids_all = np.concatenate([np.frombuffer(d, dtype=np.int64) for _w, d, _t in decoded])
    tf_all = np.concatenate([np.frombuffer(t, dtype=np.float64) for _w, _d, t in decoded])
    idf_all = np.repeat(
        np.array([top.idf(fieldname, word) for word, _d, _t in decoded], dtype=np.float64),
        [len(d) for _w, d, _t in decoded],
    )
    # idf * ((tf * (K1 + 1)) / (tf + norm)), as term_scores computes it.
    scores = idf_all * ((tf_all * (K1 + 1)) / (tf_all + norm_array[ids_all]))
    size = len(norm_array)
    summed = np.bincount(ids_all, weights=scores, minlength=size)
    touched = np.flatnonzero(np.bincount(ids_all, minlength=size))
    merged = dict(zip(touched.tolist(), summed[touched].tolist(), strict=True))
    return merged, parts
