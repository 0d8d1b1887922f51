"""In a real terminal (tmux, 80x24): the index deleted under a running reader
is noticed by the next query, said in the status line and rebuilt."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from tmux_driver import TYPING, Tmux, footer, needs_tmux, reader_env

pytestmark = pytest.mark.e2e

GLOSSATOR = Path(sys.executable).with_name("glossator")


@needs_tmux
@pytest.mark.skipif(not GLOSSATOR.exists(), reason="glossator is not installed in this env")
def test_deleting_the_index_under_the_reader_in_tmux(seeds: Path, tmp_path: Path) -> None:
    env = reader_env(tmp_path)
    tmux = Tmux("recovery")
    tmux.start([str(GLOSSATOR), str(seeds)], cwd=tmp_path, env=env)
    try:
        tmux.wait_for("5 articles indexed in seeds")
        tmux.type("airstrike")
        tmux.wait_for("2 hits")
        shutil.rmtree(seeds / ".glossator" / "index")
        tmux.keys("C-u")
        tmux.type("militia")
        # Said in the status line while it lasts (a moment, on five
        # articles), then kept in the log; the hits come back.
        tmux.wait_for("5 hits", timeout=60)
        # (The ready line also says how the corpus is followed, in between.)
        screen = tmux.wait_for("(l: log)")
        if "1 problem (l: log)" not in screen:  # one lost index is one problem
            tmux.keys("Enter")
            tmux.wait_until(lambda s: TYPING not in footer(s), "focus on the hits")
            tmux.keys("l")
            pytest.fail(f"not one problem; the log:\n{tmux.wait_for('rebuilding the index')}")
        assert "5 articles indexed in seeds" in screen
        assert (seeds / ".glossator" / "index").is_dir()
        tmux.keys("Enter")
        tmux.wait_until(lambda s: TYPING not in footer(s), "focus on the hits")
        tmux.keys("l")
        tmux.wait_for("rebuilding the index: its folder is missing")
        tmux.keys("Escape")
        tmux.wait_until(lambda s: "5 hits" in s, "back at the hits")
        tmux.keys("q")
        assert tmux.exit_status() == 0
    finally:
        tmux.kill()
