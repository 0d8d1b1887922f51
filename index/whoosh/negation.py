"""One meaning for exclusion: `a -b`, `a NOT b` and `a AND NOT b` alike.

Whoosh's query parser turns `-word` into `AndNot(a, b)` and `NOT word` into
`And([a, Not(b)])`, and neither runs as written:

- `AndNotMatcher` (whoosh-reloaded 2.7.5 and earlier) checks the excluded
  side only when both sides start on the same document. When the excluded
  side starts earlier, the first document of `a` is returned even if `b`
  matches it: `blair -brown` found two BBC articles that mention Brown.
- `Not` inside `And` adds 1.0 to the score of every hit (its
  `InverseMatcher` scores every document it passes at its weight), so
  `(a AND NOT b) OR c` ranks the first branch a point higher.

`exclusions` rewrites both forms into `Excluding(a, b)`: the documents of
`a`, scored as `a`, without those of `b`, through a matcher that skips the
excluded side forward before every document it returns. It is a query
rewrite, not a patch, so it holds on any Whoosh version; the scored fast
path (`speedups.scored`) ranks the same queries without a matcher.
"""

from __future__ import annotations

from typing import Any

from whoosh import matching
from whoosh import query as wq


class ExcludingMatcher(matching.AndNotMatcher):  # type: ignore[misc]
    """`AndNotMatcher` that never stops on a document the excluded side matches."""

    def _find_first(self) -> None:
        self._find_next()

    def _find_next(self) -> bool:
        pos, neg = self.a, self.b
        replaced = False
        while pos.is_active() and neg.is_active():
            pos_id = pos.id()
            if neg.id() < pos_id:
                neg.skip_to(pos_id)
                if not neg.is_active():
                    break
            if neg.id() != pos_id:
                break
            replaced = bool(pos.next()) or replaced
        return replaced


class Excluding(wq.AndNot):  # type: ignore[misc]
    """`a` without the documents of `b`, scored as `a` alone."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        scoredm = self.a.matcher(searcher, context)
        notm = self.b.matcher(searcher, searcher.boolean_context())
        return ExcludingMatcher(scoredm, notm)


def exclusions(node: Any) -> Any:
    """`Query.accept` callback: every exclusion in the tree becomes `Excluding`.

    An `And` with both positive and `Not` clauses becomes
    `Excluding(And(positives), Or(negatives))`; an `And` of `Not`s alone
    (`NOT a AND NOT b`) is left as it is, having nothing to score.
    """
    if type(node) is wq.AndNot:
        return Excluding(node.a, node.b)
    if type(node) is wq.And:
        positive = [q for q in node.subqueries if not isinstance(q, wq.Not)]
        negative = [q.query for q in node.subqueries if isinstance(q, wq.Not)]
        if positive and negative:
            kept = positive[0] if len(positive) == 1 else wq.And(positive)
            if node.boost != 1.0:
                kept = kept.with_boost(kept.boost * node.boost)
            dropped = negative[0] if len(negative) == 1 else wq.Or(negative)
            return Excluding(kept, dropped)
    return node
