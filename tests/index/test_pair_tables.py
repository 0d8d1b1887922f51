"""Pair tables hold what the positions say, and phrases read from them match Whoosh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from search_rows import compare_rows, search_rows

from glossator.index.engine import SearchResult
from glossator.index.indexer import Index
from glossator.index.whoosh.speedups import pair_tables, phrases, prefix_tables, scored
from tests.conftest import copy_index

#: Frequent words of both corpora, typed as an analyst would, plus phrases
#: the tables hold only part of (a rare word inside) and none of.
PHRASES = [
    '"last year"', '"also said"', '"said it"', '"the government"', '"said last year"',
    '"year ago"', '"told bbc"', '"new york"', '"prime minister"', 'title:"new year"',
    '"said said"', '"last year" AND minister', '"also said" -brown', '"said" OR "last year"',
    '"last year" OR "also said"', '"minister said last year"', '"zzqx said"',
]  # fmt: skip


@pytest.fixture
def paired(parity_index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Index:
    """A copy of the shared index (deleted documents in its old segments)
    with a pair table for every segment, however small."""
    ix = Index(parity_index.corpus, copy_index(parity_index, tmp_path / "ix"))
    monkeypatch.setattr(pair_tables, "MIN_DOCS", 0)
    whoosh_ix = ix.open().ix  # type: ignore[attr-defined]
    pair_tables.ensure_pairs(whoosh_ix)
    for segment in whoosh_ix._segments():
        assert pair_tables.pairs_path(whoosh_ix.storage, segment).exists()
    prefix_tables._OPEN.clear()
    return ix


def _frequent_phrases(ix: Index, count: int = 12) -> list[str]:
    """The phrases of the pairs the tables hold most documents for."""
    with ix.open().ix.searcher() as s:  # type: ignore[attr-defined]
        found: dict[tuple[bytes, bytes], int] = {}
        for sub, _offset in s.leaf_searchers():
            reader = sub.reader()
            table = pair_tables.pairs_for(reader)
            assert table is not None
            words = sorted(
                table._fields["body"].index, key=lambda w: -reader.doc_frequency("body", w)
            )
            for a in words[:10]:
                for b in words[:10]:
                    docs = table.documents("body", a, b)
                    assert docs is not None
                    found[(a, b)] = found.get((a, b), 0) + len(docs)
    ranked = sorted((n, a, b) for (a, b), n in found.items() if n and a != b)[::-1]
    return [f'"{a.decode()} {b.decode()}"' for _n, a, b in ranked[:count]]


def test_a_built_index_has_pair_tables_for_its_large_segments(parity_index: Index) -> None:
    whoosh_ix = parity_index.open().ix  # type: ignore[attr-defined]
    for segment in whoosh_ix._segments():
        large = segment.doc_count_all() >= pair_tables.MIN_DOCS
        assert pair_tables.pairs_path(whoosh_ix.storage, segment).exists() == large


def _adjacent_by_matcher(reader: Any, field: str, a: bytes, b: bytes) -> list[int]:
    """Every live document where `a` stands just before `b`, from Whoosh's
    own posting matchers."""
    starts: dict[int, set[int]] = {}
    m = reader.postings(field, a)
    while m.is_active():
        starts[m.id()] = set(m.value_as("positions"))
        m.next()
    out = []
    m = reader.postings(field, b)
    while m.is_active():
        first = starts.get(m.id())
        if first and any(p - 1 in first for p in m.value_as("positions")):
            out.append(m.id())
        m.next()
    return out


def test_pairs_are_the_adjacent_positions(paired: Index) -> None:
    with paired.open().ix.searcher() as s:  # type: ignore[attr-defined]
        checked = 0
        for sub, _offset in s.leaf_searchers():
            reader = sub.reader()
            table = pair_tables.pairs_for(reader)
            assert table is not None
            for field in pair_tables.FIELDS:
                words = sorted(table._fields[field].index)
                # The most frequent and the least frequent the table holds.
                words.sort(key=lambda w: -reader.doc_frequency(field, w))
                picked = words[:6] + words[-3:]
                for a in picked:
                    for b in picked:
                        want = _adjacent_by_matcher(reader, field, a, b)
                        got = table.documents(field, a, b)
                        assert got is not None
                        # Whoosh's matchers pass over deleted documents.
                        live = [d for d in got if not reader.is_deleted(d)]
                        assert live == want, (field, a, b)
                        checked += bool(want)
        assert checked > 20


def _rows(ix: Index, queries: list[str]) -> list[Any]:
    searcher = ix.searcher()
    try:
        return search_rows(searcher, queries, digits=None)  # scores to the bit
    finally:
        searcher.close()


def _answers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records, for each pair asked of a table, whether it answered."""
    seen: list[bool] = []
    real = pair_tables.PairTable.documents

    def counted(self: Any, *args: Any) -> Any:
        found = real(self, *args)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(pair_tables.PairTable, "documents", counted)
    return seen


