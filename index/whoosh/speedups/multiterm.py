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

from collections import OrderedDict
from collections.abc import Collection
from math import log
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.matching import ListMatcher, NullMatcher

from glossator.index.whoosh.speedups.dense import ArrayScores
from glossator.index.whoosh.speedups.memo import memo_for
from glossator.index.whoosh.speedups.postings import (
    Leaves,
    NotScorable,
    Scores,
    add,
    prefix_terms,
    term_scores,
)
from glossator.index.whoosh.speedups.summed import expansion_scores

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

    def _words(self, reader: Any) -> list[Any]:
        inner = self.inner
        if type(inner) is wq.FuzzyTerm:
            found = fuzzy_words(inner, reader)
            if found is not None:
                return found
        return [t for t in inner._btexts(reader) if t]

    def _memo_key(self) -> tuple[Any, ...]:
        """What the expansion and the unboosted scores depend on besides the searcher."""
        inner = self.inner
        extra = (getattr(inner, "maxdist", None), getattr(inner, "prefixlength", None))
        return (type(inner).__name__, self.fieldname, self.text, *extra)

    def _prefix_terms(self, sub: Any, top: Any) -> list[tuple[bytes, Any]] | None:
        """A plain prefix's expansion in `sub` with each term's info, from
        one walk of the term table; None for wildcards and fuzzy terms. The
        first call on a searcher walks every segment and also puts every
        expanded term's idf in the searcher's cache (one lookup per term
        and segment less); the walk is kept in the searcher's memo, not on
        this query, so a query reused on a reopened searcher holds no old
        segment readers."""
        if type(self.inner) is not wq.Prefix:
            return None
        found = walked_prefix(top, self.fieldname, self.text).get(id(sub.reader()))
        if found is not None:
            return found  # type: ignore[no-any-return]
        prefix = sub.reader()._text_to_bytes(self.fieldname, self.text)
        return prefix_terms(sub, self.fieldname, prefix)

    def segment_scores(
        self,
        sub: Any,
        top: Any,
        words: list[Any] | None = None,
        leaves: Leaves | None = None,
        within: Collection[int] | None = None,
    ) -> Scores:
        """Each document's summed score in one segment (`words`: the
        expansion, when already made; each scored term goes to `leaves`;
        `within`: score only these documents).

        Without `words`, the whole segment's scores are kept in the
        searcher's memo and reused by the next query with the same part
        (restricted to `within` when given: matched terms are only read
        for documents in the results, which are all within it)."""
        memo = memo_for(top) if words is None else None
        key = (self._memo_key(), id(sub.reader()))
        held = memo.scores(key) if memo is not None else None
        if held is None:
            held = self._score_segment(sub, top, words, within)
            if memo is not None and within is None:
                merged, parts, _count = held
                memo.keep(key, held, len(merged) + sum(len(scores) for _term, scores in parts))
        elif within is not None:
            merged, parts, count = held
            held = ({d: merged[d] for d in within if d in merged}, parts, count)
        merged, parts, count = held
        if leaves is not None:
            leaves.extend(parts)
        # Whoosh applies the boost only when two or more terms are OR-ed.
        boost = self.boost
        if boost != 1.0 and count > 1:
            if isinstance(merged, ArrayScores):
                return merged.scaled(boost)
            merged = {d: score * boost for d, score in merged.items()}
        elif within is None and not isinstance(merged, ArrayScores):
            merged = dict(merged)  # the caller may change it; the memo's stays
        return merged

    def _score_segment(
        self, sub: Any, top: Any, words: list[Any] | None, within: Collection[int] | None
    ) -> tuple[Scores, Leaves, int]:
        """(summed unboosted scores, each term's scores, how many terms)."""
        field = top.schema[self.fieldname]
        infos: list[Any] = []
        prefix = None
        if words is None:
            expansion = self._prefix_terms(sub, top)
            if expansion is None:
                words = self._words(sub.reader())
            else:
                words = [word for word, _info in expansion]
                infos = [info for _word, info in expansion]
                prefix = sub.reader()._text_to_bytes(self.fieldname, self.text)
        if within is None:
            # A large expansion is scored as arrays (`summed`), the same sums.
            expanded = (
                list(zip(words, infos, strict=True))
                if infos
                else _with_infos(sub, self.fieldname, field, words)
            )
            vectored = expansion_scores(sub, top, self.fieldname, expanded, prefix)
            if vectored is not None:
                return vectored[0], vectored[1], len(words)
        parts: Leaves = []
        each: list[Scores] = []
        for i, word in enumerate(words):
            # Fuzzy expansion gives text, prefix expansion bytes.
            btext = word if isinstance(word, bytes) else field.to_bytes(word)
            info = infos[i] if infos else None
            each.append(term_scores(sub, top, self.fieldname, btext, within, info))
            parts.append(((self.fieldname, btext), each[-1]))
        return add(each), parts, len(words)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        inner = self.inner
        reader = searcher.reader()
        words = self._words(reader)
        if len(words) <= max(FEW_TERMS, 1):
            return _whoosh_matcher(inner, searcher, context, words)
        leaves: Leaves = []
        try:
            scores = self.segment_scores(searcher, searcher.get_parent(), words, leaves)
        except NotScorable:
            return _whoosh_matcher(inner, searcher, context, words)
        if not scores:
            return NullMatcher()
        if isinstance(scores, ArrayScores):
            return _SummedMatcher(scores.docnums.tolist(), scores.scores.tolist(), leaves)
        docnums = sorted(scores)
        return _SummedMatcher(docnums, [scores[d] for d in docnums], leaves)


