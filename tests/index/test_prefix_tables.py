"""Prefix tables give the numbers the posting blocks give, and the same searches."""

from __future__ import annotations

import pickle
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from search_rows import search_rows
from whoosh import query as wq

from glossator.index.indexer import Index
from glossator.index.whoosh.speedups import gather, multiterm, postings, prefix_tables, summed
from tests.conftest import copy_index

PREFIXES = ["co", "st", "pr", "e", "t", "re", "zq"]
QUERIES = [
    "co*", "st*", "ec*", "title:pr*", "co* AND minister", "st* -co*", "re* OR ti*",
    "pro*", "gov* AND minister",
]  # fmt: skip


@pytest.fixture
def tabled(parity_index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Index:
    """A copy of the shared index (deleted documents in its old segments)
    with a table for every segment, and every expansion scored as arrays
    (so that even the small corpus's are read from the tables)."""
    monkeypatch.setattr(summed, "MIN_POSTINGS", 0)
    ix = Index(parity_index.corpus, copy_index(parity_index, tmp_path / "ix"))
    monkeypatch.setattr(prefix_tables, "MIN_DOCS", 0)
    whoosh_ix = ix.open().ix  # type: ignore[attr-defined]
    prefix_tables.ensure_tables(whoosh_ix)
    for segment in whoosh_ix._segments():
        assert prefix_tables.table_path(whoosh_ix.storage, segment).exists()
    return ix


def test_a_built_index_has_tables_for_its_large_segments(parity_index: Index) -> None:
    """On BBC the segments come from the bulk workers, each writing its own."""
    whoosh_ix = parity_index.open().ix  # type: ignore[attr-defined]
    for segment in whoosh_ix._segments():
        large = segment.doc_count_all() >= prefix_tables.MIN_DOCS
        assert prefix_tables.table_path(whoosh_ix.storage, segment).exists() == large


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records, for each table asked for an expansion, whether it answered."""
    seen: list[bool] = []
    real = prefix_tables.PrefixTable.arrays

    def counted(self: Any, *args: Any) -> Any:
        found = real(self, *args)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(prefix_tables.PrefixTable, "arrays", counted)
    return seen


def test_tables_hold_what_the_blocks_hold(tabled: Index) -> None:
    with tabled.open().ix.searcher() as s:  # type: ignore[attr-defined]
        answered = 0
        for field in ("body", "title"):
            for text in PREFIXES:
                q = multiterm.PreloadedMultiTerm(wq.Prefix(field, text))
                for sub, _offset in s.leaf_searchers():
                    terms = q._prefix_terms(sub, s)
                    reader = sub.reader()
                    table = prefix_tables.table_for(reader)
                    assert table is not None
                    got = table.arrays(np, field, text.encode(), terms)
                    if not terms:
                        assert got is None
                        continue
                    assert got is not None, (field, text)
                    want = gather.gather(np, reader, field, terms)
                    assert got[0].tolist() == want[0].tolist(), (field, text)
                    assert got[1].tolist() == want[1].tolist(), (field, text)
                    assert list(got[2]) == list(want[2]), (field, text)
                    answered += 1
        assert answered


def test_gathered_numbers_are_the_block_numbers(parity_index: Index) -> None:
    """`gather` (one pass, headers parsed by hand) reads what `term_blocks` reads."""
    with parity_index.open().ix.searcher() as s:  # type: ignore[attr-defined]
        for text in ("co", "st", "e"):
            q = multiterm.PreloadedMultiTerm(wq.Prefix("body", text))
            for sub, _offset in s.leaf_searchers():
                reader = sub.reader()
                terms = q._prefix_terms(sub, s)
                ids, tfs, lengths = gather.gather(np, reader, "body", terms)
                want_ids: list[int] = []
                want_tfs: list[float] = []
                for word, info in terms:
                    for block_ids, weights, _v in postings.term_blocks(
                        reader, "body", word, info, with_values=False
                    ):
                        want_ids += block_ids
                        want_tfs += [float(w) for w in weights]
                assert ids.tolist() == want_ids
                assert tfs.tolist() == want_tfs
                assert sum(lengths) == len(want_ids)


def test_block_headers_read_by_hand_as_pickle_reads_them(parity_index: Index) -> None:
    with parity_index.open().ix.searcher() as s:  # type: ignore[attr-defined]
        sub, _offset = s.leaf_searchers()[0]
        reader = sub.reader()
        q = multiterm.PreloadedMultiTerm(wq.Prefix("body", "s"))
        checked = 0
        for _word, info in q._prefix_terms(sub, s):
            buf = postings.mapped_postings(reader, info)
            if buf is None:
                continue
            pos = info.extent()[0] + 4
            (size,) = postings._BLOCK_LENGTH.unpack_from(buf, pos)
            block = BytesIO(buf[pos + 4 : pos + 4 + abs(size)])
            count, _maxid, _w, compressed, _a, _b = pickle.load(block)
            assert gather.block_header(buf, pos + 4) == (count, compressed, pos + 4 + block.tell())
            checked += 1
        assert checked
        # Anything but Whoosh's plain tuple is left to pickle.
        odd = pickle.dumps((1, 2, 3.0, 1, 4, 5, 6), 2)
        assert gather.block_header(odd, 0) is None


def _run(ix: Index) -> list[Any]:
    searcher = ix.searcher()
    out = search_rows(searcher, QUERIES)
    searcher.close()
    return out


def test_searches_read_from_tables_match_whoosh(
    tabled: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _reads(monkeypatch)
    fast = _run(tabled)
    assert any(reads), "the short prefixes should be read from the tables"
    monkeypatch.setattr("glossator.index.whoosh.searcher.preload", lambda node: node)
    stock = _run(tabled)
    for got, want in zip(fast, stock, strict=True):
        assert got[1] == want[1], f"{got[0]}: total"
        assert got[2] == want[2], f"{got[0]}: ranking"
        assert got[3] == want[3], f"{got[0]}: snippets"
        assert got[4] == want[4], f"{got[0]}: facets"


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage"])
def test_a_damaged_table_is_not_read(
    tabled: Index, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    want = _run(tabled)
    for path in Path(tabled.dir).glob(f"*.{prefix_tables.EXT}"):
        data = bytearray(path.read_bytes())
        if damage == "truncated":
            data = data[: len(data) * 2 // 3]
        elif damage == "flipped":
            for i in range(len(data) // 2, len(data), 97):
                data[i] ^= 0x5A
        else:
            data = bytearray(b"not a table")
        path.write_bytes(bytes(data))
    prefix_tables._OPEN.clear()
    reads = _reads(monkeypatch)
    assert _run(tabled) == want
    # Groups before the damage still read; the damaged ones never do.
    assert not any(reads) if damage == "garbage" else not all(reads)


def test_updates_write_tables_for_large_segments(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prefix_tables, "MIN_DOCS", 2)
    ix = Index(seeds, tmp_path / "ix")
    ix.update()
    whoosh_ix = ix.open().ix  # type: ignore[attr-defined]
    segments = whoosh_ix._segments()
    assert segments
    for segment in segments:
        path = prefix_tables.table_path(whoosh_ix.storage, segment)
        assert path.exists() == (segment.doc_count_all() >= 2), segment
    # An index from before tables (or one whose tables were lost) gets
    # them at its next update, with nothing else to do.
    for path in Path(ix.dir).glob(f"*.{prefix_tables.EXT}"):
        path.unlink()
    assert ix.update().changed == 0
    for segment in segments:
        path = prefix_tables.table_path(whoosh_ix.storage, segment)
        assert path.exists() == (segment.doc_count_all() >= 2), segment
    # A rebuild replaces the segments; Whoosh deletes their tables with them.
    old = {prefix_tables.table_path(whoosh_ix.storage, s) for s in segments}
    ix.update(rebuild=True)
    assert not any(p.exists() for p in old)
    assert list(Path(ix.dir).glob(f"*.{prefix_tables.EXT}"))
