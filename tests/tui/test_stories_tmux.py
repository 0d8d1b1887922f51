"""End to end at 80x24: stories in the installed reader on seeds/, a reprint added while it runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from story_fixtures import add_reprint
from tmux_driver import Tmux, footer, needs_tmux, reader_env

pytestmark = pytest.mark.e2e

GLOSSATOR = Path(sys.executable).with_name("glossator")


@needs_tmux
@pytest.mark.skipif(not GLOSSATOR.exists(), reason="glossator is not installed in this env")
def test_stories_rows_reprint_folding_and_event_disagreement(seeds: Path, tmp_path: Path) -> None:
    env = reader_env(tmp_path)
    tmux = Tmux("stories")
    tmux.start([str(GLOSSATOR), str(seeds)], cwd=tmp_path, env=env)
    try:
        tmux.wait_for("5 articles indexed")
        tmux.type("strike")
        # 000 and 004 report the same drone attack: one row, the other counted.
        # The hits of the whole word, not of a prefix typed on the way there.
        screen = tmux.wait_until(
            lambda s: "+1 report" in s and "5 hits in 4 stories" in s, "a story row"
        )
        assert all(len(line) <= 80 for line in screen.splitlines())
        tmux.keys("Enter")
        # The best hit, 002, is a story of one: space does not apply to it.
        screen = tmux.wait_until(lambda s: "⏎ Open" in footer(s), "focus on the hits")
        assert "space Reports" not in footer(screen)
        # Then 001, a story of its own, then the story of 000 and 004.
        tmux.keys("Down")
        tmux.keys("Down")
        tmux.wait_until(lambda s: "space Reports" in footer(s), "the story's key in the footer")
        tmux.keys("Space")
        screen = tmux.wait_until(lambda s: s.count("↳") == 1, "the story expanded")
        assert "▾ +1 report" in screen
        tmux.keys("Space")
        tmux.wait_until(lambda s: "↳" not in s and "▸ +1 report" in s, "the story collapsed")
        # A reprint of the Kirkuk report (4 killed, not 5) saved while the reader runs.
        add_reprint(seeds)
        tmux.keys("/")
        tmux.type("kirkuk")
        tmux.wait_until(lambda s: "+1 report" in s and "2 hits in 1 story" in s, "the reprint")
        tmux.keys("Enter")
        tmux.wait_until(lambda s: "i Incidents" in footer(s), "focus on the hits")
        tmux.keys("i")
        screen = tmux.wait_until(
            lambda s: "≠4–5" in s and "events in several reports" in s, "the event rows"
        )
        assert all(len(line) <= 80 for line in screen.splitlines())
        for _ in range(6):
            if "they disagree on killed" in tmux.screen():
                break
            tmux.keys("Down")
        tmux.wait_for("they disagree on killed")
        tmux.keys("v")
        screen = tmux.wait_until(lambda s: "≠ killed 4" in s and "≠ killed 5" in s, "the panel")
        tmux.keys("Escape")
        tmux.wait_until(lambda s: "≠ killed 4" not in s and "≠4–5" in s, "back at the table")
        tmux.keys("q")
        tmux.wait_until(lambda s: "≠4–5" not in s and "2 hits" in s, "back at the hits")
        tmux.keys("q")
        assert tmux.exit_status() == 0
    finally:
        tmux.kill()
