"""What the story store holds of one article, and when two articles are
near-duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from glossator.index.stories import signatures
from glossator.index.stories.signatures import Signature

#: Two bodies are near-duplicates when their estimated Jaccard similarity
#: reaches `JACCARD_MIN`, or when the smaller is mostly inside the larger
#: (a truncation) and has at least `CONTAIN_MIN_SHINGLES` shingles.
#: Chosen from measurements on BBC and made reprints (docs/stories.md).
JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8
CONTAIN_MIN_SHINGLES = 40


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One article's row: its date (ISO, or None) and incident records."""

    id: str
    body_hash: str
    shingles: int
    values: bytes
    date: str | None
    incidents: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Facts:
    """What sync needs of one changed article."""

    signature: Signature
    date: str | None
    incidents: list[dict[str, Any]]


def near(a: StoredArticle | Signature, b: StoredArticle | Signature) -> float | None:
    """The estimated Jaccard similarity when `a` and `b` are near-duplicates, else None."""
    if a.body_hash == b.body_hash:
        return 1.0
    j = signatures.jaccard(a.values, b.values)
    if j >= JACCARD_MIN:
        return j
    if (
        min(a.shingles, b.shingles) >= CONTAIN_MIN_SHINGLES
        and signatures.containment(j, a.shingles, b.shingles) >= CONTAINMENT_MIN
    ):
        return j
    return None
