"""Finding spans again after an article's text has changed.

A span (or an incident check, anchored the same way) stores its offsets and
its quote with up to ``CONTEXT`` characters of text on either side (W3C
TextQuoteSelector). When the text changes, the quote is the truth and the
offsets are a hint: keep the span where the quote still stands at its old
offset, otherwise take the occurrence whose surroundings match best, then the
one nearest the old place. A quote that is gone marks the span orphaned; it is
kept so no analyst's work disappears.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Protocol

__all__ = ["CONTEXT", "Anchored", "context_of", "reanchor", "text_sha256"]

CONTEXT = 32


class Anchored(Protocol):
    """What re-anchoring reads and moves: a `Span` or an `IncidentCheck`."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    orphaned: bool


def text_sha256(text: str) -> str:
    """SHA-256 hex digest of the article text as UTF-8 (``Article.sha256``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to ``CONTEXT`` characters before ``start`` and after ``end``."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    at = text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _place(span: Anchored, text: str) -> int | None:
    """Where the span's quote now starts, or None when it is gone."""
    if span.quote == "":
        return span.start if span.start <= len(text) else None
    if text[span.start : span.end] == span.quote:
        return span.start
    candidates = _occurrences(text, span.quote)
    if not candidates:
        return None
    width = len(span.quote)

    def rank(at: int) -> tuple[int, int]:
        before, after = context_of(text, at, at + width)
        fit = _common_suffix(before, span.prefix) + _common_prefix(after, span.suffix)
        return (-fit, abs(at - span.start))

    return min(candidates, key=rank)


def reanchor(spans: Iterable[Anchored], text: str) -> bool:
    """Move each span onto ``text`` in place; returns True if anything changed.

    Found spans get fresh offsets, prefix and suffix and lose ``orphaned``;
    lost ones keep their quote and note, get ``orphaned = True`` and have their
    offsets clamped into the text so consumers can rely on them being in range.
    """
    changed = False
    for span in spans:
        at = _place(span, text)
        if at is None:
            new = (
                min(span.start, len(text)),
                min(span.end, len(text)),
                span.prefix,
                span.suffix,
                True,
            )
        else:
            end = at + len(span.quote)
            prefix, suffix = context_of(text, at, end)
            new = (at, end, prefix, suffix, False)
        old = (span.start, span.end, span.prefix, span.suffix, span.orphaned)
        if new != old:
            span.start, span.end, span.prefix, span.suffix, span.orphaned = new
            changed = True
    return changed
