"""Incidents in the reader: the incidents view (`i`) and incident sentences in the article.

`IncidentReading` is the main screen's layer between `ReadingScreen` (the
open article) and `MainScreen` (search and indexing). It opens the incidents
view, opens the article an incident was chosen from (the cursor on its
sentence) and brings the view back when that article is left, steps through
the article's incident sentences and checks the incident under the cursor.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.widget import Widget

from glossator.annotations.model import Sidecar
from glossator.tui.screens import annotate
from glossator.tui.screens import incident_checks as checks
from glossator.tui.screens.incidents import IncidentsScreen
from glossator.tui.screens.incidents_state import IncidentsState
from glossator.tui.screens.reading import ReadingScreen
from glossator.tui.widgets.article_pane import ArticlePane
from glossator.tui.widgets.results import ResultList
from glossator.tui.widgets.search_pane import SearchPane
from glossator.tui.widgets.status import StatusLine

Row = dict[str, Any]


class IncidentReading(ReadingScreen):
    """The incidents view and the incident commands of the article."""

    incidents_state: IncidentsState | None = None
    """The incidents view's table, kept while an article opened from it is read."""
    from_incidents = False
    """The open article was chosen in the incidents view: back returns there."""
    incidents_origin: Widget | None = None
    """What had focus when `i` opened the view (where closing it goes back to)."""

    # -- the view -------------------------------------------------------------

    @on(ResultList.Opened)
    def _opened_from_list(self) -> None:
        # An article chosen in the list goes back to the list, not to the view.
        self.from_incidents = False

    def action_incidents(self) -> None:
        """The incidents of the current results (every article without a query)."""
        query = self.query_one(SearchPane).query_text.strip()
        # Read afresh (the index may have grown), in the order and filter chosen last time.
        state = IncidentsState(query, by_event=self.query_one(SearchPane).grouped)
        old = self.incidents_state
        if old is not None:
            state.sort, state.descending, state.filter = old.sort, old.descending, old.filter
            state.by_event = old.by_event
        self.incidents_state = state
        self.from_incidents = False
        self.incidents_origin = self.focused
        self._push_incidents(state)

    def _push_incidents(self, state: IncidentsState) -> None:
        reindex = self.query_one(StatusLine).reindex
        self.app.push_screen(IncidentsScreen(self.session, state, reindex), self._incident_chosen)

    def _incident_chosen(self, row: Row | None) -> None:
        if row is None:
            # Back to where i was pressed, even after reading articles from the view.
            origin = self.incidents_origin
            if origin is not None and origin is not self.focused and self._reachable(origin):
                self.focus_pane(origin)
            return
        article_id = str(row["article"])
        self.from_incidents = True
        start, end = row.get("start"), row.get("end")
        if isinstance(start, int) and isinstance(end, int):
            self.pending_jump = (article_id, start, end)
        self.open_article(article_id)
        self._chosen = True

    def action_back(self) -> None:
        """Back one level; from an article opened in the incidents view, back to the view."""
        view = self.view
        state = self.incidents_state
        if (
            self.from_incidents
            and state is not None
            and self.focused is view
            and not view.selecting
            and view.selected_range() is None
        ):
            self.from_incidents = False
            self._push_incidents(state)
            return
        super().action_back()

    # -- the article ------------------------------------------------------------

    @property
    def pane(self) -> ArticlePane:
        """The article pane."""
        return self.query_one(ArticlePane)

    def incident_here(self) -> Row | None:
        """The incident whose sentence the cursor is in."""
        if self.bundle is None:
            return None
        return self.pane.incident_at(self.view.cursor_offset)

    def action_next_incident(self) -> None:
        """Next incident sentence."""
        self.say(self.pane.step_incident(True))

    def action_prev_incident(self) -> None:
        """Previous incident sentence."""
        self.say(self.pane.step_incident(False))

    def _article_check(self, verb: str) -> None:
        row = self.incident_here()
        if row is None:
            self.say("no incident under the cursor: } and { step to one", bold=True)
            return
        said = checks.start(self.app, self.session, verb, row, self.incidents_checked)
        self.say(said, bold=said != checks.SAVING)

    def action_confirm_incident(self) -> None:
        """Confirm the incident under the cursor."""
        self._article_check("confirm")

    def action_reject_incident(self) -> None:
        """Reject the incident under the cursor."""
        self._article_check("reject")

    def action_edit_incident(self) -> None:
        """Correct a field of the incident under the cursor."""
        self._article_check("edit")

    def action_undo_incident(self) -> None:
        """Drop the check of the incident under the cursor."""
        self._article_check("undo")

    def action_add_incident(self) -> None:
        """Add an incident reported by the selection."""
        picked = self.view.selected_range()
        if self.bundle is None or picked is None:
            return
        problem = checks.add(
            self.app, self.session, self.bundle.article, picked, self.incidents_checked
        )
        self.say(problem, bold=True)

    def action_date_source(self) -> None:
        """Set the article's date and source."""
        if self.bundle is not None and self.sidecar is not None:
            annotate.set_date_source(self.app, self._target(), self._dated)

    def _dated(self, sidecar: Sidecar, rows: list[Row]) -> None:
        """The date or source was saved: the metadata line, then the incidents' dates."""
        if self.bundle is None:
            return
        self.sidecar = sidecar
        self.query_one(ArticlePane).update_meta(self.bundle, sidecar)
        self.incidents_checked(self.bundle.article.id, rows, "date and source")

    def incidents_checked(self, article_id: str, rows: list[Row], said: str) -> None:
        """An article's incident rows after a check: mark them, say what was saved."""
        if self.incidents_state is not None:
            self.incidents_state.opened.add(article_id)
        if self.bundle is None or self.bundle.article.id != article_id:
            return
        self.pane.show_incidents(rows)
        self.view.clear_selection()
        where = self.session.store.path_for(article_id).name
        self.say(f"✓ {said} · saved to {where}")
        self.refresh_bindings()
        self.query_one(StatusLine).reindex(article_id)
