"""The reader's one main screen: search pane, article pane and annotation sidebar.

The screen runs no work of its own; it routes messages between the panes
(attributes down, messages up): the search pane searches, the article pane
loads and the status line indexes, each in its own workers. Pane layout and
focus live in `screens/layout.py`, the open article and its commands in
`screens/reading.py`, incidents in `screens/incident_reading.py`; whether a
command applies is the data in `REQUIREMENTS`, named by each command's `needs`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input

from glossator.index.engine import QueryError
from glossator.index.query import facet_filter
from glossator.service import Session
from glossator.tui.commands import BY_ACTION, EDITABLE, SHOWN, Command, bindings
from glossator.tui.render import shown
from glossator.tui.screens.export import ExportScope, ExportScreen
from glossator.tui.screens.incident_reading import IncidentReading
from glossator.tui.screens.info import HelpScreen, LogScreen
from glossator.tui.widgets.article_pane import ArticlePane
from glossator.tui.widgets.facets import FacetList
from glossator.tui.widgets.footer import ReaderFooter
from glossator.tui.widgets.results import ResultList
from glossator.tui.widgets.search_pane import SearchPane
from glossator.tui.widgets.sidebar import Sidebar
from glossator.tui.widgets.status import StatusLine

#: While indexing, re-run the shown query this often so new articles appear.
REFRESH_WHILE_INDEXING = 1.5


#: What a command's `needs` names, and when it holds.
REQUIREMENTS: dict[str, Callable[[MainScreen], bool]] = {
    SHOWN: lambda s: s.bundle is not None and (not s.narrow or s.article_mode),
    EDITABLE: lambda s: s.bundle is not None and s.sidecar is not None,
    "open": lambda s: s.bundle is not None,
    "search": lambda s: not s.narrow or not s.article_mode,
    "hits": lambda s: bool(s.view.hits),
    "entities": lambda s: bool(s.view.entities),
    "incidents": lambda s: bool(s.view.incidents),
    "incident_here": lambda s: s.incident_here() is not None,
    "entity_here": lambda s: s.entity_here() is not None,
    "incident_checked": lambda s: (
        (s.incident_here() or {}).get("status", "extracted") != "extracted"
    ),
    "selection": lambda s: s.view.selected_range() is not None and not s.view.selecting,
    "tags": lambda s: bool(s.sidecar and s.sidecar.tags),
    "facets": lambda s: s.query_one(FacetList).option_count > 0,
    "suggestion": lambda s: s.search_pane.offers_suggestion,
    # Escape applies where there is a level to go back to (not in the list).
    "way_back": lambda s: s.back_target() is not None,
    "in_query": lambda s: isinstance(s.focused, Input),
    "results": lambda s: s.query_one(ResultList).option_count > 0,
}


class MainScreen(IncidentReading):
    """Search, read and annotate."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("screen"))

    def __init__(
        self, session: Session, *, show_timings: bool = True, export_dir: Path | None = None
    ) -> None:
        super().__init__(session)
        self.show_timings = show_timings
        self.export_dir = export_dir or Path.cwd()
        """Where the export dialog puts a file given by a relative path."""
        self._last_refresh = 0.0
        self.from_palette = False
        """True while the palette runs a command (which then works from the query box too)."""
        self._search_keys: tuple[bool, bool] = (False, False)
        """(suggestion offered, facets shown) when the footer was last drawn."""
        self._hits_focus_pending = False
        """True from an `enter` that moves to the hits until the focus has moved."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield SearchPane(self.session, show_timings=self.show_timings, id="search")
            yield ArticlePane(self.session, id="article")
            yield Sidebar(id="sidebar")
        yield StatusLine(self.session, id="status")
        yield ReaderFooter()

    def on_mount(self) -> None:
        config = getattr(self.app, "config", None)
        if config is not None and not config.group_stories:
            self.search_pane.grouped = False
        self.start_layout()
        self.search_pane.show_hint("type to search · tab: to the results · f1: every key")
        self.query_one("#query", Input).focus()
        self.say("opening the index…")
        self.query_one(StatusLine).update_index()

    @property
    def search_pane(self) -> SearchPane:
        """The search pane."""
        return self.query_one(SearchPane)

    @property
    def query_text(self) -> str:
        """The query in the search box."""
        return self.search_pane.query_text

    # -- applicability ----------------------------------------------------------

    def applies(self, command: Command) -> bool:
        """True when everything the command `needs` holds (typing aside)."""
        return all(REQUIREMENTS[need](self) for need in command.needs)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        command = BY_ACTION.get(action)
        if command is None:
            return True
        if isinstance(self.focused, Input) and not self.from_palette and not command.typing_safe:
            return False
        return self.applies(command)

    def _refresh_search_keys(self) -> None:
        # Re-drawing the footer is not free: only when what applies changed.
        now = (self.search_pane.offers_suggestion, self.query_one(FacetList).option_count > 0)
        if now != self._search_keys:
            self._search_keys = now
            self.refresh_bindings()

    # -- indexing -------------------------------------------------------------

    def on_index_progress(self) -> None:
        now = time.monotonic()
        if now - self._last_refresh > REFRESH_WHILE_INDEXING:
            self._last_refresh = now
            self.search_pane.research()

    def on_index_finished(self) -> None:
        self.search_pane.research()

    def regained_focus(self) -> None:
        """The terminal has focus again: when rescanning, look for changes now."""
        self.query_one(StatusLine).follower.poke()

    @on(StatusLine.TagsRead)
    def _tags_read(self, message: StatusLine.TagsRead) -> None:
        self.corpus_tags = message.tags
        if message.changed:
            self.search_pane.research()

    # -- searching ------------------------------------------------------------

    @on(SearchPane.QueryChanged)
    def _query_changed(self, message: SearchPane.QueryChanged) -> None:
        if not message.query.strip():
            self.refresh_bindings()

    @on(SearchPane.Searched)
    def _searched(self, message: SearchPane.Searched) -> None:
        self._refresh_search_keys()
        if message.more:
            self._restore_status()
        if self.bundle is not None and not isinstance(message.result, QueryError):
            self.query_one(ArticlePane).find_hits(self.bundle.article.id, message.query)

    @on(SearchPane.IndexTrouble)
    def _index_trouble(self, message: SearchPane.IndexTrouble) -> None:
        self.query_one(StatusLine).refresh_index(message.reason, lost=message.lost)

    @on(SearchPane.FacetsCounted)
    def _facets_counted(self) -> None:
        self._refresh_search_keys()

    @on(SearchPane.LoadingMore)
    def _loading_more(self, message: SearchPane.LoadingMore) -> None:
        self.say(f"loading hits {message.first}-{message.last}…")

    @on(SearchPane.Submitted)
    def _submitted(self) -> None:
        result = self.search_pane.result
        results = self.query_one(ResultList)
        if self._hits_focus_pending or results.has_focus:
            # An `enter` typed before the first one had moved the focus to the
            # hits reached the query box; it was meant for the hits: open one.
            results.action_select()
        elif self.search_pane.offers_suggestion:
            self.action_accept_suggestion()
        elif result is not None and result.hits:
            self._hits_focus_pending = True
            self.focus_pane(results)

    def on_descendant_focus(self) -> None:
        self._hits_focus_pending = False
        super().on_descendant_focus()

    @on(FacetList.Chosen)
    def _facet(self, message: FacetList.Chosen) -> None:
        clause = facet_filter(message.field, message.value)
        query = self.query_text.strip()
        if clause not in query:
            self.search_pane.set_query(f"{query} {clause}".strip())
        self.focus_pane(self.query_one(ResultList))

    # -- actions ----------------------------------------------------------------
    # Moving between panes, back and the sidebar are in `PaneLayout`.

    def action_accept_suggestion(self) -> None:
        """Search for the spelling suggestion."""
        self.search_pane.accept_suggestion()

    def action_clear_query(self) -> None:
        """Empty the search box."""
        self.search_pane.set_query("")
        self.focus_pane(self.query_one("#query", Input))

    def action_group_stories(self) -> None:
        """One row per story and per event, or one per hit and per incident."""
        grouped = not self.search_pane.grouped
        self.search_pane.set_grouped(grouped)
        if self.incidents_state is not None:
            self.incidents_state.by_event = grouped
        self.say(
            "one row per story and per event (S: one per hit and incident)"
            if grouped
            else "one row per hit and per incident (S: one per story and event)"
        )

    def action_help(self) -> None:
        """Every key."""
        self.app.push_screen(HelpScreen(getattr(self.app, "keymap", {})))

    def action_log(self) -> None:
        """The problems log."""
        self.app.push_screen(LogScreen(list(self.session.log), show_times=self.show_timings))

    def action_quit(self) -> None:
        """Leave."""
        self.app.exit()

    def action_export(self) -> None:
        """The export dialog."""
        scope = ExportScope(
            self.bundle.article.id if self.bundle else None, self.query_text.strip() or None
        )

        def done(message: str | None) -> None:
            if message:
                self.notify(shown(message), timeout=6, markup=False)

        self.app.push_screen(ExportScreen(self.session, scope, self.export_dir), done)
