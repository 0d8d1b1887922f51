"""End to end at 80x24: the reader shows a tag added by `glossator tag` in another window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from tmux_driver import EXIT, TYPING, Tmux, _sh, footer, needs_tmux

pytestmark = pytest.mark.e2e

GLOSSATOR = Path(sys.executable).with_name("glossator")
AIRSTRIKE = "000_a527e38b797e7e70.txt"


@needs_tmux
@pytest.mark.skipif(not GLOSSATOR.exists(), reason="glossator is not installed in this env")
def test_tag_from_a_shell_appears_in_the_open_reader(seeds: Path, tmp_path: Path) -> None:
    env = {
        "GLOSSATOR_CONFIG": os.environ["GLOSSATOR_CONFIG"],
        "GLOSSATOR_AUTHOR": "e2e",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
    }
    tmux = Tmux("live")
    tmux.start([str(GLOSSATOR), str(seeds)], cwd=tmp_path, env=env)
    try:
        screen = tmux.wait_for("articles indexed")
        assert "watching" in screen
        tmux.type("airstrike")
        tmux.wait_for("2 hits")
        tmux.keys("Enter")
        tmux.wait_until(lambda s: TYPING not in footer(s), "focus on the hits")
        tmux.keys("Enter")
        tmux.wait_for("349 words")
        assert "#from-the-shell" not in tmux.screen()
        # A second window (not shown) runs the command as a shell would.
        exports = " ".join(f"{k}={_sh(v)}" for k, v in env.items())
        command = f"{GLOSSATOR} tag {AIRSTRIKE} --add from-the-shell"
        tmux(
            "new-window", "-d", "-t", "main", "-n", "shell", "-c", str(seeds),
            f"env -i {exports} {command}; echo {EXIT}$?; sleep 60",
        )  # fmt: skip
        screen = tmux.wait_for("#from-the-shell")
        assert "349 words" in screen  # still on the same article, no key pressed
        deadline = time.monotonic() + 15
        shell = ""
        while f"{EXIT}" not in shell and time.monotonic() < deadline:
            time.sleep(0.05)  # polling, as Tmux.wait_until does
            shell = tmux("capture-pane", "-p", "-t", "main:shell")
        assert f"{EXIT}0" in shell, shell
        tmux.keys("q")
        tmux.keys("q")
        assert tmux.exit_status() == 0
    finally:
        tmux.kill()
