"""Three-way merge of two machines' edits of one sidecar (git's base, ours, theirs).

Nothing an analyst recorded is lost, and the result does not depend on which
side is "ours": ``merge_sidecars(base, a, b)`` equals ``merge_sidecars(base,
b, a)``. The rules (docs/team.md tells the analyst what they mean):

- tags are a set: a tag removed on one side and kept on the other is removed,
  a tag added on either side is added;
- records with an ``id`` (notes, spans) merge by id with `Merge.records`:
  edits of different records are all kept; one record changed differently on
  both sides is a conflict, kept with both values and marked for review
  (``review`` says why); deleted on one side and untouched on the other is
  deleted; deleted on one side and edited on the other is kept and marked;
- an optional single value merges with `Merge.scalar`: the side that changed
  it wins; changed on both, the later one wins by its timestamp (the rating's
  ``rated``) and the other is kept as a note.

A new section of the sidecar is one more line in `merge_sidecars` using one
of those two helpers.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from glossator.annotations.model import Note, Rating, Sidecar

__all__ = ["CONFLICT_SEPARATOR", "Merge", "merge_sidecars", "merge_tags"]

#: The line between the two versions of a text edited on both sides at once.
#: Never shaped like git's conflict markers (seven ``<``, ``=`` or ``>``).
CONFLICT_SEPARATOR = "-- edited on two machines at once; the other version: --"


class _Record(Protocol):
    """What `Merge.records` needs of a record: an id and a review field."""

    @property
    def id(self) -> str: ...

    @property
    def review(self) -> str: ...


_R = TypeVar("_R", bound=_Record)
_V = TypeVar("_V")


def merge_tags(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> list[str]:
    """Tags as sets with removals honoured: kept on both sides, or added on either."""
    b, o, t = set(base), set(ours), set(theirs)
    return sorted((o & t) | (o - b) | (t - b))


class Merge:
    """One merge: the helpers for each kind of section, and what they found.

    ``now`` (UTC with a ``Z``) stamps the notes that keep a replaced value;
    passing it in keeps the merge a pure function of its inputs.
    """

    def __init__(self, now: str) -> None:
        self.now = now
        self.kept_notes: list[Note] = []
        """Notes holding values that lost to a later one (see `scalar`)."""
        self.marked = 0
        """How many records this merge marked for review."""

    # -- optional single values --------------------------------------------------

    def scalar(
        self,
        what: str,
        base: _V | None,
        ours: _V | None,
        theirs: _V | None,
        *,
        stamp: Callable[[_V], str] | None = None,
        describe: Callable[[_V], str] = str,
        keep_loser: bool = True,
    ) -> _V | None:
        """An optional value, last writer wins.

        The side that changed it wins. When both changed it differently the
        later ``stamp`` wins (ties and unstamped values: the larger value, so
        the result is the same from both sides); a value beats a cleared one.
        With ``keep_loser`` the losing value is kept as a note, in words
        from ``describe``.
        """
        if ours == theirs:
            return ours
        if ours == base:
            return theirs
        if theirs == base:
            return ours
        if ours is None or theirs is None:
            return theirs if ours is None else ours

        def rank(value: _V) -> tuple[str, str]:
            return (stamp(value) if stamp else "", repr(value))

        winner, loser = (ours, theirs) if rank(ours) > rank(theirs) else (theirs, ours)
        if keep_loser:
            self._keep(what, describe(loser), describe(winner))
        return winner

    def _keep(self, what: str, lost: str, kept: str) -> None:
        text = f"Sync kept the later {what}, {kept}; it replaced {lost}."
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.kept_notes.append(Note(f"n-{digest[:8]}", "glossator", self.now, text))

    # -- records keyed by id -------------------------------------------------------

    def records(
        self,
        base: Sequence[_R],
        ours: Sequence[_R],
        theirs: Sequence[_R],
        *,
        texts: tuple[str, ...] = (),
        together: tuple[tuple[str, ...], ...] = (),
    ) -> list[_R]:
        """Merge lists of records by ``id`` (rules in the module docstring).

        Conflicting ``texts`` fields keep both versions, one after the
        other; any other conflicting field keeps one value and ``review``
        records the other. Fields in one ``together`` group (a span's
        offsets and quote) are merged as one value, so a result never
        mixes the two sides' halves of it. Records from the base keep their
        order; new ones follow, oldest first.
        """
        b = {r.id: r for r in base}
        o = {r.id: r for r in ours}
        t = {r.id: r for r in theirs}
        merged: dict[str, _R] = {}
        for rid in [*b, *sorted((o.keys() | t.keys()) - b.keys(), key=_order(o, t))]:
            got = self._one(b.get(rid), o.get(rid), t.get(rid), texts, together)
            if got is not None:
                merged[rid] = got
        return list(merged.values())

    def _one(
        self,
        base: _R | None,
        ours: _R | None,
        theirs: _R | None,
        texts: tuple[str, ...],
        together: tuple[tuple[str, ...], ...],
    ) -> _R | None:
        if ours is None and theirs is None:
            return None
        if ours is None or theirs is None:
            present = theirs if ours is None else ours
            assert present is not None
            if base is None:
                return present  # added on one side
            if present == base:
                return None  # deleted on one side, untouched on the other
            return self._mark(present, ["deleted on one machine and edited on another; kept"])
        if ours == theirs:
            return ours
        if base is not None and ours == base:
            return theirs
        if base is not None and theirs == base:
            return ours
        return self._fields(base, ours, theirs, texts, together)

    def _fields(
        self,
        base: _R | None,
        ours: _R,
        theirs: _R,
        texts: tuple[str, ...],
        together: tuple[tuple[str, ...], ...],
    ) -> _R:
        grouped = {name for group in together for name in group}
        names = [f.name for f in dataclasses.fields(ours) if f.name != "review"]  # type: ignore[arg-type]
        parts = [*together, *((n,) for n in names if n not in grouped)]
        values: dict[str, Any] = {}
        why: list[str] = []
        for part in parts:
            bv = _get(base, part) if base is not None else None
            ov, tv = _get(ours, part), _get(theirs, part)
            if ov == tv or (base is not None and tv == bv):
                chosen = ov
            elif base is not None and ov == bv:
                chosen = tv
            elif len(part) == 1 and part[0] in texts and not (ov[0].strip() and tv[0].strip()):
                chosen = ov if ov[0].strip() else tv
                why.append(f"{part[0]} cleared on one machine and edited on another; edit kept")
            elif len(part) == 1 and part[0] in texts:
                first, second = sorted((ov[0], tv[0]))
                chosen = (f"{first}\n\n{CONFLICT_SEPARATOR}\n\n{second}",)
                why.append(f"{part[0]} edited on two machines at once; both versions kept")
            else:
                chosen, lost = (ov, tv) if repr(ov) > repr(tv) else (tv, ov)
                shown = ", ".join(f"{n} {v!r}" for n, v in zip(part, lost, strict=True))
                why.append(f"changed on two machines at once; the other machine had {shown}")
            values.update(zip(part, chosen, strict=True))
        values["review"] = _review_lines(base, ours, theirs)
        record: _R = dataclasses.replace(ours, **values)  # type: ignore[type-var]
        return self._mark(record, why) if why else record

    def _mark(self, record: _R, why: list[str]) -> _R:
        self.marked += 1
        lines = [*_lines(record.review), *why]
        review = "\n".join(dict.fromkeys(lines))
        return dataclasses.replace(record, review=review)  # type: ignore[type-var]


def _get(record: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(getattr(record, n) for n in names)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _review_lines(base: _Record | None, ours: _Record, theirs: _Record) -> str:
    # Review notes are merged like tags: one side clearing them (resolved)
    # clears them; lines added on either side are kept.
    merged = merge_tags(
        _lines(base.review) if base is not None else [], _lines(ours.review), _lines(theirs.review)
    )
    order = [*_lines(ours.review), *_lines(theirs.review)]
    return "\n".join(line for line in dict.fromkeys(sorted(order)) if line in merged)


def _order(ours: dict[str, Any], theirs: dict[str, Any]) -> Callable[[str], tuple[str, str]]:
    def key(rid: str) -> tuple[str, str]:
        record = ours.get(rid) or theirs.get(rid)
        return (str(getattr(record, "created", "")), rid)

    return key


def _rating_words(rating: Rating) -> str:
    who = f" by {rating.by}" if rating.by else ""
    when = f" at {rating.rated}" if rating.rated else ""
    return f"{rating.code} ({rating.meaning}){who}{when}"


def _rated(rating: Rating) -> str:
    return rating.rated


_SPAN_ANCHOR = ("start", "end", "quote", "prefix", "suffix", "orphaned")


def merge_sidecars(
    base: Sidecar | None, ours: Sidecar, theirs: Sidecar, now: str
) -> tuple[Sidecar, int]:
    """Merge ``ours`` and ``theirs`` (two edits of ``base``; None: added on both).

    Returns the merged Sidecar and how many records it marked for review.
    """
    b = base if base is not None else Sidecar(article=ours.article or theirs.article)
    m = Merge(now)
    notes = m.records(b.notes, ours.notes, theirs.notes, texts=("text",))
    spans = m.records(b.spans, ours.spans, theirs.spans, texts=("note",), together=(_SPAN_ANCHOR,))
    # An incident check's anchor and its fields each move as one: the
    # analyst's toll and type are one judgement, never half of each side's.
    incidents = m.records(
        b.incidents,
        ours.incidents,
        theirs.incidents,
        together=(_SPAN_ANCHOR, ("status", "fields", "author", "updated")),
    )
    # One line per section; a new section is one more line here.
    result = Sidecar(
        version=max(ours.version, theirs.version),
        article=m.scalar("article", b.article, ours.article, theirs.article, keep_loser=False)
        or "",
        article_sha256=m.scalar(
            "article_sha256",
            b.article_sha256,
            ours.article_sha256,
            theirs.article_sha256,
            keep_loser=False,
        )
        or "",
        tags=merge_tags(b.tags, ours.tags, theirs.tags),
        rating=m.scalar(
            "rating", b.rating, ours.rating, theirs.rating, stamp=_rated, describe=_rating_words
        ),
        notes=notes,
        spans=spans,
        incidents=incidents,
        date=m.scalar("date", b.date or None, ours.date or None, theirs.date or None) or "",
        source=m.scalar("source", b.source or None, ours.source or None, theirs.source or None)
        or "",
    )
    taken = result.ids()
    result.notes += [n for n in m.kept_notes if n.id not in taken]
    return result, m.marked
