"""Exports of annotated articles: csv, json, jsonl, md and W3C Web Annotation.

``export`` turns records into text; ``write_export`` puts the text on disk
without ever clobbering an existing file unless told to (DESIGN.md section 9).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossator.annotations.errors import ExportError
from glossator.annotations.fsio import atomic_write
from glossator.annotations.model import Note, Span
from glossator.annotations.records import ExportRecord, article_iri
from glossator.annotations.w3c import render_w3c

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
    "incident_table",
    "note_dict",
    "place_of",
    "span_dict",
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
    if dest.exists() and not dest.is_file():
        # The atomic rename would replace the device or pipe itself, not write to it.
        raise ExportError(f"{dest} is not a regular file; give the name of a file to write")
    if dest.exists() and not force:
        raise ExportError(f"{dest} already exists; pass --force to overwrite it")
    try:
        atomic_write(dest, content.encode("utf-8"), overwrite=force)
    except FileExistsError:
        raise ExportError(f"{dest} already exists; pass --force to overwrite it") from None
    except OSError as exc:
        raise ExportError(f"cannot write {dest}: {exc.strerror or exc}") from exc


# -- json / jsonl -------------------------------------------------------------------


def note_dict(note: Note) -> dict[str, Any]:
    """A note as the json export writes it (and `glossator notes --json` prints it)."""
    return {"id": note.id, "author": note.author, "created": note.created, "text": note.text}


def span_dict(span: Span) -> dict[str, Any]:
    """A span as the json export writes it (and `glossator spans --json` prints it)."""
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
        "notes": [note_dict(n) for n in sidecar.notes],
        "spans": [span_dict(s) for s in sidecar.spans],
        "incidents": [dict(i) for i in record.incidents],
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


def _toll(value: Any) -> str:
    return "?" if value is None else str(value)


def place_of(row: dict[str, Any]) -> str:
    """`Kirkuk, Iraq`: an incident's location and country (once when they are the same)."""
    names: list[str] = []
    for key in ("location", "country"):
        value = row.get(key)
        if value and str(value) not in names:
            names.append(str(value))
    return ", ".join(names)


def incident_table(rows: Iterable[dict[str, Any]]) -> list[str]:
    """A Markdown table of incident rows (date, place, type, actors, weapon, tolls, status)."""
    out = [
        "| date | place | type | actor1 → actor2 | weapon | killed | injured | status |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        place = place_of(row)
        actors = f"{row.get('actor1') or '?'} → {row.get('actor2') or '?'}"
        cells = [
            str(row.get("event_date") or row.get("event_date_text") or ""),
            place,
            str(row.get("sub_event_type") or ""),
            actors,
            str(row.get("weapon") or ""),
            _toll(row.get("fatalities")),
            _toll(row.get("injured")),
            str(row.get("status") or ""),
        ]
        out.append("| " + " | ".join(md_escape(c).replace("\n", " ") for c in cells) + " |")
    return out


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
    if record.incidents:
        out += ["### Incidents", "", *incident_table(record.incidents), ""]
    return out


def _md(records: list[ExportRecord]) -> str:
    out = ["# Annotations", "", f"{len(records)} article{'s' if len(records) != 1 else ''}", ""]
    for record in records:
        out += _md_article(record)
    return _inert("\n".join(out).rstrip("\n") + "\n")


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
    "w3c": FileFormat(render_w3c, "jsonld"),
}


def file_format_names() -> tuple[str, ...]:
    """The export format names, in the order the CLI and the dialog list them."""
    return tuple(FILE_FORMATS)


FORMATS: tuple[str, ...] = file_format_names()