@pytest.mark.parametrize("arrays", [False, True], ids=["dictionaries", "arrays"])
def test_phrases_of_frequent_words_match_whoosh(
    paired: Index, monkeypatch: pytest.MonkeyPatch, arrays: bool
) -> None:
    """Scored term by term, and (every pair's list, however short) as arrays."""
    monkeypatch.setattr(phrases, "ARRAY_PAIRS", 0 if arrays else 10**9)
    summed: list[bool] = []
    real = phrases._pair_scores

    def counted(*args: Any) -> Any:
        found = real(*args)
        summed.append(found is not None)
        return found

    monkeypatch.setattr(phrases, "_pair_scores", counted)
    frequent = _frequent_phrases(paired)
    queries = PHRASES + frequent
    answers = _answers(monkeypatch)
    fast = _rows(paired, queries)
    assert sum(answers) > len(queries), "phrases of frequent words should read the tables"
    assert all(answers)
    assert all(summed) and bool(summed) == arrays
    monkeypatch.setattr(scored, "supported", lambda q, schema: False)
    stock = _rows(paired, queries)
    compare_rows(fast, stock)
    assert sum(1 for row in fast[len(PHRASES) :] if row[1]) >= len(frequent) - 2


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "other segment"])
def test_a_damaged_table_is_not_read(
    paired: Index, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    queries = PHRASES + _frequent_phrases(paired)
    monkeypatch.setattr(scored, "supported", lambda q, schema: False)
    want = _rows(paired, queries)
    monkeypatch.undo()
    paths = sorted(Path(paired.dir).glob(f"*.{pair_tables.EXT}"))
    assert paths
    for i, path in enumerate(paths):
        data = bytearray(path.read_bytes())
        if damage == "truncated":
            data = data[: len(data) * 2 // 3]
        elif damage == "flipped":
            for at in range(len(data) // 2, len(data), 37):
                data[at] ^= 0x5A
        elif damage == "garbage":
            data = bytearray(b"not a table")
        else:
            data = bytearray(paths[(i + 1) % len(paths)].read_bytes())
        path.write_bytes(bytes(data))
    prefix_tables._OPEN.clear()
    compare_rows(_rows(paired, queries), want)


def test_updates_write_pair_tables_for_large_segments(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pair_tables, "MIN_DOCS", 2)
    ix = Index(seeds, tmp_path / "ix")
    ix.update()
    whoosh_ix = ix.open().ix  # type: ignore[attr-defined]
    segments = whoosh_ix._segments()
    # An index from before pair tables gets them at its next update.
    for path in Path(ix.dir).glob(f"*.{pair_tables.EXT}"):
        path.unlink()
    assert ix.update().changed == 0
    for segment in segments:
        path = pair_tables.pairs_path(whoosh_ix.storage, segment)
        assert path.exists() == (segment.doc_count_all() >= 2), segment
    old = {pair_tables.pairs_path(whoosh_ix.storage, s) for s in segments}
    ix.update(rebuild=True)
    assert not any(p.exists() for p in old)


def test_a_segment_with_no_two_common_words_side_by_side_gets_an_empty_table(
    tmp_path: Path,
) -> None:
    # Every article "T<n>" / "w<n> tiny": "tiny" is the one common word, so
    # no pair stands anywhere (a build of 10,000 such files once failed).
    corpus = tmp_path / "tiny"
    corpus.mkdir()
    for n in range(pair_tables.MIN_DOCS + 20):
        (corpus / f"{n:04d}.txt").write_text(f"T{n}\nw{n} tiny\n")
    ix = Index(corpus, tmp_path / "ix")
    ix.update(workers=1)
    whoosh_ix = ix.open().ix  # type: ignore[attr-defined]
    assert all(
        pair_tables.pairs_path(whoosh_ix.storage, segment).exists()
        for segment in whoosh_ix._segments()
    )
    found = ix.searcher().search('"w17 tiny"')
    assert isinstance(found, SearchResult)
    assert [h.article_id for h in found.hits] == ["0017.txt"]
