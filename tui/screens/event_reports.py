"""The reports of one event (`v` or `enter` on an event row of the incidents view).

A small panel listing each report's record of the event: its article and
source, and the value of every field the reports disagree on (marked `≠`),
else the toll and place. `enter` on a report opens that article at the
incident's sentence (the panel is dismissed with the report's row);
`escape` goes back to the table.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from glossator.service.stories import COMPARED, label_of
from glossator.tui.commands import bindings
from glossator.tui.render import shown
from glossator.tui.widgets.incident_table import count, describe

Row = dict[str, Any]
#: Fields shown for every report when the reports agree on everything.
_ALWAYS = ("fatalities", "injured", "location")


def _value(name: str, row: Row) -> str:
    value = row.get(name)
    if name in ("fatalities", "injured"):
        return count(value)
    return str(value) if value not in (None, "") else "?"


def report_line(row: Row, differs: dict[str, list[Any]]) -> Text:
    """Two lines for one report: article, source and status; then the values."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(shown(str(row.get("article"))), style="bold")
    if row.get("source"):
        text.append(shown(f" · {row['source']}"), style="dim")
    text.append(f" · {row.get('status') or 'extracted'}", style="dim")
    text.append("\n  ")
    names = [n for n, _ in COMPARED if n in differs] or list(_ALWAYS)
    for i, name in enumerate(names):
        if i:
            text.append(" · ", style="dim")
        marked = name in differs
        text.append(("≠ " if marked else "") + label_of(name) + " ", style="dim")
        text.append(shown(_value(name, row)), style="bold" if marked else "")
    return text


class EventReports(ModalScreen[Row | None]):
    """Each report's values of one event; `enter` opens one at its sentence."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("event-reports"))

    def __init__(self, event: Row) -> None:
        super().__init__()
        self.event = event
        self.members: list[Row] = list(event.get("_members") or [event])

    def compose(self) -> ComposeResult:
        differs: dict[str, list[Any]] = self.event.get("_differs") or {}
        n = len({m.get("article") for m in self.members})
        with Vertical(id="event-reports"):
            title = Text(f"{describe(self.event)} · {n} report{'s' if n != 1 else ''}")
            title.stylize("bold")
            if differs:
                title.append(
                    " · they disagree on " + ", ".join(label_of(d) for d in differs), "bold"
                )
            yield Static(title, id="event-reports-title")
            yield OptionList(
                *(
                    Option(report_line(row, differs), id=str(i))
                    for i, row in enumerate(self.members)
                ),
                id="event-reports-list",
            )
            yield Static(Text("enter: open the report at its sentence · escape: back", style="dim"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.members[int(event.option.id or 0)])

    def action_close(self) -> None:
        """Back to the table."""
        self.dismiss(None)
