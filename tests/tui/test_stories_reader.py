"""Stories in the reader: one row per story, the sidebar's other reports, event rows."""

from __future__ import annotations

from pathlib import Path

from reader_pilot import settle
from story_fixtures import REPRINT, add_reprint
from test_live import wait_for
from textual.pilot import Pilot
from textual.widgets import OptionList

from glossator.tui.screens.event_reports import EventReports
from glossator.tui.screens.incidents import IncidentsScreen
from glossator.tui.screens.main import MainScreen
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.incident_table import IncidentTable
from glossator.tui.widgets.results import ResultList
from glossator.tui.widgets.search_pane import SearchPane
from glossator.tui.widgets.sidebar import Sidebar

#: On seeds/, 000 and 004 report the same drone attack on Ain al-Asad: one story. (001
#: leads with a Baghdad strike that 002 and 004 only mention, so it is a story of its own.)
STORY = ("000_a527e38b797e7e70.txt", "004_b3427344e654de89.txt")
#: The story's other reports, folded into its row.
OTHERS = len(STORY) - 1


def _status(app: object) -> str:
    return str(app.screen.query_one("#search-status").render())  # type: ignore[attr-defined]


def _prompts(results: ResultList) -> list[str]:
    return [str(o.prompt) for o in results.options]


async def _strike(pilot: Pilot[object]) -> tuple[ResultList, int]:
    """Search the seeds for `strike`: the result list and the number of hits."""
    await settle(pilot)
    pane = pilot.app.screen.query_one(SearchPane)
    pane.set_query("strike")
    await settle(pilot, 0.3)
    assert pane.result is not None
    return pilot.app.screen.query_one(ResultList), pane.result.total


