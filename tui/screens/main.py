"""The reader's one main screen: search pane, article pane and annotation sidebar.

The screen coordinates the panes (attributes down, messages up) and runs all
Whoosh, file and store work in thread workers, so typing and scrolling never
wait on the disk.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from glossator.annotations.model import Sidecar
from glossator.index.engine import QueryError
from glossator.index.query import facet_filter
from glossator.tui.commands import BY_ACTION, bindings
from glossator.tui.messages import (
    ArticleFailed,
    ArticleLoaded,
    FacetsFinished,
    IndexFinished,
    IndexProgress,
    SearchFinished,
)
from glossator.tui.render import shown, shown_id
from glossator.tui.screens import annotate
from glossator.tui.screens.export import ExportScope, ExportScreen
from glossator.tui.screens.info import HelpScreen, LogScreen
from glossator.tui.session import RESULT_LIMIT, ArticleBundle, Session
from glossator.tui.widgets.article_pane import ArticlePane
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.facets import FacetList
from glossator.tui.widgets.footer import ReaderFooter
from glossator.tui.widgets.results import ResultList
from glossator.tui.widgets.search_pane import SearchPane
from glossator.tui.widgets.sidebar import Sidebar
from glossator.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from glossator.tui.app import GlossatorApp

#: Below this width the panes stack: search or article, sidebar as an overlay.
NARROW = 120
#: Hits fetched while typing: a screenful, so the first paint is quick.
FIRST_PAINT = 12
#: Hits added each time the cursor reaches the end of the result list.
MORE = 30
#: The full list and facets are fetched once typing has paused this long (seconds).
FACET_PAUSE = 0.15
#: Full garbage collections wait for this many middle-generation ones (Python: 10).
FULL_COLLECTION_EVERY = 100
#: While indexing, re-run the shown query this often so new articles appear.
REFRESH_WHILE_INDEXING = 1.5

ARTICLE_ACTIONS = {
    "next_hit",
    "prev_hit",
    "next_entity",
    "prev_entity",
    "select",
    "annotate",
    "copy",
}
EDIT_ACTIONS = {"add_tag", "remove_tag", "rate", "add_note", "annotate"}


def _settle_memory() -> None:
    """Keep Python's full garbage collections from stalling keystrokes.

    A full collection scans every object: with the index and searcher loaded
    that took 30-70 ms, landing on a keystroke every few seconds of typing.
    What exists once the searcher is open lives as long as the reader, so it
    is left out of them (`gc.freeze`), and they run a tenth as often.
    """
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


class MainScreen(Screen[None]):
    """Search, read and annotate."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("screen"))

    def __init__(self, session: Session, *, show_timings: bool = True) -> None:
        super().__init__()
        self.session = session
        self.show_timings = show_timings
        self.bundle: ArticleBundle | None = None
        self.sidecar: Sidecar | None = None
        self.corpus_tags: list[str] = []
        self.article_mode = False
        """Narrow layout: the article pane is shown instead of the search pane."""
        self.sidebar_open = True
        self.indexed = 0
        self._last_refresh = 0.0
        self._entity_cycle: dict[str, int] = {}
        self.from_palette = False
        self._opened_from: Widget | None = None
        """What had focus when the article now loading was asked for."""
        self.result_limit = RESULT_LIMIT
        """Hits wanted for the query shown; grows as the user reaches the end of the list."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield SearchPane(show_timings=self.show_timings, id="search")
            yield ArticlePane(id="article")
            yield Sidebar(id="sidebar")
        yield StatusLine(id="status")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.sidebar_open = self.app.size.width >= NARROW
        self._layout(self.app.size.width)
        self.query_one(SearchPane).show_hint("type to search · tab: to the results · f1: every key")
        self.query_one("#query", Input).focus()
        self.query_one(StatusLine).show_text("opening the index…")
        self._update_index()

    @property
    def session_app(self) -> GlossatorApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    # -- layout ---------------------------------------------------------------

    def on_resize(self) -> None:
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

    def _panes(self) -> list[Any]:
        search = self.query_one(SearchPane)
        panes: list[Any] = [search.query_one("#query", Input), search.query_one(ResultList)]
        facets = search.query_one(FacetList)
        if facets.option_count:
            panes.append(facets)
        if self.bundle is not None:
            panes.append(self.query_one(ArticleView))
            panes.append(self.query_one(Sidebar))
        return panes

    def _focus_pane(self, widget: Any) -> None:
        if isinstance(widget, ArticleView):
            self.article_mode = True
        elif isinstance(widget, Sidebar):
            self.sidebar_open = True
        else:
            self.article_mode = False
            if self.narrow:
                self.sidebar_open = False
        self._layout(self.size.width)
        widget.focus()

    def _cycle(self, step: int) -> None:
        panes = self._panes()
        focused = self.focused
        here = next((i for i, p in enumerate(panes) if p is focused), -1)
        self._focus_pane(panes[(here + step) % len(panes)])

    # -- applicability ----------------------------------------------------------

    def _typing(self) -> bool:
        return isinstance(self.focused, Input) and not self.from_palette

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        command = BY_ACTION.get(action)
        if command is None:
            return True
        if self._typing() and not command.typing_safe:
            return False
        view_shown = self.bundle is not None and (not self.narrow or self.article_mode)
        search_shown = not self.narrow or not self.article_mode
        if action in ("focus_facets", "accept_suggestion") and not search_shown:
            return False
        if action in ARTICLE_ACTIONS and not view_shown:
            return False
        if action in EDIT_ACTIONS and (self.bundle is None or self.sidecar is None):
            return False
        view = self.query_one(ArticleView)
        if action in ("next_hit", "prev_hit"):
            return bool(view.hits)
        if action in ("next_entity", "prev_entity"):
            return bool(view.entities)
        if action == "annotate":
            return view.selected_range() is not None and not view.selecting
        if action == "remove_tag":
            return bool(self.sidecar and self.sidecar.tags)
        if action == "toggle_sidebar":
            return self.bundle is not None
        if action == "back":
            # From the query box: to the open article, else to the hits.
            return (
                not isinstance(self.focused, Input)
                or self.bundle is not None
                or self.query_one(ResultList).option_count > 0
            )
        if action == "focus_facets":
            return self.query_one(FacetList).option_count > 0
        if action == "accept_suggestion":
            result = self.query_one(SearchPane).result
            return bool(result and result.total == 0 and result.suggestion)
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # -- indexing -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _update_index(self) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(IndexProgress(done, total))

        try:
            report = self.session.update(progress)
        except Exception as exc:  # shown in the status line and the log
            self.session.add_log("index", f"indexing failed: {exc}")
            self.post_message(IndexFinished(None, str(exc)))
            return
        try:
            self.session.flush_pending()
        except Exception as exc:
            self.session.add_log("index", f"re-indexing after edits failed: {exc}")
        self.post_message(IndexFinished(report))

    def on_index_progress(self, message: IndexProgress) -> None:
        self.query_one(StatusLine).show_progress(message.done, message.total)
        now = time.monotonic()
        if now - self._last_refresh > REFRESH_WHILE_INDEXING:
            self._last_refresh = now
            self._research()

    def on_index_finished(self, message: IndexFinished) -> None:
        status = self.query_one(StatusLine)
        problems = len(self.session.log)
        if message.report is None:
            status.show_text(f"indexing failed: {message.error} (l: log)", bold=True)
        else:
            total = message.report.total - len(message.report.skipped)
            self.indexed = total
            status.show_ready(total, problems)
        self._load_tags()
        self._research()

    @work(thread=True, group="tags", exit_on_error=False)
    def _load_tags(self) -> None:
        tags = self.session.tags()
        _settle_memory()
        self.app.call_from_thread(setattr, self, "corpus_tags", tags)

    # -- searching ------------------------------------------------------------

    @property
    def query_text(self) -> str:
        """The query in the search box."""
        return self.query_one(SearchPane).query_text

    def _research(self) -> None:
        if self.query_text.strip():
            self._search(self.query_text, self.result_limit)

    @on(SearchPane.QueryChanged)
    def _query_changed(self, message: SearchPane.QueryChanged) -> None:
        self.result_limit = RESULT_LIMIT
        self.workers.cancel_group(self, "more")
        if not message.query.strip():
            self.workers.cancel_group(self, "search")
            pane = self.query_one(SearchPane)
            pane.clear_results()
            pane.show_hint("type to search")
            self.refresh_bindings()
            return
        self._search(message.query, self.result_limit)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, limit: int) -> None:
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        result = self.session.search(query, limit=FIRST_PAINT, cancelled=cancelled)
        if worker.is_cancelled:
            return
        self.post_message(SearchFinished(query, result))
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
            self.post_message(SearchFinished(query, more))
        facets = self.session.facets(query, cancelled=cancelled)
        if not worker.is_cancelled:
            self.post_message(FacetsFinished(query, facets))

    @on(ResultList.EndReached)
    def _end_reached(self, message: ResultList.EndReached) -> None:
        result = self.query_one(SearchPane).result
        if result is None or result.query != self.query_text or result.total <= len(result.hits):
            return
        if self.result_limit > len(result.hits):
            return  # already on its way
        self.result_limit = len(result.hits) + MORE
        self.say(f"loading hits {len(result.hits) + 1}-{min(self.result_limit, result.total)}…")
        self._more(result.query, self.result_limit)

    @work(thread=True, exclusive=True, group="more", exit_on_error=False)
    def _more(self, query: str, limit: int) -> None:
        result = self.session.search(query, limit=limit)
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(query, result))
            self.app.call_from_thread(self._restore_status)

    def on_facets_finished(self, message: FacetsFinished) -> None:
        if message.query == self.query_text:
            facets = self.query_one(FacetList)
            had = facets.option_count > 0
            facets.show_facets(message.facets)
            if had != (facets.option_count > 0):
                self.refresh_bindings()

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.query != self.query_text:
            return  # a newer query is on its way; keep what is shown
        pane = self.query_one(SearchPane)
        suggested = self.check_action("accept_suggestion", ())
        pane.show_result(message.result)
        # Re-drawing the footer is not free: only when what applies changed.
        if suggested != self.check_action("accept_suggestion", ()):
            self.refresh_bindings()
        if self.bundle is not None and not isinstance(message.result, QueryError):
            self._rehit(self.bundle.article.id, message.query)

    @work(thread=True, exclusive=True, group="hits", exit_on_error=False)
    def _rehit(self, article_id: str, query: str) -> None:
        hits = self.session.searcher().hit_offsets(article_id, query)
        self.app.call_from_thread(self._apply_hits, article_id, hits)

    def _apply_hits(self, article_id: str, hits: list[tuple[int, int]]) -> None:
        if self.bundle is not None and self.bundle.article.id == article_id:
            self.bundle.hits = hits
            self.query_one(ArticleView).set_hits(hits)
            self.refresh_bindings()

    @on(SearchPane.Submitted)
    def _submitted(self) -> None:
        result = self.query_one(SearchPane).result
        if result is not None and result.total == 0 and result.suggestion:
            self.action_accept_suggestion()
        elif result is not None and result.hits:
            self._focus_pane(self.query_one(ResultList))

    @on(FacetList.Chosen)
    def _facet(self, message: FacetList.Chosen) -> None:
        clause = facet_filter(message.field, message.value)
        query = self.query_text.strip()
        if clause not in query:
            self.query_one(SearchPane).set_query(f"{query} {clause}".strip())
        self._focus_pane(self.query_one(ResultList))

    # -- opening articles -------------------------------------------------------

    @on(ResultList.Opened)
    def _open(self, message: ResultList.Opened) -> None:
        self.open_article(message.article_id)

    def open_article(self, article_id: str) -> None:
        """Load an article in a worker and show it when ready."""
        self.query_one(StatusLine).show_text(f"opening {article_id}…")
        self._opened_from = self.focused
        self._load(article_id, self.query_text)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load(self, article_id: str, query: str) -> None:
        worker = get_current_worker()
        try:
            bundle = self.session.load(article_id, query)
        except Exception as exc:  # a vanished or unreadable file
            self.post_message(ArticleFailed(article_id, str(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(ArticleLoaded(bundle))

    def on_article_failed(self, message: ArticleFailed) -> None:
        self.session.add_log("index", f"cannot open {message.article_id}: {message.error}")
        self.notify(
            shown(f"cannot open {message.article_id}: {message.error}"),
            severity="error",
            markup=False,
        )
        self._restore_status()

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        keep_place = self.bundle is not None and self.bundle.article.id == message.bundle.article.id
        view = self.query_one(ArticleView)
        where = view.selection.end if keep_place else None
        self.bundle = message.bundle
        self.sidecar = message.bundle.sidecar
        self._entity_cycle = {}
        self._show_article()
        if where is not None:
            view.move_cursor(where, center=True)
        self._restore_status()
        # Focus follows the article only if the reader has not moved on while it
        # loaded: a `/` typed meanwhile keeps the query box.
        if not keep_place and self.focused is self._opened_from:
            self._focus_pane(view)

    def _show_article(self) -> None:
        assert self.bundle is not None
        spans = self.sidecar.spans if self.sidecar else []
        self.query_one(ArticlePane).show(self.bundle, self.sidecar, spans)
        self.query_one(Sidebar).show(self.sidecar, self.bundle.entities, self.bundle.sidecar_error)
        self._layout(self.size.width)

    def apply_sidecar(self, sidecar: Sidecar, reindex: bool = True, saved: str = "") -> None:
        """Show a freshly saved sidecar and re-index the article so `tag:` finds it.

        `saved` says what changed; the status line confirms it with the file.
        """
        if self.bundle is None:
            return
        self.sidecar = sidecar
        if saved:
            where = shown_id(self.session.store.path_for(self.bundle.article.id).name)
            self.say(f"✓ {saved} · saved to {where}")
        self.query_one(ArticlePane).update_meta(self.bundle, sidecar)
        self.query_one(ArticleView).set_spans(
            (s.start, s.end) for s in sidecar.spans if not s.orphaned
        )
        self.query_one(Sidebar).show(sidecar, self.bundle.entities, None)
        self.refresh_bindings()
        if reindex:
            self._reindex(self.bundle.article.id)

    @work(thread=True, group="reindex", exit_on_error=False)
    def _reindex(self, article_id: str) -> None:
        try:
            self.session.reindex(article_id)
        except Exception as exc:  # the sidecar is saved; only the index lags
            self.session.add_log("index", f"re-indexing {article_id} failed: {exc}")
            return
        tags = self.session.tags()
        self.app.call_from_thread(self._after_reindex, tags)

    def _after_reindex(self, tags: list[str]) -> None:
        self.corpus_tags = tags
        self._research()

    def _restore_status(self) -> None:
        if not self.session.indexing:
            self.query_one(StatusLine).show_ready(self.indexed, len(self.session.log))

    def say(self, message: str, *, bold: bool = False) -> None:
        """Put a one-line message in the status line."""
        self.query_one(StatusLine).show_text(message, bold=bold)

    def save_in_background(
        self, describe: str, save: Callable[[], Sidecar], *, saved: str = ""
    ) -> None:
        """Run a store change without a dialog; a failure is shown and logged."""
        self._save(describe, save, saved)

    @work(thread=True, group="save", exit_on_error=False)
    def _save(self, describe: str, save: Callable[[], Sidecar], saved: str) -> None:
        try:
            sidecar = save()
        except Exception as exc:  # shown to the user, nothing lost on disk
            self.session.add_log("save", f"{describe}: {exc}")
            self.app.call_from_thread(
                self.notify, f"{describe} failed: {exc}", severity="error", timeout=8
            )
            return
        self.app.call_from_thread(self.apply_sidecar, sidecar, saved=saved)

    # -- actions: general -------------------------------------------------------

    def action_focus_search(self) -> None:
        """Put the cursor in the search box."""
        self._focus_pane(self.query_one("#query", Input))

    def action_next_pane(self) -> None:
        """Focus the next pane."""
        self._cycle(1)

    def action_prev_pane(self) -> None:
        """Focus the previous pane."""
        self._cycle(-1)

    def action_back(self) -> None:
        """Back out one step."""
        view = self.query_one(ArticleView)
        focused = self.focused
        if focused is view and view.clear_selection():
            self.refresh_bindings()
            return
        if isinstance(focused, Sidebar):
            if self.narrow:
                self.sidebar_open = False
            self._focus_pane(view)
        elif focused is view:
            self._focus_pane(self.query_one(ResultList))
        elif isinstance(focused, ResultList | FacetList):
            self._focus_pane(self.query_one("#query", Input))
        elif isinstance(focused, Input) and self.bundle is not None:
            self._focus_pane(view)
        elif isinstance(focused, Input) and self.query_one(ResultList).option_count:
            # Leave the box for the hits, where q quits instead of typing a q.
            self._focus_pane(self.query_one(ResultList))

    def action_toggle_sidebar(self) -> None:
        """Show or hide the sidebar."""
        self.sidebar_open = not self.sidebar_open
        if self.sidebar_open and self.narrow:
            self._focus_pane(self.query_one(Sidebar))
            return
        if not self.sidebar_open and isinstance(self.focused, Sidebar):
            self._focus_pane(self.query_one(ArticleView))
            return
        self._layout(self.size.width)

    def action_focus_facets(self) -> None:
        """Focus the facet list."""
        self._focus_pane(self.query_one(FacetList))

    def action_accept_suggestion(self) -> None:
        """Search for the spelling suggestion."""
        result = self.query_one(SearchPane).result
        if result is not None and result.suggestion:
            self.query_one(SearchPane).set_query(result.suggestion)

    def action_clear_query(self) -> None:
        """Empty the search box."""
        self.query_one(SearchPane).set_query("")
        self._focus_pane(self.query_one("#query", Input))

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
            self.bundle.article.id if self.bundle else None,
            self.query_text.strip() or None,
        )

        def done(message: str | None) -> None:
            if message:
                self.notify(shown(message), timeout=6, markup=False)

        self.app.push_screen(ExportScreen(self.session, scope, self.session_app.export_dir), done)

    # -- actions: article -------------------------------------------------------

    def action_next_hit(self) -> None:
        """Next search hit."""
        self._say_hit(self.query_one(ArticleView).step_hit(True))

    def action_prev_hit(self) -> None:
        """Previous search hit."""
        self._say_hit(self.query_one(ArticleView).step_hit(False))

    def _say_hit(self, hit: tuple[int, int] | None) -> None:
        hits = self.query_one(ArticleView).hits
        if hit is not None:
            self.query_one(StatusLine).show_text(f"hit {hits.index(hit) + 1} of {len(hits)}")

    def action_next_entity(self) -> None:
        """Next entity."""
        self._say_entity(self.query_one(ArticleView).step_entity(True))

    def action_prev_entity(self) -> None:
        """Previous entity."""
        self._say_entity(self.query_one(ArticleView).step_entity(False))

    def _say_entity(self, entity: Any) -> None:
        if entity is not None:
            self.query_one(StatusLine).show_text(f"{entity.label}: {entity.text}")

    def action_select(self) -> None:
        """Start or end a selection."""
        view = self.query_one(ArticleView)
        if self.focused is not view:
            self._focus_pane(view)
        if view.toggle_selecting():
            self.query_one(StatusLine).show_text(
                "selecting: move with the cursor keys, v to end, escape to cancel", bold=True
            )
        else:
            picked = view.selected_range()
            size = picked[1] - picked[0] if picked else 0
            self.query_one(StatusLine).show_text(
                f"{size} characters selected: a to annotate, y to copy"
            )
        self.refresh_bindings()

    def action_copy(self) -> None:
        """Copy the selection, else the article path, with OSC 52."""
        if self.bundle is None:
            return
        view = self.query_one(ArticleView)
        picked = view.selected_range()
        if picked is not None:
            text = self.bundle.article.text[picked[0] : picked[1]]
            what = f"{len(text)} characters"
        else:
            text = str(self.bundle.article.path)
            what = text
        self.app.copy_to_clipboard(text)
        self.notify(shown(f"copied {what}"), timeout=3, markup=False)

    # -- actions: annotations ---------------------------------------------------

    def action_add_tag(self) -> None:
        """Add tags (completion from the corpus)."""
        annotate.add_tags(self)

    def action_remove_tag(self) -> None:
        """Remove a tag."""
        annotate.remove_tag(self)

    def action_rate(self) -> None:
        """Rate the source."""
        annotate.rate(self)

    def action_add_note(self) -> None:
        """Add a note."""
        annotate.add_note(self)

    def action_annotate(self) -> None:
        """Label the selection."""
        annotate.annotate_selection(self)

    @on(Sidebar.ItemAction)
    def _sidebar_item(self, message: Sidebar.ItemAction) -> None:
        annotate.sidebar_item(self, message)

    def jump_to_entity(self, name: str) -> None:
        """Put the cursor on the next mention of an entity name."""
        if self.bundle is None:
            return
        mentions = [e for e in self.bundle.entities if " ".join(e.text.split()) == name]
        if not mentions:
            return
        i = self._entity_cycle.get(name, 0) % len(mentions)
        self._entity_cycle[name] = i + 1
        view = self.query_one(ArticleView)
        view.jump((mentions[i].start, mentions[i].end))
        self.query_one(StatusLine).show_text(
            f"{mentions[i].label}: {name} (mention {i + 1} of {len(mentions)}; enter for the next)"
        )

    # -- watchlist ----------------------------------------------------------------

    def watch_name(self, name: str, label: str) -> None:
        """Add a name to the corpus watchlist in a worker, then re-read the article."""
        self._watch(name, label)

    @work(thread=True, group="watch", exit_on_error=False)
    def _watch(self, name: str, label: str) -> None:
        try:
            path = self.session.watch(name, label)
        except Exception as exc:  # a malformed or unwritable watchlist
            self.session.add_log("watchlist", f"cannot add {name}: {exc}")
            self.app.call_from_thread(
                self.notify,
                f"cannot add {name} to the watchlist: {exc}",
                severity="error",
                timeout=8,
            )
            return
        self.app.call_from_thread(self.notify, f"{name} ({label}) added to {path}")
        if self.bundle is not None:
            self.app.call_from_thread(self.open_article, self.bundle.article.id)
