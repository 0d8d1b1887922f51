"""The incident log: every article's incident records, with the analyst's checks.

The extractor's records come from the index (`Index.incidents`, cached by
content hash); the analyst's checks live in each article's sidecar. This
module joins the two into one log the CLI, the reader and the exports share:
one row per incident, in the stable shape `glossator incidents --json`
prints (docs/cli.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from glossator.annotations.incidents import extracted_ids
from glossator.index.corpus import Article

#: What an analyst's check can say of a record (and `extracted`: not checked).
STATUSES: tuple[str, ...] = ("extracted", "confirmed", "edited", "added", "rejected")

#: The fields of a row, in the order tables and CSV files show them.
FIELDS: tuple[str, ...] = (
    "article",
    "id",
    "status",
    "start",
    "end",
    "sentence",
    "event_date_text",
    "event_date",
    "event_date_precision",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "latitude",
    "longitude",
    "weapon",
    "fatalities",
    "injured",
    #: The event id shared by reports of one event across articles
    #: (`glossator.index.stories`); None when not grouped.
    "event",
)


def as_rows(
    article: Article, records: Iterable[dict[str, Any]], source: str | None = None
) -> list[dict[str, Any]]:
    """Incident records of one article as log rows.

    `records` are `reconcile`'s rows, or the extractor's records (status
    `extracted`, ids made as `reconcile` makes them). Every row gets the
    article's id and title and `source` (default: the front matter's).
    """
    records = list(records)
    ids = extracted_ids(records) if any(not r.get("id") for r in records) else []
    rows = []
    for i, record in enumerate(records):
        row = {name: record.get(name) for name in FIELDS}
        row.update((k, v) for k, v in record.items() if k not in row)
        row["article"] = article.id
        row["title"] = article.title
        row["source"] = source or article.front_matter.source
        row["id"] = record.get("id") or ids[i]
        row["status"] = record.get("status") or "extracted"
        if "extracted_id" not in record:
            row["extracted_id"] = row["id"]
        rows.append(row)
    return rows


@dataclass(slots=True)
class IncidentLog:
    """The rows of an incident log, and the articles that could not be read."""

    rows: list[dict[str, Any]]
    problems: int = 0
    cancelled: bool = False


def collect_incidents(
    ids: Iterable[str],
    rows_of: Callable[[str], list[dict[str, Any]]],
    *,
    statuses: Iterable[str] = (),
    skipped: Callable[[str, str], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> IncidentLog:
    """The incident rows of these articles, in order (only `statuses` when given).

    `rows_of(article_id)` gives one article's rows; an article that cannot
    be read is counted and told to `skipped`, and the rest go on.
    """
    wanted = set(statuses)
    log = IncidentLog([])
    for article_id in ids:
        if cancelled is not None and cancelled():
            log.cancelled = True
            break
        try:
            rows = rows_of(article_id)
        except Exception as exc:  # one bad article must not stop the log
            log.problems += 1
            if skipped is not None:
                skipped(article_id, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            continue
        log.rows.extend(r for r in rows if not wanted or r["status"] in wanted)
    return log


def status_problem(statuses: Iterable[str]) -> str | None:
    """A one-line problem with a `--status` list, or None."""
    for status in statuses:
        if status not in STATUSES:
            return f"unknown status {status!r}; use one of " + ", ".join(STATUSES)
    return None
