"""One update at a time per index, across processes."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from glossator.index.engine import IndexUnavailable

LOCK_FILE = "glossator-update.lock"


@contextmanager
def update_lock(directory: Path, wait: float, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the index folder's update lock (an fcntl lock); waits up to `wait`
    seconds for another process, telling `say` once that it is waiting."""
    fd = os.open(Path(directory) / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexUnavailable(
                        f"another glossator has been updating the index for over {wait:.0f} s; "
                        "try again when it finishes"
                    ) from None
                if not told:
                    say("waiting for another glossator to finish updating the index")
                    told = True
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
