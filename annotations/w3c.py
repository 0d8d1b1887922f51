"""The W3C Web Annotation export: an `AnnotationCollection` in JSON-LD.

Tags are bodies with purpose `tagging`, notes with purpose `commenting`, spans
carry a `TextQuoteSelector` and a `TextPositionSelector` (DESIGN.md section 9).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from glossator.annotations.records import ExportRecord

__all__ = ["W3C_CONTEXT", "render_w3c"]

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Deterministic annotation ids, so re-exporting the same data gives the same file.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://glossator.invalid/annotations")


def _w3c_id(path: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, f'{path}#{key}')}"


def _body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose}


def _creator(name: str) -> dict[str, str]:
    return {"type": "Person", "name": name}


def _w3c_items(record: ExportRecord) -> Iterator[dict[str, Any]]:
    sidecar, path = record.sidecar, record.path
    source = record.source or f"urn:glossator:{quote(path, safe='/')}"
    whole = {"source": source}
    if sidecar.tags:
        yield {
            "id": _w3c_id(path, "tags"),
            "type": "Annotation",
            "motivation": "tagging",
            "body": [_body(t, "tagging") for t in sidecar.tags],
            "target": whole,
        }
    if sidecar.rating is not None:
        rating = sidecar.rating
        yield {
            "id": _w3c_id(path, "rating"),
            "type": "Annotation",
            "motivation": "assessing",
            "body": _body(f"{rating.code}: {rating.meaning}", "assessing"),
            "target": whole,
        }
    for note in sidecar.notes:
        yield {
            "id": _w3c_id(path, note.id),
            "type": "Annotation",
            "motivation": "commenting",
            "creator": _creator(note.author),
            "created": note.created,
            "body": _body(note.text, "commenting"),
            "target": whole,
        }
    for span in sidecar.spans:
        selectors: list[dict[str, Any]] = [
            {
                "type": "TextQuoteSelector",
                "exact": span.quote,
                "prefix": span.prefix,
                "suffix": span.suffix,
            },
        ]
        if not span.orphaned:  # an orphan's offsets no longer select anything
            selectors.append({"type": "TextPositionSelector", "start": span.start, "end": span.end})
        bodies = [_body(span.label, "tagging")]
        if span.note:
            bodies.append(_body(span.note, "commenting"))
        yield {
            "id": _w3c_id(path, span.id),
            "type": "Annotation",
            "motivation": "highlighting",
            "creator": _creator(span.author),
            "created": span.created,
            "body": bodies,
            "target": {"source": source, "selector": selectors},
        }


def render_w3c(records: list[ExportRecord]) -> str:
    """A W3C Web Annotation `AnnotationCollection` (JSON-LD) of the records."""
    items = [item for record in records for item in _w3c_items(record)]
    # The same annotations give the same collection and page ids.
    key = "\n".join(item["id"] for item in items)
    collection_id = "urn:uuid:" + str(uuid.uuid5(_ID_NAMESPACE, "collection\n" + key))
    page_id = "urn:uuid:" + str(uuid.uuid5(_ID_NAMESPACE, "page 0\n" + key))
    collection = {
        "@context": W3C_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "glossator annotations",
        "total": len(items),
        "first": {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        },
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
