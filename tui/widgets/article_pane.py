"""The article pane: title, metadata line, legend and the article body."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, get_current_worker

from glossator.annotations.model import Sidecar
from glossator.index.labels import LABELS
from glossator.service import ArticleBundle, Session
from glossator.tui.messages import report_failure
from glossator.tui.render import shown_id
from glossator.tui.widgets.article_view import ArticleView, entity_class


def meta_line(bundle: ArticleBundle, sidecar: Sidecar | None) -> Text:
    """path · words · tags · rating · entities · annotations."""
    article = bundle.article
    parts: list[Text] = [Text(shown_id(article.id)), Text(f"{article.words:,} words")]
    if article.decode_errors:
        parts.append(Text("undecodable bytes replaced", style="bold"))
    if sidecar is not None:
        if sidecar.tags:
            parts.append(Text(" ".join(f"#{t}" for t in sidecar.tags), style="italic"))
        if sidecar.rating is not None:
            parts.append(Text(f"rated {sidecar.rating.code}", style="bold"))
        count = len(sidecar.notes) + len(sidecar.spans)
        parts.append(Text(f"{count} annotation{'s' if count != 1 else ''}"))
    else:
        parts.append(Text("annotations read-only", style="bold reverse"))
    parts.append(Text(f"{len(bundle.entities)} entities"))
    return Text(" · ", style="dim").join(parts)


class ArticlePane(Vertical):
    """Everything about the open article except its annotations."""

    @dataclass
    class Loaded(Message):
        """An article, its entities, hits and sidecar are ready to show."""

        bundle: ArticleBundle

    @dataclass
    class Failed(Message):
        """An article could not be read."""

        article_id: str
        error: str

    @dataclass
    class HitsFound(Message):
        """Where a new query matches in the article `article_id`."""

        article_id: str
        hits: list[tuple[int, int]]

    @dataclass
    class SidecarRead(Message):
        """The open article's sidecar as it now is on disk (None: malformed, `error` says why)."""

        article_id: str
        sidecar: Sidecar | None
        error: str | None

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self._entity_cycle: dict[str, int] = {}
        """Per entity name, which mention `jump_to_entity` goes to next."""

    @work(
        thread=True, exclusive=True, group="article", name="opening an article", exit_on_error=False
    )
    def load(self, article_id: str, query: str) -> None:
        """Read an article with its entities, sidecar and hits for `query`."""
        worker = get_current_worker()
        try:
            bundle = self.session.load(article_id, query)
        except Exception as exc:  # a vanished or unreadable file
            self.post_message(self.Failed(article_id, str(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(self.Loaded(bundle))

    @work(
        thread=True,
        exclusive=True,
        group="recheck",
        name="re-reading an article",
        exit_on_error=False,
    )
    def recheck(self, article_id: str, sha256: str, query: str) -> None:
        """Re-read the open article after it changed on disk: all of it when its
        text changed (`Loaded`), else just its sidecar (`SidecarRead`)."""
        try:
            article = self.session.index.article(article_id)
        except Exception as exc:  # deleted or moved away meanwhile
            self.post_message(self.Failed(article_id, str(exc)))
            return
        if article.sha256 != sha256:
            self.post_message(self.Loaded(self.session.load(article_id, query)))
            return
        sidecar, error = self.session.load_sidecar(article)
        self.post_message(self.SidecarRead(article_id, sidecar, error))

    @work(thread=True, exclusive=True, group="hits", name="finding hits", exit_on_error=False)
    def find_hits(self, article_id: str, query: str) -> None:
        """Where `query` matches in the article (after the query changed)."""
        hits = self.session.searcher().hit_offsets(article_id, query)
        self.post_message(self.HitsFound(article_id, hits))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def compose(self) -> ComposeResult:
        yield Static(Text("No article open", style="dim"), id="article-title")
        yield Static("", id="article-meta")
        yield Static("", id="article-legend")
        yield Static("", id="article-notice")
        yield ArticleView(id="article-view")

    def on_mount(self) -> None:
        self.query_one("#article-notice").display = False
        self.query_one("#article-legend").display = False

    @property
    def view(self) -> ArticleView:
        """The body widget."""
        return self.query_one(ArticleView)

    def show(self, bundle: ArticleBundle, sidecar: Sidecar | None, spans: Sequence[Any]) -> None:
        """Show an article with its entities, hits and spans."""
        self._entity_cycle = {}
        article = bundle.article
        self.query_one("#article-title", Static).update(
            Text(article.title or "(untitled)", style="bold", overflow="ellipsis")
        )
        self.update_meta(bundle, sidecar)
        self._legend(bundle)
        notice = self.query_one("#article-notice", Static)
        problems = [p for p in (bundle.sidecar_error, bundle.entities_error) if p]
        if problems:
            notice.update(Text("⚠ " + " · ".join(problems), style="bold"))
        notice.display = bool(problems)
        title_end = article.body_start - 1 if article.body_start else len(article.title)
        self.view.show(
            article.text,
            bundle.entities,
            bundle.hits,
            [(s.start, s.end) for s in spans if not s.orphaned],
            title_end=max(title_end, 0),
        )

    def update_meta(self, bundle: ArticleBundle, sidecar: Sidecar | None) -> None:
        """Redraw the metadata line (after tags or rating changed)."""
        self.query_one("#article-meta", Static).update(meta_line(bundle, sidecar))

    def _legend(self, bundle: ArticleBundle) -> None:
        present = {e.label for e in bundle.entities}
        view = self.view
        legend = Text(no_wrap=True, overflow="ellipsis", end="")
        for label in LABELS:
            if label in present:
                legend.append(
                    label, view.get_component_rich_style(entity_class(label), partial=True)
                )
                legend.append(" ")
        legend.append("hit", view.get_component_rich_style("article-view--hit", partial=True))
        legend.append(" ")
        legend.append("span", view.get_component_rich_style("article-view--span", partial=True))
        widget = self.query_one("#article-legend", Static)
        widget.update(legend)
        widget.display = True

    # -- moving through the article -------------------------------------------

    def step_hit(self, forward: bool) -> str | None:
        """Move to the next (or previous) search hit; returns `hit 2 of 5`."""
        hit = self.view.step_hit(forward)
        hits = self.view.hits
        return f"hit {hits.index(hit) + 1} of {len(hits)}" if hit is not None else None

    def step_entity(self, forward: bool) -> str | None:
        """Move to the next (or previous) entity; returns `LABEL: text`."""
        entity = self.view.step_entity(forward)
        return f"{entity.label}: {entity.text}" if entity is not None else None

    def jump_to_entity(self, name: str, entities: Sequence[Any]) -> str | None:
        """Put the cursor on the next mention of an entity name; returns what to say."""
        mentions = [e for e in entities if " ".join(e.text.split()) == name]
        if not mentions:
            return None
        i = self._entity_cycle.get(name, 0) % len(mentions)
        self._entity_cycle[name] = i + 1
        self.view.jump((mentions[i].start, mentions[i].end))
        return (
            f"{mentions[i].label}: {name} (mention {i + 1} of {len(mentions)}; enter for the next)"
        )
