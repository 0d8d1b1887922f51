"""End to end at 80x24: the installed reader on seeds/, `i`, a row, `enter`, the article."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from tmux_driver import Tmux, footer, needs_tmux, reader_env

pytestmark = pytest.mark.e2e

GLOSSATOR = Path(sys.executable).with_name("glossator")


@needs_tmux
@pytest.mark.skipif(not GLOSSATOR.exists(), reason="glossator is not installed in this env")
def test_incidents_view_opens_the_article_at_its_sentence(seeds: Path, tmp_path: Path) -> None:
    env = reader_env(tmp_path)
    tmux = Tmux("incidents")
    tmux.start([str(GLOSSATOR), str(seeds)], cwd=tmp_path, env=env)
    try:
        tmux.wait_for("5 articles indexed")
        tmux.type("kirkuk")
        tmux.wait_for("1 hit")
        tmux.keys("Enter")
        tmux.wait_until(lambda s: "i Incidents" in footer(s), "focus on the hits")
        tmux.keys("i")
        screen = tmux.wait_until(
            lambda s: "Incidents of hits of 'kirkuk'" in s and "sorted by" in s,
            "the incidents view",
        )
        lines = screen.splitlines()
        assert all(len(line) <= 80 for line in lines)
        header = next(i for i, line in enumerate(lines) if "place" in line and "type" in line)
        row = next(i for i, line in enumerate(lines) if "Kirkuk" in line and " 5 " in line)
        for _ in range(row - header - 1):
            tmux.keys("Down")
        # The sentence under the table follows the cursor.
        tmux.wait_for("US strike in Iraq kills 5 militants preparing attack")
        tmux.keys("Enter")
        screen = tmux.wait_for("Kirkuk, 5 killed")
        assert "575 words" in screen and "incident" in screen.splitlines()[2]
        tmux.keys("Escape")
        tmux.wait_for("sorted by")
        # Back on the same row: y confirms it, saved in the article's sidecar.
        tmux.keys("y")
        tmux.wait_for("confirmed: Air/drone strike, Kirkuk, 5 killed")
        tmux.keys("q")
        tmux.wait_until(lambda s: "sorted by" not in s and "1 hit" in s, "back at the hits")
        tmux.keys("q")
        assert tmux.exit_status() == 0
    finally:
        tmux.kill()
    data = yaml.safe_load((seeds / "002_45e5cc2aff789250.txt.yaml").read_text("utf-8"))
    assert [(i["status"], i["fields"]["fatalities"]) for i in data["incidents"]] == [
        ("confirmed", 5)
    ]
