"""End to end: the installed `glossator` command in a real terminal (tmux, 80x24)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.e2e

GLOSSATOR = Path(sys.executable).with_name("glossator")
AIRSTRIKE = "000_a527e38b797e7e70.txt"


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def _wait_for(session: str, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.skipif(not GLOSSATOR.exists(), reason="glossator is not installed in this env")
def test_search_open_tag_quit_in_tmux(seeds: Path, tmp_path: Path) -> None:
    session = f"glossator-e2e-{os.getpid()}"
    env = {
        "GLOSSATOR_CONFIG": os.environ["GLOSSATOR_CONFIG"],
        "GLOSSATOR_AUTHOR": "e2e",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
    }
    command = " ".join(f"{k}='{v}'" for k, v in env.items())
    command = f"env {command} {GLOSSATOR} {seeds}; echo GLOSSATOR-EXIT=$?; sleep 30"
    _tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    try:
        _wait_for(session, "articles indexed")
        _tmux("send-keys", "-t", session, "-l", "airstrike")
        screen = _wait_for(session, "2 hits")
        assert "Iraq militiaman" in screen
        _tmux("send-keys", "-t", session, "Enter")
        time.sleep(0.3)
        _tmux("send-keys", "-t", session, "Enter")
        screen = _wait_for(session, "Ain al-Asad")
        assert "349 words" in screen
        _tmux("send-keys", "-t", session, "t")
        _wait_for(session, "Add tags")
        _tmux("send-keys", "-t", session, "-l", "kataib-hezbollah")
        _tmux("send-keys", "-t", session, "Enter")
        screen = _wait_for(session, "#kataib-hezbollah")
        _tmux("send-keys", "-t", session, "q")
        _wait_for(session, "GLOSSATOR-EXIT=0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    data = yaml.safe_load((seeds / f"{AIRSTRIKE}.yaml").read_text("utf-8"))
    assert data["tags"] == ["kataib-hezbollah"]
