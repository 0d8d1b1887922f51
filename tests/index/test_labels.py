"""One registry of entity labels: the index fields, query fields and facets follow it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from glossator.index import labels
from glossator.index.query import USER_FIELDS, validate
from glossator.index.whoosh.schema import build_schema


def test_every_label_has_a_search_field_a_query_may_name() -> None:
    schema = build_schema()
    assert labels.LABELS == tuple(label.name for label in labels.ENTITY_LABELS)
    assert len(set(labels.LABELS)) == len(labels.LABELS)
    for label in labels.ENTITY_LABELS:
        assert label.field in schema, label
        assert label.field in USER_FIELDS
        assert validate(f"{label.field}:x") is None


def test_a_new_label_reaches_the_index_and_rebuilds_an_old_one(seeds: Path) -> None:
    """Registering a label (here added before anything reads the registry)
    is all it takes: the schema, the query fields and the facets follow,
    and an index written without it is rebuilt."""
    from glossator.index.indexer import Index

    Index(seeds).update()
    code = f"""
import glossator.index.labels as labels
labels.ENTITY_LABELS += (labels.EntityLabel("VEHICLE", "named vehicles"),)
labels.LABELS = tuple(label.name for label in labels.ENTITY_LABELS)
labels.ENTITY_FIELDS = tuple(label.field for label in labels.ENTITY_LABELS)
from glossator.index.indexer import Index
from glossator.index.query import validate
notices = []
ix = Index({str(seeds)!r}, notice=notices.append)
ix.update()
assert any("another set of entity labels" in n for n in notices), notices
assert "vehicle" in ix.open().ix.schema
assert validate("vehicle:humvee") is None
assert ix.searcher().search("militiaman").total == 1
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
