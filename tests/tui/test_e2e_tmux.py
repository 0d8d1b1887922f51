"""End to end: the installed `glossator` command in a real terminal (tmux, 80x24)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from tmux_driver import TYPING, Tmux, footer, needs_tmux, reader_env

pytestmark = pytest.mark.e2e

GLOSSATOR = Path(sys.executable).with_name("glossator")
AIRSTRIKE = "000_a527e38b797e7e70.txt"


@needs_tmux
@pytest.mark.skipif(not GLOSSATOR.exists(), reason="glossator is not installed in this env")
def test_search_open_tag_quit_in_tmux(seeds: Path, tmp_path: Path) -> None:
    env = reader_env(tmp_path)
    tmux = Tmux("e2e")
    tmux.start([str(GLOSSATOR), str(seeds)], cwd=tmp_path, env=env)
    try:
        tmux.wait_for("articles indexed")
        tmux.type("airstrike")
        screen = tmux.wait_for("2 hits")
        assert "Iraq militiaman" in screen
        tmux.keys("Enter")
        tmux.wait_until(lambda s: TYPING not in footer(s), "focus on the hits")
        tmux.keys("Enter")
        screen = tmux.wait_for("Ain al-Asad")
        assert "349 words" in screen
        tmux.keys("t")
        tmux.wait_for("Add tags")
        tmux.type("kataib-hezbollah")
        tmux.keys("Enter")
        tmux.wait_for("#kataib-hezbollah")
        # q goes back one level: the article to the hits, then it quits.
        tmux.keys("q")
        tmux.wait_until(lambda s: "2 hits" in s and "349 words" not in s, "back at the hits")
        tmux.keys("Escape")
        tmux.keys("Enter")
        tmux.wait_for("349 words")  # the article just closed opens again
        tmux.keys("q")
        tmux.wait_until(lambda s: "349 words" not in s, "back at the hits")
        tmux.keys("q")
        assert tmux.exit_status() == 0
    finally:
        tmux.kill()
    data = yaml.safe_load((seeds / f"{AIRSTRIKE}.yaml").read_text("utf-8"))
    assert data["tags"] == ["kataib-hezbollah"]
