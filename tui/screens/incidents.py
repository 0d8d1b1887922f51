"""The incidents view (`i`): every incident of the current results, as a table.

It lists the incidents of all hits of the query in the search box, or of
the whole corpus when the box is empty, read in a worker (progress in the
status line, at most `MAX_INCIDENTS`). `enter` opens the article at the
incident's sentence; the main screen keeps this view's `IncidentsState`, so
going back from that article (escape or q) shows the same table with the
cursor where it was. `s`/`S` sort, `f` filters by status, and `y`, `x`, `e`,
`u` check the highlighted incident in place. By default the records of one
event in several reports are one row (`g` switches to one row per
incident), with a mark on each field they disagree on; `v` (or `enter`)
lists each report's values (`screens/event_reports.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import Worker, get_current_worker

from glossator.index.engine import QueryError
from glossator.service import Session
from glossator.service.stories import label_of
from glossator.tui.commands import bindings
from glossator.tui.messages import report_failure
from glossator.tui.render import shown, shown_id
from glossator.tui.screens import incident_checks as checks
from glossator.tui.screens.event_reports import EventReports
from glossator.tui.screens.export import ExportScope, ExportScreen
from glossator.tui.screens.incidents_state import IncidentsState
from glossator.tui.screens.info import HelpScreen
from glossator.tui.widgets.footer import ReaderFooter
from glossator.tui.widgets.incident_table import (
    BY_KEY,
    COLUMNS,
    FILTERS,
    IncidentTable,
    Row,
    event_rows,
    filtered,
    ordered,
    row_key,
)

#: The view stops reading articles once it holds this many incidents.
MAX_INCIDENTS = 5000
#: Articles read between two progress reports.
CHUNK = 25


class IncidentsScreen(Screen[Row | None]):
    """The incident table with a title, the sentence under the cursor and a status line."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("incidents"))

    @dataclass
    class _Progress(Message):
        done: int
        total: int

    @dataclass
    class _Read(Message):
        rows: list[Row]
        articles: int
        total: int
        capped: bool
        problems: int
        error: str | None = None
        indexing: bool = False

    @dataclass
    class _Refreshed(Message):
        article_id: str
        rows: list[Row]

    def __init__(
        self, session: Session, state: IncidentsState, reindex: Callable[[str], object]
    ) -> None:
        super().__init__()
        self.session = session
        self.state = state
        self.reindex = reindex
        """Re-indexes an article after a check (the main screen's status line does it)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="incidents-title")
        yield IncidentTable(id="incidents-table")
        yield Static("", id="incidents-sentence")
        yield Static("", id="incidents-status")
        yield ReaderFooter()

    @property
    def table(self) -> IncidentTable:
        """The table."""
        return self.query_one(IncidentTable)

    def on_mount(self) -> None:
        self.table.focus()
        if self.state.rows is None:
            self._say("reading incidents…")
            self.read()
        else:
            self._show(self.state.cursor)
            if self.state.opened:
                self.refresh_articles(sorted(self.state.opened))
                self.state.opened.clear()

    # -- reading --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="incidents", name="reading incidents",
          exit_on_error=False)  # fmt: skip
    def read(self) -> None:
        """Read the incidents of every hit (or article), posting progress."""
        try:
            self._read_all()
        except Exception as exc:  # said in the status line, and logged
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.session.add_log("incidents", f"reading incidents failed: {reason}")
            self.post_message(self._Read([], 0, 0, False, 0, f"reading incidents failed: {reason}"))

    def _read_all(self) -> None:
        worker = get_current_worker()
        indexing = self.session.indexing
        query = self.state.query.strip()
        if query:
            found = self.session.searcher().article_ids(query)
            if isinstance(found, QueryError):
                error = f"{found.message}: fix the query (/ in the reader)"
                self.post_message(self._Read([], 0, 0, False, 0, error))
                return
            ids = list(found)
        else:
            ids = self.session.all_ids(None)
        rows: list[Row] = []
        done = problems = 0
        capped = False
        for at in range(0, len(ids), CHUNK):
            if worker.is_cancelled:
                return
            chunk = ids[at : at + CHUNK]
            log = self.session.incident_log(chunk, cancelled=lambda: worker.is_cancelled)
            rows.extend(log.rows)
            done += len(chunk)
            problems += log.problems
            self.post_message(self._Progress(done, len(ids)))
            if len(rows) >= MAX_INCIDENTS:
                capped = done < len(ids) or len(rows) > MAX_INCIDENTS
                del rows[MAX_INCIDENTS:]
                break
        for n, row in enumerate(rows):
            row["_order"] = n
        self.post_message(self._Read(rows, done, len(ids), capped, problems, indexing=indexing))

    @work(thread=True, group="incidents-refresh", name="reading incidents", exit_on_error=False)
    def refresh_articles(self, article_ids: list[str]) -> None:
        """Read some articles' rows again (checks made while one was open)."""
        for article_id in article_ids:
            rows = self.session.incidents(self.session.index.article(article_id))
            self.post_message(self._Refreshed(article_id, rows))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def on_incidents_screen__progress(self, message: IncidentsScreen._Progress) -> None:
        self._say(f"reading incidents: {message.done:,} of {message.total:,} articles")

    def on_incidents_screen__read(self, message: IncidentsScreen._Read) -> None:
        state = self.state
        if message.error is not None:
            state.rows = []
            self._show(None)
            self._say(f"✗ {message.error}", bold=True)
            return
        state.rows = message.rows
        state.articles, state.total = message.articles, message.total
        state.capped, state.problems = message.capped, message.problems
        state.indexing = message.indexing
        self._show(None)

    def on_incidents_screen__refreshed(self, message: IncidentsScreen._Refreshed) -> None:
        self.checked(message.article_id, message.rows, "")

    # -- showing --------------------------------------------------------------

    def _show(self, keep: str | None) -> None:
        """Fill the table from the state: filter, sort, cursor."""
        state = self.state
        rows = filtered(state.rows or [], state.filter)
        if state.by_event:
            rows = event_rows(rows)
        rows = ordered(rows, state.sort, state.descending)
        self.table.show_rows(rows, keep)
        self._title()
        self._say(None)
        self._sentence()

    def _title(self) -> None:
        title = self.state.title(self.table.rows_shown, MAX_INCIDENTS)
        self.query_one("#incidents-title", Static).update(title)

    def _say(self, message: str | None, *, bold: bool = False) -> None:
        """A message in the status line; None: the sort and filter."""
        if message is None:
            state = self.state
            column = BY_KEY[state.sort]
            order = "↓" if state.descending else "↑"
            text = Text.assemble(
                ("sorted by ", "dim"),
                (f"{column.title} {order}", "bold"),
                (" (s: next column, S: reverse) · showing ", "dim"),
                (FILTERS[state.filter][0], "bold"),
                (" (f: filter)", "dim"),
                (" · per event (g: per incident)" if state.by_event else " · g: per event", "dim"),
            )
            if not self.table.rows_shown and state.rows is not None:
                text = Text("no incidents here · f: change the filter · q: back", style="bold")
            self.query_one("#incidents-status", Static).update(text)
            return
        self.query_one("#incidents-status", Static).update(
            Text(shown(message), style="bold" if bold else "")
        )

    def _sentence(self) -> None:
        """The highlighted incident's sentence and article, under the table."""
        row = self.table.current
        widget = self.query_one("#incidents-sentence", Static)
        if row is None:
            widget.update("")
            return
        members = row.get("_members")
        if members:
            differs = row.get("_differs") or {}
            text = Text(f"{row['_reports']} reports of one event", style="bold")
            if differs:
                text.append(" · they disagree on ")
                text.append(", ".join(label_of(d) for d in differs), style="bold")
            text.append(" · v or enter: each report's values and source", style="dim")
            widget.update(text)
            return
        text = Text(shown(" ".join(str(row.get("sentence") or "").split())), style="italic")
        text.append(f"  ({shown_id(str(row.get('article')))})", style="dim")
        widget.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.state.cursor = self.table.current_key
        self._sentence()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    # -- actions ----------------------------------------------------------------

    def action_open(self) -> None:
        """Open the article at the incident's sentence (an event row: its reports)."""
        row = self.table.current
        if row is not None and row.get("_members"):
            self.action_reports()
        elif row is not None:
            self._open(row)

    def _open(self, row: Row) -> None:
        self.state.cursor = self.table.current_key
        self.state.opened.add(str(row["article"]))
        self.dismiss(row)

    def action_reports(self) -> None:
        """Each report's values of the highlighted event; enter opens one."""
        row = self.table.current
        if row is None:
            self._say("no incident here", bold=True)
            return

        def chosen(report: Row | None) -> None:
            if report is not None:
                self._open(report)

        self.app.push_screen(EventReports(row), chosen)

    def action_events(self) -> None:
        """One row per event, or per incident; the cursor stays on the same event."""
        state = self.state
        current = self.table.current
        state.by_event = not state.by_event
        self._show(None)
        if current is not None:
            members = current.get("_members") or [current]
            self.table.move_to(row_key(members[0]))
            if state.by_event and current.get("event"):
                self.table.move_to(f"event\x00{current['event']}")
        self.state.cursor = self.table.current_key
        self._sentence()

    def action_close(self) -> None:
        """Back to where `i` was pressed."""
        self.workers.cancel_group(self, "incidents")
        self.dismiss(None)

    def action_sort(self) -> None:
        """Sort by the next column."""
        keys = [c.key for c in COLUMNS]
        state = self.state
        state.sort = keys[(keys.index(state.sort) + 1) % len(keys)]
        state.descending = BY_KEY[state.sort].descending
        self._show(self.table.current_key)

    def action_reverse(self) -> None:
        """Reverse the order."""
        self.state.descending = not self.state.descending
        self._show(self.table.current_key)

    def action_filter(self) -> None:
        """Show the next status group."""
        self.state.filter = (self.state.filter + 1) % len(FILTERS)
        self._show(self.table.current_key)

    def action_export(self) -> None:
        """The export dialog, the incident log of this view chosen."""
        query = self.state.query.strip() or None
        scope = ExportScope(None, query, what="incidents", scope="results" if query else "corpus")

        def done(message: str | None) -> None:
            if message:
                self._say(message)

        folder = getattr(self.app, "export_dir", None) or Path.cwd()
        self.app.push_screen(ExportScreen(self.session, scope, folder), done)

    def action_help(self) -> None:
        """Every key."""
        self.app.push_screen(HelpScreen(getattr(self.app, "keymap", {})))

    def action_check(self, verb: str) -> None:
        """Check the highlighted incident: confirm, reject, edit or undo."""
        row = self.table.current
        if row is None:
            self._say("no incident here", bold=True)
            return
        if row.get("_members"):
            self._say(
                f"this row is one event in {row['_reports']} reports: v lists them, "
                "g shows one row per incident to check each",
                bold=True,
            )
            return
        said = checks.start(self.app, self.session, verb, row, self.checked)
        if said is not None:
            self._say(said, bold=said != checks.SAVING)

    def checked(self, article_id: str, rows: list[Row], said: str) -> None:
        """An article's rows after a check: update them in place, the cursor stays."""
        state = self.state
        if state.rows is None or not self.is_attached:
            # Closed meanwhile: the rows are read again when the view comes back.
            state.opened.add(article_id)
            return
        replaced, added = state.take_checked(article_id, rows)
        for key, new in replaced:
            self.table.replace_row(key, new)
        if added or state.by_event:
            self._show(self.table.current_key)
        self.state.cursor = self.table.current_key
        self._title()
        self._sentence()
        if said:
            where = shown_id(self.session.store.path_for(article_id).name)
            self._say(f"✓ {said} · saved to {where}")
            self.reindex(article_id)
