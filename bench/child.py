"""The measurements themselves, each run in a fresh subprocess.

A fresh process per measurement keeps one run's caches (stemmer cache,
mapped index pages, the recogniser) out of the next, gives an honest peak
RSS, and is what an analyst starting `glossator` actually gets. Every command
prints one line `BENCHJSON {...}` with its figures (`bench/tasks/output.py`);
`bench.suite` reads it. The commands live in `bench/tasks/`, by kind:

    python -m bench.child index CORPUS INDEX_DIR               (tasks/build.py)
    python -m bench.child stock CORPUS INDEX_DIR [--stored]    (tasks/build.py)
    python -m bench.child stock_search STOCK_INDEX QUERIES     (bench/stock_search.py)
    python -m bench.child first CORPUS INDEX_DIR               (tasks/build.py)
    python -m bench.child search CORPUS INDEX_DIR QUERIES_OUT PER_CLASS SEED   (tasks/search.py)
    python -m bench.child incremental CORPUS INDEX_DIR         (tasks/change.py)
    python -m bench.child watching CORPUS INDEX_DIR            (bench/live.py)
    python -m bench.child fts5 CORPUS DB QUERIES               (tasks/search.py)
    python -m bench.child cold CORPUS INDEX_DIR                (tasks/cold.py)
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.tasks.build import cmd_first, cmd_index, cmd_stock
from bench.tasks.change import cmd_incremental
from bench.tasks.cold import cmd_cold
from bench.tasks.output import OWNED_PEAK, emit
from bench.tasks.search import cmd_fts5, cmd_search


def main(argv: list[str]) -> int:
    """Run one benchmark command; 2 for an unknown one."""
    cmd, *rest = argv
    OWNED_PEAK.start()
    if cmd == "index":
        cmd_index(Path(rest[0]), Path(rest[1]))
    elif cmd == "stock":
        cmd_stock(Path(rest[0]), Path(rest[1]), stored="--stored" in rest[2:])
    elif cmd == "stock_search":
        from bench.stock_search import cmd_stock_search

        emit(cmd_stock_search(Path(rest[0]), Path(rest[1])))
    elif cmd == "first":
        cmd_first(Path(rest[0]), Path(rest[1]))
    elif cmd == "search":
        cmd_search(Path(rest[0]), Path(rest[1]), Path(rest[2]), int(rest[3]), int(rest[4]))
    elif cmd == "incremental":
        cmd_incremental(Path(rest[0]), Path(rest[1]))
    elif cmd == "watching":
        from bench.live import cmd_watching

        cmd_watching(Path(rest[0]), Path(rest[1]))
    elif cmd == "fts5":
        cmd_fts5(Path(rest[0]), Path(rest[1]), Path(rest[2]))
    elif cmd == "cold":
        cmd_cold(Path(rest[0]), Path(rest[1]))
    else:
        print(f"unknown benchmark command {cmd!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
