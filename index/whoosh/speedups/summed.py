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

from glossator.index.whoosh.codec import decode_scoring_part, scoring_head
from glossator.index.whoosh.speedups.memo import memo_for
from glossator.index.whoosh.speedups.postings import (
    Leaves,
    Scores,
    mapped_postings,
    raw_blocks,
    segment_norms,
    term_blocks,
)

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


def _q_array(ids: Any) -> array[int]:
    """A numpy int64 array as an `array('q')` (plain ints to iterate)."""
    out = array("q")
    out.frombytes(ids.astype("=i8").tobytes())
    return out


#: numpy types of the packed widths (codec: 1, 2, 4, 8 bytes, little-endian).
_WIDTHS = ("<u1", "<u2", "<u4", "<u8")


def _term_arrays(np: Any, reader: Any, fieldname: str, word: bytes, info: Any) -> tuple[Any, Any]:
    """(document numbers as int64, frequencies as float64) of one term stored
    out of line in one segment: the numbers `term_blocks` gives, with a
    packed block's ids and weights read as arrays instead of Python tuples."""
    buf = mapped_postings(reader, info)
    if buf is None:
        ids_list: list[int] = []
        tf_list: list[float] = []
        for block_ids, block_weights, _values in term_blocks(
            reader, fieldname, word, info, with_values=False
        ):
            ids_list.extend(block_ids)
            tf_list.extend(block_weights)
        return np.array(ids_list, dtype=np.int64), np.array(tf_list, dtype=np.float64)
    deltas, tfs, counts = [], [], []
    for count, compressed, data in raw_blocks(buf, info.extent()[0]):
        head = scoring_head(data, bool(compressed))
        if head is None:  # a block Whoosh pickled
            ids, weights = decode_scoring_part(data, bool(compressed))
            deltas.append(np.array(ids, dtype=np.int64))
            if weights is None or isinstance(weights, float):
                tfs.append(np.full(count, 1.0 if weights is None else weights))
            else:
                tfs.append(np.array(weights, dtype=np.float64))
        else:
            count, idw, idbytes, wmode, ww, wbytes = head
            deltas.append(np.frombuffer(idbytes, dtype=_WIDTHS[idw]).astype(np.int64))
            if wmode == 0:
                tfs.append(np.ones(count))
            elif wmode == 1:
                tfs.append(np.full(count, np.frombuffer(wbytes, dtype="<f8")[0]))
            elif wmode == 2:
                tfs.append(np.frombuffer(wbytes, dtype=_WIDTHS[ww]).astype(np.float64))
            else:
                tfs.append(np.frombuffer(wbytes, dtype="<f4").astype(np.float64))
        counts.append(count)
    # A block stores its first document number, then the gaps: each id is
    # the running sum within its block.
    running = np.cumsum(np.concatenate(deltas))
    before = np.concatenate(([0], np.cumsum(counts)[:-1]))
    base = np.where(before > 0, running[np.maximum(before - 1, 0)], 0)
    return running - np.repeat(base, counts), np.concatenate(tfs)


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
    if not terms:
        return {}, []
    # Most expanded terms are rare, their postings inlined in the term
    # table: those are gathered into plain lists, one array per run of them.
    id_chunks, tf_chunks, lengths = [], [], []
    run_ids: list[int] = []
    run_tfs: list[float] = []
    for word, info in terms:
        if info.is_inlined():
            ids, weights, _values = info.inlined_postings()
            run_ids.extend(ids)
            run_tfs.extend(weights)
            lengths.append(len(ids))
            continue
        if run_ids:
            id_chunks.append(np.array(run_ids, dtype=np.int64))
            tf_chunks.append(np.array(run_tfs, dtype=np.float64))
            run_ids, run_tfs = [], []
        ids_array, tf_array = _term_arrays(np, reader, fieldname, word, info)
        id_chunks.append(ids_array)
        tf_chunks.append(tf_array)
        lengths.append(len(ids_array))
    if run_ids:
        id_chunks.append(np.array(run_ids, dtype=np.int64))
        tf_chunks.append(np.array(run_tfs, dtype=np.float64))
    ids_cat = np.concatenate(id_chunks)
    tf_cat = np.concatenate(tf_chunks)
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    if reader.has_deletions():
        gone = np.array(sorted(reader.deleted_docs_set), dtype=np.int64)
        kept = ~np.isin(ids_cat, gone)
        running = np.concatenate(([0], np.cumsum(kept)))
        ids_cat, tf_cat, bounds = ids_cat[kept], tf_cat[kept], running[bounds]
    # Each term's postings once deleted documents are left out; terms left
    # with none are dropped, as `term_scores` gives them an empty part.
    edges = bounds.tolist()
    spans = [
        (word, a, b)
        for (word, _info), a, b in zip(terms, edges[:-1], edges[1:], strict=True)
        if b > a
    ]
    if not spans:
        return {}, []
    parts: Leaves = [((fieldname, word), DocSet(_q_array(ids_cat[a:b]))) for word, a, b in spans]
    # `postings.add` adds the longest list first (a stable sort), the others
    # in turn; bincount adds in array order, so the sums match it.
    spans.sort(key=lambda span: span[2] - span[1], reverse=True)
    ids_all = np.concatenate([ids_cat[a:b] for _word, a, b in spans])
    tf_all = np.concatenate([tf_cat[a:b] for _word, a, b in spans])
    idf_all = np.repeat(
        np.array([top.idf(fieldname, word) for word, _a, _b in spans], dtype=np.float64),
        [b - a for _word, a, b in spans],
    )
    # idf * ((tf * (K1 + 1)) / (tf + norm)), as term_scores computes it.
    scores = idf_all * ((tf_all * (K1 + 1)) / (tf_all + norm_array[ids_all]))
    size = len(norm_array)
    summed = np.bincount(ids_all, weights=scores, minlength=size)
    touched = np.flatnonzero(np.bincount(ids_all, minlength=size))
    merged = dict(zip(touched.tolist(), summed[touched].tolist(), strict=True))
    return merged, parts
