"""The article pane: title, metadata line, legend and the article body."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Group
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
from glossator.service.stories import OtherReport
from glossator.tui.messages import report_failure
from glossator.tui.render import shown_id
from glossator.tui.widgets.article_view import ArticleView, entity_class
from glossator.tui.widgets.incident_table import describe


def meta_line(bundle: ArticleBundle, sidecar: Sidecar | None, incidents: int = 0) -> Text:
    """path · date · source · words · tags · rating · annotations · entities · incidents."""
    article = bundle.article
    meta = article.front_matter
    parts: list[Text] = [Text(shown_id(article.id))]
    date = getattr(sidecar, "date", None) or meta.date
    source = getattr(sidecar, "source", None) or meta.source
    if date:
        parts.append(Text(str(date)))
    if source:
        parts.append(Text(source, style="italic"))
    parts.append(Text(f"{article.words:,} words"))
    if article.decode_errors:
        parts.append(Text("undecodable bytes replaced", style="bold"))
    if meta.error:
        parts.append(Text(meta.error, style="bold"))
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
    if incidents:
        parts.append(Text(f"{incidents} incident{'s' if incidents != 1 else ''}"))
    return Text(" · ", style="dim").join(parts)


def _span(row: dict[str, Any]) -> tuple[int, int]:
    start, end = row.get("start"), row.get("end")
    return (start, end) if isinstance(start, int) and isinstance(end, int) else (0, 0)


def incident_ranges(rows: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """The sentences to mark: every incident's but the rejected ones, each once."""
    spans = {_span(r) for r in rows if r.get("status") != "rejected"}
    return sorted(s for s in spans if s[1] > s[0])


