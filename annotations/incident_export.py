"""Incident log exports: ACLED-style CSV, JSON, JSON Lines and a Markdown table.

The rows are plain dicts in the shape `glossator incidents --json` prints
(docs/cli.md). The CSV uses ACLED's column names where they apply, so the
file loads in tools that read ACLED data; glossator's own columns follow.
Text cells are made inert as in the annotation exports: no formulas for a
spreadsheet, no escape sequences for a terminal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from glossator.annotations.errors import ExportError
from glossator.annotations.export import _cell, _inert, incident_table, md_escape

__all__ = [
    "ACLED_COLUMNS",
    "CSV_COLUMNS",
    "INCIDENT_FORMATS",
    "acled_event_type",
    "export_incidents",
]

#: ACLED's columns that glossator fills, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
)
#: Every CSV column: ACLED's, then glossator's own.
CSV_COLUMNS: tuple[str, ...] = (
    *ACLED_COLUMNS,
    "injured",
    "weapon",
    "event_date_text",
    "status",
    "article",
    "incident_id",
    "start",
    "end",
)

#: ACLED's event type for each sub-event type glossator extracts.
_EVENT_TYPES: dict[str, str] = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Disrupted weapons use": "Strategic developments",
}
#: ACLED's time_precision codes: 1 the day is known, 2 the week, 3 the month.
_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def acled_event_type(sub_event_type: str | None) -> str:
    """ACLED's event type of a sub-event type ('' when unknown)."""
    return _EVENT_TYPES.get(sub_event_type or "", "")


def _first_day(event_date: str | None) -> str:
    """`2024-W03` -> the Monday, `2024-01` -> `2024-01-01`, `2024` -> `2024-01-01`."""
    if not event_date:
        return ""
    try:
        if "-W" in event_date:
            year, week = event_date.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1).isoformat()
        parts = event_date.split("-")
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1).isoformat()
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1).isoformat()
        return dt.date.fromisoformat(event_date).isoformat()
    except ValueError:
        return ""


def _precision(row: dict[str, Any]) -> int | str:
    precision = row.get("event_date_precision")
    if precision is None and row.get("event_date"):
        text = str(row["event_date"])
        precision = (
            "week" if "-W" in text else {3: "day", 2: "month", 1: "year"}[len(text.split("-"))]
        )
    return _PRECISION.get(str(precision), "") if precision else ""


def _blank(value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value if isinstance(value, int) else f"{value:.5f}"
    return str(value)


def _acled_row(row: dict[str, Any]) -> dict[str, str | int]:
    values: dict[str, Any] = {
        "event_date": _first_day(row.get("event_date")),
        "time_precision": _precision(row),
        "event_type": acled_event_type(row.get("sub_event_type")),
        "notes": " ".join(str(row.get("sentence") or "").split()),
        "incident_id": row.get("id"),
    }
    for name in CSV_COLUMNS:
        if name not in values:
            values[name] = row.get(name)
    return {name: _cell(_blank(values[name])) for name in CSV_COLUMNS}


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(_acled_row(row))
    return out.getvalue()


def _json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _md(rows: list[dict[str, Any]]) -> str:
    by_article: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_article.setdefault(str(row.get("article", "")), []).append(row)
    n = len(rows)
    out = [
        "# Incidents",
        "",
        f"{n} incident{'s' if n != 1 else ''} in {len(by_article)} articles",
        "",
    ]
    for article, group in by_article.items():
        title = group[0].get("title") or article
        out += [f"## {md_escape(str(title))}", "", f"- Path: {md_escape(article)}", ""]
        out += incident_table(group)
        out.append("")
    return _inert("\n".join(out).rstrip("\n") + "\n")


#: The formats an incident log exports to, by the `--format` name.
INCIDENT_FORMATS: dict[str, Callable[[list[dict[str, Any]]], str]] = {
    "csv": _csv,
    "json": _json,
    "jsonl": _jsonl,
    "md": _md,
}


def export_incidents(rows: Iterable[dict[str, Any]], fmt: str) -> str:
    """Render incident rows in `fmt` (one of `INCIDENT_FORMATS`); raises ExportError."""
    try:
        render = INCIDENT_FORMATS[fmt]
    except KeyError:
        raise ExportError(
            f"incidents export to {', '.join(INCIDENT_FORMATS)}, not {fmt!r}; "
            "pick one of those with --format"
        ) from None
    return render(list(rows))
