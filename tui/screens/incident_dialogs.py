"""The incident dialogs: correct one field, or add an incident from a selection.

Both save in a worker (`SavingDialog`) and stay open with a one-line reason
when what was typed is refused, so nothing typed is lost. Which fields can
be set, their keys and how a typed value is read are `EDITABLE` and
`parse_value`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from glossator.index.incidents import SUB_EVENT_TYPES
from glossator.tui.commands import bindings
from glossator.tui.render import shown
from glossator.tui.screens.dialogs import SavingDialog
from glossator.tui.widgets.incident_table import count, describe

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class EditableField:
    """A field the analyst can correct, and the key that picks it in the dialog."""

    key: str
    name: str
    """The record's field (`FIELDS` in `glossator.service.incidents`)."""
    label: str
    kind: str = "text"
    """text, count (a whole number, empty for not stated) or type (from a list)."""


EDITABLE: tuple[EditableField, ...] = (
    EditableField("t", "sub_event_type", "type", "type"),
    EditableField("d", "event_date", "date"),
    EditableField("1", "actor1", "actor1"),
    EditableField("2", "actor2", "actor2"),
    EditableField("l", "location", "location"),
    EditableField("c", "country", "country"),
    EditableField("w", "weapon", "weapon"),
    EditableField("k", "fatalities", "killed", "count"),
    EditableField("i", "injured", "injured", "count"),
)
BY_NAME = {f.name: f for f in EDITABLE}


def parse_count(label: str, value: str) -> int | None:
    """A toll as typed: a whole number, or empty for not stated; ValueError says what to type."""
    raw = value.strip()
    if not raw:
        return None
    if not raw.isdigit() or not raw.isascii():
        raise ValueError(f"{label}: type a whole number (0 for none), or leave it empty")
    return int(raw)


def parse_type(value: str) -> str:
    """A sub-event type as typed: its name, or the start of one name (any case)."""
    raw = " ".join(value.split()).casefold()
    exact = [t for t in SUB_EVENT_TYPES if t.casefold() == raw]
    starts = [t for t in SUB_EVENT_TYPES if t.casefold().startswith(raw)] if raw else []
    if exact or len(starts) == 1:
        return (exact or starts)[0]
    raise ValueError("type: one of " + "; ".join(SUB_EVENT_TYPES) + " (its start is enough)")


def parse_value(field: EditableField, value: str) -> object:
    """The value to save for a field, from what was typed (ValueError: one line why not)."""
    if field.kind == "count":
        return parse_count(field.label, value)
    if field.kind == "type":
        return parse_type(value)
    text = " ".join(value.split())
    return text or None


def _value_text(row: Row, field: EditableField) -> str:
    value = row.get(field.name)
    if field.kind == "count":
        return count(value)
    return shown(str(value)) if value not in (None, "") else ""


