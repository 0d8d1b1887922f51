"""The article body: one read-only, virtualised TextArea with styled spans.

Entities, search hits and annotated spans are drawn by `get_line`, which only
adds styles to the line it is asked for; the text itself is never changed,
so what is on screen is exactly `Article.text` (markup in an article is
shown as the characters it is). Every style comes from a component class so
a theme can change it, and each kind differs by more than colour (underline
for entities, reverse for hits, italic+bold for annotated spans, italic on a
faint tint for the sentences that report an incident).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from glossator.index.labels import LABELS
from glossator.tui.commands import bindings

Range = tuple[int, int]


def entity_class(label: str) -> str:
    """Component class of an entity label: PERSON -> article-view--person."""
    return f"article-view--{label.lower()}"


#: Lines longer than this are broken at spaces for display.
LONG_LINE = 2000
_NEWLINE = re.compile("\n")


def break_long_lines(text: str, width: int = LONG_LINE) -> str:
    """Break lines longer than `width` at a space, for display only.

    Soft-wrapping one line of hundreds of kilobytes blocks the terminal
    for seconds. Each break turns a space into a newline, so the text keeps
    its length and every offset (entities, hits, spans, selection) still
    points at the same character; copying takes the article's own text.
    """
    if len(text) <= width or all(len(line) <= width for line in text.split("\n")):
        return text
    chars = list(text)
    run = 0
    last_space = -1
    for i, ch in enumerate(chars):
        if ch == "\n":
            run, last_space = 0, -1
            continue
        run += 1
        if ch == " ":
            last_space = i
        if run >= width and last_space >= 0:
            chars[last_space] = "\n"
            run = i - last_space
            last_space = -1
    return "".join(chars)


class ArticleView(TextArea, inherit_bindings=True):
    """Shows one article; `v` selects with the cursor keys, hits and entities are jump targets."""

    BINDINGS: ClassVar[list[Any]] = bindings("article")

    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {
        "article-view--title",
        "article-view--hit",
        "article-view--current",
        "article-view--span",
        "article-view--orphan",
        "article-view--incident",
        *(entity_class(label) for label in LABELS),
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            id=id,
        )
        self._line_starts: list[int] = [0]
        self._base = 0
        """Offset in the article of the first character shown."""
        self._line_styles: dict[int, list[tuple[int, int, str]]] = {}
        self._style_cache: dict[str, Style] = {}
        self.entities: list[Any] = []
        self.hits: list[Range] = []
        self.spans: list[Range] = []
        self.incidents: list[Range] = []
        """The sentences that report an incident (not the rejected ones)."""
        self.current: Range | None = None
        self.selecting = False
        """True between the two presses of `v`: cursor moves extend the selection."""

    # -- content ------------------------------------------------------------

    def show(
        self,
        text: str,
        entities: Sequence[Any],
        hits: Sequence[Range],
        spans: Sequence[Range],
        *,
        title_end: int = 0,
        start: int = 0,
        incidents: Sequence[Range] = (),
    ) -> None:
        """Load an article and what to style in it.

        Only the text from `start` on is shown (a front matter block before
        it is metadata); every offset in and out stays an offset into `text`.
        """
        self.selecting = False
        self.current = None
        self._base = start
        text = break_long_lines(text[start:])
        self.load_text(text)
        self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        self._title_end = title_end
        self.entities = list(entities)
        self.hits = sorted(hits)
        self.spans = sorted(spans)
        self.incidents = sorted(incidents)
        self._restyle()
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

    def set_spans(self, spans: Iterable[Range]) -> None:
        """Replace the annotated spans (after an annotation was added or removed)."""
        self.spans = sorted(spans)
        self._restyle()

    def set_incidents(self, incidents: Iterable[Range]) -> None:
        """Replace the incident sentences (after a check changed them)."""
        self.incidents = sorted(incidents)
        self._restyle()

    def set_hits(self, hits: Iterable[Range]) -> None:
        """Replace the search hits (after the query changed)."""
        self.hits = sorted(hits)
        self.current = None
        self._restyle()

    def _restyle(self) -> None:
        styles: dict[int, list[tuple[int, int, str]]] = {}

        def add(start: int, end: int, name: str) -> None:
            for row, a, b in self._split(start, end):
                styles.setdefault(row, []).append((a, b, name))

        # Bold on the title would turn one label's style into another's
        # (GPE's underline into PERSON's bold underline), so the title's
        # entities keep their own style alone.
        title_from = self._base
        for ent in sorted(self.entities, key=lambda e: e.start):
            if ent.start >= self._title_end:
                break
            if ent.start > title_from:
                add(title_from, ent.start, "article-view--title")
            title_from = max(title_from, ent.end)
        if self._title_end > title_from:
            add(title_from, self._title_end, "article-view--title")
        # Incident sentences go first: entities, spans and hits inside them
        # keep their own styles on top of the incident mark.
        for start, end in self.incidents:
            add(start, end, "article-view--incident")
        for ent in self.entities:
            add(ent.start, ent.end, entity_class(ent.label))
        for start, end in self.spans:
            add(start, end, "article-view--span")
        for start, end in self.hits:
            add(start, end, "article-view--hit")
        if self.current is not None:
            add(*self.current, "article-view--current")
        self._line_styles = styles
        self._style_cache.clear()
        self._line_cache.clear()
        self.refresh()

    def _split(self, start: int, end: int) -> Iterable[tuple[int, int, int]]:
        """(row, start column, end column) pieces of an offset range."""
        start, end = max(start - self._base, 0), end - self._base
        starts = self._line_starts
        row = bisect_right(starts, start) - 1
        while row < len(starts) and starts[row] < end:
            line_end = starts[row + 1] - 1 if row + 1 < len(starts) else end
            a = max(start, starts[row]) - starts[row]
            b = min(end, line_end) - starts[row]
            if b > a:
                yield row, a, b
            row += 1

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        # Styles are cached as resolved; a new theme must recolour the open article.
        self._style_cache.clear()
        self._line_cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._style_cache.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # A pane that narrows (the sidebar opening with the first article) is
        # drawn at its new width before its Resize event rewraps the text:
        # lines wrapped for the old width would be cut off for that frame.
        # (`WrappedDocument._width` is the width it last wrapped at, textual 8.2.)
        if self.soft_wrap and self.wrapped_document._width != self.wrap_width:
            self._rewrap_and_refresh_virtual_size()
        return super().render_lines(crop)

    def get_line(self, line_index: int) -> Text:
        """The line with entity, hit and span styles added (text unchanged)."""
        line = super().get_line(line_index)
        for start, end, name in self._line_styles.get(line_index, ()):
            style = self._style_cache.get(name)
            if style is None:
                style = self.get_component_rich_style(name, partial=True)
                self._style_cache[name] = style
            line.stylize(style, start, end)
        return line

    # -- offsets --------------------------------------------------------------

    def offset_of(self, location: tuple[int, int]) -> int:
        """Character offset in the article of a (row, column) location."""
        row, col = location
        return self._base + self._line_starts[min(row, len(self._line_starts) - 1)] + col

    def location_of(self, offset: int) -> tuple[int, int]:
        """(row, column) of a character offset."""
        offset = max(offset - self._base, 0)
        row = bisect_right(self._line_starts, offset) - 1
        return row, offset - self._line_starts[row]

    @property
    def cursor_offset(self) -> int:
        """Offset of the cursor in the article."""
        return self.offset_of(self.selection.end)

    def selected_range(self) -> Range | None:
        """The selection as (start, end) offsets, or None when nothing is selected."""
        start, end = self.selection
        a, b = sorted((self.offset_of(start), self.offset_of(end)))
        return (a, b) if b > a else None

    # -- moving -------------------------------------------------------------

    def move_cursor(
        self,
        location: tuple[int, int],
        select: bool = False,
        center: bool = False,
        record_width: bool = True,
    ) -> None:
        """Move the cursor; while selecting, every move extends the selection."""
        # TextArea.__init__ moves the cursor before `selecting` exists.
        selecting = getattr(self, "selecting", False)
        super().move_cursor(location, select or selecting, center, record_width)

    def jump(self, target: Range, *, select: bool = False) -> None:
        """Put the cursor on `target` (selecting it when asked) and scroll it into the middle."""
        self.selecting = False
        start, end = target
        if select:
            self.selection = Selection(self.location_of(start), self.location_of(end))
        else:
            super().move_cursor(self.location_of(start))
        self.scroll_cursor_visible(center=True)

    def _step(self, targets: Sequence[Range], forward: bool) -> Range | None:
        if not targets:
            return None
        here = self.cursor_offset
        starts = [t[0] for t in targets]
        if forward:
            i = bisect_right(starts, here)
            return targets[i % len(targets)]
        i = bisect_left(starts, here) - 1
        return targets[i % len(targets)]

    def step_hit(self, forward: bool) -> Range | None:
        """Jump to the next or previous hit (wrapping); returns it."""
        target = self._step(self.hits, forward)
        if target is not None:
            self.current = target
            self._restyle()
            self.jump(target)
        return target

    def step_entity(self, forward: bool) -> Any | None:
        """Jump to the next or previous entity (wrapping); returns it."""
        ranges = [(e.start, e.end) for e in self.entities]
        target = self._step(ranges, forward)
        if target is None:
            return None
        self.jump(target)
        return self.entities[ranges.index(target)]

    def step_incident(self, forward: bool) -> Range | None:
        """Jump to the next or previous incident sentence (wrapping); returns it."""
        target = self._step(self.incidents, forward)
        if target is not None:
            self.jump(target)
        return target

    def toggle_selecting(self) -> bool:
        """Start a selection at the cursor, or end the one being made; returns `selecting`."""
        if self.selecting:
            self.selecting = False
        else:
            self.selecting = True
            here = self.selection.end
            self.selection = Selection(here, here)
        return self.selecting

    def clear_selection(self) -> bool:
        """Drop the selection; True when there was one."""
        had = self.selecting or self.selected_range() is not None
        self.selecting = False
        super().move_cursor(self.selection.end)
        return had

    # While selecting, the cursor keys extend the selection (as shift+arrows do).
    def action_cursor_left(self, select: bool = False) -> None:
        super().action_cursor_left(select or self.selecting)

    def action_cursor_right(self, select: bool = False) -> None:
        super().action_cursor_right(select or self.selecting)

    def action_cursor_down(self, select: bool = False) -> None:
        super().action_cursor_down(select or self.selecting)

    def action_cursor_up(self, select: bool = False) -> None:
        super().action_cursor_up(select or self.selecting)

    def action_cursor_word_left(self, select: bool = False) -> None:
        super().action_cursor_word_left(select or self.selecting)

    def action_cursor_word_right(self, select: bool = False) -> None:
        super().action_cursor_word_right(select or self.selecting)

    def action_cursor_line_start(self, select: bool = False) -> None:
        super().action_cursor_line_start(select or self.selecting)

    def action_cursor_line_end(self, select: bool = False) -> None:
        super().action_cursor_line_end(select or self.selecting)

    def action_line_down(self) -> None:
        """Cursor down a line."""
        self.action_cursor_down()

    def action_line_up(self) -> None:
        """Cursor up a line."""
        self.action_cursor_up()

    def action_page_down(self) -> None:
        """Page down."""
        self.action_cursor_page_down()

    def action_page_up(self) -> None:
        """Page up."""
        self.action_cursor_page_up()

    def action_top(self) -> None:
        """Go to the start of the article."""
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        """Go to the end of the article."""
        self.move_cursor(self.document.end)
        self.scroll_end(animate=False)
