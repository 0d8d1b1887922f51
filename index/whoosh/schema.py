"""The Whoosh schema glossator indexes articles into."""

from __future__ import annotations

from whoosh.columns import PickleColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from glossator.index.labels import ENTITY_FIELDS
from glossator.index.whoosh.analysis import FastText, body_analyzer, entity_analyzer

#: Bumped whenever the schema or analysis changes; an index written with
#: another value is rebuilt on open. 6: the analysers' pickled module paths
#: moved into the `glossator` namespace; 7: they moved again, into
#: `glossator.index.whoosh`.
SCHEMA_VERSION = 7
TITLE_BOOST = 2.0


def build_schema() -> Schema:
    """A fresh schema: text fields, the tags keyword field and one field per entity label."""
    body = body_analyzer()
    fields = {
        "id": ID(stored=True, unique=True),
        # Stored with character positions, so snippets are cut without
        # re-analysing the text (about ten times faster per page of hits).
        "title": TEXT(
            analyzer=body,
            stored=True,
            field_boost=TITLE_BOOST,
            chars=True,
            multitoken_query="phrase",
        ),
        "body": FastText(stored=True, chars=True, multitoken_query="phrase"),
        "tags": KEYWORD(stored=True, lowercase=True, commas=True, scorable=True),
        "sha256": STORED(),
        "mtime_ns": STORED(),
        "size": STORED(),
        "sidecar_mtime_ns": STORED(),
        "decode_errors": STORED(),
        "words": STORED(),
        # (tags, {label: [distinct entity texts]}) for facet counts: a column,
        # so counting facets over a thousand hits reads a few bytes of each
        # instead of unpickling its stored body.
        "facets": COLUMN(PickleColumn(VarBytesColumn())),
    }
    entity = entity_analyzer()
    for name in ENTITY_FIELDS:
        fields[name] = TEXT(analyzer=entity, stored=False, phrase=True, multitoken_query="phrase")
    return Schema(**fields)
