"""`glossator search` imports only what a search needs: its start-up is the command's cost.

bench/cli_start.py times it; this keeps the heavy modules a search never
uses from creeping back into its imports.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_cli import run

#: Modules (and their sub-modules) a search must not import.
NOT_FOR_A_SEARCH = (
    "textual",
    "rich.progress",
    "glossator.tui.app",
    "glossator.annotations.export",
    "glossator.annotations.incident_export",
    "glossator.index.entities.recogniser",
    "glossator.index.entities.rules",
    "multiprocessing.sharedctypes",
    "importlib.metadata",
)

SEARCH = """
import sys
from glossator.tui.cli import main
code = main(["search", "--corpus", sys.argv[1], "Kirkuk"])
sys.stdout.flush()
print("MODULES", ",".join(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def _modules(corpus: Path) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", SEARCH, str(corpus)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "1." in out.stdout
    line = next(x for x in out.stderr.splitlines() if x.startswith("MODULES "))
    return set(line[len("MODULES ") :].split(","))


def test_a_search_on_a_fresh_index_imports_no_reader_exporter_or_recogniser(seeds: Path) -> None:
    run("search", "--corpus", str(seeds), "Kirkuk", check=True)  # index built, stamp saved
    loaded = _modules(seeds)
    heavy = sorted(m for m in loaded for h in NOT_FOR_A_SEARCH if m == h or m.startswith(h + "."))
    assert heavy == []
    # What it does need is there: the searcher itself.
    assert "glossator.index.whoosh.searcher" in loaded


def test_version_and_export_formats_still_answer(seeds: Path) -> None:
    version = run("--version", check=True).stdout.decode()
    assert version.startswith("glossator ")
    bad = run("export", "--corpus", str(seeds), "--format", "xls")
    assert bad.returncode == 2
    assert b"choose from 'csv', 'json', 'jsonl', 'md', 'w3c'" in bad.stderr
