"""Checking incidents by keyboard in the incidents view and the article view:
confirm, reject, undo, edit one field, add from a selection; saved to the
sidecar."""

from __future__ import annotations

from incidents_pilot import KIRKUK, on_kirkuk, sidecar_incidents, status_text
from reader_pilot import search, settle

from glossator.tui.screens.incidents import IncidentsScreen
from glossator.tui.screens.main import MainScreen
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.incident_table import (
    IncidentTable,
)
from glossator.tui.widgets.status import StatusLine


async def test_y_and_x_check_the_row_in_place_and_u_undoes(app_factory, seeds):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await on_kirkuk(pilot)
        at = table.cursor_row
        await pilot.press("y")
        await settle(pilot)
        assert table.cursor_row == at and table.current["status"] == "confirmed"
        assert table.current["fatalities"] == 5 and table.current["location"] == "Kirkuk"
        assert "confirmed: Air/drone strike, Kirkuk, 5 killed" in status_text(pilot)
        assert [c["status"] for c in sidecar_incidents(seeds, KIRKUK)] == ["confirmed"]
        await pilot.press("x")
        await settle(pilot)
        assert table.cursor_row == at and table.current["status"] == "rejected"
        assert [c["status"] for c in sidecar_incidents(seeds, KIRKUK)] == ["rejected"]
        await pilot.press("u")
        await settle(pilot)
        assert table.cursor_row == at and table.current["status"] == "extracted"
        assert sidecar_incidents(seeds, KIRKUK) == []


async def test_e_edits_one_field_and_refuses_a_bad_toll(app_factory, seeds):
    from glossator.tui.screens.incident_dialogs import IncidentEditDialog

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await on_kirkuk(pilot)
        at = table.cursor_row
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, IncidentEditDialog)
        await pilot.press("k", "ctrl+u", "f", "i", "v", "e", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IncidentEditDialog)  # refused, the text kept
        error = str(app.screen.query_one("#dialog-error").render())
        assert "whole number" in error and "\n" not in error.strip()
        await pilot.press("ctrl+u", "6", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IncidentsScreen)
        assert table.cursor_row == at
        assert table.current["status"] == "edited" and table.current["fatalities"] == 6
        saved = sidecar_incidents(seeds, KIRKUK)
        assert saved[0]["status"] == "edited" and saved[0]["fields"]["fatalities"] == 6
        # A date the sidecar cannot hold is refused with one line saying what to type.
        await pilot.press("e", "d", *"yesterday", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IncidentEditDialog)
        error = str(app.screen.query_one("#dialog-error").render())
        assert "YYYY-MM-DD" in error and "\n" not in error.strip()
        await pilot.press("escape", "escape")
        await settle(pilot)
        # The type comes from ACLED's list.
        await pilot.press("e", "t")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert table.current["sub_event_type"] == "Shelling/artillery/missile attack"


async def test_checks_in_the_article_on_the_incident_under_the_cursor(app_factory, seeds):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "kirkuk")
        await pilot.press("enter", "enter")
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(ArticleView)
        assert screen.check_action("confirm_incident", ()) is False  # cursor on no incident
        meta = screen.query_one("#article-meta")
        assert f"{len(view.incidents)} incidents" in str(meta.render())
        await pilot.press("right_curly_bracket")
        assert screen.check_action("confirm_incident", ()) is True
        assert screen.check_action("undo_incident", ()) is False  # not checked yet
        await pilot.press("Y")
        await settle(pilot)
        assert screen.incident_here()["status"] == "confirmed"
        assert "confirmed: Air/drone strike, Kirkuk, 5 killed" in str(
            screen.query_one(StatusLine).render()
        )
        assert screen.check_action("undo_incident", ()) is True
        await pilot.press("X")
        await settle(pilot)
        assert screen.incident_here()["status"] == "rejected"
        assert (screen.incident_here()["start"], screen.incident_here()["end"]) not in (
            view.incidents
        )  # a rejected sentence is no longer marked, nor counted
        assert f"{len(view.incidents)} incidents" in str(meta.render()) and len(view.incidents) == 3
        await pilot.press("U")
        await settle(pilot)
        assert screen.incident_here()["status"] == "extracted"
        assert sidecar_incidents(seeds, KIRKUK) == []


async def test_A_adds_an_incident_from_the_selection(app_factory, seeds):
    from glossator.tui.screens.incident_dialogs import IncidentAddDialog

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "kirkuk")
        await pilot.press("enter", "enter")
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(ArticleView)
        text = view.text
        start = text.index("A statement by the Islamic Resistance")
        end = text.index(".", start) + 1
        view.jump((start, end), select=True)
        await pilot.pause()
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, IncidentAddDialog)
        await pilot.press(*"nonsense", "enter")  # type: refused on the last field
        for _ in range(8):
            await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IncidentAddDialog)
        assert "type:" in str(app.screen.query_one("#dialog-error").render())
        app.screen.query_one("#add-sub_event_type").value = "armed"
        app.screen.query_one("#add-fatalities").value = "5"
        app.screen.query_one("#add-location").value = "Kirkuk"
        app.screen.query_one("#add-injured").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        added = [r for r in app.screen.pane.incidents if r["status"] == "added"]
        assert len(added) == 1 and added[0]["sub_event_type"] == "Armed clash"
        assert added[0]["fatalities"] == 5 and added[0]["start"] == start
        saved = sidecar_incidents(seeds, KIRKUK)
        assert [c["status"] for c in saved] == ["added"]
        # The view lists it with the article's others, in text order.
        await pilot.press("i")
        await settle(pilot)
        rows = app.screen.query_one(IncidentTable).rows_shown
        starts = [r["start"] for r in rows]
        assert starts == sorted(starts) and "added" in [r["status"] for r in rows]
