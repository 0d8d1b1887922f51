"""The annotation model: what one sidecar file holds (sidecar format version 2).

Plain dataclasses, no I/O. The store (``annotations.store``) reads and writes
them; the exporters (``annotations.export``) turn them into reports.
"""

from __future__ import annotations

import getpass
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime

from glossator.annotations.checks import IncidentCheck
from glossator.annotations.errors import TagError

__all__ = [
    "CREDIBILITY",
    "MAX_TAG_LENGTH",
    "READABLE_VERSIONS",
    "RELIABILITY",
    "SIDECAR_VERSION",
    "IncidentCheck",
    "Note",
    "Rating",
    "Sidecar",
    "Span",
    "TagError",
    "default_author",
    "is_utc_timestamp",
    "new_id",
    "normalise_label",
    "normalise_tag",
    "utc_now",
]

#: The format every save writes. Version 2 added `date`, `source` and `incidents`.
SIDECAR_VERSION = 2
#: The formats this glossator reads; an older file is read as the current one
#: (nothing it can hold is lost) and written as `SIDECAR_VERSION` on its next save.
READABLE_VERSIONS = (1, 2)
MAX_TAG_LENGTH = 64

#: NATO Admiralty code, source reliability (the letter).
RELIABILITY: dict[str, str] = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}

#: NATO Admiralty code, information credibility (the number).
CREDIBILITY: dict[int, str] = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}

_TAG_PUNCTUATION = frozenset("-_/.")
_UTC_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")


@dataclass(slots=True)
class Rating:
    """How far the source and this piece of information can be trusted."""

    reliability: str
    """Source reliability, a letter ``A`` (completely reliable) to ``F``."""
    credibility: int
    """Information credibility, ``1`` (confirmed) to ``6`` (cannot be judged)."""
    by: str = ""
    """Who set it; empty in sidecars written before ratings were stamped."""
    rated: str = ""
    """When it was set (UTC with a ``Z``); merging two machines' edits keeps
    the later rating (``annotations.merge``). Empty: unknown, oldest."""

    def __post_init__(self) -> None:
        if self.reliability not in RELIABILITY:
            raise ValueError(
                f"reliability {self.reliability!r} is not a letter A-F; "
                "use F when it cannot be judged"
            )
        if isinstance(self.credibility, bool) or self.credibility not in CREDIBILITY:
            raise ValueError(
                f"credibility {self.credibility!r} is not a number 1-6; "
                "use 6 when it cannot be judged"
            )

    @property
    def code(self) -> str:
        """The short Admiralty code, e.g. ``B2``."""
        return f"{self.reliability}{self.credibility}"

    @property
    def meaning(self) -> str:
        """Both halves in words, e.g. ``Usually reliable; Probably true``."""
        return f"{RELIABILITY[self.reliability]}; {CREDIBILITY[self.credibility]}"


@dataclass(slots=True)
class Note:
    """A free-text note about the whole article."""

    id: str
    """``n-`` and random hex, unique within the sidecar."""
    author: str
    created: str
    """ISO-8601 UTC with a ``Z``, e.g. ``2026-11-21T10:04:00Z``."""
    text: str
    review: str = ""
    """Why the note needs a look: set when merging two machines' edits found
    a conflict (``annotations.merge``); empty otherwise. Editing the note clears it."""


@dataclass(slots=True)
class Span:
    """A labelled passage of the article.

    ``start``/``end`` are character offsets into the article text whose hash is
    the sidecar's ``article_sha256``; ``quote``, ``prefix`` and ``suffix`` find
    the passage again when the text changes (W3C TextQuoteSelector).
    """

    id: str
    """``s-`` and random hex, unique within the sidecar."""
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    label: str
    note: str
    author: str
    created: str
    orphaned: bool = False
    """The quote is no longer in the text; the span is kept, never dropped."""
    review: str = ""
    """Why the span needs a look, as for ``Note.review``; editing the span clears it."""


