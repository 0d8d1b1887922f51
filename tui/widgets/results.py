"""The result list: one entry per hit, with title, path, tags and a snippet.

Grouped (the default), a story of several reports is one entry headed by its
best hit, with `+3 reports` and the sources it names; `space` expands it in
place into one line per other report, and collapses it again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from glossator.index.engine import SearchHit
from glossator.service.stories import Report, StoryRow
from glossator.tui.commands import bindings
from glossator.tui.render import shown

#: Hit words: bold and underlined, so they show without colour.
HIT_STYLE = "bold underline"
#: Characters kept before the first hit when a snippet is cut to fit one line.
LEAD = 24


def _emphasised(text: str, spans: Sequence[tuple[int, int]], base: str = "") -> Text:
    out = Text(text, style=base, no_wrap=True, overflow="ellipsis")
    for start, end in spans:
        out.stylize(HIT_STYLE, start, end)
    return out


def render_hit(hit: SearchHit, before: Text | None = None) -> Content:
    """Three lines: title, path and tags (after `before`), snippet with the hits emphasised."""
    title = _emphasised(hit.title or "(untitled)", hit.title_highlights, "bold")
    meta = Text(no_wrap=True, overflow="ellipsis")
    if before is not None:
        meta.append_text(before)
    meta.append(shown(hit.article_id), style="dim")
    if hit.tags:
        meta.append("  ")
        meta.append(shown(" ".join(f"#{t}" for t in hit.tags)), style="italic")
    lines = [title, meta]
    snip = hit.snippet
    if snip is not None and snip.text.strip():
        cut = 0
        if snip.highlights and snip.highlights[0][0] > LEAD:
            cut = snip.highlights[0][0] - LEAD
        text = snip.text[cut:]
        spans = [(a - cut, b - cut) for a, b in snip.highlights if a >= cut]
        lead = len(text) - len(text.lstrip())
        body = _emphasised(text.strip(), [(a - lead, b - lead) for a, b in spans])
        prefix = Text("…" if (snip.start > 0 or cut) else "")
        lines.append(Text.assemble(prefix, body, no_wrap=True, overflow="ellipsis"))
    # The list's CSS (text-wrap: nowrap) cuts each line with an ellipsis.
    return Content.from_rich_text(Text("\n").join(lines))


def story_lead(row: StoryRow, expanded: bool) -> Text | None:
    """`▸ +3 reports (Reuters, AP) · ` before a story's path; None for a lone article."""
    if not row.others:
        return None
    n = len(row.others)
    lead = Text("▾ " if expanded else "▸ ")
    lead.append(f"+{n} report{'s' if n != 1 else ''}", style="bold")
    if row.sources:
        lead.append(" (" + shown(", ".join(row.sources)) + ")")
    lead.append(" · ", style="dim")
    return lead


def render_report(report: Report, matched: bool) -> Content:
    """One line for another report of an expanded story: title, source, date."""
    line = Text("  ↳ ", no_wrap=True, overflow="ellipsis")
    line.append(shown(report.title), style="bold" if matched else "")
    facts = [f for f in (report.source, report.date) if f]
    line.append(shown("".join(f" · {f}" for f in facts)) + f" · {shown(report.article)}", "dim")
    if matched:
        line.append(" · hit", style="italic")
    return Content.from_rich_text(line)


def _look(hit: SearchHit) -> object:
    """Everything about a hit that `render_hit` shows: equal looks, equal entries."""
    return (hit.article_id, hit.title, hit.title_highlights, hit.tags, hit.snippet)