class ArticlePane(Vertical):
    """Everything about the open article except its annotations."""

    @dataclass
    class Loaded(Message):
        """An article, its entities, hits, sidecar and incidents are ready to show."""

        bundle: ArticleBundle
        incidents: list[dict[str, Any]]
        """The article's incident log rows (`Session.incidents`)."""

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
    class ReportsFound(Message):
        """The other reports of the article `article_id`'s story (for the sidebar)."""

        article_id: str
        reports: list[OtherReport]

    @dataclass
    class SidecarRead(Message):
        """The open article's sidecar as it now is on disk (None: malformed, `error` says why)."""

        article_id: str
        sidecar: Sidecar | None
        error: str | None
        incidents: list[dict[str, Any]] | None = None
        """The article's incident rows under the sidecar's checks (None: unknown)."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.incidents: list[dict[str, Any]] = []
        """The open article's incident rows."""
        self._meta: tuple[ArticleBundle, Sidecar | None] | None = None
        """What the metadata line was last drawn from."""
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
        incidents = self._incidents(bundle)
        if not worker.is_cancelled:
            self.post_message(self.Loaded(bundle, incidents))

    def _incidents(self, bundle: ArticleBundle) -> list[dict[str, Any]]:
        """The article's incident rows; the extractor's alone when its sidecar
        cannot be read (its checks are then unknown, and nothing can be saved)."""
        article = bundle.article
        try:
            return self.session.incidents(article, checked=bundle.sidecar is not None)
        except Exception as exc:  # incidents must never stop reading
            if not self.session.losing_index():  # a rebuild is logged by itself
                self.session.add_log("index", f"{article.id}: incidents unavailable: {exc}")
            return []

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
            bundle = self.session.load(article_id, query)
            self.post_message(self.Loaded(bundle, self._incidents(bundle)))
            return
        sidecar, error = self.session.load_sidecar(article)
        incidents = None
        if sidecar is not None:
            # Another analyst's incident checks come with the sidecar.
            try:
                incidents = self.session.incidents(article)
            except Exception:  # the checks stay as shown; the sidecar still updates
                incidents = None
        self.post_message(self.SidecarRead(article_id, sidecar, error, incidents))

    @work(thread=True, exclusive=True, group="hits", name="finding hits", exit_on_error=False)
    def find_hits(self, article_id: str, query: str) -> None:
        """Where `query` matches in the article (after the query changed)."""
        hits = self.session.searcher().hit_offsets(article_id, query)
        self.post_message(self.HitsFound(article_id, hits))

    @work(thread=True, exclusive=True, group="reports", name="finding reports", exit_on_error=False)
    def find_reports(self, article_id: str) -> None:
        """The other reports of the article's story (on opening it, and after
        the corpus changed: a reprint added meanwhile joins the list)."""
        try:
            reports = self.session.other_reports(article_id)
        except Exception as exc:  # stories must never stop reading
            if not self.session.losing_index():  # a rebuild is logged by itself
                self.session.add_log("index", f"{article_id}: other reports unavailable: {exc}")
            reports = []
        if not get_current_worker().is_cancelled:
            self.post_message(self.ReportsFound(article_id, reports))

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
        self._legend_labels: set[str] = set()
        self._legend_incidents = False
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        # The legend holds resolved styles; draw it again in the new theme's colours.
        if self.query_one("#article-legend").display:
            self._draw_legend()

    @property
    def view(self) -> ArticleView:
        """The body widget."""
        return self.query_one(ArticleView)

    def show(
        self,
        bundle: ArticleBundle,
        sidecar: Sidecar | None,
        spans: Sequence[Any],
        incidents: Sequence[dict[str, Any]] = (),
    ) -> None:
        """Show an article with its entities, hits, spans and incident sentences."""
        self._entity_cycle = {}
        self.incidents = list(incidents)
        article = bundle.article
        self.query_one("#article-title", Static).update(
            Text(article.title or "(untitled)", style="bold", overflow="ellipsis")
        )
        self.update_meta(bundle, sidecar)
        self._legend(bundle, bool(incident_ranges(self.incidents)))
        notice = self.query_one("#article-notice", Static)
        problems = [p for p in (bundle.sidecar_error, bundle.entities_error) if p]
        if problems:
            notice.update(Text("⚠ " + " · ".join(problems), style="bold"))
        notice.display = bool(problems)
        start = article.content_start
        # The title line is styled when it is in the text (not from front matter).
        title_end = article.body_start - 1 if article.body_start > start else start
        if not article.body_start:
            title_end = len(article.title)
        if article.front_matter.title:
            title_end = start
        self.view.show(
            article.text,
            bundle.entities,
            bundle.hits,
            [(s.start, s.end) for s in spans if not s.orphaned],
            title_end=max(title_end, 0),
            start=start,
            incidents=incident_ranges(self.incidents),
        )

    def show_incidents(self, incidents: Sequence[dict[str, Any]]) -> None:
        """New incident rows for the open article (after a check)."""
        self.incidents = list(incidents)
        self.view.set_incidents(incident_ranges(self.incidents))
        if self._meta is not None:
            self.update_meta(*self._meta)

    def update_meta(self, bundle: ArticleBundle, sidecar: Sidecar | None) -> None:
        """Redraw the metadata line (after tags, rating or incidents changed)."""
        self._meta = (bundle, sidecar)
        marked = len(incident_ranges(self.incidents))
        self.query_one("#article-meta", Static).update(meta_line(bundle, sidecar, marked))

    def _legend(self, bundle: ArticleBundle, incidents: bool) -> None:
        self._legend_labels = {e.label for e in bundle.entities}
        self._legend_incidents = incidents
        self._draw_legend()

    def _draw_legend(self) -> None:
        present = self._legend_labels
        incidents = self._legend_incidents
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
        if incidents:
            legend.append(" ")
            style = view.get_component_rich_style("article-view--incident", partial=True)
            legend.append("incident", style)
        widget = self.query_one("#article-legend", Static)
        # A Rich renderable, not Text: Text is converted to Textual's own
        # styles, which have no overline (TIME and CARDINAL use it).
        widget.update(Group(legend))
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

    def incident_at(self, offset: int) -> dict[str, Any] | None:
        """The incident whose sentence holds this offset (not a rejected one first)."""
        here = [r for r in self.incidents if _span(r)[0] <= offset <= _span(r)[1] != 0]
        here.sort(key=lambda r: r.get("status") == "rejected")
        return here[0] if here else None

    def step_incident(self, forward: bool) -> str | None:
        """Move to the next (or previous) incident sentence; returns
        `incident 2 of 3: Air/drone strike, Kirkuk, 5 killed`."""
        target = self.view.step_incident(forward)
        return self.say_incident(target[0]) if target is not None else None

    def say_incident(self, offset: int) -> str | None:
        """`incident 2 of 3: ...` for the incident at this offset."""
        row = self.incident_at(offset)
        ranges = self.view.incidents
        if row is None or _span(row) not in ranges:
            return None
        return f"incident {ranges.index(_span(row)) + 1} of {len(ranges)}: {describe(row)}"

    def jump_to_entity(self, name: str, entities: Sequence[Any]) -> str | None:
        """Put the cursor on the next mention of an entity name (canonical: every
        way it was written counts); returns what to say."""
        mentions = [e for e in entities if e.name == name]
        if not mentions:
            return None
        i = self._entity_cycle.get(name, 0) % len(mentions)
        self._entity_cycle[name] = i + 1
        self.view.jump((mentions[i].start, mentions[i].end))
        return (
            f"{mentions[i].label}: {name} (mention {i + 1} of {len(mentions)}; enter for the next)"
        )
