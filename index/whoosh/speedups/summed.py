"""The summed BM25F scores of a large expansion, computed as arrays.

A short prefix (`co*`, `pr*`) expands to thousands of terms per segment. `postings.term_scores`
scores each in a Python loop, one dictionary entry per posting, after a
per-term set-up (the length norms, the idf, the deletions); on the
100,000-article corpus `co*` is three million postings and most of a
second. `expansion_scores` does the set-up once per segment, gathers every
term's document numbers and frequencies into one array (from the segment's
prefix table for a one- or two-letter prefix, else from the posting blocks
by `gather.gather`), computes every
posting's score with numpy in the same expression and order of operations
as `term_scores` (so each is the same double), and sums them per document
with `numpy.bincount`, which adds in array order: the terms are laid out in
the order `postings.add` adds them, so the sums are the same to the bit as
well (tests/index/test_multiterm.py compares both). The sums stay arrays
(`dense.ArrayScores`) on to the top hits.

Each term's matches are kept as a `DocSet`, a span of the segment's one
`Expansion` array, instead of a dictionary of scores: what is asked of them
afterwards is only which shown hits each term matched, answered for every
term at once.

numpy is imported only on the first expansion big enough to be worth it
(and by `prefix_tables` when it writes a table).
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from glossator.index.whoosh.speedups.dense import ArrayScores
from glossator.index.whoosh.speedups.gather import gather
from glossator.index.whoosh.speedups.memo import memo_for
from glossator.index.whoosh.speedups.postings import Leaves, Scores, segment_norms
from glossator.index.whoosh.speedups.prefix_tables import TABLE_PREFIX, table_for

#: Expansions with fewer postings than this are scored term by term
#: (`postings.term_scores`): importing numpy and its set-up cost more than
#: they save. Once numpy is imported, arrays pay from a tenth of it: the
#: title-field and small-segment parts of a two-letter prefix at BBC, a
#: few hundred postings each: the bench's 50 such prefixes, each once,
#: took 15.7 ms CPU p50 a query and 48,000 Python calls term by term,
#: 13.4 ms and 36,000 as arrays.
MIN_POSTINGS = 2_000


class Expansion:
    """Every expanded term's document numbers in one segment, end to end
    (`ids[edges[i]:edges[i + 1]]` is term i's, sorted), kept as one array:
    what the search asks of them is only which of the shown hits each term
    matched, answered for all terms by one pass (`among`)."""

    __slots__ = ("_edges", "_found", "ids")

    def __init__(self, ids: Any, edges: list[int]) -> None:
        self.ids = ids
        self._edges = edges
        self._found: dict[tuple[int, ...], dict[int, list[int]]] = {}

    def span(self, index: int) -> tuple[int, int]:
        """Where term `index`'s documents lie in `ids`."""
        return self._edges[index], self._edges[index + 1]

    def among(self, docnums: tuple[int, ...]) -> dict[int, list[int]]:
        """Term index -> the sorted `docnums` it matched (terms matching
        none left out), for the sorted `docnums`."""
        found = self._found.get(docnums)
        if found is None:
            import numpy as np

            at = np.flatnonzero(np.isin(self.ids, np.asarray(docnums, dtype=np.int64)))
            terms = np.searchsorted(np.asarray(self._edges), at, side="right") - 1
            found = {}
            for term, docnum in zip(terms.tolist(), self.ids[at].tolist(), strict=True):
                found.setdefault(term, []).append(docnum)
            if len(self._found) > 8:
                self._found.clear()
            self._found[docnums] = found
        return found


class DocSet:
    """The sorted document numbers a term matched in one segment, a span
    of its segment's `Expansion` (read as plain ints only when asked)."""

    __slots__ = ("_expansion", "_ids", "_index")

    def __init__(self, expansion: Expansion, index: int) -> None:
        self._expansion = expansion
        self._index = index
        self._ids: array[int] | None = None

    def among(self, docnums: list[int]) -> list[int]:
        """The sorted `docnums` (sorted) that this term matched."""
        return self._expansion.among(tuple(docnums)).get(self._index, [])

    def _plain(self) -> array[int]:
        if self._ids is None:
            a, b = self._expansion.span(self._index)
            self._ids = _q_array(self._expansion.ids[a:b])
        return self._ids

    def __len__(self) -> int:
        a, b = self._expansion.span(self._index)
        return b - a

    def __iter__(self) -> Iterator[int]:
        return iter(self._plain())

    def __contains__(self, docnum: object) -> bool:
        ids = self._plain()
        i = bisect_left(ids, docnum)  # type: ignore[call-overload]
        return i < len(ids) and ids[i] == docnum

    def __repr__(self) -> str:
        return f"DocSet({list(self._plain())!r})"


def norms_as_array(top: Any, sub: Any, fieldname: str, norm: list[float | None]) -> Any:
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


def _q_array(ids: Any) -> array[int]:
    """A numpy int64 array as an `array('q')` (plain ints to iterate)."""
    out = array("q")
    out.frombytes(ids.astype("=i8").tobytes())
    return out


def expansion_scores(
    sub: Any,
    top: Any,
    fieldname: str,
    terms: list[tuple[bytes, Any]],
    prefix: bytes | None = None,
) -> tuple[Scores, Leaves] | None:
    """(each document's summed score, each term's matched documents) for
    the expanded `terms` (term bytes, term info) of one segment, or None
    when the expansion is too small for arrays to pay. With `prefix` (the
    terms are its whole expansion), the numbers are read from the
    segment's prefix table when it has one."""
    postings = sum(info.doc_frequency() for _word, info in terms)
    if postings < MIN_POSTINGS and ("numpy" not in sys.modules or postings < MIN_POSTINGS // 10):
        return None
    import numpy as np

    reader = sub.reader()
    norm_array = norms_as_array(top, sub, fieldname, segment_norms(sub, top, fieldname))
    K1 = top.weighting.K1
    if not terms:
        return {}, []
    # A longer prefix is a small part of its group: its blocks read faster.
    table = table_for(reader) if prefix is not None and len(prefix) <= TABLE_PREFIX else None
    found = table.arrays(np, fieldname, prefix, terms) if table and prefix is not None else None
    ids_cat, tf_cat, lengths = found or gather(np, reader, fieldname, terms)
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    if reader.has_deletions():
        gone = np.array(sorted(reader.deleted_docs_set), dtype=np.int64)
        kept = ~np.isin(ids_cat, gone)
        running = np.concatenate(([0], np.cumsum(kept)))
        ids_cat, tf_cat, bounds = ids_cat[kept], tf_cat[kept], running[bounds]
    # Each term's postings once deleted documents are left out; terms left
    # with none are dropped, as `term_scores` gives them an empty part.
    edges = bounds.tolist()
    kept_terms = [
        (word, a, b)
        for (word, _info), a, b in zip(terms, edges[:-1], edges[1:], strict=True)
        if b > a
    ]
    if not kept_terms:
        return {}, []
    if len(kept_terms) < len(terms):
        ids_cat = np.concatenate([ids_cat[a:b] for _word, a, b in kept_terms])
        tf_cat = np.concatenate([tf_cat[a:b] for _word, a, b in kept_terms])
        sizes = [b - a for _word, a, b in kept_terms]
        edges = [0, *accumulate(sizes)]
    else:
        sizes = [b - a for _word, a, b in kept_terms]
    expansion = Expansion(ids_cat, edges)
    parts: Leaves = [
        ((fieldname, word), DocSet(expansion, i)) for i, (word, _a, _b) in enumerate(kept_terms)
    ]
    # `postings.add` adds the longest list first (a stable sort), the others
    # in turn; bincount adds in array order, so the sums match it.
    order = sorted(range(len(sizes)), key=sizes.__getitem__, reverse=True)
    starts = np.asarray(edges[:-1], dtype=np.int64)[order]
    counts = np.asarray(sizes, dtype=np.int64)[order]
    # The postings of the terms in that order: each term's start, then +1.
    step = np.ones(len(ids_cat), dtype=np.int64)
    heads = np.cumsum(counts) - counts
    step[heads] = starts - np.concatenate(([0], starts[:-1] + counts[:-1] - 1))
    step[0] = starts[0]
    picked = np.cumsum(step)
    ids_all = ids_cat[picked]
    tf_all = tf_cat[picked]
    idfs = [top.idf(fieldname, word) for word, _a, _b in kept_terms]
    idf_all = np.repeat(np.asarray(idfs, dtype=np.float64)[order], counts)
    # idf * ((tf * (K1 + 1)) / (tf + norm)), as term_scores computes it.
    scores = idf_all * ((tf_all * (K1 + 1)) / (tf_all + norm_array[ids_all]))
    size = len(norm_array)
    summed = np.bincount(ids_all, weights=scores, minlength=size)
    touched = np.flatnonzero(np.bincount(ids_all, minlength=size))
    return ArrayScores(touched, summed[touched], size), parts
