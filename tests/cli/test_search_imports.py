"""`glossator search` imports only what a search needs: its start-up is the command's cost.

bench/cli_start.py times it; this keeps the heavy modules a search never
uses from creeping back into its imports.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from test_cli import run

from glossator.tui.cli import COMMANDS, build_parser

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
    # Every other sub-command's module: a command builds only its own parser.
    "glossator.tui.cli_edits",
    "glossator.tui.cli_spans",
    "glossator.tui.cli_checks",
    "glossator.tui.cli_incidents",
    "glossator.tui.cli_stories",
    "glossator.tui.cli_entity",
    "glossator.tui.cli_sync",
    "glossator.tui.serve",
    "glossator.tui.completion",
    # The writing half of the engine: an up-to-date index is only read.
    "glossator.index.whoosh.writer",
    "glossator.index.whoosh.bulk",
    "whoosh.writing",
    # PyYAML: no sidecar, watchlist or front matter is read by a search on a
    # fresh index of articles without front matter.
    "yaml",
    "glossator.annotations.codec",
    "glossator.index.entities.watchlist",
    "glossator.index.recogniser_state",
    # Rich: output that is not a terminal is printed as plain lines.
    "rich",
    # The update's machinery: a fresh index is not updated.
    "glossator.index.updating",
    "glossator.index.parallel",
    "multiprocessing",
    # The config file's parser: the tests' private config file does not exist.
    "tomllib",
    # Story grouping and entity corrections: a search asks for neither.
    "glossator.service.stories",
    "glossator.index.stories.store",
    "glossator.index.entities.corrections",
    # What Whoosh imports and never uses (index/whoosh/imports.py): the
    # network modules behind `whoosh.compat.urlretrieve`, and asyncio behind
    # the cached-property package; the English morphology behind `~`.
    "urllib.request",
    "http.client",
    "email",
    "ssl",
    "asyncio",
    "cached_property",
    "whoosh.lang.morph_en",
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


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_each_command_alone_has_the_parser_and_help_it_has_among_all() -> None:
    everything = _subparsers(build_parser())
    assert set(everything) == set(COMMANDS)
    for name in COMMANDS:
        alone = _subparsers(build_parser(name))
        assert name in alone
        assert alone[name].format_help() == everything[name].format_help(), name
