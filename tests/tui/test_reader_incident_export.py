"""The incident log from the export dialog, and the article's date and source (`D`)."""

from __future__ import annotations

import csv
import datetime as dt
import json

import yaml
from reader_pilot import open_first, search, settle
from textual.pilot import Pilot
from textual.widgets import Input

from glossator.annotations.incident_export import ACLED_COLUMNS
from glossator.tui.screens.dialogs import FormDialog
from glossator.tui.screens.export import ExportScreen
from glossator.tui.screens.incidents import IncidentsScreen
from glossator.tui.widgets.incident_table import IncidentTable

KIRKUK = "002_45e5cc2aff789250.txt"


def _status(pilot: Pilot[object]) -> str:
    return str(pilot.app.screen.query_one("#export-status").render())


async def _export_to(pilot: Pilot[object], dest: object) -> None:
    pilot.app.screen.query_one("#export-path", Input).value = str(dest)
    await pilot.press("enter")
    await settle(pilot, 0.1)


async def test_i_in_the_dialog_exports_the_incident_log_with_acleds_columns(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.export_dir = tmp_path
        await settle(pilot)
        await pilot.press("tab", "e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("i")
        await pilot.pause()
        # W3C is for annotations only: refused with a reason, csv stays chosen.
        await pilot.press("w")
        await pilot.pause()
        assert "incident log exports to csv" in _status(pilot)
        assert app.screen.query_one("#export-path", Input).value == "glossator-incidents.csv"
        await _export_to(pilot, tmp_path / "log.csv")
        assert not isinstance(app.screen, ExportScreen)
        with (tmp_path / "log.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert rows and list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
        kirkuk = [r for r in rows if r["location"] == "Kirkuk" and r["article"] == KIRKUK]
        assert kirkuk and kirkuk[0]["fatalities"] == "5"
        assert kirkuk[0]["sub_event_type"] == "Air/drone strike"


async def test_an_existing_file_is_kept_unless_overwrite_is_ticked(app_factory, tmp_path):
    app = app_factory()
    dest = tmp_path / "log.csv"
    dest.write_text("keep me", "utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "e", "i")
        await settle(pilot)
        await _export_to(pilot, dest)
        assert isinstance(app.screen, ExportScreen)
        assert "already exists" in _status(pilot)
        assert dest.read_text("utf-8") == "keep me"
        await pilot.press("o", "enter")
        await settle(pilot, 0.1)
        assert dest.read_text("utf-8").startswith("event_date,")


async def test_e_in_the_incidents_view_preselects_the_log_and_its_scope(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "i")
        await settle(pilot)
        assert isinstance(app.screen, IncidentsScreen)
        count = len(app.screen.state.rows)  # every incident, though events share a row
        await pilot.press("E")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen._choice("export-what") == "incidents"
        assert screen._choice("export-scope") == "corpus"
        # The per-event summary, in JSON.
        await pilot.press("j", "s")
        await _export_to(pilot, tmp_path / "events.json")
        assert isinstance(app.screen, IncidentsScreen)
        said = str(app.screen.query_one("#incidents-status").render())
        assert f"exported {count} incidents" in said
        events = json.loads((tmp_path / "events.json").read_text("utf-8"))
        assert 0 < len(events) <= count
        assert any("Kirkuk" in json.dumps(e) for e in events)


async def _date_dialog(pilot: Pilot[object]) -> FormDialog:
    await open_first(pilot, "Kirkuk drone staging")
    assert pilot.app.screen.bundle.article.id == KIRKUK  # type: ignore[attr-defined]
    await pilot.press("D")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    return dialog


async def test_d_sets_the_date_and_the_incidents_resolve_against_it(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _date_dialog(pilot)
        assert "no front matter" in str(dialog.query_one(".dialog-hint").render())
        await pilot.press(*"2023-12-05", "enter", *"Asian Lite News", "enter")
        await settle(pilot, 0.1)
        assert not isinstance(app.screen, FormDialog)
        saved = yaml.safe_load(app.session.store.path_for(KIRKUK).read_text("utf-8"))
        assert str(saved["date"]) == "2023-12-05" and saved["source"] == "Asian Lite News"
        meta = str(app.screen.query_one("#article-meta").render())
        assert "2023-12-05" in meta and "Asian Lite News" in meta
        # "Sunday afternoon" is the Sunday on or before the article's date (a Tuesday).
        rows = app.screen.query_one("ArticlePane").incidents
        kirkuk = next(r for r in rows if r["location"] == "Kirkuk")
        assert kirkuk["event_date"] == "2023-12-03"
        assert dt.date.fromisoformat(kirkuk["event_date"]).weekday() == 6
        # The incidents view shows the resolved date for that article's rows.
        await pilot.press("i")
        await settle(pilot)
        rows = app.screen.query_one(IncidentTable).rows_shown
        assert any(r["article"] == KIRKUK and r["event_date"] == "2023-12-03" for r in rows)


async def test_a_bad_date_keeps_the_dialog_open_and_saves_nothing(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _date_dialog(pilot)
        await pilot.press(*"5 Dec", "enter", *"Reuters", "enter")
        await settle(pilot, 0.1)
        assert app.screen is dialog
        error = str(dialog.query_one("#dialog-error").render())
        assert "YYYY-MM-DD" in error
        # Neither field was saved, though the source alone was fine.
        assert not app.session.store.path_for(KIRKUK).exists()
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FormDialog)


async def test_the_view_of_a_query_exports_only_its_hits(app_factory, tmp_path):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "kirkuk")
        await pilot.press("enter", "i")
        await settle(pilot)
        assert isinstance(app.screen, IncidentsScreen)
        await pilot.press("E")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen._choice("export-scope") == "results"
        await pilot.press("m")
        await _export_to(pilot, tmp_path / "kirkuk.md")
        report = (tmp_path / "kirkuk.md").read_text("utf-8")
        # Markdown escapes the underscore in the path.
        assert "Kirkuk" in report and "Path: 002\\_45e5cc2aff789250.txt" in report
        assert " incidents in 1 article\n" in report and "000\\_a527e38b797e7e70" not in report
