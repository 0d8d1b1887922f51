"""The status line under the panes: indexing progress, then what the index holds."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from glossator.tui.render import shown

BAR_WIDTH = 20


class StatusLine(Static):
    """One line; never covers the panes."""

    def show_progress(self, done: int, total: int) -> None:
        """`indexing 340/2,097 [████░░░░]`; search works on what is done."""
        filled = int(BAR_WIDTH * done / total) if total else 0
        text = Text()
        text.append("indexing ", style="bold")
        text.append(f"{done:,}/{total:,} ")
        text.append("█" * filled + "░" * (BAR_WIDTH - filled))
        text.append("  search works on what is indexed", style="dim")
        self.update(text)

    def show_ready(self, articles: int, problems: int) -> None:
        """How many articles are searchable, and whether the log has anything."""
        text = Text(f"{articles:,} articles indexed", style="dim")
        if problems:
            text.append("  ·  ")
            text.append(f"{problems} problem{'s' if problems != 1 else ''}", style="bold")
            text.append(" (l: log)", style="dim")
        self.update(text)

    def show_text(self, message: str, *, bold: bool = False) -> None:
        """Any other one-line message."""
        self.update(Text(shown(message), style="bold" if bold else "dim"))
