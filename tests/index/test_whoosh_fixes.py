"""glossator's faster Whoosh segment writing produces the very same files.

`index.whoosh.speedups.patches` replaces `W3FieldWriter.add_postings` with an inlined
loop. The on-disk format must not change by a byte, so an index written
with the fix is compared file by file with one written by stock Whoosh
from the same documents, including posting lists long enough to span
several blocks and fields with and without length columns.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from segment_support import docs as _docs
from segment_support import schemas as _schemas
from segment_support import segment_files as _segment_files
from whoosh import index as windex
from whoosh.codec import whoosh3
from whoosh.fields import Schema
from whoosh.util.numeric import byte_to_length

from glossator.index.whoosh import speedups
from glossator.index.whoosh.codec import CompactCodec
from glossator.index.whoosh.schema import build_schema
from glossator.index.whoosh.speedups import patches as whoosh_fixes


@pytest.fixture(autouse=True)
def _installed() -> None:
    """The fixes are installed explicitly (as `WhooshEngine` does), never on import."""
    assert speedups.install() is None


def _write(folder: Path, schema: Schema, docs: list[dict[str, object]], fixed: bool) -> None:
    folder.mkdir()
    ix = windex.create_in(str(folder), schema)
    original = whoosh3.W3FieldWriter.add_postings
    whoosh3.W3FieldWriter.add_postings = (
        whoosh_fixes._add_postings if fixed else whoosh_fixes._stock_add_postings
    )
    try:
        writer = ix.writer(compound=False)
        for doc in docs:
            writer.add_document(**{k: v for k, v in doc.items() if k in schema})
        writer.commit()
    finally:
        whoosh3.W3FieldWriter.add_postings = original


@pytest.mark.parametrize("schema_name", ["mixed", "glossator"])
def test_fixed_add_postings_writes_identical_segments(tmp_path: Path, schema_name: str) -> None:
    # 300 documents: "common" has far more than one block (100 postings) of them.
    docs = _docs(300)
    schema = _schemas()[schema_name]
    _write(tmp_path / "stock", schema, docs, fixed=False)
    _write(tmp_path / "fixed", _schemas()[schema_name], docs, fixed=True)
    stock = _segment_files(tmp_path / "stock")
    fixed = _segment_files(tmp_path / "fixed")
    assert stock.keys() == fixed.keys()
    assert {"trm", "pst", "_body_len.col"} <= set(stock)
    for ext in stock:
        assert stock[ext] == fixed[ext], f"{ext} differs"


def test_the_whoosh_engine_installs_the_fixes(tmp_path: Path) -> None:
    from glossator.index.whoosh.backend import WhooshEngine

    notices: list[str] = []
    engine = WhooshEngine(tmp_path, lock_wait=1.0, notice=notices.append)
    assert engine.fast and not notices
    assert whoosh3.W3FieldWriter.add_postings is whoosh_fixes._add_postings


def test_view_file_reads_like_bytesio() -> None:
    import io
    import pickle

    data = pickle.dumps({"a": [1, 2, 3]}) + b"line one\nline two\n" + bytes(range(256)) * 4
    rng = random.Random(3)
    view_file = whoosh_fixes._ViewFile(memoryview(data))
    plain = io.BytesIO(data)
    assert pickle.load(view_file) == pickle.load(plain)  # type: ignore[arg-type]
    for _ in range(500):
        op = rng.choice(["read", "readline", "seek", "seek_cur", "seek_end", "tell"])
        if op == "read":
            n = rng.choice([-1, 0, 1, 7, 100, 5000])
            assert view_file.read(n) == plain.read(n)
        elif op == "readline":
            assert view_file.readline() == plain.readline()
        elif op == "seek":
            pos = rng.randrange(0, len(data) + 10)
            assert view_file.seek(pos) == plain.seek(pos)
        elif op == "seek_cur":
            off = rng.randrange(-5, 50)
            if plain.tell() + off >= 0:
                assert view_file.seek(off, 1) == plain.seek(off, 1)
        elif op == "seek_end":
            off = -rng.randrange(0, 40)
            assert view_file.seek(off, 2) == plain.seek(off, 2)
        assert view_file.tell() == plain.tell()


def test_segment_files_are_read_from_the_mapping(tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    folder.mkdir()
    ix = windex.create_in(str(folder), build_schema())
    writer = ix.writer()
    for doc in _docs(50):
        writer.add_document(id=doc["id"], title=doc["title"], body=doc["body"])
    writer.commit()
    with ix.searcher() as s:
        postings = s.reader()._terms._postfile
        assert isinstance(postings.file, whoosh_fixes._ViewFile)
        assert s.document_number(id="doc-7") == 7
        assert s.stored_fields(7)["title"] == _docs(50)[7]["title"]


def test_bm25f_scores_are_bit_identical(tmp_path: Path) -> None:
    from whoosh import scoring
    from whoosh.qparser import QueryParser

    folder = tmp_path / "ix"
    folder.mkdir()
    ix = windex.create_in(str(folder), build_schema())
    for part in range(3):  # several segments, so each has its own lengths
        writer = ix.writer()
        for doc in _docs(200)[part * 60 : part * 60 + 60]:
            writer.add_document(id=doc["id"], title=doc["title"], body=doc["body"])
        writer.commit(merge=False)
    queries = ["common", "w1 OR w2", "w3 w4", '"common w5"', "w1*", "title:title"]

    def scores() -> list[list[tuple[int, float]]]:
        out = []
        with ix.searcher() as s:
            for q in queries:
                parsed = QueryParser("body", ix.schema).parse(q)
                out.append([(hit.docnum, hit.score) for hit in s.search(parsed, limit=None)])
        return out

    fixed = scores()
    patched_init, patched_score = scoring.BM25FScorer.__init__, scoring.BM25FScorer.score
    scoring.BM25FScorer.__init__ = whoosh_fixes._stock_bm25f_init  # type: ignore[method-assign]
    del scoring.BM25FScorer.score
    try:
        stock = scores()
    finally:
        scoring.BM25FScorer.__init__ = patched_init  # type: ignore[method-assign]
        scoring.BM25FScorer.score = patched_score  # type: ignore[method-assign]
    assert all(fixed)
    assert fixed == stock


def test_pickles_are_read_from_a_mapping_in_sequence() -> None:
    import pickle

    from whoosh.filedb.structfile import BufferFile

    values = [(1, 2.0, None), {"body": "x" * 100_000}, "short", list(range(5000)), b"\x2e" * 700]
    data = b"".join(pickle.dumps(v, 2) for v in values) + b"tail"
    f = BufferFile(memoryview(data))
    assert [f.read_pickle() for _ in values] == values
    assert f.read(4) == b"tail"
    cut = BufferFile(memoryview(pickle.dumps({"body": "y" * 2000}, 2)[:900]))
    with pytest.raises((EOFError, pickle.UnpicklingError)):
        cut.read_pickle()


def test_length_columns_read_whole_give_whoosh_s_values(tmp_path: Path) -> None:
    """A length column read as one `bytes` holds what Whoosh's reader yields
    document by document: lengths of every size, documents with no body
    (a zero byte) in the middle and at the end, where the column stops
    short of the segment's document count."""
    folder = tmp_path / "ix"
    folder.mkdir()
    ix = windex.create_in(str(folder), build_schema())
    writer = ix.writer(codec=CompactCodec())  # glossator's codec, as `open_writer` makes it
    rng = random.Random(7)
    for n in range(300):
        words = 0 if n % 17 == 0 or n >= 290 else rng.choice([1, 2, 5, 40, 300, 5000])
        writer.add_document(id=f"a{n}", title=f"t{n}", body=" ".join(["strike"] * words))
    writer.commit()
    with ix.searcher() as s:
        reader = s.reader()
        perdoc = reader._perdoc
        for field in ("title", "body"):
            name = whoosh3._lenfield(field)
            assert perdoc.has_column(name)
            stock = list(perdoc.column_reader(name, whoosh3.LENGTHS_COLUMN))
            whole = whoosh_fixes._length_bytes(perdoc.column_reader(name, whoosh3.LENGTHS_COLUMN))
            assert isinstance(whole, bytes)
            assert list(whole) == stock and len(stock) == reader.doc_count_all()
            assert [reader.doc_field_length(d, field) for d in range(300)] == [
                byte_to_length(b) if b else None for b in stock
            ]
        assert stock[-1] == 0 and max(stock) > 100  # the body's column stops short
