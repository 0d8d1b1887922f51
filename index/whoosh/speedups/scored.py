"""Rank word, AND / OR / NOT and prefix queries by summing scores from posting blocks.

Whoosh ranks a query by walking a tree of matchers one document at a time:
for `said` on the 100,000-article corpus that is 90,000 steps through a
union of the title and body matchers, a BM25F call, a heap push and a
matched-terms walk each, about half a second. Most queries an analyst
types are words and prefixes combined with AND (the default), OR, NOT
(`-word`) and `+word`; their score is a sum of per-term BM25F scores. For
those, each term's scores are computed straight from its posting blocks
into a dictionary, ORs add dictionaries, ANDs intersect them, a NOT drops
the documents its side matches, and the top hits are picked by `heapq`.
The result is a Whoosh `Results` with the same hits, order, total and
matched terms as Whoosh's collector gives (sums of three or more terms
can differ in their last bits, being added in another order);
tests/index/test_scored.py compares the two. Anything else (phrases, a
bare NOT, fields without lengths, another weighting) goes to Whoosh
unchanged.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable, Collection
from typing import Any

from whoosh import query as wq
from whoosh import scoring

from glossator.index.whoosh.speedups import phrases
from glossator.index.whoosh.speedups.dense import ArrayScores
from glossator.index.whoosh.speedups.multiterm import PreloadedMultiTerm
from glossator.index.whoosh.speedups.postings import Leaves, NotScorable, Scores, add, term_scores
from glossator.index.whoosh.speedups.summed import DocSet

#: Segment matches from this many on are ranked with numpy (`best`).
LARGE_SEGMENT = 20_000


class Cancelled(Exception):
    """The caller's `cancelled()` said stop."""


def supported(q: Any, schema: Any) -> bool:
    """Whether every part of `q` is one `search` can score: words, prefix,
    wildcard and fuzzy terms, combined with AND, OR, AND NOT (`-word`) and
    AND MAYBE (`+word word`), and phrases (`phrases`)."""
    if isinstance(q, wq.Term):
        name = q.fieldname
        return name in schema and schema[name].scorable and q.boost == 1.0
    if isinstance(q, PreloadedMultiTerm):
        name = q.fieldname
        return name in schema and schema[name].scorable
    if isinstance(q, wq.Phrase):
        return phrases.supported(q, schema)
    if isinstance(q, (wq.AndNot, wq.AndMaybe)):
        # `a -b` (exclusions rewrites every NOT into an AndNot) and `+a b`.
        return q.boost == 1.0 and supported(q.a, schema) and supported(q.b, schema)
    if type(q) in (wq.Or, wq.And):
        if isinstance(q, wq.Or) and (q.minmatch or q.scale):
            return False
        return (
            q.boost == 1.0
            and bool(q.subqueries)
            and all(supported(sub, schema) for sub in q.subqueries)
        )
    return False


def search(
    searcher: Any,
    q: Any,
    depth: int,
    shown: int,
    cancelled: Callable[[], bool] | None = None,
) -> Any:
    """Whoosh `Results` for the top `depth` documents of `q`.

    Matched terms (which the highlighter reads) are recorded for the first
    `shown` hits only. Raises `NotScorable` when some segment cannot be
    scored here.
    """
    from whoosh.searching import Results

    started = time.perf_counter()
    if type(searcher.weighting) is not scoring.BM25F:
        raise NotScorable("weighting")
    total = 0
    candidates: list[tuple[float, int]] = []
    segments: list[tuple[int, Leaves]] = []
    for sub, offset in searcher.leaf_searchers():
        if cancelled is not None and cancelled():
            raise Cancelled
        leaves: Leaves = []
        scores = _score(sub, q, searcher, leaves)
        total += len(scores)
        # Each segment's best, then the best of those: ties go to the lower
        # document number, as in Whoosh's TopCollector.
        candidates.extend(best(scores, offset, depth))
        segments.append((offset, leaves))
    top = [(-neg, docnum) for neg, docnum in heapq.nsmallest(depth, candidates)]
    results = Results(searcher, q, top)
    results._total = total
    termdocs: dict[tuple[str, bytes], list[int]] = {}
    docterms: dict[int, list[tuple[str, bytes]]] = {}
    shown_docs = sorted(docnum for _, docnum in top[:shown])
    for i, (offset, leaves) in enumerate(segments):
        end = segments[i + 1][0] if i + 1 < len(segments) else None
        local = [d - offset for d in shown_docs if d >= offset and (end is None or d < end)]
        if not local:
            continue
        local_set = set(local)
        for term, matched in leaves:
            # A large expansion answers for all its terms at once; else walk
            # whichever is shorter: an export shows every hit, and a prefix
            # can have thousands of terms.
            if isinstance(matched, DocSet):
                found = matched.among(local)
            elif len(matched) < len(local):
                found = sorted(d for d in matched if d in local_set)
            else:
                found = [d for d in local if d in matched]
            for d in found:
                termdocs.setdefault(term, []).append(d + offset)
                docterms.setdefault(d + offset, []).append(term)
    results.termdocs = termdocs
    results.docterms = docterms
    results.runtime = time.perf_counter() - started
    return results