@dataclass(slots=True)
class Sidecar:
    """Everything analysts recorded about one article."""

    version: int = SIDECAR_VERSION
    """The format of the file it was read from; saving writes `SIDECAR_VERSION`."""
    article: str = ""
    """File name of the article (not the whole path), e.g. ``000_x.txt``."""
    article_sha256: str = ""
    """SHA-256 of the text the span offsets refer to; empty before the first save."""
    date: str = ""
    """The article's date as the analyst set it, ``YYYY-MM-DD``; empty when not set."""
    source: str = ""
    """Who published the article, as the analyst set it; empty when not set."""
    tags: list[str] = field(default_factory=list)
    """Normalised tags, sorted, no duplicates."""
    rating: Rating | None = None
    notes: list[Note] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    incidents: list[IncidentCheck] = field(default_factory=list)
    """The analyst's incident checks, in the order they were made."""

    def is_empty(self) -> bool:
        """True when nothing at all has been recorded."""
        return not (
            self.tags
            or self.rating
            or self.notes
            or self.spans
            or self.date
            or self.source
            or self.incidents
        )

    def find_note(self, note_id: str) -> Note | None:
        """The note with this id, or None."""
        return next((n for n in self.notes if n.id == note_id), None)

    def find_span(self, span_id: str) -> Span | None:
        """The span with this id, or None."""
        return next((s for s in self.spans if s.id == span_id), None)

    def find_incident(self, check_id: str) -> IncidentCheck | None:
        """The incident check with this id, or None."""
        return next((c for c in self.incidents if c.id == check_id), None)

    def in_review(self) -> list[Note | Span]:
        """The notes and spans marked for review by a merge."""
        marked: list[Note | Span] = [n for n in self.notes if n.review]
        return marked + [s for s in self.spans if s.review]

    def ids(self) -> set[str]:
        """Every note, span and incident check id in use."""
        return (
            {n.id for n in self.notes} | {s.id for s in self.spans} | {c.id for c in self.incidents}
        )


def new_id(prefix: str, taken: set[str]) -> str:
    """A fresh ``<prefix>-<hex>`` id that is not in ``taken``.

    Four hex digits keep ids short enough to type; the width grows only in the
    unlikely case that a sidecar fills most of that space.
    """
    width = 4
    for attempt in range(1000):
        candidate = f"{prefix}-{secrets.token_hex(width // 2)}"
        if candidate not in taken:
            return candidate
        if attempt % 50 == 49:
            width += 2
    raise RuntimeError("could not find a free id")  # pragma: no cover - astronomically unlikely


def utc_now() -> str:
    """The current time as ISO-8601 UTC with a ``Z``, to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_utc_timestamp(value: str) -> bool:
    """True for ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` naming a real moment."""
    if not _UTC_TIMESTAMP.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value[:-1])
    except ValueError:
        return False
    return True


def default_author() -> str:
    """Who is annotating: ``$GLOSSATOR_AUTHOR``, else the login name, else ``unknown``."""
    configured = os.environ.get("GLOSSATOR_AUTHOR", "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # getuser raises OSError/KeyError in containers without a passwd entry
        return "unknown"


def normalise_tag(tag: str) -> str:
    """The stored form of ``tag`` (stripped, NFC, lower-case); raises TagError."""
    return _normalise(tag, "tag")


def normalise_label(label: str) -> str:
    """The stored form of a span label; labels follow the tag rules."""
    return _normalise(label, "label")


def _allowed(ch: str) -> bool:
    # Letters and combining marks of any script (Arabic with harakat, Devanagari
    # vowel signs), decimal digits and a few separators analysts use in tags.
    return ch in _TAG_PUNCTUATION or unicodedata.category(ch)[0] in "LM" or ch.isdecimal()


def _suggest(value: str) -> str:
    joined = "".join(ch if _allowed(ch) else "-" for ch in value)
    return re.sub(r"-{2,}", "-", joined).strip("-")[:MAX_TAG_LENGTH]


def _normalise(raw: str, what: str) -> str:
    if not isinstance(raw, str):
        raise TagError(f"{what} {raw!r} is not text")
    value = unicodedata.normalize("NFC", raw.strip().lower())
    if not value:
        raise TagError(f"{what} is empty; type at least one letter or digit")
    if any(ch.isspace() for ch in value):
        hint = _suggest(value)
        raise TagError(f"{what} {value!r} has a space; use {hint!r}")
    bad = sorted({ch for ch in value if not _allowed(ch)})
    if bad:
        shown = " ".join(repr(ch) for ch in bad)
        hint = _suggest(value)
        use = f"; use {hint!r}" if hint else ""
        raise TagError(
            f"{what} {value!r} has {shown}, which {'is' if len(bad) == 1 else 'are'} not allowed "
            f"(letters, digits, - _ / . only){use}"
        )
    if len(value) > MAX_TAG_LENGTH:
        raise TagError(
            f"{what} {value[:20]!r}... is {len(value)} characters long; "
            f"shorten it to {MAX_TAG_LENGTH} or fewer"
        )
    return value
