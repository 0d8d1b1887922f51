"""Pilot tests: the reader keeps its index whole and current while it runs.

A deleted or damaged index is noticed by the next query, said in the status
line and rebuilt in the background; a changed watchlist (in the file, or
with `w`) re-indexes the articles it names, also in the background.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from reader_pilot import AIRSTRIKE, open_first, search, settle, watch_first_entity
from textual.pilot import Pilot

from glossator.tui.widgets.search_pane import SearchPane
from glossator.tui.widgets.status import StatusLine


async def until(pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 60) -> None:
    """Wait for `condition`, letting workers run; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out; the screen shows {shown(pilot.app)}"
        await settle(pilot, 0.05)


def shown(app: object) -> str:
    pane = app.screen.query_one(SearchPane)  # type: ignore[attr-defined]
    status = app.screen.query_one(StatusLine)  # type: ignore[attr-defined]
    result = pane.result and (pane.result.query, pane.result.total)
    return f"{result} {pane.error} / {status.render()}"


def total(app: object, query: str) -> int | None:
    pane = app.screen.query_one(SearchPane)  # type: ignore[attr-defined]
    result = pane.result
    if result is None or result.query != query or pane.error:
        return None
    return int(result.total)


def said(app: object) -> list[str]:
    """Every text the status line showed, recorded from now on."""
    status = app.screen.query_one(StatusLine)  # type: ignore[attr-defined]
    lines: list[str] = []
    show_text, show_progress = status.show_text, status.show_progress

    def text(message: str, **kwargs: bool) -> None:
        lines.append(message)
        show_text(message, **kwargs)

    def progress(done: int, total: int) -> None:
        lines.append(f"{'rebuilding' if status.session.rebuilding else 'indexing'} {done}/{total}")
        show_progress(done, total)

    status.show_text, status.show_progress = text, progress
    return lines


async def test_a_deleted_index_is_rebuilt_on_the_next_query(app_factory, seeds: Path):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "airstrike")
        assert total(app, "airstrike") == 2
        lines = said(app)
        shutil.rmtree(seeds / ".glossator" / "index")
        app.screen.query_one(SearchPane).set_query("")
        await search(pilot, "militia", type_it=True)
        await until(pilot, lambda: total(app, "militia") == 5)
        trouble = [line for line in lines if line.startswith("rebuilding the index: ")]
        assert trouble == ["rebuilding the index: its folder is missing"]
        assert any(line.startswith("rebuilding ") for line in lines)  # with progress
        await until(
            pilot, lambda: "5 articles indexed" in str(app.screen.query_one(StatusLine).render())
        )
        assert (seeds / ".glossator" / "index").is_dir()
        assert app.session.index.doc_count() == 5
        assert [e.text for e in app.session.log] == trouble


async def test_stories_failing_as_the_index_vanishes_are_not_a_second_problem(
    app_factory, seeds: Path
):
    # The index deleted while a search groups its hits: reading the story
    # store fails there, and the next query rebuilds the index. The log has
    # one problem, the lost index, not also the grouping it broke.
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "militia")
        group = app.session.story_rows

        def vanishing(hits: object) -> object:
            app.session.story_rows = group
            shutil.rmtree(seeds / ".glossator" / "index")
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")

        app.session.story_rows = vanishing
        await search(pilot, "airstrike")
        assert app.session.story_rows is group  # the search grouped its hits
        await search(pilot, "militia", type_it=False)
        await until(pilot, lambda: total(app, "militia") == 5)
        await until(pilot, lambda: not app.session.rebuilding)
        assert [e.text for e in app.session.log] == ["rebuilding the index: its folder is missing"]


async def test_a_damaged_segment_is_rebuilt_on_the_next_query(app_factory, seeds: Path):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "airstrike")
        for segment in (seeds / ".glossator" / "index").glob("*.seg"):
            segment.write_bytes(b"\0" * 64)
        app.session._fresh_searcher()  # as a reader that had not opened those files yet
        await search(pilot, "militia")
        await until(pilot, lambda: total(app, "militia") == 5)
        assert app.session.index.damage() is None


async def test_a_watchlist_edited_meanwhile_is_indexed_at_the_next_query(app_factory, seeds: Path):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "person:kirkuk")
        assert total(app, "person:kirkuk") == 0
        lines = said(app)
        watchlist = seeds / ".glossator" / "watchlist.yaml"
        watchlist.write_text("- name: Kirkuk\n  label: PERSON\n", "utf-8")
        await search(pilot, "person:kirkuk", type_it=False)
        await search(pilot, "kirkuk")
        await search(pilot, "person:kirkuk")
        await until(pilot, lambda: total(app, "person:kirkuk") == 1)
        assert any("watchlist changed" in line for line in lines)


async def test_w_reindexes_in_the_background_then_person_search_finds_it(app_factory, seeds: Path):
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "airstrike")
        assert app.screen.bundle.article.id == AIRSTRIKE
        # Someone else edited the watchlist too; `w` re-indexes for both.
        watchlist = seeds / ".glossator" / "watchlist.yaml"
        watchlist.write_text("- name: Kirkuk\n  label: PERSON\n", "utf-8")
        lines = said(app)
        await watch_first_entity(pilot)
        await until(pilot, lambda: any(line.startswith("indexing ") for line in lines))
        await until(pilot, lambda: not app.session.indexing)
        await search(pilot, "person:kirkuk")
        await until(pilot, lambda: total(app, "person:kirkuk") == 1)
        assert "the watchlist changed; re-indexing the articles it affects" in lines
