"""Opening an article, moving through it and annotating it: the article side of the reader.

`ReadingScreen` is the main screen's middle layer (between `PaneLayout`,
which places the panes, and `MainScreen`, which searches and indexes). It
routes the article pane's `Loaded`, `Failed` and `HitsFound`, the article
commands (hits, entities, selection, copy), the annotation commands and the
sidebar's item actions to `screens/annotate.py`, whose dialogs get an
`AnnotationTarget` rather than the screen.
"""

from __future__ import annotations

from typing import Any

from textual import on

from glossator.annotations.model import Sidecar
from glossator.service import Session
from glossator.tui.render import shown, shown_id
from glossator.tui.screens import annotate, correct
from glossator.tui.screens.layout import PaneLayout
from glossator.tui.widgets.article_pane import ArticlePane
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.results import ResultList
from glossator.tui.widgets.search_pane import SearchPane
from glossator.tui.widgets.sidebar import Sidebar
from glossator.tui.widgets.status import StatusLine


class ReadingScreen(PaneLayout):
    """The open article and what the commands do to it."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.sidecar: Sidecar | None = None
        """The open article's annotations (None: its sidecar is malformed, read-only)."""
        self.corpus_tags: list[str] = []
        """Every tag in the corpus, most used first, for completion."""
        self._opened_from: object = None
        """What had focus when the article now loading was asked for."""
        self._chosen = False
        """The article loading was chosen from the list (not re-read): show it."""
        self.pending_jump: tuple[str, int, int] | None = None
        """(article id, start, end): where the cursor goes once that article is shown."""

    @property
    def view(self) -> ArticleView:
        """The article body."""
        return self.query_one(ArticleView)

    @on(ResultList.Opened)
    def _open(self, message: ResultList.Opened) -> None:
        self.open_article(message.article_id)
        # Even the article just closed: enter on it reopens it where it was.
        self._chosen = True

    def open_article(self, article_id: str) -> None:
        """Load an article in the article pane's worker and show it when ready."""
        self.say(f"opening {article_id}…")
        self._opened_from = self.focused
        self._chosen = False
        self.query_one(ArticlePane).load(article_id, self.query_one(SearchPane).query_text)

    @on(ArticlePane.Failed)
    def _article_failed(self, message: ArticlePane.Failed) -> None:
        self.session.add_log("index", f"cannot open {message.article_id}: {message.error}")
        text = shown(f"cannot open {message.article_id}: {message.error}")
        self.notify(text, severity="error", markup=False)
        self._restore_status()

    @on(ArticlePane.Loaded)
    def _article_loaded(self, message: ArticlePane.Loaded) -> None:
        bundle = message.bundle
        keep_place = self.bundle is not None and self.bundle.article.id == bundle.article.id
        where = self.view.selection.end if keep_place else None
        self.bundle, self.sidecar = bundle, bundle.sidecar
        self.query_one(StatusLine).follower.open_article = bundle.article.id
        spans = self.sidecar.spans if self.sidecar else []
        self.query_one(ArticlePane).show(bundle, self.sidecar, spans, message.incidents)
        sidebar = self.query_one(Sidebar)
        if not keep_place:
            sidebar.reports = []  # the new article's come from `find_reports`
        sidebar.show(self.sidecar, bundle.entities, bundle.sidecar_error)
        self.query_one(ArticlePane).find_reports(bundle.article.id)
        self.relayout()
        jump, self.pending_jump = self.pending_jump, None
        if jump is not None and jump[0] == bundle.article.id:
            self.view.jump(jump[1:])
        elif where is not None:
            self.view.move_cursor(where, center=True)
        self._restore_status()
        if jump is not None:
            self.say(self.query_one(ArticlePane).say_incident(jump[1]))
        # Focus follows the article only if the reader has not moved on while it
        # loaded: a `/` typed meanwhile keeps the query box.
        if (not keep_place or self._chosen) and self.focused is self._opened_from:
            self.focus_pane(self.view)
        self._chosen = False

    @on(ArticlePane.ReportsFound)
    def _reports_found(self, message: ArticlePane.ReportsFound) -> None:
        if self.bundle is not None and self.bundle.article.id == message.article_id:
            self.query_one(Sidebar).show_reports(message.reports)

    @on(ArticlePane.HitsFound)
    def _hits_found(self, message: ArticlePane.HitsFound) -> None:
        if self.bundle is not None and self.bundle.article.id == message.article_id:
            self.bundle.hits = message.hits
            self.view.set_hits(message.hits)
            self.refresh_bindings()

    def apply_sidecar(self, sidecar: Sidecar, saved: str = "") -> None:
        """Show a freshly saved sidecar and re-index the article so `tag:` finds it.

        `saved` says what changed; the status line confirms it with the file.
        """
        if self.bundle is None:
            return
        if saved:
            where = shown_id(self.session.store.path_for(self.bundle.article.id).name)
            self.say(f"✓ {saved} · saved to {where}")
        self.show_sidecar(sidecar, None)
        self.query_one(StatusLine).reindex(self.bundle.article.id)

    def show_sidecar(
        self,
        sidecar: Sidecar | None,
        error: str | None,
        incidents: list[dict[str, Any]] | None = None,
    ) -> None:
        """Show the open article's annotations as they now are (header, spans,
        sidebar, incident marks), leaving the cursor, scroll position and
        selection where they were."""
        if self.bundle is None:
            return
        self.sidecar = self.bundle.sidecar = sidecar
        self.bundle.sidecar_error = error
        pane = self.query_one(ArticlePane)
        if incidents is not None:
            pane.show_incidents(incidents)
        pane.update_meta(self.bundle, sidecar)
        spans = sidecar.spans if sidecar is not None else []
        self.view.set_spans((s.start, s.end) for s in spans if not s.orphaned)
        self.query_one(Sidebar).show(sidecar, self.bundle.entities, error)
        self.refresh_bindings()

    @on(StatusLine.CorpusChanged)
    def _corpus_changed(self, message: StatusLine.CorpusChanged) -> None:
        """Articles changed on disk: re-read the open one if it is among them."""
        change = message.change
        if change.error is not None:
            self.say(f"the index could not follow a change: {change.error} (l: log)", bold=True)
        if self.bundle is None:
            return
        article = self.bundle.article
        # An article added or changed elsewhere may join (or leave) its story.
        self.query_one(ArticlePane).find_reports(article.id)
        if article.id in change.articles or any(
            f.endswith("/") and article.id.startswith(f) for f in change.articles
        ):
            query = self.query_one(SearchPane).query_text
            self.query_one(ArticlePane).recheck(article.id, article.sha256, query)

    @on(ArticlePane.SidecarRead)
    def _sidecar_read(self, message: ArticlePane.SidecarRead) -> None:
        # Another reader or the command line saved the open article's sidecar.
        bundle = self.bundle
        if bundle is None or bundle.article.id != message.article_id:
            return
        if (
            message.sidecar != self.sidecar
            or message.error != bundle.sidecar_error
            or (message.incidents is not None and message.incidents != pane_rows(self))
        ):
            self.show_sidecar(message.sidecar, message.error, message.incidents)

    def _reopen(self) -> None:
        # The watchlist changed: the articles naming the new entry are
        # re-indexed in the background, and the open one is read again
        # (its entities changed).
        self.query_one(StatusLine).refresh_index("the watchlist changed", lost=False)
        if self.bundle is not None:
            self.open_article(self.bundle.article.id)

    def _restore_status(self) -> None:
        self.query_one(StatusLine).restore()

    def say(self, message: str | None, *, bold: bool = False) -> None:
        """Put a one-line message in the status line (None: leave it as it is)."""
        if message is not None:
            self.query_one(StatusLine).show_text(message, bold=bold)

    # -- article commands -------------------------------------------------------

    def action_next_hit(self) -> None:
        """Next search hit."""
        self.say(self.query_one(ArticlePane).step_hit(True))

    def action_prev_hit(self) -> None:
        """Previous search hit."""
        self.say(self.query_one(ArticlePane).step_hit(False))

    def action_next_entity(self) -> None:
        """Next entity."""
        self.say(self.query_one(ArticlePane).step_entity(True))

    def action_prev_entity(self) -> None:
        """Previous entity."""
        self.say(self.query_one(ArticlePane).step_entity(False))

    def action_select(self) -> None:
        """Start or end a selection."""
        view = self.view
        if self.focused is not view:
            self.focus_pane(view)
        if view.toggle_selecting():
            self.say("selecting: move with the cursor keys, v to end, escape to cancel", bold=True)
        else:
            picked = view.selected_range()
            size = picked[1] - picked[0] if picked else 0
            self.say(f"{size} characters selected: a to annotate, A to add an incident, y to copy")
        self.refresh_bindings()

    def action_copy(self) -> None:
        """Copy the selection, else the article path, with OSC 52."""
        if self.bundle is None:
            return
        picked = self.view.selected_range()
        if picked is not None:
            text = self.bundle.article.text[picked[0] : picked[1]]
            what = f"{len(text)} characters"
        else:
            text = what = str(self.bundle.article.path)
        self.app.copy_to_clipboard(text)
        self.notify(shown(f"copied {what}"), timeout=3, markup=False)

    # -- annotations --------------------------------------------------------------

    def _target(self) -> annotate.AnnotationTarget:
        assert self.bundle is not None and self.sidecar is not None
        return annotate.AnnotationTarget(
            self.session, self.bundle.article, self.sidecar, self.corpus_tags, self.apply_sidecar
        )

    def action_add_tag(self) -> None:
        """Add tags (completion from the corpus)."""
        annotate.add_tags(self.app, self._target())

    def action_remove_tag(self) -> None:
        """Remove a tag."""
        annotate.remove_tag(self.app, self._target())

    def action_rate(self) -> None:
        """Rate the source."""
        annotate.rate(self.app, self._target())

    def action_add_note(self) -> None:
        """Add a note."""
        annotate.add_note(self.app, self._target())

    def action_annotate(self) -> None:
        """Label the selection."""
        picked = self.view.selected_range()
        if picked is not None:
            problem = annotate.annotate_selection(
                self.app, self._target(), picked, self.view.clear_selection
            )
            self.say(problem, bold=True)

    # -- entity corrections -------------------------------------------------------

    def entity_here(self) -> correct.Mention | None:
        """The entity a correction key acts on: the sidebar's highlighted one
        when the sidebar has focus, else the one under the article cursor."""
        if self.bundle is None:
            return None
        article = self.bundle.article.id
        sidebar = self.query_one(Sidebar)
        if self.focused is sidebar:
            item = sidebar.current_item()
            if item is None or item[0] != "entity":
                return None
            return correct.Mention(item[1], item[2] or None, article)
        here = self.view.cursor_offset
        for entity in self.bundle.entities:
            if entity.start <= here < entity.end:
                return correct.Mention(" ".join(entity.text.split()), entity.label, article)
        return None

    def _corrected(self) -> None:
        self.view.clear_selection()
        self._reopen()

    def action_entity_wrong(self) -> None:
        """Mark the entity here as wrong."""
        mention = self.entity_here()
        if mention is not None:
            correct.mark_wrong(self.app, self.session, mention, self._corrected)

    def action_entity_relabel(self) -> None:
        """Relabel the entity here."""
        mention = self.entity_here()
        if mention is not None:
            correct.relabel(self.app, self.session, mention, self._corrected)

    def action_entity_add(self) -> None:
        """Add the selected text as an entity."""
        picked = self.view.selected_range()
        if self.bundle is None or picked is None:
            return
        text = " ".join(self.bundle.article.text[picked[0] : picked[1]].split())
        if not text:
            self.say("select the entity's text first (v, then move)", bold=True)
            return
        mention = correct.Mention(text, None, self.bundle.article.id)
        correct.add_missed(self.app, self.session, mention, self._corrected)

    @on(Sidebar.ItemAction)
    def _sidebar_item(self, message: Sidebar.ItemAction) -> None:
        """Jump to, edit, delete or watch the sidebar item the user acted on."""
        if self.bundle is None:
            return
        kind, key, verb = message.kind, message.key, message.verb
        if verb == "jump" and kind == "span" and self.sidecar is not None:
            span = self.sidecar.find_span(key)
            if span is not None:
                self.view.jump((span.start, span.end), select=True)
                self.view.focus()
        elif verb == "jump" and kind == "report":
            self.open_article(key)
            self._chosen = True
        elif verb == "jump" and kind == "entity":
            self.say(self.query_one(ArticlePane).jump_to_entity(key, self.bundle.entities))
        elif verb == "watch":
            annotate.watch(self.app, self.session, key, message.label, self._reopen)
        elif self.sidecar is None:
            return
        elif verb == "edit" and kind == "note":
            annotate.add_note(self.app, self._target(), key)
        elif verb == "edit" and kind == "rating":
            annotate.rate(self.app, self._target())
        elif verb == "edit" and kind in ("span", "orphan"):
            annotate.edit_span(self.app, self._target(), key)
        elif verb == "delete":
            annotate.delete(self.app, self._target(), kind, key)


def pane_rows(screen: Any) -> list[dict[str, Any]]:
    """The incident rows the open article pane shows."""
    return list(screen.query_one(ArticlePane).incidents)
