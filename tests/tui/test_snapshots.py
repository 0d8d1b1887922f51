"""SVG snapshots of the reader's main screens at 80x24 and 160x48.

Regenerate after a deliberate change with `pytest tests/tui --snapshot-update`
and look at the SVGs under tests/tui/__snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from reader_pilot import settle
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from glossator.tui.widgets.search_pane import SearchPane

SMALL = (80, 24)
WIDE = (160, 48)


def steps(query: str | None, *keys: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    """Search for `query`, then press `keys`, with the cursor blink frozen."""

    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        if query is not None:
            pilot.app.screen.query_one(SearchPane).set_query(query)
            await settle(pilot, 0.05)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "160x48"])
def test_start_screen(snap_compare, app_factory, size):
    assert snap_compare(app_factory(), terminal_size=size, run_before=steps(None))


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "160x48"])
def test_search_results(snap_compare, app_factory, size):
    assert snap_compare(app_factory(), terminal_size=size, run_before=steps("airstrike"))


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "160x48"])
def test_article_open(snap_compare, app_factory, size):
    run = steps("airstrike", "enter", "enter", "n")
    assert snap_compare(app_factory(), terminal_size=size, run_before=run)


def test_sidebar_over_article_80x24(snap_compare, app_factory):
    run = steps("airstrike", "enter", "enter", "s")
    assert snap_compare(app_factory(), terminal_size=SMALL, run_before=run)


def test_query_error_80x24(snap_compare, app_factory):
    assert snap_compare(app_factory(), terminal_size=SMALL, run_before=steps('"unclosed'))


def test_tag_dialog_80x24(snap_compare, app_factory):
    run = steps("airstrike", "enter", "enter", "t", "a")
    assert snap_compare(app_factory(), terminal_size=SMALL, run_before=run)


def test_help_80x24(snap_compare, app_factory):
    assert snap_compare(app_factory(), terminal_size=SMALL, run_before=steps(None, "tab", "?"))


def test_export_dialog_80x24(snap_compare, app_factory):
    run = steps("airstrike", "enter", "enter", "e")
    assert snap_compare(app_factory(), terminal_size=SMALL, run_before=run)


def test_note_dialog_80x24(snap_compare, app_factory):
    run = steps("airstrike", "enter", "enter", "c", *"Two", "enter", *"lines")
    assert snap_compare(app_factory(), terminal_size=SMALL, run_before=run)


def test_rate_dialog_80x24(snap_compare, app_factory):
    run = steps("airstrike", "enter", "enter", "r")
    assert snap_compare(app_factory(), terminal_size=SMALL, run_before=run)


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "160x48"])
def test_incidents_view(snap_compare, app_factory, size):
    assert snap_compare(app_factory(), terminal_size=size, run_before=steps(None, "tab", "i"))


def test_incident_edit_dialog_80x24(snap_compare, app_factory):
    # g: one row per incident, as checks are made on (the first row is an event).
    run = steps(None, "tab", "i", "g", "e")
    assert snap_compare(app_factory(), terminal_size=SMALL, run_before=run)
