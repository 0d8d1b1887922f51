"""The compact posting formats and codec read back exactly what Whoosh's would."""

from __future__ import annotations

import pickle
import random
import zlib
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest
from segment_support import docs as _docs
from whoosh import index as windex
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT
from whoosh.formats import Characters, Positions
from whoosh.qparser import MultifieldParser

from glossator.index.whoosh.codec import (
    CompactCodec,
    decode_block,
    decode_scoring_part,
    encode_block,
    values_at,
)
from glossator.index.whoosh.formats import CompactCharacters, CompactPositions
from glossator.index.whoosh.schema import build_schema


def _occurrences(rng: random.Random) -> list[tuple[int, int, int]]:
    span = rng.choice([300, 70_000, 5_000_000_000])
    positions = sorted(rng.sample(range(span), rng.randrange(0, 25)))
    out, end = [], 0
    for pos in positions:
        start = end + rng.randrange(rng.choice([3, 500, 90_000]))
        end = start + rng.randrange(rng.choice([20, 400]))
        out.append((pos, start, end))
    return out


def test_compact_formats_decode_like_whoosh() -> None:
    rng = random.Random(5)
    for _ in range(1500):
        occ = _occurrences(rng)
        positions = [p for p, _s, _e in occ]
        ours, theirs = CompactCharacters(), Characters()
        value, stock = ours.encode(occ), theirs.encode(occ)
        assert ours.decode_characters(value) == theirs.decode_characters(stock) == occ
        assert ours.decode_positions(value) == theirs.decode_positions(stock) == positions
        assert ours.decode_frequency(value) == theirs.decode_frequency(stock) == len(occ)
        pvalue = CompactPositions().encode(positions)
        assert CompactPositions().decode_positions(pvalue) == positions
        assert CompactPositions().decode_frequency(pvalue) == len(positions)
        assert len(value) < len(stock) or not occ


def test_characters_combine_merges_overlapping_spans() -> None:
    fmt = CompactCharacters()
    merged = fmt.combine([fmt.encode([(1, 4, 9), (3, 20, 25)]), fmt.encode([(1, 2, 7)])])
    assert fmt.decode_characters(merged) == [(1, 2, 9), (3, 20, 25)]


@pytest.mark.parametrize(
    "block",
    [
        ((0, 1, 5), None, (b"a", b"\x00\x01", b"")),
        ((3,), 2.0, None),
        ((1, 2), tuple(array("f", [1.0, 3.0])), b"xyzw"),
        ((1, 2), tuple(array("f", [0.1, 3.5])), (b"q", b"r")),
        ((300, 70_000), tuple(array("f", [1000.0, 3.0])), ()),
        ((4, 9), tuple(array("f", [float("inf"), 2.0])), None),  # not whole: float32s
        ((b"ab", b"c"), None, None),  # term vectors: byte-string ids, kept as a pickle
    ],
)
def test_packed_blocks_read_back_as_the_pickle_did(block: tuple[Any, Any, Any]) -> None:
    packed = encode_block(*block)
    assert decode_block(packed) == pickle.loads(pickle.dumps(block, 2))
    # Whoosh's own pickled blocks are still read.
    assert decode_block(pickle.dumps(block, 2)) == pickle.loads(pickle.dumps(block, 2))
    # Scoring reads ids and weights alone, from a compressed block or not.
    want = pickle.loads(pickle.dumps(block, 2))[:2]
    for data in (packed, pickle.dumps(block, 2)):
        assert decode_scoring_part(data, False) == want
        assert decode_scoring_part(zlib.compress(data, 3), True) == want
    # Snippets slice out the values of a few documents only.
    ids, _weights, values = pickle.loads(pickle.dumps(block, 2))
    if isinstance(values, tuple) and len(values) == len(ids) and isinstance(ids[0], int):
        docnums = list(accumulate(ids))
        for wanted in (set(docnums), set(docnums[1:]), {-1}):
            got = values_at(packed, wanted)
            assert got == {d: v for d, v in zip(docnums, values, strict=True) if d in wanted}
    else:
        assert values_at(packed, set(ids)) is None
    assert values_at(pickle.dumps(block, 2), {0}) is None


def test_scoring_part_of_a_long_block() -> None:
    """A block whose ids and weights span several of the inflater's steps."""
    rng = random.Random(3)
    ids = tuple(rng.randrange(1 << 20) for _ in range(128))
    weights = tuple(float(rng.randrange(1, 70_000)) for _ in range(128))
    values = tuple(rng.randbytes(rng.randrange(200)) for _ in range(128))
    data = zlib.compress(encode_block(ids, weights, values), 3)
    assert decode_scoring_part(data, True) == (ids, weights)


def _stock_schema() -> Any:
    """glossator's schema with Whoosh's own positions and characters formats."""
    schema = build_schema()
    for _name, field in schema.items():
        if isinstance(field, TEXT) and isinstance(field.format, CompactCharacters):
            field.format = Characters(field_boost=field.format.field_boost)
        elif isinstance(field, TEXT) and isinstance(field.format, CompactPositions):
            field.format = Positions(field_boost=field.format.field_boost)
    return schema


def _build(folder: Path, schema: Any, codec: Any) -> Any:
    folder.mkdir()
    ix = windex.create_in(str(folder), schema)
    docs = _docs(400)
    for part in range(2):  # two segments, then merged by the same codec
        writer = ix.writer(codec=codec)
        for doc in docs[part * 200 : part * 200 + 200]:
            writer.add_document(**{k: v for k, v in doc.items() if k in schema})
        writer.commit(merge=False)
    ix.writer(codec=codec).commit(optimize=True)
    return windex.open_dir(str(folder))


def _postings(ix: Any) -> dict[tuple[str, bytes], list[tuple[int, float, Any]]]:
    out = {}
    with ix.reader() as reader:
        for fieldname, btext in reader.all_terms():
            fmt = ix.schema[fieldname].format
            kind = next((k for k in ("characters", "positions") if fmt.supports(k)), None)
            m = reader.postings(fieldname, btext)
            rows = []
            while m.is_active():
                rows.append((m.id(), m.weight(), m.value_as(kind) if kind else None))
                m.next()
            out[(fieldname, btext)] = rows
    return out


def _pst_bytes(folder: Path) -> int:
    total = 0
    for seg in windex.open_dir(str(folder))._segments():
        storage = seg.open_compound_file(windex.open_dir(str(folder)).storage)
        total += sum(storage.file_length(n) for n in storage.list() if n.endswith(".pst"))
    return total


def test_compact_index_reads_and_scores_like_whoosh(tmp_path: Path) -> None:
    stock = _build(tmp_path / "stock", _stock_schema(), W3Codec())
    compact = _build(tmp_path / "compact", build_schema(), CompactCodec())
    assert _postings(compact) == _postings(stock)
    bodies = {str(d["id"]): str(d["body"]) for d in _docs(400)}
    queries = ['"common w1"', "common", "w3 OR w17", '"w2 common"~3', "title:w5", "w1*"]
    for text in queries:
        results = []
        for ix in (stock, compact):
            with ix.searcher() as s:
                q = MultifieldParser(["title", "body"], ix.schema).parse(text)
                hits = s.search(q, limit=None, terms=True)
                results.append(
                    [(h["id"], h.score, h.highlights("body", text=bodies[h["id"]])) for h in hits]
                )
        assert results[0] == results[1], text
        assert results[0], text
    assert _pst_bytes(tmp_path / "compact") < 0.6 * _pst_bytes(tmp_path / "stock")
