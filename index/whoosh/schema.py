"""The Whoosh schema glossator indexes articles into."""

from __future__ import annotations

from whoosh.columns import PickleColumn, VarBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from glossator.index.labels import ENTITY_FIELDS
from glossator.index.whoosh.analysis import FastText, body_analyzer, entity_analyzer
from glossator.index.whoosh.formats import compact

#: Bumped whenever the schema or analysis changes; an index written with
#: another value is rebuilt on open. 6: the analysers' pickled module paths
#: moved into the `glossator` namespace; 7: they moved again, into
#: `glossator.index.whoosh`; 8: article date and source, and incident
#: fields (event, killed, injured, actor, place); 9: stored titles pass over
#: a site's navigation line and cut a paragraph-long first line (index/titles.py);
#: 10: positions and characters in the compact posting formats (formats.py),
#: the body no longer stored.
SCHEMA_VERSION = 10
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
        # Not stored: snippets are cut from the article file (when it still
        # holds the indexed text), so the index keeps no second copy.
        "body": FastText(stored=False, chars=True, multitoken_query="phrase"),
        "tags": KEYWORD(stored=True, lowercase=True, commas=True, scorable=True),
        "sha256": STORED(),
        "mtime_ns": STORED(),
        "size": STORED(),
        "sidecar_mtime_ns": STORED(),
        "sidecar_meta": STORED(),
        "decode_errors": STORED(),
        "words": STORED(),
        # The article's date (sidecar, else front matter) and source.
        # (`date:2024-01` reaches it: see `dates.ArticleDatePlugin`.)
        "published": DATETIME(stored=True),
        "source": TEXT(analyzer=entity_analyzer(), stored=True, phrase=True),
        # Incidents: sub-event types as whole lower-cased values
        # (event:"air/drone strike"), the largest reported tolls
        # (killed:[5 TO]), the actors and the places named.
        "event": KEYWORD(lowercase=True, commas=True, scorable=True),
        "killed": NUMERIC(int, bits=32, signed=False),
        "injured": NUMERIC(int, bits=32, signed=False),
        "actor": TEXT(analyzer=entity_analyzer(), phrase=True, multitoken_query="phrase"),
        "place": TEXT(analyzer=entity_analyzer(), phrase=True, multitoken_query="phrase"),
        # (tags, {label: [distinct entity texts]}, [sub-event types]) for facet counts: a column,
        # so counting facets over a thousand hits reads a few bytes of each
        # instead of unpickling its stored body.
        "facets": COLUMN(PickleColumn(VarBytesColumn())),
    }
    entity = entity_analyzer()
    for name in ENTITY_FIELDS:
        fields[name] = TEXT(analyzer=entity, stored=False, phrase=True, multitoken_query="phrase")
    for field in fields.values():
        # Every field with positions (or characters) packs them compactly.
        if isinstance(field, TEXT) and field.format.supports("positions"):
            field.format = compact(field.format)
    return Schema(**fields)
