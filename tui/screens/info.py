"""Read-only screens: every key (help) and the problems log."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from glossator.service import LogEntry
from glossator.tui.commands import bindings, help_rows
from glossator.tui.render import shown


class _InfoScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("info"))

    def action_close(self) -> None:
        """Back to the reader."""
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        """Scroll the text."""
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)


class HelpScreen(_InfoScreen):
    """Every command with its key(s), generated from `tui.commands`."""

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__(classes="info")
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True, width=14)
        table.add_column("what", ratio=1)
        table.add_column("binding id", style="dim", no_wrap=True)
        group = None
        for heading, keys, text, binding in help_rows(self.keymap):
            if heading != group:
                if group is not None:
                    table.add_row("", "", "")
                table.add_row(Text(heading, style="bold underline"), "", "")
                group = heading
            table.add_row(Text(keys), Text(text), Text(binding))
        table.add_row("", "", "")
        table.add_row(
            Text("ctrl+p", style="bold"), Text("Command palette: every command by name"), ""
        )
        with VerticalScroll(classes="info-box"):
            yield Static(
                Text(
                    "Keys as they are now; remap one by its binding id under [keymap] "
                    "in the config file (docs/reader.md)",
                    style="bold",
                )
            )
            yield Static(table)
        yield Footer()


class LogScreen(_InfoScreen):
    """Problems found while indexing, reading sidecars and saving."""

    def __init__(self, entries: Sequence[LogEntry], *, show_times: bool = True) -> None:
        super().__init__(classes="info")
        self.entries = list(entries)
        self.show_times = show_times

    def compose(self) -> ComposeResult:
        body = Text()
        if not self.entries:
            body.append("Nothing to report.", style="dim")
        for entry in self.entries:
            if self.show_times:
                stamp = time.strftime("%H:%M:%S", time.localtime(entry.when))
                body.append(f"{stamp} ", style="dim")
            body.append(f"{entry.kind:<9} ", style="bold")
            body.append(shown(entry.text))
            body.append("\n")
        with VerticalScroll(classes="info-box"):
            yield Static(Text(f"Log: {len(self.entries)} entries", style="bold"))
            yield Static(body)
        yield Footer()
