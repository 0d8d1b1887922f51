"""Small modal dialogs: a form and a note editor that save in a worker, a picker
and a yes/no question.

A dialog's `save` callable runs in a thread. If it raises, the dialog stays
open with the user's text and shows why, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from glossator.tui.commands import bindings


class WordSuggester(Suggester):
    """Completes the last comma- or space-separated word from a list of words."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.words = list(words)

    async def get_suggestion(self, value: str) -> str | None:
        cut = max(value.rfind(","), value.rfind(" ")) + 1
        stem = value[cut:]
        if not stem:
            return None
        for word in self.words:
            if word.startswith(stem) and word != stem:
                return value[:cut] + word
        return None


@dataclass
class Field:
    """One input of a form."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    suggestions: Sequence[str] = field(default_factory=tuple)
    required: bool = False
    """Saving with this field empty is refused, and the cursor goes back to it."""


class SavingDialog(ModalScreen[Any]):
    """A dialog whose `save` runs in a worker; a failure keeps it open with the reason."""

    @dataclass
    class _Saved(Message):
        result: Any
        error: str | None

    def __init__(self, save: Callable[[dict[str, str]], Any]) -> None:
        super().__init__(classes="dialog")
        self.save = save
        self.saving = False

    def start_save(self, values: dict[str, str]) -> None:
        """Save `values` in a worker unless a save is already running."""
        if not self.saving:
            self.saving = True
            self._run_save(values)

    @work(thread=True, exclusive=True, group="dialog-save", exit_on_error=False)
    def _run_save(self, values: dict[str, str]) -> None:
        try:
            result = self.save(values)
        except Exception as exc:  # shown in the dialog; the input stays
            self.post_message(self._Saved(None, str(exc) or type(exc).__name__))
        else:
            self.post_message(self._Saved(result, None))

    def on_saving_dialog__saved(self, message: SavingDialog._Saved) -> None:
        self.saving = False
        if message.error is None:
            self.dismiss(message.result)
            return
        self.show_error(Text.assemble(("✗ not saved: ", "bold"), message.error))

    def show_error(self, text: Text | str) -> None:
        """Show a problem above the key hint."""
        error = self.query_one("#dialog-error", Static)
        error.update(text)
        error.display = True

    def on_mount(self) -> None:
        self.query_one("#dialog-error").display = False

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class FormDialog(SavingDialog):
    """Inputs, a hint and a place for errors; `enter` on the last input saves."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("dialog"))

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        save: Callable[[dict[str, str]], Any],
        hint: str = "",
    ) -> None:
        super().__init__(save)
        self.title_text = title
        self.fields = list(fields)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            for f in self.fields:
                yield Label(f.label)
                suggester = WordSuggester(f.suggestions) if f.suggestions else None
                yield Input(
                    f.value,
                    placeholder=f.placeholder,
                    id=f"field-{f.name}",
                    suggester=suggester,
                    compact=True,
                )
            if self.hint:
                yield Static(Text(self.hint, style="dim"), classes="dialog-hint")
            yield Static("", id="dialog-error")
            keys = "enter: next field, then save" if len(self.fields) > 1 else "enter: save"
            yield Static(Text(f"{keys} · escape: cancel", style="dim"))

    def values(self) -> dict[str, str]:
        """What is typed in each field."""
        return {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self.fields}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        ids = [f"field-{f.name}" for f in self.fields]
        at = ids.index(event.input.id or "")
        if at + 1 < len(ids):
            self.query_one(f"#{ids[at + 1]}", Input).focus()
            return
        values = self.values()
        missing = next((f for f in self.fields if f.required and not values[f.name].strip()), None)
        if missing is not None:
            self.query_one(f"#field-{missing.name}", Input).focus()
            name = missing.label.split(" (")[0]
            self.show_error(Text.assemble(("✗ ", "bold"), f"{name} is needed"))
            return
        self.start_save(values)


class NoteDialog(SavingDialog):
    """A note of several lines: `enter` starts a new line, `ctrl+s` (or `f2`) saves.

    `escape` cancels; if the text was changed it asks for a second `escape`
    first, so a long note is not lost to one stray key.
    """

    BINDINGS: ClassVar[list[BindingType]] = [*bindings("note"), *bindings("dialog")]

    def __init__(self, title: str, text: str, save: Callable[[dict[str, str]], Any]) -> None:
        super().__init__(save)
        self.title_text = title
        self.original = text
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="note-box"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            yield TextArea(self.original, soft_wrap=True, show_line_numbers=False, id="note-text")
            yield Static("", id="dialog-error")
            yield Static(Text("ctrl+s or f2: save · enter: new line · escape: cancel", style="dim"))

    def on_mount(self) -> None:
        super().on_mount()
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        """The note as typed."""
        return self.query_one("#note-text", TextArea).text

    def on_text_area_changed(self) -> None:
        if self._discard_armed:
            self._discard_armed = False
            self.query_one("#dialog-error").display = False

    def action_save(self) -> None:
        """Save the note (the dialog closes when it is on disk)."""
        if not self.text.strip():
            self.show_error(Text("✗ the note is empty: type something, or escape to cancel"))
            return
        self.start_save({"note": self.text.strip()})

    def action_cancel(self) -> None:
        """Close without saving; a changed note needs a second escape."""
        if self.text != self.original and not self._discard_armed:
            self._discard_armed = True
            self.show_error(
                Text.assemble(("escape again", "bold"), " to throw this note away, ctrl+s to save")
            )
            return
        self.dismiss(None)


class PickDialog(ModalScreen[str | None]):
    """Choose one of a few values; `enter` picks, `escape` cancels."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("dialog"))

    def __init__(self, title: str, choices: Sequence[str]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            yield OptionList(
                *(Option(Text(c), id=str(i)) for i, c in enumerate(self.choices)), id="pick"
            )
            yield Static(Text("enter: choose · escape: cancel", style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class ChoiceDialog(PickDialog):
    """A `PickDialog` whose choices each have a letter: the letter highlights
    its choice, `enter` picks it (or the arrows and `enter`)."""

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], hint: str = "") -> None:
        super().__init__(title, [value for _key, value in choices])
        self.keys = [key for key, _value in choices]
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            yield OptionList(
                *(
                    Option(Text.assemble((k, "bold underline"), f"  {c}"), id=str(i))
                    for i, (k, c) in enumerate(zip(self.keys, self.choices, strict=True))
                ),
                id="pick",
            )
            if self.hint:
                yield Static(Text(self.hint, style="italic"))
            yield Static(Text("letter, then enter: choose · escape: cancel", style="dim"))

    def on_key(self, event: Key) -> None:
        if event.character and event.character in self.keys:
            event.stop()
            self.query_one("#pick", OptionList).highlighted = self.keys.index(event.character)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question: `y` or `enter` says yes, `n` or `escape` no."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("confirm"))

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Text(self.question, style="bold"))
            yield Static(Text("y: yes · n: no", style="dim"))

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
