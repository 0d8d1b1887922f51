"""The reader follows the corpus while it runs: new articles, and sidecars saved elsewhere.

Another process (the installed `glossator` command, or a Python child using
the service) changes files; each test waits for what the reader shows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from reader_pilot import AIRSTRIKE, open_first, search, settle
from textual.pilot import Pilot

from glossator.service.live import WATCH_ENV
from glossator.tui.widgets.results import ResultList
from glossator.tui.widgets.search_pane import SearchPane
from glossator.tui.widgets.sidebar import Sidebar
from glossator.tui.widgets.status import StatusLine

GLOSSATOR = Path(sys.executable).with_name("glossator")

#: Tag an article from another process through the service (as the CLI does).
TAG_SCRIPT = """
import sys
from pathlib import Path
from glossator.service import Session
session = Session.open(Path(sys.argv[1]))
session.tag(session.index.article(sys.argv[2]), add=[sys.argv[3]])
"""


async def wait_for(
    pilot: Pilot[object], ready: Callable[[], bool], what: str, timeout: float = 15.0
) -> None:
    """Let the app run until `ready()` holds; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never happened")
        await pilot.pause(0.05)


def status_text(app: object) -> str:
    return str(app.screen.query_one(StatusLine).render())  # type: ignore[attr-defined]


def meta_text(app: object) -> str:
    return str(app.screen.query_one("#article-meta").render())  # type: ignore[attr-defined]


def sidebar_text(app: object) -> str:
    sidebar = app.screen.query_one(Sidebar)  # type: ignore[attr-defined]
    return "\n".join(
        str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)
    )


def tag_elsewhere(corpus: Path, article_id: str, tag: str) -> None:
    """Tag an article from another process: the installed CLI if there is one."""
    env = dict(os.environ)
    env.pop(WATCH_ENV, None)
    if GLOSSATOR.exists():
        cmd = [str(GLOSSATOR), "tag", article_id, "--add", tag]
    else:
        cmd = [sys.executable, "-c", TAG_SCRIPT, str(corpus), article_id, tag]
    subprocess.run(cmd, cwd=corpus, env=env, check=True, capture_output=True, timeout=60)


async def _open_and_move(pilot: Pilot[object]) -> tuple[object, object]:
    """Open the airstrike article, move the cursor and select a little."""
    await open_first(pilot, "airstrike")
    screen = pilot.app.screen
    assert screen.bundle is not None and screen.bundle.article.id == AIRSTRIKE  # type: ignore[attr-defined]
    await pilot.press("j", "j", "j", "right", "right", "v", *["right"] * 6, "v")
    await settle(pilot)
    view = screen.view  # type: ignore[attr-defined]
    return view.selection, view.scroll_offset


async def test_tag_from_another_process_shows_without_a_key(app_factory, seeds: Path) -> None:
    app = app_factory(seeds)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "watching" in status_text(app)
        selection, scroll = await _open_and_move(pilot)
        assert selection.start != selection.end
        tag_elsewhere(seeds, AIRSTRIKE, "seen-elsewhere")
        await wait_for(pilot, lambda: "#seen-elsewhere" in meta_text(app), "the tag in the header")
        await wait_for(
            pilot, lambda: "seen-elsewhere" in sidebar_text(app), "the tag in the sidebar"
        )
        view = app.screen.view
        assert view.selection == selection
        assert view.scroll_offset == scroll
        await wait_for(
            pilot, lambda: "seen-elsewhere" in app.screen.corpus_tags, "the tag in completion"
        )


async def test_rescan_mode_says_so_and_still_refreshes_the_open_article(
    app_factory, seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WATCH_ENV, "scan")
    app = app_factory(seeds)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "rescanning every 5 s" in status_text(app)
        selection, _ = await _open_and_move(pilot)
        # The follower stamps the open article's files once before it can see a change.
        follower = app.screen.query_one(StatusLine).follower
        await wait_for(pilot, lambda: AIRSTRIKE in follower._stamps, "the open article watched")
        tag_elsewhere(seeds, AIRSTRIKE, "seen-by-rescan")
        await wait_for(pilot, lambda: "#seen-by-rescan" in meta_text(app), "the tag in the header")
        assert app.screen.view.selection == selection


async def test_article_added_while_running_is_found(app_factory, seeds: Path) -> None:
    app = app_factory(seeds)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await search(pilot, "zebrafish")
        pane = app.screen.query_one(SearchPane)
        assert pane.result is not None and pane.result.total == 0
        (seeds / "late.txt").write_text(
            "Zebrafish in the harbour\n\nDivers counted zebrafish near the pier.\n", "utf-8"
        )

        def found() -> bool:
            return pane.result is not None and pane.result.total == 1

        await wait_for(pilot, found, "a hit for the new article")
        assert app.screen.query_one(ResultList).option_count == 1
        (seeds / "late.txt").unlink()
        await wait_for(pilot, lambda: pane.result is not None and pane.result.total == 0, "no hit")


async def test_open_article_deleted_on_disk_is_reported(app_factory, seeds: Path) -> None:
    app = app_factory(seeds)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await open_first(pilot, "airstrike")
        (seeds / AIRSTRIKE).unlink()
        await wait_for(
            pilot,
            lambda: any(AIRSTRIKE in str(n.message) for n in app._notifications),
            "a notice that the open article is gone",
        )


async def test_a_hostile_file_name_arriving_live_is_shown_harmless(
    app_factory, seeds: Path
) -> None:
    app = app_factory(seeds)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await search(pilot, "capybara")
        name = "evil\x1b]0;pwned\x07\x1b[2J\x9b31m.txt"
        (seeds / name).write_text("\x1b[31mRed title\n\nA capybara swam past.\n", "utf-8")
        pane = app.screen.query_one(SearchPane)
        await wait_for(pilot, lambda: pane.result is not None and pane.result.total == 1, "a hit")
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        shown.append(status_text(app))
        await pilot.press("enter", "enter")
        await settle(pilot)
        shown.append(meta_text(app))
        assert any("capybara" in text or "Red title" in text for text in shown), shown
        for text in shown:
            for raw in ("\x1b", "\x07", "\x9b"):
                assert raw not in text, text
