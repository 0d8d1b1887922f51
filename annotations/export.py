"""Exports of annotated articles: csv, json, jsonl, md and W3C Web Annotation.

``export`` turns records into text; ``write_export`` puts the text on disk
without ever clobbering an existing file unless told to (DESIGN.md section 9).
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from glossator.annotations.errors import ExportError
from glossator.annotations.fsio import atomic_write
from glossator.annotations.model import Note, Sidecar, Span

__all__ = [
    "CSV_COLUMNS",
    "FILE_FORMATS",
    "FORMATS",
    "ExportError",
    "ExportRecord",
    "FileFormat",
    "article_iri",
    "export",
    "file_format_names",
    "write_export",
]

CSV_COLUMNS = (
    "path",
    "title",
    "kind",
    "value",
    "label",
    "quote",
    "start",
    "end",
    "note",
    "author",
    "created",
)
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Deterministic annotation ids, so re-exporting the same data gives the same file.
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://glossator.invalid/annotations")
# Spreadsheets run cells starting with these as formulas (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What a terminal acts on: C0 controls but newline and tab, DEL, C1 controls,
# bidi overrides and isolates. Article ids are file names and notes come from
# hand-editable sidecars, so either may hold an escape sequence; the formats
# people read (csv, md) are often printed straight to a terminal. (The same
# set as index.sanitize, which this package may not import.)
_TERMINAL_ACTIVE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _inert(text: str) -> str:
    """``text`` with every terminal-active character shown as U+FFFD."""
    return _TERMINAL_ACTIVE.sub("\ufffd", text)


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One article to export: its id (path), title, text hash and sidecar."""

    path: str
    title: str
    sha256: str
    sidecar: Sidecar
    source: str = ""
    """The article's IRI, the W3C export's `target.source` (see `article_iri`);
    empty: `urn:glossator:<path>`."""


def article_iri(corpus: str, path: str, base: str | None = None) -> str:
    """An IRI for an article: `urn:glossator:<corpus>/<path>` (percent-encoded),
    or `base` followed by the path (say `https://archive.example/news/`)."""
    prefix = base if base is not None else f"urn:glossator:{quote(corpus, safe='')}/"
    return prefix + quote(path, safe="/")


def export(records: Iterable[ExportRecord], fmt: str) -> str:
    """Render ``records`` in ``fmt`` (one of ``FORMATS``); raises ExportError."""
    try:
        render = FILE_FORMATS[fmt].render
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}"
        ) from None
    return render(list(records))


def write_export(content: str, dest: Path, force: bool = False) -> None:
    """Write an export atomically as UTF-8; an existing file needs ``force``."""
    dest = Path(dest)
    if dest.is_dir():
        raise ExportError(f"{dest} is a folder; give a file name")
    if not dest.parent.is_dir():
        raise ExportError(f"folder {dest.parent} does not exist; create it first")
    if dest.exists() and not force:
        raise ExportError(f"{dest} already exists; pass --force to overwrite it")
    try:
        atomic_write(dest, content.encode("utf-8"), overwrite=force)
    except FileExistsError:
        raise ExportError(f"{dest} already exists; pass --force to overwrite it") from None
    except OSError as exc:
        raise ExportError(f"cannot write {dest}: {exc.strerror or exc}") from exc


# -- json / jsonl -------------------------------------------------------------------


def _note_dict(note: Note) -> dict[str, Any]:
    return {"id": note.id, "author": note.author, "created": note.created, "text": note.text}


def _span_dict(span: Span) -> dict[str, Any]:
    return {
        "id": span.id,
        "start": span.start,
        "end": span.end,
        "quote": span.quote,
        "prefix": span.prefix,
        "suffix": span.suffix,
        "label": span.label,
        "note": span.note,
        "author": span.author,
        "created": span.created,
        "orphaned": span.orphaned,
    }


def record_dict(record: ExportRecord) -> dict[str, Any]:
    """The JSON object of one article (the shape of the json and jsonl exports)."""
    sidecar = record.sidecar
    rating = sidecar.rating
    return {
        "path": record.path,
        "title": record.title,
        "sha256": record.sha256,
        "tags": list(sidecar.tags),
        "rating": None
        if rating is None
        else {"reliability": rating.reliability, "credibility": rating.credibility},
        "notes": [_note_dict(n) for n in sidecar.notes],
        "spans": [_span_dict(s) for s in sidecar.spans],
    }


def _json(records: list[ExportRecord]) -> str:
    return json.dumps([record_dict(r) for r in records], ensure_ascii=False, indent=2) + "\n"


def _jsonl(records: list[ExportRecord]) -> str:
    return "".join(json.dumps(record_dict(r), ensure_ascii=False) + "\n" for r in records)