async def test_a_story_is_one_row_that_expands_and_collapses(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        results, total = await _strike(pilot)
        story_rows = [r for r in results.rows or () if r.others]
        assert len(story_rows) == 1
        row = story_rows[0]
        assert {row.best.article_id, *(o.article for o in row.others)} == set(STORY)
        assert results.option_count == total - OTHERS
        assert f"{total} hits in {total - OTHERS} stories" in _status(app)
        head = [o.id for o in results.options].index(row.best.article_id)
        assert "▸ +1 report" in _prompts(results)[head]
        # space expands the story in place: one line per other report, then collapses it.
        await pilot.press("enter")
        results.highlighted = head
        await pilot.press("space")
        await settle(pilot)
        assert results.option_count == total
        assert "▾ +1 report" in _prompts(results)[head]
        assert all("↳" in p for p in _prompts(results)[head + 1 : head + 1 + OTHERS])
        # enter on a report line opens that report.
        results.highlighted = head + 1
        other = row.others[0].article
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.bundle is not None and app.screen.bundle.article.id == other
        await pilot.press("escape")
        await settle(pilot)
        results.highlighted = head + OTHERS
        await pilot.press("space")  # on a report line, collapses its story
        await settle(pilot)
        assert results.option_count == total - OTHERS
        assert results.highlighted == head
        # enter on a collapsed story opens its best hit.
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.bundle.article.id == row.best.article_id


async def test_S_turns_grouping_off_and_on(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        results, total = await _strike(pilot)
        await pilot.press("enter")
        assert results.option_count == total - OTHERS
        await pilot.press("S")
        await settle(pilot, 0.3)
        assert results.option_count == total and results.rows is None
        assert "stories" not in _status(app)
        assert not any("+1 report" in p for p in _prompts(results))
        await pilot.press("S")
        await settle(pilot, 0.3)
        assert results.option_count == total - OTHERS


async def test_group_stories_false_in_the_config_lists_every_hit(seeds: Path) -> None:
    from glossator.tui.app import make_app
    from glossator.tui.config import Config

    app = make_app(seeds, Config(author="tester", group_stories=False), show_timings=False)
    async with app.run_test(size=(100, 30)) as pilot:
        results, total = await _strike(pilot)
        assert results.rows is None
        assert results.option_count == total


async def test_the_sidebar_lists_the_other_reports_and_enter_opens_one(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        results, _ = await _strike(pilot)
        await pilot.press("enter")  # from the box to the list
        row = next(r for r in results.rows or () if r.others)
        results.highlighted = [o.id for o in results.options].index(row.best.article_id)
        await pilot.press("enter")
        await settle(pilot)
        sidebar = app.screen.query_one(Sidebar)
        opened = app.screen.bundle.article.id
        assert opened == row.best.article_id
        reports = {r.report.article: r for r in sidebar.reports}
        assert set(reports) == set(STORY) - {opened}
        assert all(not r.reprint for r in reports.values())
        prompts = [str(o.prompt) for o in sidebar.options]
        head = next(
            i for i, p in enumerate(prompts) if f"Other reports of this story ({OTHERS})" in p
        )
        entities = next(i for i, p in enumerate(prompts) if "Entities" in p)
        assert head < entities
        assert any("same event" in p for p in prompts[head + 1 : head + 1 + OTHERS])
        sidebar.focus()
        sidebar.highlighted = head + 1
        target = sidebar.options[head + 1].id.split("\x00")[-1]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.bundle.article.id == target
        # The report opened lists the first among its own other reports.
        assert opened in {r.report.article for r in sidebar.reports}


async def _kirkuk_event(pilot: Pilot[object]) -> IncidentTable:
    """The incidents view of `kirkuk`, the cursor on the Kirkuk strike's event row."""
    await settle(pilot)
    pilot.app.screen.query_one(SearchPane).set_query("kirkuk")
    await settle(pilot, 0.3)
    await pilot.press("enter", "i")
    await settle(pilot)
    assert isinstance(pilot.app.screen, IncidentsScreen)
    table = pilot.app.screen.query_one(IncidentTable)
    at = next(i for i, r in enumerate(table.rows_shown) if r.get("location") == "Kirkuk")
    table.move_cursor(row=at)
    await pilot.pause()
    return table


async def test_event_rows_mark_disagreements_and_v_lists_each_report(app_factory, seeds) -> None:
    add_reprint(seeds)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _kirkuk_event(pilot)
        screen = app.screen
        row = table.current
        assert row is not None and row["_reports"] == 2
        assert {k: set(v) for k, v in row["_differs"].items()} == {"fatalities": {4, 5}}
        # Every event of 002 is reported by its reprint too: one row each.
        assert len(table.rows_shown) == len(screen.state.rows) // 2
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "≠4–5" in shown and "2 reports" in shown
        assert "they disagree on killed" in str(screen.query_one("#incidents-sentence").render())
        # A check on an event row says why not, and saves nothing.
        await pilot.press("y")
        await settle(pilot)
        assert "one event in 2 reports" in str(screen.query_one("#incidents-status").render())
        assert not (seeds / "002_45e5cc2aff789250.txt.yaml").exists()
        # v: each report's value and source; enter opens that report at its sentence.
        await pilot.press("v")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, EventReports)
        lines = [str(o.prompt) for o in panel.query_one(OptionList).options]
        assert any(REPRINT in t and "≠ killed 4" in t for t in lines)
        assert any("002_45e5cc2aff789250.txt" in t and "≠ killed 5" in t for t in lines)
        panel.query_one(OptionList).highlighted = next(
            i for i, t in enumerate(lines) if REPRINT in t
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.bundle is not None
        assert app.screen.bundle.article.id == REPRINT
        view = app.screen.query_one(ArticleView)
        assert view.text[view.cursor_offset :].startswith("US strike in Iraq kills 4")
        # Back in the view, on the same event row.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, IncidentsScreen)
        assert app.screen.query_one(IncidentTable).current.get("_reports") == 2


async def test_g_toggles_one_row_per_incident_where_checks_work(app_factory, seeds) -> None:
    add_reprint(seeds)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _kirkuk_event(pilot)
        screen = app.screen
        events = len(table.rows_shown)
        await pilot.press("g")
        await settle(pilot)
        assert len(table.rows_shown) == len(screen.state.rows) == 2 * events
        assert not any(r.get("_members") for r in table.rows_shown)
        assert table.current.get("location") == "Kirkuk"  # the cursor stayed on the event
        await pilot.press("y")
        await settle(pilot)
        assert "confirmed: Air/drone strike, Kirkuk" in str(
            screen.query_one("#incidents-status").render()
        )
        await pilot.press("g")
        await settle(pilot)
        assert len(table.rows_shown) == events
        assert table.current.get("_reports") == 2
        assert table.current["status"] == "mixed"  # one report confirmed, one not


async def test_a_reprint_added_while_running_folds_into_its_story(app_factory, seeds) -> None:
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.screen.query_one(SearchPane).set_query("kirkuk")
        await settle(pilot, 0.3)
        results = app.screen.query_one(ResultList)
        assert results.option_count == 1 and not results.rows[0].others
        await pilot.press("enter", "enter")
        await settle(pilot)
        sidebar = app.screen.query_one(Sidebar)
        assert sidebar.reports == []
        add_reprint(seeds)

        def folded() -> bool:
            rows = results.rows or ()
            ids = {rows[0].best.article_id, *(o.article for o in rows[0].others)} if rows else set()
            return len(rows) == 1 and ids == {"002_45e5cc2aff789250.txt", REPRINT}

        await wait_for(pilot, folded, "the reprint in the story's row")
        pane = app.screen.query_one(SearchPane)
        assert pane.result.total == 2 and "2 hits in 1 story" in _status(app)
        await wait_for(pilot, lambda: bool(sidebar.reports), "the reprint in the sidebar")
        (other,) = sidebar.reports
        assert other.report.article == REPRINT and other.reprint
        assert other.differs == ("killed 5 vs 4",)


async def test_the_count_of_stories_covers_hits_not_yet_listed(app_factory, tmp_path) -> None:
    corpus = tmp_path / "wire"
    corpus.mkdir()
    for i in range(36):
        body = f"A convoy was hit. Word{i} alpha{i} beta{i} gamma{i} delta{i}."
        (corpus / f"{i:02d}.txt").write_text(f"Convoy report {i}\n\n{body}\n", "utf-8")
    for n in range(4):  # four reprints of the last article, under new headlines
        body = (corpus / "35.txt").read_text("utf-8").split("\n", 1)[1]
        (corpus / f"copy{n}.txt").write_text(f"Convoy reprint {n}\n{body}", "utf-8")
    app = app_factory(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(SearchPane)
        pane.set_query("convoy")
        await wait_for(pilot, lambda: "40 hits in 36 stories" in _status(app), "the story count")
        assert pane.result is not None and len(pane.result.hits) < 40


async def test_a_broken_story_store_lists_every_hit_and_logs_it_once(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)

        def broken(hits: object) -> list[object]:
            raise RuntimeError("database disk image is malformed")

        app.session.story_rows = broken  # type: ignore[method-assign]
        pane = app.screen.query_one(SearchPane)
        for query in ("stri", "strik", "strike"):
            pane.set_query(query)
            await settle(pilot, 0.05)
        results = app.screen.query_one(ResultList)
        assert results.rows is None and results.option_count == pane.result.total
        logged = [e.text for e in app.session.log if "stories unavailable" in e.text]
        assert logged == ["stories unavailable, one row per hit: database disk image is malformed"]
