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
    "SUMMARY_COLUMNS",
    "acled_event_type",
    "event_summaries",
    "export_event_summaries",
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
    "event_id",
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
        "event_id": row.get("event"),
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
        f"{n} incident{'s' if n != 1 else ''} in {len(by_article)} "
        + ("article" if len(by_article) == 1 else "articles"),
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


# -- per-event summaries ------------------------------------------------------

#: The columns of a per-event summary, in CSV order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "event_id",
    "reports",
    "records",
    "event_date",
    "sub_event_type",
    "location",
    "country",
    "fatalities_min",
    "fatalities_max",
    "injured_min",
    "injured_max",
    "tolls_disagree",
    "articles",
)


def _span(rows: list[dict[str, Any]], name: str) -> tuple[int | None, int | None]:
    values = [v for r in rows if isinstance(v := r.get(name), int) and not isinstance(v, bool)]
    return (min(values), max(values)) if values else (None, None)


def _first(rows: list[dict[str, Any]], name: str) -> Any:
    return next((r[name] for r in rows if r.get(name)), None)


def event_summaries(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One summary per event id among the rows (rejected records and rows
    without an event left out): how many articles report it and the range
    of the tolls they give, in the order events first appear."""
    by_event: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row.get("event") and row.get("status") != "rejected":
            by_event.setdefault(str(row["event"]), []).append(row)
    out = []
    for event, group in by_event.items():
        killed, hurt = _span(group, "fatalities"), _span(group, "injured")
        dates = sorted(str(r["event_date"]) for r in group if r.get("event_date"))
        out.append(
            {
                "event_id": event,
                "reports": len({r.get("article") for r in group}),
                "records": len(group),
                "event_date": dates[0] if dates else None,
                "sub_event_type": _first(group, "sub_event_type"),
                "location": _first(group, "location"),
                "country": _first(group, "country"),
                "fatalities_min": killed[0],
                "fatalities_max": killed[1],
                "injured_min": hurt[0],
                "injured_max": hurt[1],
                "tolls_disagree": killed[0] != killed[1] or hurt[0] != hurt[1],
                "articles": sorted({str(r.get("article")) for r in group}),
            }
        )
    return out


def _summary_csv(summaries: list[dict[str, Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=SUMMARY_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for s in summaries:
        cells = dict(s, articles="; ".join(s["articles"]))
        writer.writerow({name: _cell(_blank(cells[name])) for name in SUMMARY_COLUMNS})
    return out.getvalue()


def _summary_md(summaries: list[dict[str, Any]]) -> str:
    def toll(lo: Any, hi: Any) -> str:
        return "?" if lo is None else str(lo) if lo == hi else f"{lo}-{hi}"

    out = ["# Events", "", "| event | reports | date | type | place | killed | injured |"]
    out.append("| --- | --- | --- | --- | --- | --- | --- |")
    for s in summaries:
        place = ", ".join(str(p) for p in (s["location"], s["country"]) if p)
        cells = [
            s["event_id"],
            str(s["reports"]),
            s["event_date"] or "",
            s["sub_event_type"] or "",
            place,
            toll(s["fatalities_min"], s["fatalities_max"]),
            toll(s["injured_min"], s["injured_max"]),
        ]
        out.append("| " + " | ".join(md_escape(str(c)).replace("\n", " ") for c in cells) + " |")
    return _inert("\n".join(out) + "\n")


def export_event_summaries(rows: Iterable[dict[str, Any]], fmt: str) -> str:
    """The per-event summaries of incident rows in `fmt`; raises ExportError."""
    summaries = event_summaries(rows)
    if fmt == "csv":
        return _summary_csv(summaries)
    if fmt == "md":
        return _summary_md(summaries)
    if fmt in ("json", "jsonl"):
        return _json(summaries) if fmt == "json" else _jsonl(summaries)
    raise ExportError(
        f"event summaries export to {', '.join(INCIDENT_FORMATS)}, not {fmt!r}; "
        "pick one of those with --format"
    )
