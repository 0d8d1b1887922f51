"""End to end at 80x24: D in the article sets its date and source, incidents follow."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from tmux_driver import Tmux, needs_tmux, reader_env

pytestmark = pytest.mark.e2e

GLOSSATOR = Path(sys.executable).with_name("glossator")


@needs_tmux
@pytest.mark.skipif(not GLOSSATOR.exists(), reason="glossator is not installed in this env")
def test_d_sets_the_date_and_source_of_the_open_article(seeds: Path, tmp_path: Path) -> None:
    env = reader_env(tmp_path)
    tmux = Tmux("datesource")
    tmux.start([str(GLOSSATOR), str(seeds)], cwd=tmp_path, env=env)
    try:
        tmux.wait_for("5 articles indexed")
        tmux.type("kirkuk")
        tmux.wait_for("1 hit")
        tmux.keys("Enter")
        tmux.keys("Enter")
        tmux.wait_for("575 words")
        tmux.keys("D")
        screen = tmux.wait_for("Date and source")
        assert "no front matter" in screen
        assert all(len(line) <= 80 for line in screen.splitlines())
        # A bad date: one line saying what to type, the dialog stays.
        tmux.type("5 Dec")
        tmux.keys("Enter")
        tmux.keys("Enter")
        tmux.wait_for("is not a day written YYYY-MM-DD")
        tmux.keys("BTab")
        tmux.keys("C-u")
        tmux.type("2023-12-05")
        tmux.keys("Tab")
        tmux.type("Asian Lite News")
        tmux.keys("Enter")
        screen = tmux.wait_for("✓ date and source")
        assert "2023-12-05" in screen and "Asian Lite News" in screen
        # The incidents view dates the Kirkuk strike (before: "Sunday afternoon" as written).
        tmux.keys("i")
        tmux.wait_until(
            lambda s: any("2023-1" in line and "Kirkuk" in line for line in s.splitlines()),
            "the strike dated in the incidents view",
        )
        tmux.keys("q")
        tmux.wait_until(lambda s: "sorted by" not in s, "back in the article")
        tmux.keys("q")
        tmux.wait_for("1 hit")
        tmux.keys("q")
        assert tmux.exit_status() == 0
    finally:
        tmux.kill()
    data = yaml.safe_load((seeds / "002_45e5cc2aff789250.txt.yaml").read_text("utf-8"))
    assert str(data["date"]) == "2023-12-05" and data["source"] == "Asian Lite News"
