"""What every benchmark subprocess shares: its one output line and its memory figures.

Every command prints one line `BENCHJSON {...}` with its figures (`emit`);
`bench.suite` reads it back (`parse_output` does the same for a nested
process).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
from pathlib import Path
from typing import Any

PREFIX = "BENCHJSON "
FIRST_QUERY = "government"


def _proc_status() -> dict[str, float]:
    """Current anonymous vs file-backed (mapped index pages) RSS in MB, on Linux."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("RssAnon", "RssFile", "VmHWM"):
                    out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


class _OwnedPeak:
    """The peak of the memory the process owns (RssAnon), sampled every 20 ms.

    ru_maxrss counts mapped index pages too, which are the kernel's page cache,
    shared and reclaimable; the RSS target counts only what the process owns.
    """

    def __init__(self) -> None:
        self.mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="owned-rss", daemon=True)

    def start(self) -> None:
        if _proc_status().get("RssAnon") is not None:
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.sample()

    def sample(self) -> float:
        self.mb = max(self.mb, _proc_status().get("RssAnon", 0.0))
        return self.mb


OWNED_PEAK = _OwnedPeak()


def emit(data: dict[str, Any]) -> None:
    """Print `data`, with the process's memory figures added, as the one `BENCHJSON` line."""
    data["rss_now"] = _proc_status()
    if "RssAnon" in data["rss_now"]:
        data["rss_owned_peak_mb"] = OWNED_PEAK.sample()
    data["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    data["rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sys.stdout.write(PREFIX + json.dumps(data) + "\n")
    sys.stdout.flush()


def dir_bytes(path: Path) -> int:
    """Bytes of every file under `path`."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def entity_cache_bytes(index_dir: Path) -> int:
    """Bytes of the entity cache files in `index_dir`."""
    return sum(p.stat().st_size for p in index_dir.glob("entities.sqlite*") if p.is_file())


def parse_output(stdout: str) -> dict[str, Any] | None:
    """The figures of the last `BENCHJSON` line in `stdout`, or None."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(PREFIX):
            return json.loads(line[len(PREFIX) :])
    return None
