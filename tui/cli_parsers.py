"""The arguments of the sub-commands whose parsers live with no command module.

`glossator COMMAND` builds only the parser of the command it runs (tui/cli.py):
these definitions import nothing a command's work needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["check_parsers", "export_parser", "reading_parsers"]


class _FormatNames:
    """The export formats as `choices`, looked up only when a parser checks or lists them.

    Importing the exporters costs a search's start-up 30 ms it never uses
    (with a `metavar`, argparse does not list the choices when the option is
    added, only in help and errors).
    """

    def _names(self) -> list[str]:
        from glossator.annotations.export import file_format_names

        return list(file_format_names())

    def __contains__(self, value: object) -> bool:
        return value in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


def reading_parsers(sub: Any, common: Callable[..., None]) -> None:
    """`index`, `search`, `show`, `tag`, `note` and `rate` (tui/cli_commands.py)."""
    p = sub.add_parser("index", help="build or update the index, with progress")
    p.add_argument(
        "corpus", nargs="?", type=Path, default=None, help="the article folder (default .)"
    )
    p.add_argument("--rebuild", action="store_true", help="start the index over")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    common(p, corpus_option=False)

    p = sub.add_parser("search", help="ranked hits for a query")
    p.add_argument(
        "query",
        help='Whoosh query: words, "phrases", AND OR NOT, wild*, fuzzy~, title: tag: person: ...',
    )
    p.add_argument("--limit", "-n", type=int, default=10, help="how many hits (default 10)")
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    p.add_argument(
        "--no-update",
        action="store_true",
        help="search the index as it is, without updating it first",
    )
    common(p)

    p = sub.add_parser("show", help="print one article")
    p.add_argument("article", help="article id or path")
    p.add_argument("--entities", action="store_true", help="list the article's entities")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    common(p)

    p = sub.add_parser("tag", help="add or remove tags on the articles a query matches")
    p.add_argument("query", help="a search query, or an article path")
    p.add_argument(
        "--add", action="append", default=[], metavar="TAG", help="tag to add (repeatable)"
    )
    p.add_argument(
        "--remove", action="append", default=[], metavar="TAG", help="tag to remove (repeatable)"
    )
    p.add_argument("--dry-run", action="store_true", help="list what would change, change nothing")
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(p)

    p = sub.add_parser("note", help="add a note to an article")
    p.add_argument("article", help="article id or path")
    p.add_argument("text", help="the note")
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(p)

    p = sub.add_parser("rate", help="rate an article's source (NATO Admiralty code)")
    p.add_argument("article", help="article id or path")
    p.add_argument("code", help="a letter A-F then a digit 1-6, like B2; '' clears the rating")
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(p)


def export_parser(sub: Any, common: Callable[..., None]) -> None:
    """`export` (tui/cli_commands.py; `--incidents`, tui/cli_incidents.py)."""
    p = sub.add_parser("export", help="export annotations")
    p.add_argument("--query", help="only articles matching this query")
    p.add_argument(
        "--tag", action="append", default=[], help="only articles with this tag (repeatable)"
    )
    p.add_argument(
        "--format",
        "-f",
        required=True,
        choices=_FormatNames(),
        metavar="FORMAT",
        help="one of %(choices)s",
    )
    p.add_argument("-o", "--output", type=Path, help="write here (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument(
        "--incidents",
        action="store_true",
        help="export the incident log instead (csv with ACLED's columns, json, jsonl, md)",
    )
    p.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="STATUS",
        help="with --incidents: only records with this status (repeatable)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="a JSON summary of what was exported (on stderr when the export goes to stdout)",
    )
    p.add_argument(
        "--summary",
        action="store_true",
        help="with --incidents: one row per event (reports, range of tolls) instead",
    )
    common(p)


def check_parsers(sub: Any, common: Callable[..., None]) -> None:
    """`meta`, `incident-check` and `incident-add` (tui/cli_checks.py)."""
    p = sub.add_parser("meta", help="show or set an article's date and source")
    p.add_argument("article", help="article id or path")
    date = p.add_mutually_exclusive_group()
    date.add_argument("--date", metavar="YYYY-MM-DD", help="the article's date")
    date.add_argument("--clear-date", action="store_true", help="forget the date set")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--source", metavar="TEXT", help="who published it, like Reuters")
    source.add_argument("--clear-source", action="store_true", help="forget the source set")
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(p)

    fields = "FIELD=VALUE: a field to set (repeatable; an empty VALUE means not stated)"
    p = sub.add_parser("incident-check", help="confirm, correct, reject or undo an incident")
    p.add_argument("article", help="article id or path")
    p.add_argument("id", help="the incident's id (x-... extracted, i-... checked)")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--confirm", action="store_true", help="the record is right")
    action.add_argument("--reject", action="store_true", help="it is not an incident")
    action.add_argument("--undo", action="store_true", help="forget the check")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help=fields)
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(p)

    p = sub.add_parser("incident-add", help="record an incident the extractor missed")
    p.add_argument("article", help="article id or path")
    p.add_argument("--start", type=int, required=True, help="where its text starts (offset)")
    p.add_argument("--end", type=int, required=True, help="where its text ends (offset)")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help=fields)
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(p)
