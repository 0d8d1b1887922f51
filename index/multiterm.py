"""Prefix, wildcard and fuzzy queries that expand to many terms, matched fast.

Whoosh matches `pro*` by OR-ing a term matcher per expanded word into a
binary tree of union matchers; every document then costs a walk of the
tree, and a collector that records matched terms tests every leaf. On the
100,000-article corpus `pro*` expands to thousands of words over 80,000
articles and took three seconds. Each expanded term is scored by BM25F
(`constantscore` does not take effect: `Searcher.postings` falls back to
the searcher's weighting when given none), and a document's score is the
sum over its matched terms. `PreloadedMultiTerm` computes the same per-term
scores, with the same expression, straight from the posting blocks, sums
them per document and walks the documents once, in order, from a list.
Rankings, snippets and facets are the same as Whoosh's; a sum can differ
from Whoosh's in its last bits because the terms are added in another
order (tests/index/test_multiterm.py).
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec import whoosh3
from whoosh.matching import ListMatcher, NullMatcher

from index.whoosh_fixes import _decoded_lengths

#: Expansions up to this many terms are left to Whoosh's own matchers.
FEW_TERMS = 8


class PreloadedMultiTerm(wq.Query):  # type: ignore[misc]
    """Wraps a constant-score `Prefix`, `Wildcard` or `FuzzyTerm` query."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.fieldname = inner.fieldname
        self.text = inner.text
        self.boost = inner.boost

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PreloadedMultiTerm) and other.inner == self.inner

    def __hash__(self) -> int:
        return hash((PreloadedMultiTerm, self.inner))

    def __repr__(self) -> str:
        return f"PreloadedMultiTerm({self.inner!r})"

    def __str__(self) -> str:
        return str(self.inner)

    def is_leaf(self) -> bool:
        return True

    def field(self) -> str:
        return str(self.fieldname)

    def has_terms(self) -> bool:
        return True

    def terms(self, phrases: bool = False) -> Any:
        return self.inner.terms(phrases=phrases)

    def expanded_terms(self, ixreader: Any, phrases: bool = False) -> Any:
        return self.inner.expanded_terms(ixreader, phrases=phrases)

    def estimate_size(self, ixreader: Any) -> int:
        return int(self.inner.estimate_size(ixreader))

    def estimate_min_size(self, ixreader: Any) -> int:
        return int(self.inner.estimate_min_size(ixreader))

    def normalize(self) -> Any:
        return self

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        inner = self.inner
        reader = searcher.reader()
        if not reader.is_atomic() or not getattr(reader, "_terms", None):
            return inner.matcher(searcher, context)
        words = [t for t in inner._btexts(reader) if t]
        fieldname = inner.field()
        field = searcher.schema[fieldname]
        weighting = searcher.weighting
        perdoc = getattr(reader, "_perdoc", None)
        # Whoosh applies the query's boost only when there are two or more
        # terms; one term goes to its own matcher, and so do a few.
        lengths = (
            _decoded_lengths(perdoc, fieldname)
            if isinstance(perdoc, whoosh3.W3PerDocReader)
            else None
        )
        if (
            len(words) <= max(FEW_TERMS, 1)
            or type(weighting) is not scoring.BM25F
            or not field.scorable
            or lengths is None
        ):
            return _whoosh_matcher(inner, searcher, context, words)
        parent = searcher.get_parent()
        B = weighting._field_B.get(fieldname, weighting.B)
        K1 = weighting.K1
        avgfl = parent.avg_field_length(fieldname) or 1
        fmt = field.format
        deleted = reader.deleted_docs_set if reader.has_deletions() else None
        sums: dict[int, float] = {}
        matched: dict[int, list[tuple[str, bytes]]] = {}
        for word in words:
            # Fuzzy expansion gives text, prefix expansion bytes.
            btext = word if isinstance(word, bytes) else field.to_bytes(word)
            term = (fieldname, btext)
            idf = parent.idf(fieldname, btext)
            for ids, weights in _blocks(reader._terms.matcher(fieldname, btext, fmt)):
                for docnum, tf in zip(ids, weights, strict=True):
                    if deleted is not None and docnum in deleted:
                        continue
                    fl = lengths[docnum]
                    # whoosh.scoring.bm25, term for term (BM25FScorer._score).
                    score = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
                    if docnum in sums:
                        sums[docnum] += score
                        matched[docnum].append(term)
                    else:
                        sums[docnum] = score
                        matched[docnum] = [term]
        if not sums:
            return NullMatcher()
        docnums = sorted(sums)
        boost = self.boost
        scores = [sums[d] * boost for d in docnums] if boost != 1.0 else [sums[d] for d in docnums]
        return _SummedMatcher(docnums, scores, matched)


def _whoosh_matcher(inner: Any, searcher: Any, context: Any, words: list[Any]) -> Any:
    """What `MultiTerm.matcher` builds, from words already expanded (expanding
    a fuzzy term is the costly part; it is not done twice)."""
    from whoosh.searching import SearchContext

    terms = [wq.Term(inner.field(), word) for word in words]
    if not terms:
        return NullMatcher()
    if len(terms) == 1:
        return terms[0].matcher(searcher, context)
    if inner.constantscore:
        context = context.set(weighting=None) if context else SearchContext(weighting=None)
    return wq.Or(terms, boost=inner.boost).matcher(searcher, context)


class _SummedMatcher(ListMatcher):  # type: ignore[misc]
    """Documents with precomputed scores; reports each document's matched terms."""

    def __init__(
        self, docnums: list[int], scores: list[float], matched: dict[int, list[tuple[str, bytes]]]
    ) -> None:
        super().__init__(docnums, weights=scores)
        self._matched = matched

    def copy(self) -> Any:
        return _SummedMatcher(list(self._ids), list(self._weights), self._matched)

    def term(self) -> None:
        return None

    def matching_terms(self, id: int | None = None) -> Any:  # noqa: A002 - Whoosh's name
        if not self.is_active():
            return iter(())
        current = self.id()
        if id is not None and id != current:
            return iter(())
        return iter(self._matched.get(current, ()))


def _blocks(m: Any) -> Any:
    """A term's postings as (document numbers, weights) per block."""
    if isinstance(m, whoosh3.W3LeafMatcher):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            yield m._ids, m._weights
            m._next_block()
        return
    ids, weights = [], []
    while m.is_active():  # a term stored inline in the term table
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    yield ids, weights


def preload(node: Any) -> Any:
    """`Query.accept` visitor: wrap constant-score multi-term queries."""
    if isinstance(node, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)) and node.constantscore:
        return PreloadedMultiTerm(node)
    return node
