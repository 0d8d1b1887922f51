"""Reading what sidecar version 2 added: ``date``, ``source`` and ``incidents``.

Kept beside `annotations.codec` (which calls it with its `NodeReader`, so problems
are collected with their lines in the same way). A version 1 file has none
of these keys; it is read as a version 2 file with no date, no source and no
incident checks, which is the whole migration.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import Node, ScalarNode

from glossator.annotations.checks import (
    FIELDS,
    STATUSES,
    FieldValue,
    IncidentCheck,
    field_value,
    normalise_date,
    normalise_source,
)
from glossator.annotations.errors import InvalidValue
from glossator.annotations.model import Sidecar
from glossator.annotations.yaml_reader import NodeReader
from glossator.annotations.yamlsafe import TAG, scalar_value

__all__ = ["INCIDENT_KEYS", "V2_KEYS", "read_v2_keys"]

#: Top-level keys version 2 added.
V2_KEYS = ("date", "source", "incidents")
INCIDENT_KEYS = (
    "id",
    "status",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "fields",
    "author",
    "updated",
    "orphaned",
    "review",
)
_INCIDENT_REQUIRED = ("id", "status", "start", "end", "quote", "author", "updated")


def read_v2_keys(
    reader: NodeReader, fields: dict[str, Node], result: Sidecar, seen: dict[str, int]
) -> None:
    """Fill `result.date`, `.source` and `.incidents` from the top-level `fields`."""
    if "date" in fields:
        result.date = _checked(reader, fields["date"], "date", normalise_date, timestamp=True)
    if "source" in fields:
        result.source = _checked(reader, fields["source"], "source", normalise_source)
    if "incidents" in fields:
        for node in reader.items(fields["incidents"], "incidents"):
            check = _incident(reader, node, seen, result.article_sha256)
            if check is not None:
                result.incidents.append(check)


def _checked(
    reader: NodeReader, node: Node, what: str, normalise: Any, *, timestamp: bool = False
) -> str:
    if isinstance(node, ScalarNode) and node.tag == TAG.NULL:
        return ""
    value = reader.text(node, what, timestamp=timestamp)
    if value is None:
        return ""
    try:
        return str(normalise(value))
    except InvalidValue as exc:
        reader.problem(node, str(exc))
        return ""


def _field(reader: NodeReader, name: str, node: Node) -> tuple[bool, FieldValue]:
    if not isinstance(node, ScalarNode) or node.tag == TAG.BOOL:
        reader.problem(
            node, f"incident field {name} must be text or a number, not {reader.found(node)}"
        )
        return False, None
    # Dates and text are taken as written, so the exact string round-trips.
    raw: Any = node.value if node.tag in (TAG.STR, TAG.TIMESTAMP) else scalar_value(node)
    try:
        return True, field_value(name, raw)
    except InvalidValue as exc:
        reader.problem(node, f"incident {exc}")
        return False, None


def _incident(
    reader: NodeReader, node: Node, seen: dict[str, int], sidecar_sha: str
) -> IncidentCheck | None:
    fields = reader.mapping(node, "an incident", INCIDENT_KEYS)
    if fields is None or not reader.require(fields, node, "an incident", _INCIDENT_REQUIRED):
        return None
    values = reader.anchored(fields, "incident", seen, "updated")
    values["status"] = reader.text(fields["status"], "incident status")
    values["fields"] = _fields(reader, fields.get("fields"))
    values["review"] = (
        reader.text(fields["review"], "incident review", optional=True)
        if "review" in fields
        else ""
    )
    if values["status"] is not None and values["status"] not in STATUSES:
        reader.problem(
            fields["status"],
            f"incident status {values['status']!r} must be one of {', '.join(STATUSES)}",
        )
        return None
    if any(v is None for v in values.values()):
        return None
    if not reader.offsets_fit(fields, values, "incident", sidecar_sha):
        return None
    return IncidentCheck(**values)


def _fields(reader: NodeReader, node: Node | None) -> dict[str, FieldValue] | None:
    if node is None or (isinstance(node, ScalarNode) and node.tag == TAG.NULL):
        return {}
    found = reader.mapping(node, "incident fields", FIELDS)
    if found is None:
        return None
    out: dict[str, FieldValue] = {}
    ok = True
    for name in FIELDS:
        if name in found:
            good, value = _field(reader, name, found[name])
            ok = ok and good
            out[name] = value
    return out if ok else None
