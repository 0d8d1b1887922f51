"""The `glossator` command: the reader, plus every action as a sub-command.

Exit status is 0 on success, 2 on a usage error and 1 on any other failure,
with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from glossator.tui import cli_edits, cli_entity, cli_incidents, cli_spans, cli_stories
from glossator.tui.cli_context import Failure, UsageError, error_line, load_cli_config
from glossator.tui.completion import SHELLS, completion_script
from glossator.tui.serve import add_serve_parser

__all__ = ["COMMANDS", "Failure", "UsageError", "build_parser", "main", "reader_parser"]


COMMANDS = (
    "index",
    "search",
    "show",
    "tag",
    "note",
    "notes",
    "note-edit",
    "note-delete",
    "span",
    "spans",
    "span-edit",
    "span-delete",
    "rate",
    "watch",
    "meta",
    "incident-check",
    "incident-add",
    "export",
    "incidents",
    "stories",
    "entity",
    "completion",
    "serve",
    "sync",
    "merge-sidecar",
)


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


class _VersionAction(argparse.Action):
    """`--version`: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kw: Any):
        kw.setdefault("help", "show program's version number and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kw)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kw: Any) -> NoReturn:
        sys.stdout.write(_version() + "\n")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _common(p: argparse.ArgumentParser, corpus_option: bool = True) -> None:
    if corpus_option:
        p.add_argument(
            "--corpus",
            type=Path,
            help="the article folder (default: found from the current folder)",
        )
    p.add_argument(
        "--index-dir", type=Path, help="keep the index here instead of <corpus>/.glossator/index"
    )
    p.add_argument(
        "--annotations-dir", type=Path, help="keep sidecars in this folder, mirroring the corpus"
    )
    p.add_argument(
        "--max-size", type=float, metavar="MB", help="skip articles larger than this (default 5)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser for every sub-command (the reader has its own, see `reader_parser`)."""
    parser = _Parser(
        prog="glossator", description="Search, read, tag and export a folder of articles."
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("index", help="build or update the index, with progress")
    p.add_argument(
        "corpus", nargs="?", type=Path, default=None, help="the article folder (default .)"
    )
    p.add_argument("--rebuild", action="store_true", help="start the index over")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    _common(p, corpus_option=False)

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
    _common(p)

    p = sub.add_parser("show", help="print one article")
    p.add_argument("article", help="article id or path")
    p.add_argument("--entities", action="store_true", help="list the article's entities")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _common(p)

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
    _common(p)

    p = sub.add_parser("note", help="add a note to an article")
    p.add_argument("article", help="article id or path")
    p.add_argument("text", help="the note")
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    _common(p)

    p = sub.add_parser("rate", help="rate an article's source (NATO Admiralty code)")
    p.add_argument("article", help="article id or path")
    p.add_argument("code", help="a letter A-F then a digit 1-6, like B2; '' clears the rating")
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    _common(p)

    cli_edits.add_parsers(sub, _common)
    cli_spans.add_parsers(sub, _common)
    _check_parsers(sub)

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
    _common(p)

    cli_incidents.add_parser(sub, _common)
    cli_stories.add_parser(sub, _common)
    cli_entity.add_parser(sub, _common)
    add_serve_parser(sub, _common)
    from glossator.tui.cli_sync import add_parsers

    add_parsers(sub, _common)

    p = sub.add_parser("completion", help="print a shell completion script (docs/cli.md)")
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    return parser


def _check_parsers(sub: Any) -> None:
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
    _common(p)

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
    _common(p)

    p = sub.add_parser("incident-add", help="record an incident the extractor missed")
    p.add_argument("article", help="article id or path")
    p.add_argument("--start", type=int, required=True, help="where its text starts (offset)")
    p.add_argument("--end", type=int, required=True, help="where its text ends (offset)")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help=fields)
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    _common(p)


def reader_parser() -> argparse.ArgumentParser:
    """The parser for `glossator [CORPUS]`, the reader."""
    parser = _Parser(
        prog="glossator",
        description="Open the reader on a folder of articles. Sub-commands: "
        + ", ".join(COMMANDS)
        + " (glossator COMMAND --help).",
    )
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=Path("."), help="the article folder (default .)"
    )
    parser.add_argument("--version", action=_VersionAction)
    _common(parser, corpus_option=False)
    return parser


def _version() -> str:
    try:
        from importlib.metadata import version

        return f"glossator {version('glossator')}"
    except Exception:
        return "glossator"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `glossator` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # Whatever slips through is written as U+FFFD, never as bytes that
        # are not UTF-8 (a file name's undecodable bytes arrive as surrogates).
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        if args_list and args_list[0] in COMMANDS:
            args = build_parser().parse_args(args_list)
            return _run_command(args)
        args = reader_parser().parse_args(args_list)
        return _run_reader(args)
    except UsageError as exc:
        error_line(str(exc))
        return 2
    except Failure as exc:
        error_line(str(exc))
        return 1
    except KeyboardInterrupt:
        error_line("interrupted")
        return 130
    except BrokenPipeError:
        # `glossator search x | head`: the reader went away; not an error.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return 0


def _run_reader(args: argparse.Namespace) -> int:
    corpus: Path = args.corpus
    if not corpus.is_dir():
        raise Failure(f"corpus folder {corpus} not found; pass the folder that holds your articles")
    config = load_cli_config()
    from glossator.tui.app import run_reader

    return run_reader(corpus, args, config)


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "completion":
        # Needs neither a corpus nor the config: works before either exists.
        sys.stdout.write(completion_script(args.shell, reader_parser(), build_parser()))
        return 0
    from glossator.tui import cli_checks, cli_commands, cli_sync

    if args.command == "merge-sidecar":
        # git's merge driver: needs no config, so a broken config file
        # cannot stop a merge.
        return cli_sync.cmd_merge_sidecar(args, None)
    # A command in a module of its own may name its handler on its parser;
    # otherwise `cmd_<name>` in the first command module that has one.
    handler = getattr(args, "handler", None)
    name = f"cmd_{args.command.replace('-', '_')}"
    for module in (cli_commands, cli_checks, cli_incidents, cli_stories, cli_sync):
        if handler is None:
            handler = getattr(module, name, None)
    if handler is None:
        raise Failure(f"the command {args.command!r} has no handler; this is a bug in glossator")
    config = load_cli_config()
    return int(handler(args, config))


if __name__ == "__main__":
    sys.exit(main())
