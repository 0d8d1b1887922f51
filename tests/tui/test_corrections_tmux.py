"""End to end at 80x24: W marks an entity wrong everywhere; its highlight goes, search follows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tmux_driver import TYPING, Tmux, footer, needs_tmux, reader_env

pytestmark = pytest.mark.e2e

GLOSSATOR = Path(sys.executable).with_name("glossator")
#: How the article view draws a GPE: its colour just before the text.
GPE_KIRKUK = "38;5;74mKirkuk"


@needs_tmux
@pytest.mark.skipif(not GLOSSATOR.exists(), reason="glossator is not installed in this env")
def test_w_marks_kirkuk_wrong_everywhere(seeds: Path, tmp_path: Path) -> None:
    env = reader_env(tmp_path)
    tmux = Tmux("corrections")
    tmux.start([str(GLOSSATOR), str(seeds)], cwd=tmp_path, env=env)
    try:
        tmux.wait_for("5 articles indexed")
        tmux.type("kirkuk")
        tmux.wait_for("1 hit")
        tmux.keys("Enter")
        tmux.keys("Enter")
        tmux.wait_for("575 words")
        assert GPE_KIRKUK in tmux.screen(escapes=True)
        tmux.keys("n")  # the cursor on the first hit: Kirkuk
        tmux.wait_for("hit 1 of")
        tmux.keys("W")
        screen = tmux.wait_for("is not an entity: where?")
        assert all(len(line) <= 80 for line in screen.splitlines())
        tmux.keys("e")
        tmux.keys("Enter")
        tmux.wait_for("saved:")
        tmux.wait_until(
            lambda s: "575 words" in s and GPE_KIRKUK not in tmux.screen(escapes=True),
            "the article drawn again without Kirkuk as a place",
        )
        # The index follows in the background: the facet search finds nothing.
        tmux.keys("Escape")
        tmux.keys("/")
        tmux.keys("C-u")
        tmux.type("gpe:kirkuk")
        tmux.wait_until(
            lambda s: "0 hits" in s or "no hits" in s.lower(), "gpe:kirkuk finding nothing"
        )
        tmux.keys("C-u")
        tmux.type("kirkuk")
        tmux.wait_for("1 hit")
        tmux.keys("Enter")
        tmux.wait_until(lambda s: TYPING not in footer(s), "focus on the hits")
        tmux.keys("q")
        assert tmux.exit_status() == 0
    finally:
        tmux.kill()
    found = subprocess.run(
        [str(GLOSSATOR), "search", "--corpus", str(seeds), "--json", "--no-update", "kirkuk"],
        capture_output=True,
        env=env,
        check=True,
    )
    facets = json.loads(found.stdout)["facets"]
    assert not any(name == "Kirkuk" for name, _n in facets.get("gpe", []))