class IncidentEditDialog(SavingDialog):
    """Pick a field (its key, or the arrows and enter), then type its value or pick a type.

    escape goes back from the value to the fields, then closes.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("dialog"),
        *(Binding(f.key, f"pick('{f.name}')", f.label, show=False) for f in EDITABLE),
    ]

    def __init__(self, row: Row, save: Callable[[dict[str, str]], Any]) -> None:
        super().__init__(save)
        self.row = row
        self.field: EditableField | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Text(f"Edit: {describe(self.row)}", style="bold"), classes="dialog-title")
            yield OptionList(
                *(
                    Option(
                        Text.assemble((f.key, "bold underline"), f" {f.label:<9} ")
                        + Text(_value_text(self.row, f), style="italic"),
                        id=f.name,
                    )
                    for f in EDITABLE
                ),
                id="incident-fields",
            )
            yield Label("", id="incident-value-label")
            yield Input(id="incident-value", compact=True)
            yield OptionList(*(Option(Text(t), id=t) for t in SUB_EVENT_TYPES), id="incident-types")
            yield Static("", id="dialog-error")
            yield Static(Text("", style="dim"), id="incident-keys")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_fields()

    def _show_fields(self) -> None:
        self.field = None
        self.query_one("#incident-fields").display = True
        for part in ("#incident-value-label", "#incident-value", "#incident-types"):
            self.query_one(part).display = False
        self.query_one("#dialog-error").display = False
        self.query_one("#incident-fields", OptionList).focus()
        self._keys("letter or enter: choose the field · escape: cancel")

    def _keys(self, text: str) -> None:
        self.query_one("#incident-keys", Static).update(Text(text, style="dim"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a value is typed, its letters and digits are the value's.
        return not (action == "pick" and self.field is not None)

    def action_pick(self, name: str) -> None:
        """Edit this field."""
        field = BY_NAME[name]
        self.field = field
        self.query_one("#incident-fields").display = False
        self.query_one("#dialog-error").display = False
        label = self.query_one("#incident-value-label", Label)
        label.display = True
        if field.kind == "type":
            label.update(Text("type (enter picks)", style="bold"))
            types = self.query_one("#incident-types", OptionList)
            types.display = True
            current = self.row.get("sub_event_type")
            if current in SUB_EVENT_TYPES:
                types.highlighted = SUB_EVENT_TYPES.index(current)
            types.focus()
        else:
            what = "a whole number, empty: not stated" if field.kind == "count" else "empty clears"
            label.update(Text.assemble((field.label, "bold"), f" ({what})"))
            box = self.query_one("#incident-value", Input)
            box.display = True
            box.value = _value_text(self.row, field) if field.kind != "count" else ""
            if field.kind == "count" and self.row.get(field.name) is not None:
                box.value = str(self.row[field.name])
            box.focus()
        self._keys("enter: save · escape: back to the fields")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if event.option_list.id == "incident-fields":
            self.action_pick(option_id)
        elif self.field is not None:
            self.start_save({"field": self.field.name, "value": option_id})

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.field is None:
            return
        try:
            parse_value(self.field, event.value)
        except ValueError as exc:
            self.show_error(Text.assemble(("✗ ", "bold"), str(exc)))
            return
        self.start_save({"field": self.field.name, "value": event.value})

    def action_cancel(self) -> None:
        """Back from the value to the fields; from the fields, close."""
        if self.field is not None and not self.saving:
            self._show_fields()
            return
        self.dismiss(None)


class IncidentAddDialog(SavingDialog):
    """Every field of a new incident, one line each; `enter` moves on, and saves on the last."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("dialog"))

    def __init__(self, quote: str, save: Callable[[dict[str, str]], Any]) -> None:
        super().__init__(save)
        self.quote = quote

    def compose(self) -> ComposeResult:
        shown_quote = self.quote if len(self.quote) <= 44 else self.quote[:43] + "…"
        with Vertical(classes="dialog-box incident-form"):
            yield Label(Text(f"Add an incident: “{shown_quote}”", style="bold"))
            for f in EDITABLE:
                with Horizontal():
                    yield Label(f.label, classes="incident-label")
                    yield Input(
                        id=f"add-{f.name}",
                        compact=True,
                        placeholder=_placeholder(f),
                        suggester=_type_suggester() if f.kind == "type" else None,
                    )
            yield Static("", id="dialog-error")
            yield Static(
                Text("type is needed · enter: next field, then save · escape: cancel", style="dim")
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(f"#add-{EDITABLE[0].name}", Input).focus()

    def values(self) -> dict[str, str]:
        """What is typed in each field."""
        return {f.name: self.query_one(f"#add-{f.name}", Input).value for f in EDITABLE}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        order = [f"add-{f.name}" for f in EDITABLE]
        at = order.index(event.input.id or "")
        if at + 1 < len(order):
            self.query_one(f"#{order[at + 1]}", Input).focus()
            return
        values = self.values()
        for field in EDITABLE:
            try:
                parse_value(field, values[field.name])
            except ValueError as exc:
                self.query_one(f"#add-{field.name}", Input).focus()
                self.show_error(Text.assemble(("✗ ", "bold"), str(exc)))
                return
        self.start_save(values)


def _placeholder(field: EditableField) -> str:
    if field.kind == "type":
        return "e.g. air (→ completes): " + ", ".join(t.split("/")[0] for t in SUB_EVENT_TYPES[:3])
    if field.kind == "count":
        return "a whole number; empty: not stated"
    if field.name == "event_date":
        return "YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY"
    return ""


def _type_suggester() -> Any:
    from textual.suggester import SuggestFromList

    return SuggestFromList(SUB_EVENT_TYPES, case_sensitive=False)