class ResultList(OptionList):
    """Ranked hits; `enter` opens the highlighted article."""

    BINDINGS: ClassVar[list[Any]] = bindings("results") + bindings("list")

    @dataclass
    class Opened(Message):
        """The user chose an article."""

        article_id: str

    @dataclass
    class EndReached(Message):
        """The cursor is on the last hit shown: time to load more, if there are more."""

        shown: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: tuple[SearchHit, ...] = ()
        self.rows: tuple[StoryRow, ...] | None = None
        """The story rows shown when grouped (None: one entry per hit)."""
        self.expanded: set[str] = set()
        """Ids of the stories shown expanded."""
        self._shown: list[tuple[object, Option]] = []
        """What each entry shows (see `_look`) and its option, in list order."""
        self._articles: dict[str, str] = {}
        """Option id -> the article it opens."""
        self._story_at: dict[str, StoryRow] = {}
        """Option id -> the story row it belongs to (grouped, stories only)."""
        self._on_story = False
        """The highlighted entry is (part of) a story of several reports."""

    def show_hits(self, hits: Sequence[SearchHit], *, keep_cursor: bool = True) -> None:
        """Replace the entries, one per hit, keeping the highlighted article if
        still there (with `keep_cursor`; else the cursor goes to the best hit)."""
        # Each article once, even if the index briefly holds two copies of it.
        unique: dict[str, SearchHit] = {}
        for hit in hits:
            unique.setdefault(hit.article_id, hit)
        self.hits = tuple(unique.values())
        self.rows = None
        entries = [
            (_look(h), h.article_id, h.article_id, partial(render_hit, h)) for h in self.hits
        ]
        self._story_at = {}
        self._fill(entries, keep_cursor)

    def show_stories(
        self, hits: Sequence[SearchHit], rows: Sequence[StoryRow], *, keep_cursor: bool = True
    ) -> None:
        """Replace the entries, one per story (`rows`, from the hits), keeping
        the expanded stories and (with `keep_cursor`) the highlighted article."""
        self.hits = tuple(hits)
        self.rows = tuple(rows)
        self.expanded &= {r.story for r in rows if r.others}
        entries: list[tuple[object, str, str, Callable[[], Content]]] = []
        self._story_at = {}
        for row in self.rows:
            best = row.best
            is_open = row.story in self.expanded
            look = (_look(best), row.others, row.sources, is_open)
            lead = story_lead(row, is_open)
            entries.append(
                (look, best.article_id, best.article_id, partial(render_hit, best, lead))
            )
            self._story_at[best.article_id] = row
            if not is_open:
                continue
            for report in row.others:
                option_id = f"{best.article_id}\x00{report.article}"
                hit = report.article in row.matched
                entries.append(
                    (("report", report, hit), option_id, report.article,
                     partial(render_report, report, hit))
                )  # fmt: skip
                self._story_at[option_id] = row
        self._fill(entries, keep_cursor)

    def _fill(
        self, entries: Sequence[tuple[object, str, str, Callable[[], Content]]], keep_cursor: bool
    ) -> None:
        """Show these entries (look, option id, article, how to draw it), reusing
        the options of entries that look the same. The cursor stays on its
        article with `keep_cursor` (more hits, the index changed), else goes
        to the first entry (another query: the best hit first)."""
        option = self.highlighted_option
        before = option.id if option is not None and keep_cursor else None
        self._articles = {option_id: article for _, option_id, article, _ in entries}
        looks = [look for look, *_ in entries]
        if looks == [look for look, _ in self._shown]:
            # The same entries as on screen (say, a space was typed): nothing to redraw.
            if not keep_cursor and looks:
                self.highlighted = 0
                self._story_key()
            return
        # While typing, many entries stay as they were: keep their options, so
        # their layout is not worked out again, and their drawn lines when they
        # keep their place in the list.
        previous = dict(self._shown)
        options = [
            previous.get(look) or Option(draw(), id=option_id)
            for look, option_id, _, draw in entries
        ]
        same_place = {
            option for option, (_, old) in zip(options, self._shown, strict=False) if option is old
        }
        cache = self._option_render_cache
        drawn = [(key, cache.get(key)) for key in list(cache.keys()) if key[0] in same_place]
        self.set_options(options)
        for key, strips in drawn:
            if strips is not None:
                cache.set(key, strips)
        self._shown = list(zip(looks, options, strict=True))
        ids = [option_id for _, option_id, *_ in entries]
        if before in ids:
            self.highlighted = ids.index(before)
        elif before is not None and "\x00" in before and before.split("\x00")[0] in ids:
            self.highlighted = ids.index(before.split("\x00")[0])  # its story was collapsed
        elif ids:
            self.highlighted = 0
        self._story_key()

    def _current_story(self) -> StoryRow | None:
        option = self.highlighted_option
        row = self._story_at.get(option.id or "") if option is not None else None
        return row if row is not None and row.others else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_story":
            return self._current_story() is not None
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._story_key()

    def _story_key(self) -> None:
        # Re-drawing the footer is not free: only when `space` starts or stops
        # applying, and only when the list has focus (while a query is typed,
        # the footer shows the query box's keys; focus redraws it anyway).
        on_story = self._current_story() is not None
        if on_story != self._on_story and self.has_focus:
            self.refresh_bindings()
        self._on_story = on_story

    def action_toggle_story(self) -> None:
        """Expand the highlighted story into its reports, or collapse it."""
        row = self._current_story()
        if row is None or self.rows is None:
            return
        self.expanded ^= {row.story}
        self.show_stories(self.hits, self.rows)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index == self.option_count - 1:
            self.post_message(self.EndReached(self.option_count))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        article = self._articles.get(event.option.id or "")
        if article is not None:
            self.post_message(self.Opened(article))
