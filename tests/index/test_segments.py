"""`BulkSegmentWriter` writes the same segment files as Whoosh's own writer."""

from __future__ import annotations

from pathlib import Path

import pytest
from segment_support import docs as _docs
from segment_support import schemas as _schemas
from segment_support import segment_files as _segment_files
from whoosh import index as windex
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, TEXT, Schema
from whoosh.writing import SegmentWriter

from glossator.index.whoosh.codec import CompactCodec
from glossator.index.whoosh.schema import build_schema
from glossator.index.whoosh.speedups.segments import BulkSegmentWriter, MergingSegmentWriter

#: Whoosh's own codec and glossator's (packed posting blocks): both writers
#: must write the same files with either.
CODECS = {"w3": W3Codec, "compact": CompactCodec}


def _write(
    folder: Path, schema: Schema, docs: list[dict[str, object]], cls: type, codec: str = "w3"
) -> None:
    folder.mkdir()
    ix = windex.create_in(str(folder), schema)
    writer = cls(ix, compound=False, codec=CODECS[codec]())
    for doc in docs:
        writer.add_document(**{k: v for k, v in doc.items() if k in schema})
    writer.commit()


@pytest.mark.parametrize("codec", sorted(CODECS))
@pytest.mark.parametrize("schema_name", ["mixed", "glossator"])
def test_bulk_writer_matches_segment_writer(tmp_path: Path, schema_name: str, codec: str) -> None:
    docs = _docs(300)
    _write(tmp_path / "stock", _schemas()[schema_name], docs, SegmentWriter, codec)
    _write(tmp_path / "bulk", _schemas()[schema_name], docs, BulkSegmentWriter, codec)
    stock = _segment_files(tmp_path / "stock")
    bulk = _segment_files(tmp_path / "bulk")
    assert stock.keys() == bulk.keys()
    for ext in stock:
        assert stock[ext] == bulk[ext], f"{ext} differs"


def test_bulk_writer_with_boosts_and_stored_values(tmp_path: Path) -> None:
    docs = [
        {"id": f"d{i}", "body": f"alpha beta {'gamma ' * i}", "_body_boost": 1.0 + i % 3,
         "_stored_body": f"shown {i}", "_boost": 2.0 if i % 5 == 0 else 1.0}
        for i in range(150)
    ]  # fmt: skip

    def schema() -> Schema:
        return Schema(id=ID(stored=True), body=TEXT(stored=True, chars=True))

    for name, cls in (("stock", SegmentWriter), ("bulk", BulkSegmentWriter)):
        (tmp_path / name).mkdir()
        ix = windex.create_in(str(tmp_path / name), schema())
        writer = cls(ix, compound=False)
        for doc in docs:
            writer.add_document(**doc)
        writer.commit()
    assert _segment_files(tmp_path / "stock") == _segment_files(tmp_path / "bulk")
    with windex.open_dir(str(tmp_path / "bulk")).searcher() as s:
        assert s.stored_fields(3)["body"] == "shown 3"


def test_bulk_writer_refuses_merging(tmp_path: Path) -> None:
    ix = windex.create_in(str(tmp_path), build_schema())
    writer = BulkSegmentWriter(ix)
    with pytest.raises(NotImplementedError):
        writer.add_reader(None)
    writer.cancel()


def _three_segments(folder: Path, schema: Schema) -> None:
    """An index of three segments; the second has deleted documents."""
    folder.mkdir()
    ix = windex.create_in(str(folder), schema)
    docs = _docs(360)
    for part in range(3):
        writer = ix.writer()
        for doc in docs[part * 120 : part * 120 + 120]:
            writer.add_document(**{k: v for k, v in doc.items() if k in schema})
        writer.commit(merge=False)
    writer = ix.writer()
    for i in range(130, 200, 3):
        writer.delete_by_term("id", f"doc-{i}")
    writer.commit(merge=False)


def _merge_all(folder: Path, cls: type, codec: str) -> None:
    from whoosh.reading import SegmentReader

    ix = windex.open_dir(str(folder))

    def everything(writer: SegmentWriter, segments: list[object]) -> list[object]:
        for seg in segments:
            writer.add_reader(SegmentReader(writer.storage, writer.schema, seg))
        return []

    writer = cls(ix, compound=False, codec=CODECS[codec]())
    writer.commit(mergetype=everything)


@pytest.mark.parametrize("codec", sorted(CODECS))
@pytest.mark.parametrize("schema_name", ["mixed", "glossator"])
def test_merging_writer_matches_segment_writer(
    tmp_path: Path, schema_name: str, codec: str
) -> None:
    for name, cls in (("stock", SegmentWriter), ("merged", MergingSegmentWriter)):
        _three_segments(tmp_path / name, _schemas()[schema_name])
        _merge_all(tmp_path / name, cls, codec)
    stock = _segment_files(tmp_path / "stock")
    merged = _segment_files(tmp_path / "merged")
    assert {"trm", "pst"} <= set(stock)
    assert stock.keys() == merged.keys()
    for ext in stock:
        assert stock[ext] == merged[ext], f"{ext} differs"
    ix = windex.open_dir(str(tmp_path / "merged"))
    assert ix.doc_count() == 360 - len(range(130, 200, 3))
    with ix.searcher() as s:
        assert s.document_number(id="doc-130") is None
        assert s.document_number(id="doc-131") is not None


def test_merging_writer_refuses_new_documents(tmp_path: Path) -> None:
    ix = windex.create_in(str(tmp_path), build_schema())
    writer = MergingSegmentWriter(ix)
    with pytest.raises(NotImplementedError):
        writer.add_document(id="x")
    writer.cancel()
