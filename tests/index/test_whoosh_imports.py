"""Whoosh imported without the modules it never uses, and those modules
whole for whoever imports them afterwards."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import glossator.index.whoosh.searcher
import whoosh.compat, whoosh.reading
unused = ("urllib.request", "asyncio", "cached_property", "whoosh.lang.morph_en")
before = [m for m in unused if m in sys.modules]
import urllib.request
import cached_property
print(before)
print(urllib.request.urlopen.__module__, hasattr(urllib.request, "Request"))
print(cached_property.threaded_cached_property.__name__)
print(whoosh.compat.urlretrieve.__name__)
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Variations
ix = RamStorage().create_index(Schema(body=TEXT(stored=True)))
with ix.writer() as w:
    for text in ("she rendered it", "he renders it", "they render it", "a tender"):
        w.add_document(body=text)
with ix.searcher() as s:
    print(sorted(hit["body"] for hit in s.search(Variations("body", "render"))))
"""


def _probe() -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    return out.stdout.splitlines()


def test_whoosh_is_imported_without_urllib_request_or_asyncio() -> None:
    before, request, cached, urlretrieve, same = _probe()
    assert before == "[]"
    assert request == "urllib.request True"
    assert cached == "threaded_cached_property"
    assert urlretrieve == "urlretrieve"
    assert same == "['he renders it', 'she rendered it', 'they render it']"


def test_a_stand_in_hands_out_the_real_modules_other_names() -> None:
    import json

    from glossator.index.whoosh.imports import _StandIn

    stand_in = _StandIn("json", dumps=None)
    assert stand_in.loads("[1]") == [1]
    assert stand_in.dumps is None
    assert sys.modules["json"] is json


def test_a_segment_readers_deleted_documents_are_still_cached(tmp_path: object) -> None:
    from pathlib import Path

    from whoosh import fields, index

    folder = Path(str(tmp_path))
    ix = index.create_in(folder, fields.Schema(id=fields.ID(stored=True, unique=True)))
    with ix.writer() as writer:
        for n in range(3):
            writer.add_document(id=str(n))
    with ix.writer() as writer:
        writer.delete_by_term("id", "1")
    with ix.reader() as reader:
        first = reader.deleted_docs_set
        assert first == frozenset({1})
        assert reader.deleted_docs_set is first
