"""Radio buttons and checkboxes whose state shows without colour.

Textual draws an on and an off button with the same glyph in two colours, so
on a 16-colour terminal, under `NO_COLOR` or to a colour-blind reader every
format in the export dialog looked chosen. These draw the glyph only when on.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox, RadioButton, RadioSet


class ChoiceButton(RadioButton):
    """A radio button drawn `●` when chosen and blank when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class TickBox(Checkbox):
    """A checkbox drawn `X` when ticked and blank when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class ChoiceSet(RadioSet, inherit_bindings=False):
    """A radio set where the arrows choose (no space to press) and enter is
    left to the dialog, which starts its action."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "choose_next", "Next option", show=False),
        Binding("up,left", "choose_previous", "Previous option", show=False),
    ]

    def action_choose_next(self) -> None:
        """Move to the next option and choose it."""
        self.action_next_button()
        self._choose_selected()

    def action_choose_previous(self) -> None:
        """Move to the previous option and choose it."""
        self.action_previous_button()
        self._choose_selected()

    def _choose_selected(self) -> None:
        if self._selected is not None:
            self.choose(self._selected)

    def choose(self, index: int) -> None:
        """Choose the button at `index` (disabled buttons stay unchosen)."""
        buttons = list(self.query(RadioButton))
        if 0 <= index < len(buttons) and not buttons[index].disabled:
            buttons[index].value = True
            self._selected = index
