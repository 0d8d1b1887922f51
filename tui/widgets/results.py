"""The result list: one entry per hit, with title, path, tags and a snippet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from glossator.index.engine import SearchHit
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


def render_hit(hit: SearchHit) -> Content:
    """Three lines: title, path and tags, snippet with the hits emphasised."""
    title = _emphasised(hit.title or "(untitled)", hit.title_highlights, "bold")
    meta = Text(shown(hit.article_id), style="dim", no_wrap=True, overflow="ellipsis")
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
        self._shown: list[tuple[object, Option]] = []
        """What each entry shows (see `_look`) and its option, in list order."""

    def show_hits(self, hits: Sequence[SearchHit]) -> None:
        """Replace the entries, keeping the highlighted article when it is still there."""
        before = self.highlighted_option.id if self.highlighted_option is not None else None
        # Each article once, even if the index briefly holds two copies of it.
        unique: dict[str, SearchHit] = {}
        for hit in hits:
            unique.setdefault(hit.article_id, hit)
        self.hits = tuple(unique.values())
        hits = self.hits
        looks = [_look(h) for h in hits]
        if looks == [look for look, _ in self._shown]:
            return  # the same entries as on screen (say, a space was typed): nothing to redraw
        # While typing, many entries stay as they were: keep their options, so
        # their layout is not worked out again, and their drawn lines when they
        # keep their place in the list.
        previous = dict(self._shown)
        options = [
            previous.get(look) or Option(render_hit(h), id=h.article_id)
            for look, h in zip(looks, hits, strict=True)
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
        ids = [h.article_id for h in hits]
        if before in ids:
            self.highlighted = ids.index(before)
        elif ids:
            self.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index == self.option_count - 1:
            self.post_message(self.EndReached(self.option_count))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Opened(event.option.id))
