"""Facet counts (tags, top entities per label); `enter` narrows the search to one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from glossator.tui.commands import bindings

#: Values shown per facet field.
PER_FIELD = 5


class FacetList(OptionList):
    """Facet values grouped by field, each with its article count."""

    BINDINGS: ClassVar[list[Any]] = bindings("facets") + bindings("list")

    @dataclass
    class Chosen(Message):
        """Add `field:"value"` to the query."""

        field: str
        value: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._values: dict[str, tuple[str, str]] = {}

    def show_facets(self, facets: dict[str, list[tuple[str, int]]]) -> None:
        """Replace the entries with these counts."""
        options: list[Option] = []
        self._values = {}
        for field_name, values in facets.items():
            if not values:
                continue
            options.append(Option(Text(f"{field_name}:", style="bold"), disabled=True))
            for i, (value, count) in enumerate(values[:PER_FIELD]):
                key = f"{field_name}\x00{i}"
                self._values[key] = (field_name, value)
                label = Text("  ", no_wrap=True, overflow="ellipsis")
                label.append(value)
                label.append(f" {count}", style="dim")
                options.append(Option(Content.from_rich_text(label), id=key))
        self.set_options(options)
        self.display = bool(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = self._values.get(event.option.id or "")
        if chosen is not None:
            self.post_message(self.Chosen(*chosen))

    def on_focus(self) -> None:
        if self.highlighted is None:
            self.action_first()
