"""An article's similarity signature and exact-duplicate hash.

The signature is a MinHash over the article body's word 3-shingles,
lower-cased; the title line and any front matter are left out, so a reprint
under a new headline keeps its signature. It is datasketch 2.0's MinHash
(scheme `affine32`) computed in numpy alone: the same permutations from the
same seed, the same SHA-1 input hash and MurmurHash3 pre-mix, so the values
are identical (tests/stories/test_signatures.py compares them), without
datasketch's import of scipy. numpy is imported only when a signature is
computed, never to search or to look duplicates up.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from glossator.index.corpus import Article

#: Words per shingle.
SHINGLE_WORDS = 3
#: MinHash permutations; LSH uses `BANDS` bands of `ROWS` values each.
NUM_PERM = 128
BANDS, ROWS = 64, 2
#: Fixed, so signatures computed in different runs compare.
SEED = 1
#: datasketch 2.0's name for the permutation scheme (32-bit affine maps).
SCHEME = "affine32"
#: Bits kept of each 32-bit MinHash value (b-bit MinHash, Li and König
#: 2010): the high 16, so a signature is 256 bytes, not 512 (at 100,000
#: articles the store's largest column). Two values that differ agree in
#: their high bits once in 65,536 (`jaccard`).
BITS = 16
#: Bumped when anything above changes: stored signatures are then recomputed.
VERSION = f"minhash-{SCHEME}-{SHINGLE_WORDS}-{NUM_PERM}-{BANDS}x{ROWS}-{SEED}-b{BITS}"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """What near-duplicate detection keeps of one article."""

    #: sha1 of the body with whitespace collapsed (title line excluded).
    body_hash: str
    #: How many distinct shingles the body has.
    shingles: int
    #: The MinHash values' high `BITS` bits, `NUM_PERM` unsigned 16-bit
    #: integers (native order; `pack`).
    values: bytes

    def bands(self) -> list[int]:
        """The LSH band keys: a 32-bit hash of the band number and its values,
        as a signed integer (what sqlite stores in four bytes, half of a
        64-bit key; the band table is 64 rows per article). Two bands that
        differ can share a key (at 100,000 articles, about one look-up in ten
        gets one such extra candidate), but only ever as a candidate: every
        candidate is compared by its signature before it counts, so the
        pairs found are those a wider key finds."""
        size = ROWS * 2
        return [
            int.from_bytes(
                hashlib.blake2b(
                    bytes([b]) + self.values[b * size : (b + 1) * size], digest_size=4
                ).digest(),
                "little",
                signed=True,
            )
            for b in range(BANDS)
        ]


def body_text(article: Article) -> str:
    """The text compared: everything after the title line."""
    return article.text[max(article.body_start, article.content_start) :]


def body_hash(text: str) -> str:
    """Exact-duplicate key: the body with whitespace collapsed."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[bytes]:
    """The body's distinct word 3-shingles (its words, when shorter), as UTF-8."""
    return set(map(str.encode, _shingles(text)))


def _shingles(text: str) -> set[str]:
    # zip and map keep the loop in C: a BBC article has ~400 shingles.
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return set(words)
    return set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))


#: The digest method of hashlib's SHA-1 objects, to call from `map`.
_DIGEST = type(hashlib.sha1()).digest


_PERMUTATIONS: Any = None


def _permutations() -> Any:
    """The `NUM_PERM` affine maps h -> a * h + b (mod 2^32, `a` odd), drawn as
    datasketch 2.0 draws them for scheme affine32 (made once per process)."""
    global _PERMUTATIONS
    import numpy as np  # lazy: only a process that signs pays for it

    if _PERMUTATIONS is None:
        gen = np.random.RandomState(SEED)
        a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
        _PERMUTATIONS = (a, b)
    return _PERMUTATIONS


def minhash_values(grams: Iterable[bytes]) -> Any:
    """The MinHash of these shingles: `NUM_PERM` uint32 values (all 2^32 - 1
    for none). Each shingle's hash is the first four bytes of its SHA-1,
    little-endian, mixed by MurmurHash3's finaliser, then permuted."""
    import numpy as np

    a, b = _permutations()
    # Whole 20-byte digests, joined in C; every fifth 32-bit word is the
    # first four bytes of one digest.
    digests = b"".join(map(_DIGEST, map(hashlib.sha1, grams)))
    if not digests:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    hv = np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32)
    hv ^= hv >> np.uint32(16)
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    # One (shingles x permutations) array, permuted in place.
    permuted = np.multiply.outer(hv, a)
    permuted += b
    return permuted.min(axis=0)


def pack(values: Any) -> bytes:
    """`minhash_values` as stored: each value's high `BITS` bits, in the
    native 16-bit layout `array("H")` reads back in `jaccard`. The high
    bits, because the low bits of an affine map mod 2^32 are its weakest
    (the lowest is the input's, flipped or not)."""
    return (values >> (32 - BITS)).astype("=u2").tobytes()


def signature(article: Article) -> Signature:
    """The signature of an article's body."""
    text = body_text(article)
    grams = _shingles(text)
    return Signature(body_hash(text), len(grams), pack(minhash_values(map(str.encode, grams))))


def jaccard(a: bytes, b: bytes) -> float:
    """The Jaccard similarity two signatures estimate (the share of equal
    values). Sixteen bits agree by chance where thirty-two differ once in
    65,536 values, so about one pair in 512 gains 1/128; not taken back
    out, so a pair on a threshold is judged as with the full values."""
    va, vb = array("H", a), array("H", b)
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
