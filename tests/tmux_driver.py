"""Drive the installed reader in a real terminal: a private tmux server per test.

Tests wait for what they need on screen (`wait_for`), never for a fixed time:
on a loaded machine a fixed sleep is either too short (keys typed before the
app is ready) or wasted.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

#: What the shell prints after the command, before its exit status.
EXIT = "GLOSSATOR-EXIT="

#: Seconds between keys when typing "at an ordinary speed".
TYPING_DELAY = 0.02


def _sh(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


class Tmux:
    """One tmux server on its own socket, holding one session named `main`."""

    def __init__(self, name: str) -> None:
        self.socket = f"glossator-{name}-{os.getpid()}"

    def __call__(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20
        ).stdout

    def start(
        self,
        command: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str],
        size: tuple[int, int] = (80, 24),
    ) -> None:
        """Run `command` in a new session of `size` columns and rows, with
        only `env` (and PYTHONPATH, when the suite has one, so a run from a
        worktree drives that worktree's code) in its environment."""
        env = dict(env)
        if "PYTHONPATH" in os.environ:
            env.setdefault("PYTHONPATH", os.environ["PYTHONPATH"])
        exports = " ".join(f"{k}={_sh(v)}" for k, v in env.items())
        # tmux 3.3 does not always record a dead pane's status: the shell prints it.
        line = f"env -i {exports} {' '.join(map(_sh, command))}; echo {EXIT}$?; sleep 120"
        subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d"]
            + ["-x", str(size[0]), "-y", str(size[1]), "-s", "main", "-c", str(cwd), line],
            check=True,
            timeout=20,
        )

    def exited(self) -> int | None:
        """The command's exit status once it has ended, else None."""
        match = re.search(rf"{EXIT}(\d+)", self.screen())
        return int(match.group(1)) if match else None

    def exit_status(self, timeout: float = 15.0) -> int:
        """Wait for the command to end; its exit status."""
        self.wait_until(lambda s: EXIT in s, "the end of the command", timeout)
        status = self.exited()
        assert status is not None
        return status

    def keys(self, *keys: str) -> None:
        """Send tmux key names (`Enter`, `C-u`, `BSpace`), all at once."""
        self("send-keys", "-t", "main", *keys)

    def type(self, text: str, delay: float = TYPING_DELAY) -> None:
        """Type `text` a character at a time, `delay` seconds apart."""
        for char in text:
            self("send-keys", "-t", "main", "-l", char)
            time.sleep(delay)

    def press(self, keys: Sequence[str], delay: float = TYPING_DELAY) -> None:
        """Send key names one at a time, `delay` seconds apart."""
        for key in keys:
            self.keys(key)
            time.sleep(delay)

    def screen(self, escapes: bool = False) -> str:
        """What the pane shows (with `escapes`, the SGR codes tmux keeps)."""
        return self("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "main")

    def wait_until(self, ready: Callable[[str], bool], what: str, timeout: float = 15.0) -> str:
        """The screen once `ready(screen)` holds; fails with the screen after `timeout`."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while time.monotonic() < deadline:
            if ready(screen):
                return screen
            time.sleep(0.05)
            screen = self.screen()
        if ready(screen):
            return screen
        raise AssertionError(f"{what} never appeared; the screen was:\n{screen}")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """The screen once it shows `text`."""
        return self.wait_until(lambda s: text in s, repr(text), timeout)

    def pane(self, field: str) -> str:
        """A tmux pane variable (`pane_title`, `pane_dead`, `pane_pid`)."""
        return self("display", "-p", "-t", "main", f"#{{{field}}}").strip()

    def kill(self) -> None:
        """Stop the server and remove its socket file."""
        self("kill-server")
        Path(f"/tmp/tmux-{os.getuid()}/{self.socket}").unlink(missing_ok=True)


#: What the empty query box shows.
PLACEHOLDER = 'search: words, "phrases"'


def query_line(screen: str) -> str:
    """What the query box holds: the first line of the reader's screen."""
    line = screen.splitlines()[0].strip() if screen else ""
    return "" if line.startswith(PLACEHOLDER) else line


def footer(screen: str) -> str:
    """The last line: the keys that apply to what has focus."""
    lines = screen.rstrip("\n").splitlines()
    return lines[-1] if lines else ""


#: The footer while the query box has focus (printable keys type themselves).
TYPING = "f1 Help"


def reader_env(home: Path, author: str = "e2e") -> dict[str, str]:
    """The environment of a reader started in tmux: the test's own config and
    cache, `home` as $HOME, a 256-colour UTF-8 terminal."""
    return {
        "GLOSSATOR_CONFIG": os.environ["GLOSSATOR_CONFIG"],
        "GLOSSATOR_AUTHOR": author,
        "XDG_CACHE_HOME": str(home / "cache"),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "LANG": "C.UTF-8",
    }
