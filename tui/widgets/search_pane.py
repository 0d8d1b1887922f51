"""The search pane: query box, hit count, result list and facets.

The pane runs its own searches in a thread worker (a newer query cancels the
one running) and posts `Searched` and `FacetsCounted`; it shows them itself
and lets them bubble so the screen can follow (hits in the open article,
which keys apply).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import Worker, get_current_worker

from glossator.index.engine import IndexLost, QueryError, SearchResult
from glossator.service import RESULT_LIMIT, Session
from glossator.service.stories import StoryRow
from glossator.tui.messages import report_failure
from glossator.tui.widgets.facets import FacetList
from glossator.tui.widgets.results import ResultList

#: Hits fetched while typing: a screenful, so the first paint is quick.
FIRST_PAINT = 12
#: Hits added each time the cursor reaches the end of the result list.
MORE = 30
#: The full list and facets are fetched once typing has paused this long (seconds).
FACET_PAUSE = 0.15


class SearchPane(Vertical):
    """Query input that searches as you type, with results and facets below."""

    @dataclass
    class QueryChanged(Message):
        """The query text changed (coalesced while typing)."""

        query: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchPane.QueryChanged)

    @dataclass
    class Submitted(Message):
        """`enter` in the query box."""

        query: str

    @dataclass
    class Searched(Message):
        """Results (or the reason there are none) for `query`."""

        query: str
        result: SearchResult | QueryError
        more: bool = False
        """The answer to `LoadingMore` (the cursor reached the end of the list)."""
        rows: list[StoryRow] | None = None
        """The hits as one row per story (grouped in the worker); None: not grouped."""

    @dataclass
    class StoriesCounted(Message):
        """How many stories all the hits of `query` make (not only those shown)."""

        query: str
        hits: int
        stories: int

    @dataclass
    class FacetsCounted(Message):
        """Facet counts for `query`, computed after its hits were shown."""

        query: str
        facets: dict[str, list[tuple[str, int]]]

    @dataclass
    class IndexTrouble(Message):
        """A query found the index must be rebuilt or brought up to date.

        `lost`: it was missing or damaged (an empty one now stands in);
        otherwise it is only stale (the watchlist changed).
        """

        reason: str
        lost: bool

    @dataclass
    class LoadingMore(Message):
        """Hits `first` to `last` are being fetched."""

        first: int
        last: int

    def __init__(
        self, session: Session, *, show_timings: bool = True, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.session = session
        self.show_timings = show_timings
        self.result_limit = RESULT_LIMIT
        """Hits wanted for the query shown; grows as the user reaches the end of the list."""
        self.result: SearchResult | None = None
        """The results on screen (kept while a newer query runs, so nothing flickers)."""
        self.error: str | None = None
        self.shown_query: str | None = None
        """The query whose results or error are on screen."""
        self._status_line: tuple[object, ...] | None = None
        self.grouped = True
        """One row per story (else one per hit)."""
        self.rows: list[StoryRow] | None = None
        """The story rows on screen, when grouped."""
        self._story_trouble: str | None = None
        """Why grouping last failed (logged once)."""
        self._story_count: tuple[str, int, int] | None = None
        """(query, hits, stories) of the last count of every hit's stories."""

    def compose(self) -> ComposeResult:
        # Focus never selects by itself: tab lands with the cursor at the end, so
        # the next letter extends the query; `/` selects it on purpose.
        yield Input(
            placeholder='search: words, "phrases", tag:x person:y …',
            id="query",
            compact=True,
            select_on_focus=False,
        )
        yield Static("", id="search-status")
        yield ResultList(id="results")
        yield FacetList(id="facets")

    def on_mount(self) -> None:
        self.query_one(FacetList).display = False

    @property
    def query_text(self) -> str:
        """What is in the query box."""
        return self.query_one("#query", Input).value

    def set_query(self, query: str) -> None:
        """Replace the query (the change triggers a search)."""
        box = self.query_one("#query", Input)
        box.value = query
        box.cursor_position = len(query)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    @property
    def offers_suggestion(self) -> bool:
        """True when the query shown found nothing and a spelling suggestion is offered."""
        return bool(self.result and self.result.total == 0 and self.result.suggestion)

    def accept_suggestion(self) -> None:
        """Search for the spelling suggestion."""
        if self.result is not None and self.result.suggestion:
            self.set_query(self.result.suggestion)

    # -- searching ------------------------------------------------------------

    @on(QueryChanged)
    def _query_changed(self, message: QueryChanged) -> None:
        # Handled here first (coalesced while typing), then bubbles to the screen.
        self.result_limit = RESULT_LIMIT
        self.workers.cancel_group(self, "more")
        if not message.query.strip():
            self.workers.cancel_group(self, "search")
            self.clear_results()
            self.show_hint("type to search")
            return
        self.search(message.query, self.result_limit)

    def research(self) -> None:
        """Run the shown query again (the index changed)."""
        if self.query_text.strip():
            self.search(self.query_text, self.result_limit)

    @work(thread=True, exclusive=True, group="search", name="searching", exit_on_error=False)
    def search(self, query: str, limit: int) -> None:
        """A screenful of hits at once; the full list and facets once typing pauses."""
        try:
            self._search(query, limit)
        except IndexLost as exc:
            self.post_message(self.IndexTrouble(str(exc), lost=True))
            return
        if (stale := self.session.stale()) is not None:
            self.post_message(self.IndexTrouble(stale, lost=False))

    def _search(self, query: str, limit: int) -> None:
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        result = self.session.search(query, limit=FIRST_PAINT, cancelled=cancelled)
        if worker.is_cancelled:
            return
        self.post_message(self.Searched(query, result, rows=self._group(result)))
        if isinstance(result, QueryError) or not result.total:
            return
        # The full list and the facets cost more than the first screenful:
        # fetch them once typing pauses, unless a newer query comes first.
        deadline = time.monotonic() + FACET_PAUSE
        while time.monotonic() < deadline:
            if worker.is_cancelled:
                return
            time.sleep(0.01)
        if result.total > len(result.hits):
            more = self.session.search(query, limit=limit, cancelled=cancelled)
            if worker.is_cancelled:
                return
            self.post_message(self.Searched(query, more, rows=self._group(more)))
            self._count_stories(query, result.total)
        facets = self.session.facets(query, cancelled=cancelled)
        if not worker.is_cancelled:
            self.post_message(self.FacetsCounted(query, facets))

    def _group(self, result: SearchResult | QueryError) -> list[StoryRow] | None:
        """The hits as one row per story (in the search worker, never on the UI thread)."""
        if not self.grouped or isinstance(result, QueryError) or not result.hits:
            return None
        try:
            return self.session.story_rows(result.hits)
        except Exception as exc:  # grouping must never stop searching
            problem = f"stories unavailable, one row per hit: {exc}"
            if self.session.losing_index():
                return None  # the rebuild is the problem, logged once by itself
            if problem != self._story_trouble:  # logged once, not at every keystroke
                self._story_trouble = problem
                self.session.add_log("index", problem)
            return None

    def _count_stories(self, query: str, total: int) -> None:
        """Count the stories of every hit, for "42 hits in 37 stories"."""
        if not self.grouped:
            return
        try:
            ids = self.session.all_ids(query)
            if len(ids) != total:
                return  # typing expands the last word differently: no exact count
            stories = len(self.session.group_hits(ids))
        except Exception:  # the count is a nicety; the hits are what matter
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.StoriesCounted(query, total, stories))

    @on(StoriesCounted)
    def _stories_counted(self, message: StoriesCounted) -> None:
        message.stop()
        if message.query == self.query_text and self.grouped:
            self._story_count = (message.query, message.hits, message.stories)
            if self.result is not None:
                self.show_result(self.result, self.rows)

    def set_grouped(self, grouped: bool) -> None:
        """One row per story, or per hit; the shown query runs again."""
        self.grouped = grouped
        self._story_count = None
        self.research()

    @on(ResultList.EndReached)
    def _end_reached(self) -> None:
        result = self.result
        if result is None or result.query != self.query_text or result.total <= len(result.hits):
            return
        if self.result_limit > len(result.hits):
            return  # already on its way
        self.result_limit = len(result.hits) + MORE
        self.post_message(
            self.LoadingMore(len(result.hits) + 1, min(self.result_limit, result.total))
        )
        self._more(result.query, self.result_limit)

    @work(thread=True, exclusive=True, group="more", name="loading more hits", exit_on_error=False)
    def _more(self, query: str, limit: int) -> None:
        try:
            result = self.session.search(query, limit=limit)
        except IndexLost as exc:
            self.post_message(self.IndexTrouble(str(exc), lost=True))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Searched(query, result, more=True, rows=self._group(result)))

    @on(Searched)
    def _searched(self, message: Searched) -> None:
        if message.query != self.query_text:
            message.stop()  # a newer query is on its way; keep what is shown
            return
        self.show_result(message.result, message.rows)

    @on(FacetsCounted)
    def _facets_counted(self, message: FacetsCounted) -> None:
        if message.query != self.query_text:
            message.stop()
            return
        self.query_one(FacetList).show_facets(message.facets)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    # -- showing --------------------------------------------------------------

    def show_hint(self, text: str) -> None:
        """A line of guidance where the hit count goes."""
        self._status(Text(text, style="dim"))
        self.set_class(False, "-error")

    def _status(self, line: Text) -> None:
        """Put `line` where the hit count goes, unless it is already there."""
        key = (line.plain, str(line.style), tuple(line.spans))
        if key == self._status_line:
            return
        self._status_line = key
        # The line is one row high whatever it says: no new layout is needed.
        self.query_one("#search-status", Static).update(line, layout=False)

    def _stories_line(self, result: SearchResult, rows: list[StoryRow] | None) -> str:
        """` in 37 stories` when the number of stories of every hit is known."""
        if rows is None:
            return ""
        if result.total == len(result.hits):
            stories = len(rows)
        elif (count := self._story_count) and count[:2] == (result.query, result.total):
            stories = count[2]
        else:
            return ""
        if stories == result.total:
            return ""
        return f" in {stories} stor{'ies' if stories != 1 else 'y'}"

    def show_result(
        self, result: SearchResult | QueryError, rows: list[StoryRow] | None = None
    ) -> None:
        """Show new results (one row per story when `rows` are given), or an
        inline message for a query that does not parse. The cursor stays on
        its article when the query is the one shown (more hits, the index
        changed); another query starts at its best hit."""
        keep_cursor = result.query == self.shown_query
        self.shown_query = result.query
        if isinstance(result, QueryError):
            self.error = result.message
            if result.empty:  # "i", "the": the word being typed is no mistake yet
                self.show_hint("only common words so far: keep typing")
                return
            self.set_class(True, "-error")
            self._status(Text.assemble(("✗ ", "bold"), (result.message, "")))
            return
        self.error = None
        self.set_class(False, "-error")
        self.result = result
        line = Text()
        shown = len(result.hits)
        line.append(f"{result.total} hit{'s' if result.total != 1 else ''}", style="bold")
        line.append(self._stories_line(result, rows), style="bold")
        if shown < result.total:
            line.append(f", top {shown}")
            line.append(" · more at the end of the list", style="dim")
        if self.show_timings:
            line.append(f" · {result.elapsed * 1000:.0f} ms", style="dim")
        if result.total == 0 and result.suggestion:
            line.append("  did you mean ")
            line.append(result.suggestion, style="bold underline")
            line.append("? (enter or ctrl+y)", style="dim")
        self._status(line)
        self.rows = rows
        if rows is not None:
            self.query_one(ResultList).show_stories(result.hits, rows, keep_cursor=keep_cursor)
        else:
            self.query_one(ResultList).show_hits(result.hits, keep_cursor=keep_cursor)
        if not result.total:
            self.query_one(FacetList).show_facets({})

    def clear_results(self) -> None:
        """Empty the result list (the query box was emptied)."""
        self.result = None
        self.rows = None
        self.error = None
        self.shown_query = None
        self.set_class(False, "-error")
        self.query_one(ResultList).show_hits(())
        self.query_one(FacetList).show_facets({})
