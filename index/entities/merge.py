"""Resolve overlapping candidate spans into the final, non-overlapping entity list.

Policy: watchlist > specific rules > fixed lists, dates and numbers > fallback;
within a layer the longer span wins, then the earlier one. One exception keeps
analysts' short names from damaging good spans: a watchlist match lying inside
a longer recognised span *of the same label* lends that span its precedence
instead of cutting it ("al-Tanf" on the watchlist, "al-Tanf garrison" found).
"""

from __future__ import annotations

from bisect import bisect_left, insort

from glossator.index.entities.model import Candidate, Entity, Layer


def _promote_containing(candidates: list[Candidate]) -> list[Candidate]:
    watched = [c for c in candidates if c.layer is Layer.WATCHLIST]
    if not watched:
        return candidates
    out: list[Candidate] = []
    swallowed: set[Candidate] = set()
    for cand in candidates:
        if cand.layer is Layer.WATCHLIST:
            out.append(cand)
            continue
        inner = [
            w
            for w in watched
            if w.label == cand.label
            and cand.start <= w.start
            and w.end <= cand.end
            and (w.end - w.start) < (cand.end - cand.start)
        ]
        if inner:
            swallowed.update(inner)
            out.append(Candidate(cand.start, cand.end, cand.label, Layer.WATCHLIST))
        else:
            out.append(cand)
    return [c for c in out if c not in swallowed]


def resolve(text: str, candidates: list[Candidate]) -> list[Entity]:
    """Pick non-overlapping spans by the merge policy; return them sorted by start."""
    ranked = sorted(
        _promote_containing(candidates),
        key=lambda c: (-c.layer, -(c.end - c.start), c.start),
    )
    starts: list[int] = []
    chosen: dict[int, Candidate] = {}
    for cand in ranked:
        if cand.end <= cand.start:
            continue
        i = bisect_left(starts, cand.start)
        # The left neighbour must end before we start, the right one start after we end.
        if i > 0 and chosen[starts[i - 1]].end > cand.start:
            continue
        if i < len(starts) and starts[i] < cand.end:
            continue
        insort(starts, cand.start)
        chosen[cand.start] = cand
    return [Entity(s, chosen[s].end, text[s : chosen[s].end], chosen[s].label) for s in starts]
