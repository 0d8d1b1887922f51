"""What the incidents view shows (`IncidentsState`), kept by the main screen
while an article opened from the view is read, and how an article's rows are
put in place after a check without moving the others."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text

from glossator.tui.render import shown_query
from glossator.tui.widgets.incident_table import FILTERS, Row, row_key

__all__ = ["IncidentsState", "successor"]


@dataclass
class IncidentsState:
    """What the view shows, kept by the main screen while an article is open."""

    query: str
    """The query whose hits are listed (empty: the whole corpus)."""
    rows: list[Row] | None = None
    """Every incident read, any status, in found order (None: not read yet)."""
    articles: int = 0
    """Articles read."""
    total: int = 0
    """Articles to read (the hits, or the corpus)."""
    capped: bool = False
    """Reading stopped at `MAX_INCIDENTS`."""
    problems: int = 0
    sort: str = "article"
    descending: bool = False
    filter: int = 0
    """Index into `FILTERS`."""
    cursor: str | None = None
    """Row key of the incident under the cursor."""
    indexing: bool = False
    """The start-up update was still running when the articles were listed."""
    opened: set[str] = field(default_factory=set)
    """Articles opened from the view: their rows are read again on the way back."""
    by_event: bool = True
    """One row per event (the reports of one event together), else per incident."""

    def title(self, shown: list[Row], cap: int) -> Text:
        """The view's title line: what is listed, how many, and why not all
        (`cap`: the most incidents the view reads)."""
        rows = self.rows or []
        where = f"hits of {shown_query(self.query)}" if self.query.strip() else "every article"
        text = Text()
        text.append("Incidents", style="bold")
        text.append(f" of {where} · ")
        name = FILTERS[self.filter][0]
        text.append(
            f"{len(rows):,} in {self.articles:,} article{'s' if self.articles != 1 else ''}"
            if name == "all"
            else f"{len(shown):,} {name} of {len(rows):,}"
        )
        if self.by_event:
            events = sum(1 for r in shown if r.get("_members"))
            if events:
                text.append(f" · {events:,} event{'s' if events != 1 else ''} in several reports")
        if self.capped:
            text.append(
                f" · stopped at {cap:,} incidents ({self.articles:,} of "
                f"{self.total:,} articles): narrow the query for the rest",
                style="bold",
            )
        if self.indexing:
            text.append(" · indexing still running: i again for the rest", style="bold")
        if self.problems:
            text.append(f" · {self.problems} unreadable (the reader's log, l)", style="bold")
        return text

    def take_checked(
        self, article_id: str, rows: list[Row]
    ) -> tuple[list[tuple[str, Row]], list[Row]]:
        """Put an article's rows after a check in place of its old ones: each old
        row's successor takes its place and order, rows new to the article go
        after its others. Returns (old row key, new row) pairs and the added rows."""
        assert self.rows is not None
        old = [r for r in self.rows if r.get("article") == article_id]
        matched: set[str] = set()
        replaced: list[tuple[str, Row]] = []
        for row in old:
            new = successor(row, rows, matched)
            if new is None:
                continue
            matched.add(new["id"])
            new["_order"] = row.get("_order", 0)
            self.rows[self.rows.index(row)] = new
            replaced.append((row_key(row), new))
        known = matched | {o["id"] for o in old}
        added = [r for r in rows if r["id"] not in known]
        # An added incident is listed after its article's others (i lists all in text order).
        last = max((r.get("_order", 0) for r in old), default=len(self.rows))
        for n, row in enumerate(sorted(added, key=lambda r: r.get("start") or 0), 1):
            row["_order"] = last + n / (len(added) + 1)
            self.rows.append(row)
        return replaced, added


def successor(old: Row, rows: list[Row], taken: set[str]) -> Row | None:
    """The row an old row became after a check: the same id, the check made of
    an extracted record (its `extracted_id`), the extracted record a removed
    check leaves, or else the row on the same sentence."""

    def same(new: Row) -> bool:
        ids = {old["id"], old.get("extracted_id")} - {None}
        return new["id"] in ids or new.get("extracted_id") in ids

    free = [r for r in rows if r["id"] not in taken]
    for new in free:
        if same(new):
            return new
    span = (old.get("start"), old.get("end"))
    return next((r for r in free if (r.get("start"), r.get("end")) == span), None)
