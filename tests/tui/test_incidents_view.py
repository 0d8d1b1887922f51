"""The incidents view (`i`) and incident sentences in the article view, on seeds/."""

from __future__ import annotations

from incidents_pilot import KIRKUK, kirkuk_row, on_kirkuk, open_view, status_text
from reader_pilot import search, settle
from textual.widgets import Static

from glossator.tui.screens.incidents import IncidentsScreen
from glossator.tui.screens.main import MainScreen
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.incident_table import (
    COLUMNS,
    FILTERS,
    IncidentTable,
    fit_columns,
    row_key,
)
from glossator.tui.widgets.status import StatusLine


async def test_i_lists_every_seed_incident_with_its_toll(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(pilot)
        rows = app.screen.state.rows  # every incident (the table may join events)
        assert len(rows) >= 10
        assert {r["article"] for r in rows} == {p.name for p in app.session.corpus.glob("*.txt")}
        assert any(kirkuk_row(r) for r in rows)
        assert "16 in 5 articles" in status_text(pilot, "#incidents-title") or len(rows) != 16
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Kirkuk" in shown and "sorted by" in shown
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_query_limits_the_view_to_its_hits(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_view(pilot, "kirkuk")
        articles = {r["article"] for r in table.rows_shown}
        assert KIRKUK in articles and len(articles) < 5
        assert "kirkuk" in status_text(pilot, "#incidents-title")


async def test_sorting_and_the_status_filter(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_view(pilot)
        found_order = [row_key(r) for r in table.rows_shown]
        keys = [c.key for c in COLUMNS]
        # s steps to the next column; killed sorts the largest toll first.
        for _ in range(keys.index("killed") + 1):
            await pilot.press("s")
        tolls = [r["fatalities"] for r in table.rows_shown]
        known = [t for t in tolls if t is not None]
        assert known == sorted(known, reverse=True) and known[0] == 10
        assert tolls[: len(known)] == known  # not stated comes last
        assert "sorted by killed ↓" in status_text(pilot)
        await pilot.press("S")
        known = [r["fatalities"] for r in table.rows_shown if r["fatalities"] is not None]
        assert known == sorted(known) and "killed ↑" in status_text(pilot)
        assert [row_key(r) for r in table.rows_shown] != found_order
        # f: all, unchecked (every seed incident), checked (none yet), rejected.
        await pilot.press("f")
        assert len(table.rows_shown) == len(found_order) and "unchecked" in status_text(pilot)
        await pilot.press("f")
        assert table.rows_shown == [] and "no incidents here" in status_text(pilot)
        for _ in range(len(FILTERS) - 2):
            await pilot.press("f")
        assert len(table.rows_shown) == len(found_order)


async def test_enter_opens_the_article_at_the_sentence_and_back_returns(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_view(pilot)
        at = next(i for i, r in enumerate(table.rows_shown) if kirkuk_row(r))
        row = table.rows_shown[at]
        table.move_cursor(row=at)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.bundle is not None
        assert screen.bundle.article.id == KIRKUK
        view = screen.query_one(ArticleView)
        assert view.has_focus and view.cursor_offset == row["start"]
        assert view.text[row["start"] : row["end"]] == row["sentence"]
        # The sentence is on screen, and marked.
        top = view.scroll_offset.y
        assert top <= view.location_of(row["start"])[0] < top + view.size.height + 2
        assert (row["start"], row["end"]) in view.incidents
        status = str(screen.query_one(StatusLine).render())
        assert "incident 1 of" in status and "Kirkuk, 5 killed" in status
        # Back one level: the same table, the cursor on the same incident.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, IncidentsScreen)
        table = app.screen.query_one(IncidentTable)
        assert table.current is not None and row_key(table.current) == row_key(row)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert not app.screen.query_one(ArticleView).has_focus  # back at the list


async def test_curly_brackets_step_through_the_incident_sentences(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "kirkuk")
        await pilot.press("enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert app.screen.bundle.article.id == KIRKUK
        marks = view.incidents
        assert len(marks) >= 3
        line = app.screen.query_one(StatusLine)
        await pilot.press("right_curly_bracket")
        assert view.cursor_offset == marks[0][0]
        assert f"incident 1 of {len(marks)}: Air/drone strike, Kirkuk, 5 killed" in str(
            line.render()
        )
        await pilot.press("right_curly_bracket")
        assert view.cursor_offset == marks[1][0]
        assert f"incident 2 of {len(marks)}" in str(line.render())
        await pilot.press("left_curly_bracket")
        assert view.cursor_offset == marks[0][0]
        group = app.screen.query_one("#article-legend", Static).content
        assert str(group.renderables[0]).endswith("incident")


def test_columns_fit_80_and_160_columns_most_important_first():
    rows = [
        {
            "article": "002_45e5cc2aff789250.txt",
            "id": "x-1",
            "status": "extracted",
            "event_date": "2024-01-15",
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": "Islamic Resistance in Iraq",
            "actor2": "US forces at the Ain al-Asad air base",
            "location": "Ain al-Asad air base",
            "weapon": "ballistic missiles",
            "fatalities": 12,
            "injured": 140,
        }
    ]
    by_rank = [c.key for c in sorted(COLUMNS, key=lambda c: c.rank)]
    for width, least in ((78, len(COLUMNS)), (158, len(COLUMNS)), (40, 4)):
        fitted = fit_columns(rows, width)
        assert sum(w + 2 for _, w in fitted) <= width
        kept = [c.key for c, _ in fitted]
        assert len(kept) >= least and set(by_rank[:least]) <= set(kept)
        assert kept == [c.key for c in COLUMNS if c.key in kept]  # in their order
    wide = {c.key: w for c, w in fit_columns(rows, 158)}
    assert wide["type"] == len("Shelling/artillery/missile attack")


async def test_hostile_text_in_the_view_is_shown_literally(app_factory, tmp_path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Hostile report\n\nGunmen attacked a market in Kirkuk on Tuesday, killing three "
        "people [red]and[/red] wounding seven, \x1b[2Jpolice said.\n",
        "utf-8",
    )
    app = app_factory(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_view(pilot)
        assert [(r["fatalities"], r["injured"]) for r in table.rows_shown] == [(3, 7)]
        sentence = str(app.screen.query_one("#incidents-sentence").render())
        assert "[red]and[/red]" in sentence and "\x1b" not in sentence
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "[red]and[/red]" in shown


async def test_the_view_is_in_the_palette_and_its_keys_can_be_remapped(seeds):
    from glossator.tui.app import make_app
    from glossator.tui.config import Config

    config = Config(author="tester", keymap={"incidents.sort": "o", "app.incidents": "i,f7"})
    app = make_app(seeds, config, show_timings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        incidents = next(c for c in app.get_system_commands(app.screen) if c.title == "Incidents")
        assert "app.incidents" in incidents.help and "i f7" in incidents.help
        await pilot.press("tab", "f7")
        await settle(pilot)
        assert isinstance(app.screen, IncidentsScreen)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Sort", "Reverse", "Filter", "Confirm", "Reject", "Edit", "Undo"} <= titles
        await pilot.press("o")
        assert "sorted by date" in status_text(pilot)


async def test_an_incident_added_in_the_article_shows_in_the_view_on_the_way_back(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await on_kirkuk(pilot)
        before = len(app.screen.state.rows)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        start = view.text.index("A statement by the Islamic Resistance")
        view.jump((start, view.text.index(".", start) + 1), select=True)
        await pilot.pause()
        await pilot.press("A")
        await settle(pilot)
        app.screen.query_one("#add-sub_event_type").value = "Attack"
        app.screen.query_one("#add-injured").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # the selection is gone: back to the view
        await settle(pilot)
        assert isinstance(app.screen, IncidentsScreen)
        table = app.screen.query_one(IncidentTable)
        assert len(app.screen.state.rows) == before + 1
        rows = table.rows_shown
        assert f"{before + 1} in 5 articles" in status_text(pilot, "#incidents-title")
        at = next(i for i, r in enumerate(rows) if r["status"] == "added")
        assert rows[at - 1]["article"] == KIRKUK and rows[at]["start"] == start
        assert kirkuk_row(table.current)  # the cursor stayed on the row it was on


async def test_a_large_log_stops_at_the_cap_and_says_so(app_factory, monkeypatch):
    from glossator.tui.screens import incidents

    monkeypatch.setattr(incidents, "MAX_INCIDENTS", 3)
    monkeypatch.setattr(incidents, "CHUNK", 1)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_view(pilot)
        assert len(table.rows_shown) == 3
        title = status_text(pilot, "#incidents-title")
        assert "stopped at 3 incidents" in title and "of 5 articles" in title
