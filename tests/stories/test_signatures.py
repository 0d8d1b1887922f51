"""The numpy MinHash gives exactly datasketch 2.0's values (scheme affine32)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.index.stories import signatures
from glossator.index.stories.signatures import NUM_PERM, SCHEME, SEED, minhash_values, shingles

ROOT = Path(__file__).resolve().parents[2]
NEWSWIRE = ROOT / "tests" / "fixtures" / "newswire"
BBC = ROOT.parent / "shared" / "corpora" / "bbc"


def datasketch_values(grams: set[bytes]) -> np.ndarray:
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    if grams:
        mh.update_batch(list(grams))
    return mh.hashvalues


def texts(folder: Path, limit: int) -> list[str]:
    files = sorted(folder.rglob("*.txt"))[:limit]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def test_the_permutations_are_datasketchs() -> None:
    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    ours = signatures._permutations()
    assert np.array_equal(ours[0], a) and np.array_equal(ours[1], b)


def test_newswire_signatures_equal_datasketchs() -> None:
    bodies = texts(NEWSWIRE, 10_000)
    assert len(bodies) > 100
    for text in bodies:
        grams = shingles(text)
        assert np.array_equal(minhash_values(grams), datasketch_values(grams))


@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not here")
def test_bbc_signatures_equal_datasketchs() -> None:
    for text in texts(BBC, 600):
        grams = shingles(text)
        assert np.array_equal(minhash_values(grams), datasketch_values(grams))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_signs_as_datasketch_signs_it(text: str) -> None:
    grams = shingles(text)
    ours = minhash_values(grams)
    assert ours.dtype == np.uint32 and ours.shape == (NUM_PERM,)
    assert np.array_equal(ours, datasketch_values(grams))


def test_an_empty_body_has_the_empty_sketch() -> None:
    assert np.array_equal(minhash_values(set()), datasketch_values(set()))
    assert int(minhash_values(set()).min()) == 0xFFFFFFFF


def _signed(text: str) -> signatures.Signature:
    grams = shingles(text)
    values = signatures.pack(minhash_values(grams))
    return signatures.Signature(signatures.body_hash(text), len(grams), values)


def test_a_truncation_to_two_fifths_shares_a_band_with_its_original() -> None:
    # A reprint cut to 40% has Jaccard about 0.4 with its original and is
    # near by containment, but it is found only if the two share a band key.
    # A hundred generated articles, so the test does not rest on one draw.
    from random import Random

    from glossator.index.stories.rows import near

    vocabulary = [f"w{i}" for i in range(3000)]
    found, missed = 0, []
    for seed in range(100):
        rng = Random(seed)
        words = [rng.choice(vocabulary) for _ in range(250)]
        a, b = _signed(" ".join(words)), _signed(" ".join(words[:100]))
        if near(a, b) is None:
            continue
        found += 1
        if not set(a.bands()) & set(b.bands()):
            missed.append(seed)
    assert found >= 50
    assert missed == []


def test_a_stored_signature_keeps_the_high_sixteen_bits_of_each_value() -> None:
    # 256 bytes an article, not 512: the store's largest column at 100,000.
    text = "Rebels shelled the market in the north of the city on Tuesday morning."
    grams = shingles(text)
    sig = _signed(text)
    assert len(sig.values) == 2 * NUM_PERM
    high = (datasketch_values(grams) >> 16).astype(np.uint16)
    assert np.array_equal(np.frombuffer(sig.values, dtype="=u2"), high)
    assert signatures.jaccard(sig.values, sig.values) == 1.0
