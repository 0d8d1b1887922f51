"""The search pane: query box, hit count, result list and facets."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from glossator.index.engine import QueryError, SearchResult
from glossator.tui.widgets.facets import FacetList
from glossator.tui.widgets.results import ResultList


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

    def __init__(self, *, show_timings: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_timings = show_timings
        self.result: SearchResult | None = None
        """The results on screen (kept while a newer query runs, so nothing flickers)."""
        self.error: str | None = None
        self.shown_query: str | None = None
        """The query whose results or error are on screen."""
        self._status_line: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder='search: words, "phrases", tag:x person:y …', id="query", compact=True
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

    def show_result(self, result: SearchResult | QueryError) -> None:
        """Show new results, or an inline message for a query that does not parse."""
        self.shown_query = result.query
        if isinstance(result, QueryError):
            self.error = result.message
            self.set_class(True, "-error")
            self._status(Text.assemble(("✗ ", "bold"), (result.message, "")))
            return
        self.error = None
        self.set_class(False, "-error")
        self.result = result
        line = Text()
        shown = len(result.hits)
        line.append(f"{result.total} hit{'s' if result.total != 1 else ''}", style="bold")
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
        self.query_one(ResultList).show_hits(result.hits)
        if not result.total:
            self.query_one(FacetList).show_facets({})

    def clear_results(self) -> None:
        """Empty the result list (the query box was emptied)."""
        self.result = None
        self.error = None
        self.shown_query = None
        self.set_class(False, "-error")
        self.query_one(ResultList).show_hits(())
        self.query_one(FacetList).show_facets({})
