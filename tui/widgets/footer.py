"""The footer: the keys that apply now, cut to what fits on one line.

Textual's footer lets keys run off the right edge, so at 80 columns the
last ones ("Quit", "Back") were cut mid-word. This one drops whole keys,
least useful first (`tui.commands.FOOTER_DROP_ORDER`), and keeps `? Help`,
which lists every key, above all.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from glossator.tui.commands import FOOTER_DROP_ORDER, FOOTER_KEEP

#: Key names of printable characters (the rest are one character long).
_PRINTABLE_NAMES = frozenset(
    {
        "question_mark",
        "slash",
        "space",
        "left_square_bracket",
        "right_square_bracket",
        "left_curly_bracket",
        "right_curly_bracket",
    }
)
#: Columns taken by the right-docked "▏^p palette" (border, label, padding).
PALETTE_WIDTH = 13


def key_width(key: FooterKey) -> int:
    """Columns one compact footer key takes: `k Desc` and a space after it."""
    text = key.key_display + (" " + key.description if key.description else "")
    return cell_len(text) + 1


class ReaderFooter(Footer):
    """A compact footer that drops whole keys instead of cutting the line."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._width = 0

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        width = self.size.width or self.app.size.width
        palette = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if isinstance(w, FooterKey) and w not in palette]
        if isinstance(self.screen.focused, Input):
            self._typing_keys(keys)
        others = [w for w in widgets if w not in keys and w not in palette]
        yield from others
        yield from self.fit(keys, palette, width)

    @staticmethod
    def fit(keys: list[FooterKey], palette: list[Widget], width: int) -> list[Widget]:
        """The keys (in their order) and palette hint that fit in `width` columns.

        Keys are taken by priority while they fit: help first, then the
        footer's own order, then those in `FOOTER_DROP_ORDER`, last first.
        """
        items: list[Widget] = [*keys, *palette]

        def action(item: Widget) -> str:
            return item.action if isinstance(item, FooterKey) else "command_palette"

        def rank(i: int) -> tuple[int, int]:
            name = action(items[i])
            if name in FOOTER_KEEP:
                return (0, i)
            if name in FOOTER_DROP_ORDER:
                return (2, -FOOTER_DROP_ORDER.index(name))
            return (1, i)

        def cost(item: Widget) -> int:
            return key_width(item) if isinstance(item, FooterKey) else PALETTE_WIDTH

        chosen: set[int] = set()
        used = 0
        for i in sorted(range(len(items)), key=rank):
            if used + cost(items[i]) <= width:
                chosen.add(i)
                used += cost(items[i])
        return [item for i, item in enumerate(items) if i in chosen]

    def _typing_keys(self, keys: list[FooterKey]) -> None:
        """While a text box has focus a printable key types itself: name another key."""
        others: dict[str, str] = {}
        for key, (_, binding, _, _) in self.screen.active_bindings.items():
            if len(key) > 1 and key not in _PRINTABLE_NAMES:
                others.setdefault(binding.action, self.app.get_key_display(binding))
        for footer_key in keys:
            if footer_key.key in _PRINTABLE_NAMES or len(footer_key.key) == 1:
                footer_key.key_display = others.get(footer_key.action, footer_key.key_display)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            if self._bindings_ready:
                self.call_after_refresh(self.recompose)