def _with_infos(sub: Any, fieldname: str, field: Any, words: list[Any]) -> list[tuple[bytes, Any]]:
    """Each expanded word (text or bytes) as bytes with its term info in `sub`."""
    reader = sub.reader()
    terms = getattr(reader, "_terms", None)
    if not isinstance(terms, W3TermsReader):
        raise NotScorable("segment")
    out = []
    for word in words:
        btext = word if isinstance(word, bytes) else field.to_bytes(word)
        if (fieldname, btext) in reader:
            out.append((btext, terms.term_info(fieldname, btext)))
    return out


#: Levenshtein automata of recent fuzzy terms, by (text, maxdist, prefix).
_AUTOMATA: OrderedDict[tuple[str, int, int], _RememberingDFA] = OrderedDict()
_AUTOMATA_KEPT = 16


class _RememberingDFA:
    """A Whoosh DFA whose `next_valid_string` answers are kept: a fuzzy term
    walks the term table of every segment of both text fields, and the
    vocabularies mostly repeat, so the same words are asked about again."""

    def __init__(self, dfa: Any) -> None:
        self._dfa = dfa
        self._next: dict[str, Any] = {}

    def next_valid_string(self, string: str) -> Any:
        found = self._next.get(string, _UNSEEN)
        if found is _UNSEEN:
            if len(self._next) > 200_000:
                self._next.clear()
            found = self._next[string] = self._dfa.next_valid_string(string)
        return found


_UNSEEN = object()


def fuzzy_words(inner: Any, reader: Any) -> list[Any] | None:
    """What `SegmentReader.terms_within` gives for fuzzy term `inner` (the
    same walk of the term table), with its automaton built once per term
    text instead of once per segment and field; None for a reader that
    walk is not written for."""
    from whoosh.codec.base import Automata
    from whoosh.reading import SegmentReader

    if type(reader) is not SegmentReader or inner.fieldname not in reader.schema:
        return None
    auto = reader._codec.automata(reader._storage, reader._segment)
    if type(auto) is not Automata:
        return None
    key = (inner.text, inner.maxdist, inner.prefixlength)
    dfa = _AUTOMATA.get(key)
    if dfa is None:
        dfa = _RememberingDFA(Automata.levenshtein_dfa(*key))
        _AUTOMATA[key] = dfa
        if len(_AUTOMATA) > _AUTOMATA_KEPT:
            _AUTOMATA.popitem(last=False)
    else:
        _AUTOMATA.move_to_end(key)
    spellfield = reader.schema[inner.fieldname].spelling_fieldname(inner.fieldname)
    return [t for t in Automata.find_matches(dfa, reader.cursor(spellfield)) if t]


def walked_prefix(top: Any, fieldname: str, text: str) -> dict[int, list[tuple[bytes, Any]]]:
    """`_walk_prefix`, kept in `top`'s memo."""
    memo = memo_for(top)
    key = ("terms", fieldname, text)
    walked = memo.scores(key)
    if walked is None:
        walked = _walk_prefix(top, fieldname, text)
        memo.keep(key, walked, sum(len(terms) for terms in walked.values()))
    return walked  # type: ignore[no-any-return]


def prefix_frequencies(top: Any, fieldname: str, text: str) -> dict[bytes, int]:
    """Each term of `fieldname` starting with `text`, in term order, with its
    document frequency over all segments (what `IndexReader.doc_frequency`
    sums), from the memoised walk of the term tables."""
    frequency: dict[bytes, int] = {}
    for terms in walked_prefix(top, fieldname, text).values():
        for word, info in terms:
            frequency[word] = frequency.get(word, 0) + info.doc_frequency()
    return {word: frequency[word] for word in sorted(frequency)}


def _walk_prefix(top: Any, fieldname: str, text: str) -> dict[int, list[tuple[bytes, Any]]]:
    """Each segment's expansion of a prefix with term infos, by the id of
    the segment's reader; the idf of every expanded term goes into `top`'s
    cache, computed as `WeightingModel.idf` does from the same document
    frequencies (only when the weighting uses that `idf`)."""
    walked = {}
    frequency: dict[bytes, int] = {}
    for sub, _offset in top.leaf_searchers():
        reader = sub.reader()
        terms = prefix_terms(sub, fieldname, reader._text_to_bytes(fieldname, text))
        walked[id(reader)] = terms
        for word, info in terms:
            frequency[word] = frequency.get(word, 0) + info.doc_frequency()
    cache = getattr(top, "_idf_cache", None)
    if isinstance(cache, dict) and type(top.weighting).idf is scoring.WeightingModel.idf:
        count = top.doc_count_all()
        for word, n in frequency.items():
            cache.setdefault((fieldname, word), log(count / (n + 1)) + 1)
    return walked


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

    def __init__(self, docnums: list[int], scores: list[float], leaves: Leaves) -> None:
        super().__init__(docnums, weights=scores)
        self._leaves = leaves
        self._matched: dict[int, list[tuple[str, bytes]]] | None = None

    def copy(self) -> Any:
        return _SummedMatcher(list(self._ids), list(self._weights), self._leaves)

    def term(self) -> None:
        return None

    def matching_terms(self, id: int | None = None) -> Any:  # noqa: A002 - Whoosh's name
        if not self.is_active():
            return iter(())
        current = self.id()
        if id is not None and id != current:
            return iter(())
        if self._matched is None:
            # Built once, on the first question: a collector asks about
            # every document, and a prefix can have thousands of terms.
            matched: dict[int, list[tuple[str, bytes]]] = {}
            for term, scores in self._leaves:
                for docnum in scores:
                    matched.setdefault(docnum, []).append(term)
            self._matched = matched
        return iter(self._matched.get(current, ()))


def preload(node: Any) -> Any:
    """`Query.accept` visitor: wrap constant-score multi-term queries."""
    if isinstance(node, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)) and node.constantscore:
        return PreloadedMultiTerm(node)
    return node
