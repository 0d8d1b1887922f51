"""The reader's keyboard model at 80x24 (docs/reader.md, "Keys: the model").

The result list is the top level; the article and the sidebar sit over it,
and escape (or q outside the lists) goes back one level, never round in a
circle. The query box is a prompt: `/` enters it (a `/` typed in it is a
character), enter or down leaves it for the results, escape for where `/`
came from.
"""

from __future__ import annotations

from reader_pilot import open_first, search, settle
from textual.widgets import Input

from glossator.tui.widgets import status
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.results import ResultList
from glossator.tui.widgets.sidebar import Sidebar
from glossator.tui.widgets.status import StatusLine


async def test_slash_in_the_query_box_keeps_the_query(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "drone", type_it=True)
        box = app.screen.query_one("#query", Input)
        # From elsewhere, / selects the query: typing starts a new one, an
        # arrow or end keeps it.
        await pilot.press("escape", "slash", "end", "s")
        await settle(pilot)
        assert box.has_focus and box.value == "drones"
        # In the box, / is a character of the query (tags may hold one).
        await pilot.press("slash", "x")
        assert box.has_focus and box.value == "drones/x"


async def test_down_in_the_query_box_moves_into_the_results(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "drone", type_it=True)
        await pilot.press("down")
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert results.has_focus and results.highlighted == 0


async def test_the_article_just_closed_reopens_with_enter(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "drone", type_it=True)
        await pilot.press("enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.has_focus
        opened = app.screen.bundle.article.id
        await pilot.press("j", "j", "j")
        where = view.cursor_offset
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(ResultList).has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert view.has_focus and app.screen.article_mode
        assert app.screen.bundle.article.id == opened and view.cursor_offset == where


async def test_escape_goes_back_one_level_and_stops(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "drone", type_it=True)
        await pilot.press("enter", "enter")
        await settle(pilot)
        screen = app.screen
        view, results = screen.query_one(ArticleView), screen.query_one(ResultList)
        seen = []
        for _ in range(4):
            await pilot.press("escape")
            await settle(pilot)
            seen.append(screen.focused)
        # Article -> list, then the list stays: no ping-pong with the query box.
        assert seen == [results, results, results, results]
        # From the query box, escape returns where `/` came from.
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert view.has_focus
        # q in the article is back too; in the list it quits.
        await pilot.press("q")
        await settle(pilot)
        assert results.has_focus and app.is_running
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running


async def test_status_messages_expire(app_factory, monkeypatch):
    monkeypatch.setattr(status, "MESSAGE_SECONDS", 0.2)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(StatusLine)
        line.show_text("✓ tagged airstrike")
        assert "tagged" in str(line.render())
        await settle(pilot, 0.5)
        assert "articles indexed" in str(line.render())
        line.show_text("indexing failed: disk full", bold=True, expires=False)
        await settle(pilot, 0.5)
        assert "failed" in str(line.render())


async def test_tab_from_the_sidebar_keeps_the_query_for_editing(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "drone")
        await pilot.press("tab")
        await settle(pilot)
        assert app.screen.query_one(Sidebar).has_focus
        await pilot.press("tab")
        await settle(pilot)
        box = app.screen.query_one("#query", Input)
        # The cursor at the end and nothing selected: the next letter adds to the query.
        assert box.has_focus and box.selection.is_empty
        assert box.cursor_position == len("drone")
        await pilot.press("s")
        assert box.value == "drones"
