"""Where the main screen's panes go and which has focus.

Wide, the search pane, the article and the sidebar sit side by side; below
`NARROW` columns they stack: the search pane or the article, with the sidebar
over it. `PaneLayout` is the main screen's base: it knows the panes, moves the
focus between them (tab, escape, `/`, `s`, `f`) and sets the layout classes
the stylesheet reads. It runs no work of its own.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets.input import Selection

from glossator.service import ArticleBundle
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.facets import FacetList
from glossator.tui.widgets.results import ResultList
from glossator.tui.widgets.sidebar import Sidebar

#: Below this width the panes stack: search or article, sidebar as an overlay.
NARROW = 120


class PaneLayout(Screen[None]):
    """Three panes that collapse on a narrow terminal, and the keys that move between them."""

    def __init__(self) -> None:
        super().__init__()
        self.bundle: ArticleBundle | None = None
        """The open article (None before the first one is opened)."""
        self.article_mode = False
        """Narrow layout: the article pane is shown instead of the search pane."""
        self.sidebar_open = True
        self.before_search: Widget | None = None
        """The pane `/` left, where escape in the query box returns."""

    def start_layout(self) -> None:
        """Lay the panes out for the terminal's width (the sidebar opens if there is room)."""
        self.sidebar_open = self.app.size.width >= NARROW
        self._layout(self.app.size.width)

    def on_resize(self) -> None:
        self._layout(self.size.width)

    def relayout(self) -> None:
        """Apply `article_mode`, `sidebar_open` and whether an article is open."""
        self._layout(self.size.width)

    def _layout(self, width: int) -> None:
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        self.set_class(narrow and self.article_mode, "-article-mode")
        self.set_class(self.sidebar_open and self.bundle is not None, "-sidebar")
        self.refresh_bindings()

    @property
    def narrow(self) -> bool:
        """True when panes are stacked."""
        return self.has_class("-narrow")

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def _panes(self) -> list[Widget]:
        panes: list[Widget] = [self.query_one("#query", Input), self.query_one(ResultList)]
        facets = self.query_one(FacetList)
        if facets.option_count:
            panes.append(facets)
        if self.bundle is not None:
            panes.append(self.query_one(ArticleView))
            panes.append(self.query_one(Sidebar))
        return panes

    def focus_pane(self, widget: Widget) -> None:
        """Focus a pane, bringing it on screen in the narrow layout."""
        if isinstance(widget, ArticleView):
            self.article_mode = True
        elif isinstance(widget, Sidebar):
            self.sidebar_open = True
        else:
            self.article_mode = False
            if self.narrow:
                self.sidebar_open = False
        self._layout(self.size.width)
        if isinstance(widget, Input) and self.focused is not widget:
            # The cursor at the end, nothing selected: the next letter adds to the query.
            widget.cursor_position = len(widget.value)
        widget.focus()

    def _cycle(self, step: int) -> None:
        panes = self._panes()
        focused = self.focused
        here = next((i for i, p in enumerate(panes) if p is focused), -1)
        self.focus_pane(panes[(here + step) % len(panes)])

    def action_focus_search(self) -> None:
        """Put the cursor in the search box (the query selected: typing replaces it)."""
        box = self.query_one("#query", Input)
        if self.focused is not box:
            self.before_search = self.focused
        self.focus_pane(box)
        box.selection = Selection(0, len(box.value))

    def action_to_results(self) -> None:
        """From the query box down into the results."""
        self.focus_pane(self.query_one(ResultList))

    def action_next_pane(self) -> None:
        """Focus the next pane."""
        self._cycle(1)

    def action_prev_pane(self) -> None:
        """Focus the previous pane."""
        self._cycle(-1)

    def action_focus_facets(self) -> None:
        """Focus the facet list."""
        self.focus_pane(self.query_one(FacetList))

    def back_target(self) -> Widget | None:
        """Where escape (or q outside the lists) goes from the focused pane; None: nowhere.

        The levels are the result list (the top: q quits there), the article
        and the sidebar over it; each goes back one level and the list goes
        nowhere, so escape never cycles. The query box is a prompt, not a
        level: escape leaves it for the pane `/` came from, else the hits,
        else the open article.
        """
        view = self.query_one(ArticleView)
        results = self.query_one(ResultList)
        focused = self.focused
        if isinstance(focused, Sidebar):
            return view if self.bundle is not None else results
        if focused is view:
            return results
        if isinstance(focused, FacetList):
            return results
        if isinstance(focused, Input):
            before = self.before_search
            if before is not None and before is not focused and self._reachable(before):
                return before
            if results.option_count:
                return results
            return view if self.bundle is not None else None
        return None

    def _reachable(self, widget: Widget) -> bool:
        return widget.is_attached and widget in self._panes()

    def action_back(self) -> None:
        """Back out one level."""
        view = self.query_one(ArticleView)
        focused = self.focused
        if focused is view and view.clear_selection():
            self.refresh_bindings()
            return
        target = self.back_target()
        if target is None:
            return
        if isinstance(focused, Sidebar) and self.narrow:
            self.sidebar_open = False
        self.before_search = None
        self.focus_pane(target)

    def action_toggle_sidebar(self) -> None:
        """Show or hide the sidebar."""
        self.sidebar_open = not self.sidebar_open
        if self.sidebar_open and self.narrow:
            self.focus_pane(self.query_one(Sidebar))
            return
        if not self.sidebar_open and isinstance(self.focused, Sidebar):
            self.focus_pane(self.query_one(ArticleView))
            return
        self._layout(self.size.width)
