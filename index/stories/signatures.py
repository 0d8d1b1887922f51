"""An article's similarity signature and exact-duplicate hash.

The signature is a MinHash (datasketch) over the article body's word
3-shingles, lower-cased; the title line and any front matter are left out,
so a reprint under a new headline keeps its signature. datasketch imports
numpy and scipy (seconds on a busy machine), so it is imported only when a
signature is computed, never to search or to look duplicates up.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass
from typing import Any

from glossator.index.corpus import Article

#: Words per shingle.
SHINGLE_WORDS = 3
#: MinHash permutations; LSH uses `BANDS` bands of `ROWS` values each.
NUM_PERM = 128
BANDS, ROWS = 42, 3
#: Fixed, so signatures computed in different runs compare.
SEED = 1
#: datasketch's permutation scheme (its 2.0 default: 32-bit affine maps).
SCHEME = "affine32"
#: Bumped when anything above changes: stored signatures are then recomputed.
VERSION = f"minhash-{SCHEME}-{SHINGLE_WORDS}-{NUM_PERM}-{BANDS}x{ROWS}-{SEED}"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """What near-duplicate detection keeps of one article."""

    #: sha1 of the body with whitespace collapsed (title line excluded).
    body_hash: str
    #: How many distinct shingles the body has.
    shingles: int
    #: The MinHash values, `NUM_PERM` unsigned 64-bit integers.
    values: bytes

    def bands(self) -> list[bytes]:
        """The LSH band keys: the band number and its values."""
        size = ROWS * 8
        return [bytes([b]) + self.values[b * size : (b + 1) * size] for b in range(BANDS)]


def body_text(article: Article) -> str:
    """The text compared: everything after the title line."""
    return article.text[max(article.body_start, article.content_start) :]


def body_hash(text: str) -> str:
    """Exact-duplicate key: the body with whitespace collapsed."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[bytes]:
    """The body's distinct word 3-shingles (its words, when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {w.encode("utf-8") for w in words}
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


_PERMUTATIONS: Any = None


def _minhash() -> Any:
    """A fresh MinHash sharing the one set of permutations (made once)."""
    global _PERMUTATIONS
    from datasketch import MinHash  # lazy: numpy and scipy load in seconds

    if _PERMUTATIONS is None:
        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=SCHEME)


def signature(article: Article) -> Signature:
    """The signature of an article's body."""
    text = body_text(article)
    grams = shingles(text)
    mh = _minhash()
    if grams:
        mh.update_batch(list(grams))
    # The native 64-bit layout `array("Q")` reads back in `jaccard`.
    values = mh.hashvalues.astype("=u8").tobytes()
    return Signature(body_hash(text), len(grams), values)


def jaccard(a: bytes, b: bytes) -> float:
    """The Jaccard similarity two signatures estimate (the share of equal values)."""
    va, vb = array("Q", a), array("Q", b)
    if len(va) != len(vb) or not va:
        return 0.0
    return sum(1 for x, y in zip(va, vb, strict=True) if x == y) / len(va)


def containment(j: float, na: int, nb: int) -> float:
    """How much of the smaller body the larger contains, from the Jaccard
    estimate and the shingle counts: |A & B| / min(|A|, |B|)."""
    if na <= 0 or nb <= 0:
        return 0.0
    inter = j * (na + nb) / (1.0 + j)
    return min(1.0, inter / min(na, nb))