def best(scores: Scores, offset: int, depth: int) -> list[tuple[float, int]]:
    """The `depth` best of one segment's `scores` as sorted (-score, global
    document number) pairs: what `heapq.nsmallest` of all the pairs gives,
    without making a pair for every document of a long list. The depth-th
    best score is found among the bare floats first, and pairs are made only
    for the documents at or above it."""
    if isinstance(scores, ArrayScores):
        return _best_as_arrays(scores.docnums, scores.scores, offset, depth)
    if len(scores) >= LARGE_SEGMENT and len(scores) > 4 * depth:
        import numpy as np

        size = len(scores)
        return _best_as_arrays(
            np.fromiter(scores.keys(), dtype=np.int64, count=size),
            np.fromiter(scores.values(), dtype=np.float64, count=size),
            offset,
            depth,
        )
    if len(scores) > depth:
        values = scores.values()
        # Sorting floats in C beats a heap for a few times `depth`; beyond,
        # the heap keeps fewer of them.
        if len(scores) <= 4 * depth:
            kth = sorted(values, reverse=True)[depth - 1]
        else:
            kth = heapq.nlargest(depth, values)[-1]
        pairs = [(-score, docnum + offset) for docnum, score in scores.items() if score >= kth]
    else:
        pairs = [(-score, docnum + offset) for docnum, score in scores.items()]
    pairs.sort()
    return pairs[:depth]


def _best_as_arrays(docnums: Any, values: Any, offset: int, depth: int) -> list[tuple[float, int]]:
    """`best` for scores held as arrays (a short prefix matches most of a
    segment): the depth-th best score by numpy's partition, and the
    documents at or above it by a mask; the same floats, so the same pairs."""
    size = len(values)
    if size > depth:
        import numpy as np

        kth = np.partition(values, size - depth)[size - depth]
        keep = values >= kth
        docnums, values = docnums[keep], values[keep]
    pairs = list(zip((-values).tolist(), (docnums + offset).tolist(), strict=True))
    pairs.sort()
    return pairs[:depth]


def _score(
    sub: Any, q: Any, top: Any, leaves: Leaves, within: Collection[int] | None = None
) -> Scores:
    """Scores of one segment's documents for `q`; scored terms go to `leaves`.

    With `within`, only those documents are scored (the other clauses of an
    AND have already ruled out the rest).
    """
    if isinstance(q, wq.Term):
        field = top.schema[q.fieldname]
        try:
            btext = field.to_bytes(q.text)
        except ValueError:
            return {}
        scores = term_scores(sub, top, q.fieldname, btext, within)
        leaves.append(((q.fieldname, btext), scores))
        return scores
    if isinstance(q, PreloadedMultiTerm):
        return q.segment_scores(sub, top, leaves=leaves, within=within)
    if isinstance(q, wq.Phrase):
        return phrases.phrase_scores(sub, top, q, leaves, within)
    if isinstance(q, wq.AndNot):
        kept = _score(sub, q.a, top, leaves, within)
        if not kept:
            return {}
        # The excluded side is only looked up among the kept documents, and
        # its terms are not matched terms: nothing of it is highlighted.
        dropped = _score(sub, q.b, top, [], kept.keys())
        return {docnum: score for docnum, score in kept.items() if docnum not in dropped}
    if isinstance(q, wq.AndMaybe):
        kept = _score(sub, q.a, top, leaves, within)
        if not kept:
            return {}
        extra = _score(sub, q.b, top, leaves, kept.keys())
        return {docnum: score + extra.get(docnum, 0.0) for docnum, score in kept.items()}
    if isinstance(q, wq.And):
        reader = sub.reader()
        # The rarest clause first: each later one only scores the documents
        # every clause so far has matched.
        clauses = sorted(q.subqueries, key=lambda c: c.estimate_size(reader))
        parts: list[Scores] = []
        for clause in clauses:
            part = _score(sub, clause, top, leaves, within)
            if not part:
                return {}
            parts.append(part)
            within = part.keys()
        # The last part holds just the documents every clause matched.
        return {docnum: sum(part[docnum] for part in parts) for docnum in parts[-1]}
    return add([_score(sub, child, top, leaves, within) for child in q.subqueries])