# -- csv ----------------------------------------------------------------------------


def _cell(value: str | int) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + _inert(value)
    return _inert(value) if isinstance(value, str) else value


def _csv_rows(record: ExportRecord) -> Iterator[dict[str, str | int]]:
    sidecar = record.sidecar
    if sidecar.rating is not None:
        yield {"kind": "rating", "value": sidecar.rating.code, "label": sidecar.rating.meaning}
    for tag in sidecar.tags:
        yield {"kind": "tag", "value": tag}
    for note in sidecar.notes:
        yield {
            "kind": "note",
            "value": note.id,
            "note": note.text,
            "author": note.author,
            "created": note.created,
        }
    for span in sidecar.spans:
        # An orphaned span's offsets point at nothing; leave them blank.
        where: dict[str, str | int] = (
            {"start": "", "end": ""} if span.orphaned else {"start": span.start, "end": span.end}
        )
        yield {
            "kind": "span",
            "value": span.id,
            "label": span.label,
            "quote": span.quote,
            "note": span.note,
            "author": span.author,
            "created": span.created,
            **where,
        }


def _csv(records: list[ExportRecord]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        for row in _csv_rows(record):
            row.update(path=record.path, title=record.title)
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


# -- markdown -----------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~#!])")
_MD_BLOCK_MARK = re.compile(r"^(\s*)([-+=>])")
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally (inline, one line or many)."""
    lines = []
    for line in text.split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line)
        # Line starts that would turn the text into a list, quote or heading.
        line = _MD_BLOCK_MARK.sub(r"\1\\\2", line)
        lines.append(_MD_NUMBERED.sub(r"\1\\\2", line))
    return "\n".join(lines)


def _md_quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in md_escape(text).split("\n")]


def _md_lines(text: str) -> list[str]:
    # Two trailing spaces keep the note's own line breaks.
    return [
        line + "  " if i < text.count("\n") else line
        for i, line in enumerate(md_escape(text).split("\n"))
    ]


def _md_article(record: ExportRecord) -> list[str]:
    sidecar = record.sidecar
    out = [f"## {md_escape(record.title) or md_escape(record.path)}", ""]
    out.append(f"- Path: {md_escape(record.path)}")
    tags = ", ".join(md_escape(t) for t in sidecar.tags) or "none"
    out.append(f"- Tags: {tags}")
    if sidecar.rating is not None:
        out.append(f"- Rating: {sidecar.rating.code} ({sidecar.rating.meaning})")
    out.append("")
    if sidecar.spans:
        out += ["### Passages", ""]
        for span in sidecar.spans:
            out += _md_quote(span.quote)
            place = (
                "orphaned: no longer in the text"
                if span.orphaned
                else f"characters {span.start}-{span.end}"
            )
            out += [
                "",
                f"**{md_escape(span.label)}**, {md_escape(span.author)}, "
                f"{span.created[:10]} ({place})",
            ]
            if span.note:
                out += ["", *_md_lines(span.note)]
            out.append("")
    if sidecar.notes:
        out += ["### Notes", ""]
        for note in sidecar.notes:
            body = _md_lines(note.text)
            out.append(f"- **{md_escape(note.author)}**, {note.created[:10]}: {body[0]}")
            out += [f"  {line}" for line in body[1:]]
        out.append("")
    return out


def _md(records: list[ExportRecord]) -> str:
    out = ["# Annotations", "", f"{len(records)} article{'s' if len(records) != 1 else ''}", ""]
    for record in records:
        out += _md_article(record)
    return _inert("\n".join(out).rstrip("\n") + "\n")


# -- W3C Web Annotation -------------------------------------------------------------


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


def _w3c(records: list[ExportRecord]) -> str:
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


@dataclass(frozen=True, slots=True)
class FileFormat:
    """One export format: how it renders and the file name suffix it is saved with."""

    render: Callable[[list[ExportRecord]], str]
    suffix: str
    """Without the dot; the export dialog renames `glossator-export.*` to it."""


#: Every export format, by the name the CLI (`--format`) and the dialog use.
#: Adding a format here is all it takes for both to offer it.
FILE_FORMATS: dict[str, FileFormat] = {
    "csv": FileFormat(_csv, "csv"),
    "json": FileFormat(_json, "json"),
    "jsonl": FileFormat(_jsonl, "jsonl"),
    "md": FileFormat(_md, "md"),
    "w3c": FileFormat(_w3c, "jsonld"),
}


def file_format_names() -> tuple[str, ...]:
    """The export format names, in the order the CLI and the dialog list them."""
    return tuple(FILE_FORMATS)


FORMATS: tuple[str, ...] = file_format_names()
