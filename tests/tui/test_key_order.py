"""Keys that arrive together are handled in order (Pilot, no terminal).

A terminal delivers keys as fast as they are typed: several can be waiting
in the App's queue at once. Posting them back to back reproduces that
exactly; `pilot.press` would wait for each one to be handled.
"""

from __future__ import annotations

from reader_pilot import search, settle
from textual import events
from textual.widgets import Input

from glossator.tui.widgets.results import ResultList


def _burst(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Queue keys the way a fast typist's terminal does: all before any is handled."""
    for key in keys:
        char = key if len(key) == 1 else None
        app.post_message(events.Key(key, char))


async def test_a_letter_typed_right_after_ctrl_u_is_kept(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "abc", type_it=True)
        box = app.screen.query_one("#query", Input)
        assert box.value == "abc"
        _burst(app, "ctrl+u", *"window")
        await settle(pilot, 0.05)
        assert box.value == "window"


async def test_backspaces_and_letters_stay_in_order(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "abc", type_it=True)
        _burst(app, "backspace", "backspace", "backspace", *"drone")
        await settle(pilot, 0.05)
        assert app.screen.query_one("#query", Input).value == "drone"


async def test_letters_after_slash_go_to_the_query_box(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "airstrike", type_it=True)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, ResultList)
        _burst(app, "slash", *"drone")
        await settle(pilot, 0.05)
        assert app.screen.query_one("#query", Input).value == "drone"


async def test_enter_enter_typed_at_once_opens_the_top_hit(app_factory):
    # The second `enter` reaches the query box before the first has moved the
    # focus to the hits; it is meant for the hits and opens the top one.
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "kirkuk", type_it=True)
        _burst(app, "enter", "enter")
        await settle(pilot, 0.05)
        assert app.screen.bundle is not None
        assert app.screen.bundle.article.path.name.startswith("002_")


async def test_one_enter_only_moves_to_the_hits(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "kirkuk", type_it=True)
        _burst(app, "enter")
        await settle(pilot, 0.05)
        assert isinstance(app.focused, ResultList)
        assert app.screen.bundle is None
        # Back in the query box, `enter` moves to the hits again and opens nothing.
        _burst(app, "slash")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        _burst(app, "enter")
        await settle(pilot, 0.05)
        assert isinstance(app.focused, ResultList)
        assert app.screen.bundle is None
