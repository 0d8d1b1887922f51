"""Collecting a Whoosh search: the top hits, the total and the matched terms.

Queries the speed-ups can rank go to `speedups.scored`; the rest use
Whoosh's collectors, wrapped so a search can be cancelled and so matched
terms come from the matcher tree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh import collectors
from whoosh import query as wq

from glossator.index.engine import SearchCancelled
from glossator.index.whoosh.speedups import scored


def every_article(node: Any) -> Any:
    """`*` (or `field:*`) as "every article", not "every word of the field".

    Whoosh reads `*` as `Every(field)`, which opens the postings of every
    term in that field (seconds on BBC, and more with the corpus); every
    article has a title and a body, so all documents is the same answer.
    """
    if isinstance(node, wq.Every) and node.fieldname is not None:
        return wq.Every(boost=node.boost)
    return node


def anchor_fuzzy(node: Any) -> Any:
    """Fuzzy terms keep their first letter: `goverment~` still finds
    `government`, at a tenth of the cost of trying every term."""
    if isinstance(node, wq.FuzzyTerm) and node.prefixlength == 0:
        node.prefixlength = 1
    return node


#: How many matching documents are collected between two cancellation checks.
_CANCEL_EVERY = 512


class _Cancellable(collectors.WrappingCollector):  # type: ignore[misc]
    """Wraps a Whoosh collector so a long search stops soon after `cancelled()`."""

    def __init__(self, child: Any, cancelled: Callable[[], bool]) -> None:
        super().__init__(child)
        self._cancelled = cancelled
        self._countdown = _CANCEL_EVERY

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        if self._cancelled():
            raise SearchCancelled
        super().set_subsearcher(subsearcher, offset)

    def collect_matches(self) -> None:
        child = self.child
        for sub_docnum in child.matches():
            self._countdown -= 1
            if not self._countdown:
                if self._cancelled():
                    raise SearchCancelled
                self._countdown = _CANCEL_EVERY
            child.collect(sub_docnum)


class _MatchedTerms(collectors.TermsCollector):  # type: ignore[misc]
    """A `TermsCollector` that asks the matcher tree which terms match.

    Whoosh's `TermsCollector` tests every leaf of the tree at every matching
    document, and cannot see the terms of a `PreloadedMultiTerm` (it has
    no term leaves). `matching_terms` walks the branches positioned on the
    document and asks each what matched. (It also leaves out the words of
    a phrase that did not match as a phrase there, so they are not
    highlighted.)
    """

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        collectors.WrappingCollector.set_subsearcher(self, subsearcher, offset)

    def collect(self, sub_docnum: int) -> None:
        child = self.child
        child.collect(sub_docnum)
        global_docnum = child.offset + sub_docnum
        terms = self.docterms[global_docnum]
        termdocs = self.termdocs
        for term in child.matcher.matching_terms(sub_docnum):
            termdocs[term].append(global_docnum)
            terms.append(term)


def run(
    s: Any,
    parsed: Any,
    depth: int,
    shown: int,
    cancelled: Callable[[], bool] | None = None,
    *,
    fast: bool = True,
) -> Any:
    """Search for the top `depth` hits, recording which terms matched the
    first `shown` (the highlighter reads them).

    Queries `speedups.scored` can rank go there (when `fast`). The rest use
    Whoosh's top-N collector without its tuning for a top ten: it skips blocks that cannot
    reach the top and, every ten documents, rebuilds the matcher tree to
    drop them. Keeping the top thousand for facets, skipping gains almost
    nothing; the rebuilds cost a third of a prefix query, and the skipping
    makes the total a second full run of the query. Without them the total
    is counted in the same pass.
    """
    if fast and scored.supported(parsed, s.schema):
        try:
            return scored.search(s, parsed, depth, shown, cancelled)
        except scored.Cancelled:
            raise SearchCancelled from None
        except scored.NotScorable:
            pass
    if depth >= s.doc_count():
        top: Any = collectors.UnlimitedCollector()
    else:
        top = collectors.TopCollector(depth, usequality=False, replace=0)
    collector = _MatchedTerms(top)
    outer = collector if cancelled is None else _Cancellable(collector, cancelled)
    s.search_with_collector(parsed, outer)
    return collector.results()
