"""Sidecars written as YAML people can read, edit by hand and diff in git.

`dump_sidecar` writes keys in a fixed order, block lists indented under
their key, multi-line text as literal blocks and ambiguous strings quoted, so
`read_sidecar(dump_sidecar(s))` gives `s` back (tests/annotations/test_ann_roundtrip.py).
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossator.annotations.checks import FIELDS, FieldValue, IncidentCheck
from glossator.annotations.model import SIDECAR_VERSION, Note, Sidecar, Span
from glossator.annotations.yamlsafe import TAG

__all__ = ["dump_sidecar"]


class _Dumper(yaml.SafeDumper):
    """Indents block lists under their key, as people write them by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_ODD_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")


def _str(value: str) -> ScalarNode:
    # PyYAML's emitter mangles the rarer line breaks (NEL, U+2028/9, CR) and BOM
    # in plain, single-quoted and block styles; double quotes escape them exactly.
    if _ODD_BREAKS.search(value):
        return ScalarNode(TAG.STR, value, style='"')
    # A literal block keeps multi-line notes readable; the emitter falls back to
    # quoting by itself when a block cannot represent the text exactly.
    return ScalarNode(TAG.STR, value, style="|" if "\n" in value else None)


def _int(value: int) -> ScalarNode:
    return ScalarNode(TAG.INT, str(value))


def _stamp(value: str) -> ScalarNode:
    # Tagged as a timestamp so it is written unquoted; the reader takes the raw
    # text back, so the exact string round-trips.
    return ScalarNode(TAG.TIMESTAMP, value)


def _map(pairs: list[tuple[str, Node]], flow: bool = False) -> MappingNode:
    return MappingNode(TAG.MAP, [(_str(k), v) for k, v in pairs], flow_style=flow)


def _note_node(note: Note) -> MappingNode:
    return _map(
        [
            ("id", _str(note.id)),
            ("author", _str(note.author)),
            ("created", _stamp(note.created)),
            ("text", _str(note.text)),
            *([("review", _str(note.review))] if note.review else []),
        ]
    )


def _span_node(span: Span) -> MappingNode:
    pairs: list[tuple[str, Node]] = [
        ("id", _str(span.id)),
        ("start", _int(span.start)),
        ("end", _int(span.end)),
        ("quote", _str(span.quote)),
    ]
    pairs += [(k, _str(v)) for k, v in (("prefix", span.prefix), ("suffix", span.suffix)) if v]
    pairs.append(("label", _str(span.label)))
    if span.note:
        pairs.append(("note", _str(span.note)))
    pairs += [("author", _str(span.author)), ("created", _stamp(span.created))]
    if span.orphaned:
        pairs.append(("orphaned", ScalarNode(TAG.BOOL, "true")))
    if span.review:
        pairs.append(("review", _str(span.review)))
    return _map(pairs)


def _value(value: FieldValue) -> ScalarNode:
    if value is None:
        return ScalarNode(TAG.NULL, "null")
    if isinstance(value, int):
        return _int(value)
    if isinstance(value, float):
        # YAML 1.1 reads a float only with a dot in it: 1.0e-05, never 1e-05.
        mantissa, e, exponent = repr(value).partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        return ScalarNode(TAG.FLOAT, mantissa + e + exponent)
    return _str(value)


def _incident_node(check: IncidentCheck) -> MappingNode:
    pairs: list[tuple[str, Node]] = [
        ("id", _str(check.id)),
        ("status", _str(check.status)),
        ("start", _int(check.start)),
        ("end", _int(check.end)),
        ("quote", _str(check.quote)),
    ]
    pairs += [(k, _str(v)) for k, v in (("prefix", check.prefix), ("suffix", check.suffix)) if v]
    values: list[tuple[str, Node]] = [
        (name, _value(check.fields[name])) for name in FIELDS if name in check.fields
    ]
    pairs.append(("fields", _map(values)))
    pairs += [("author", _str(check.author)), ("updated", _stamp(check.updated))]
    if check.orphaned:
        pairs.append(("orphaned", ScalarNode(TAG.BOOL, "true")))
    if check.review:
        pairs.append(("review", _str(check.review)))
    return _map(pairs)


def dump_sidecar(sidecar: Sidecar) -> str:
    """The sidecar as YAML text, keys in the fixed order described above.

    Always in the current format (`SIDECAR_VERSION`), whatever it was read from.
    """
    pairs: list[tuple[str, Node]] = [
        ("version", _int(SIDECAR_VERSION)),
        ("article", _str(sidecar.article)),
        ("article_sha256", _str(sidecar.article_sha256)),
    ]
    if sidecar.date:
        pairs.append(("date", _stamp(sidecar.date)))
    if sidecar.source:
        pairs.append(("source", _str(sidecar.source)))
    pairs.append(("tags", SequenceNode(TAG.SEQ, [_str(t) for t in sidecar.tags], flow_style=True)))
    if sidecar.rating is not None:
        r = sidecar.rating
        rating_pairs: list[tuple[str, Node]] = [
            ("reliability", _str(r.reliability)),
            ("credibility", _int(r.credibility)),
        ]
        if r.by:
            rating_pairs.append(("by", _str(r.by)))
        if r.rated:
            # Quoted: in a flow mapping PyYAML would spell out a timestamp tag.
            rating_pairs.append(("rated", _str(r.rated)))
        rating = _map(rating_pairs, flow=True)
        pairs.append(("rating", rating))
    pairs.append(
        ("notes", SequenceNode(TAG.SEQ, [_note_node(n) for n in sidecar.notes], flow_style=False))
    )
    pairs.append(
        ("spans", SequenceNode(TAG.SEQ, [_span_node(s) for s in sidecar.spans], flow_style=False))
    )
    incidents = [_incident_node(c) for c in sidecar.incidents]
    pairs.append(("incidents", SequenceNode(TAG.SEQ, incidents, flow_style=False)))
    out = yaml.serialize(_map(pairs), Dumper=_Dumper, allow_unicode=True, width=80)
    return str(out)
