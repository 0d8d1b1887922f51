"""Radio buttons and checkboxes whose state shows without colour.

Textual draws an on and an off button with the same glyph in two colours, so
on a 16-colour terminal, under `NO_COLOR` or to a colour-blind reader every
format in the export dialog looked chosen. These draw the glyph only when on.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


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
