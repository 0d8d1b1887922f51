"""Run the installed `glossator serve` for a test: a free port, output in files, ctrl+c.

Like `tmux_driver`, everything waits for a condition (a line in the output,
a process gone) with a deadline, never for a fixed time.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

GLOSSATOR = Path(sys.executable).with_name("glossator")

needs_glossator = pytest.mark.skipif(
    not GLOSSATOR.exists(), reason="glossator is not installed in this env"
)


def free_port() -> int:
    """A port nothing listens on now (the kernel's choice, released at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Poll `condition` until it holds; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in found]
        found.update(children)
        todo.extend(children)
    return found


def alive(pid: int) -> bool:
    """Whether `pid` is a process that has not exited (a zombie has)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


class Served:
    """`glossator serve CORPUS --port P ARGS` in its own process group."""

    def __init__(self, corpus: Path, tmp_path: Path, *args: str) -> None:
        self.port = free_port()
        #: Where the server said it listens (set by `wait_for_url`).
        self.url = ""
        self.out = tmp_path / "serve.out"
        self.err = tmp_path / "serve.err"
        argv = [str(GLOSSATOR), "serve", str(corpus), "--port", str(self.port), *args]
        with self.out.open("wb") as out, self.err.open("wb") as err:
            # Its own session, so "ctrl+c" reaches the server and its readers,
            # as a terminal's would, and never pytest.
            self.proc = subprocess.Popen(
                argv, cwd=tmp_path, stdout=out, stderr=err, start_new_session=True
            )

    def output(self) -> str:
        """What the server printed on stdout so far."""
        return self.out.read_text("utf-8", "replace")

    def errors(self) -> str:
        """What the server printed on stderr so far."""
        return self.err.read_text("utf-8", "replace")

    def wait_for_url(self, timeout: float = 30.0) -> str:
        """The URL the server printed once listening; fails if it exits first."""

        def printed() -> bool:
            if self.proc.poll() is not None:
                pytest.fail(f"glossator serve exited {self.proc.returncode}: {self.errors()}")
            return "glossator serve:" in self.output()

        wait_until(printed, "glossator serve to print its URL", timeout)
        line = next(x for x in self.output().splitlines() if x.startswith("glossator serve:"))
        self.url = line.split(" at ", 1)[1].split()[0]
        return self.url

    def ctrl_c(self, timeout: float = 20.0) -> int:
        """Send SIGINT to the process group, as ctrl+c does; the exit status."""
        os.killpg(self.proc.pid, signal.SIGINT)
        return self.proc.wait(timeout=timeout)

    def kill(self) -> None:
        """Stop everything the test started, whatever state it is in."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)


def run_glossator(
    args: Sequence[str], cwd: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the installed command to completion."""
    return subprocess.run(
        [str(GLOSSATOR), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
