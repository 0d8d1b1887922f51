"""The `glossator` command: the reader, plus every action as a sub-command.

Exit status is 0 on success, 2 on a usage error and 1 on any other failure,
with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, NoReturn

from glossator.tui.cli_context import Failure, UsageError, error_line, load_cli_config
from glossator.tui.cli_parsers import check_parsers, export_parser, reading_parsers

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


def _completion_parser(sub: Any, _common: Callable[..., None]) -> None:
    """`completion` (run here: it needs neither a corpus nor the config)."""
    from glossator.tui.completion import SHELLS

    p = sub.add_parser("completion", help="print a shell completion script (docs/cli.md)")
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")


@dataclass(frozen=True)
class _CommandGroup:
    """Sub-commands whose parsers one function adds, and where they run.

    `parsers` is that function, or `"module:function"` for one in a module
    imported only when one of `names` is run (or every parser is built, for
    completion); `handlers` is the module whose `cmd_<name>` runs a command
    that names no `handler` on its parser, also imported only then.
    """

    names: tuple[str, ...]
    parsers: Callable[[Any, Callable[..., None]], None] | str
    handlers: str = "glossator.tui.cli_commands"

    def add_parsers(self, sub: Any) -> None:
        """Add this group's sub-command parsers to `sub`."""
        add = self.parsers
        if isinstance(add, str):
            module, _, name = add.partition(":")
            add = getattr(import_module(module), name)
        add(sub, _common)


# In the order `glossator COMMAND` parsers were always built (completion lists them so).
_GROUPS = (
    _CommandGroup(("index", "search", "show", "tag", "note", "rate"), reading_parsers),
    _CommandGroup(
        ("notes", "note-edit", "note-delete", "watch"), "glossator.tui.cli_edits:add_parsers"
    ),
    _CommandGroup(
        ("span", "spans", "span-edit", "span-delete"), "glossator.tui.cli_spans:add_parsers"
    ),
    _CommandGroup(
        ("meta", "incident-check", "incident-add"), check_parsers, "glossator.tui.cli_checks"
    ),
    _CommandGroup(("export",), export_parser),
    _CommandGroup(
        ("incidents",), "glossator.tui.cli_incidents:add_parser", "glossator.tui.cli_incidents"
    ),
    _CommandGroup(
        ("stories",), "glossator.tui.cli_stories:add_parser", "glossator.tui.cli_stories"
    ),
    _CommandGroup(("entity",), "glossator.tui.cli_entity:add_parser"),
    _CommandGroup(("serve",), "glossator.tui.serve:add_serve_parser"),
    _CommandGroup(
        ("sync", "merge-sidecar"), "glossator.tui.cli_sync:add_parsers", "glossator.tui.cli_sync"
    ),
    _CommandGroup(("completion",), _completion_parser),
)


def _group_of(command: str) -> _CommandGroup:
    group = next((g for g in _GROUPS if command in g.names), None)
    if group is None:
        raise Failure(f"the command {command!r} has no parser; this is a bug in glossator")
    return group


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every sub-command, or only for `command`'s group of them.

    A command line's first word names its sub-command, so running one needs
    only that parser: the others' modules are not imported. The reader has
    its own parser, see `reader_parser`.
    """
    parser = _Parser(
        prog="glossator", description="Search, read, tag and export a folder of articles."
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for group in _GROUPS if command is None else (_group_of(command),):
        group.add_parsers(sub)
    return parser


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
            args = build_parser(args_list[0]).parse_args(args_list)
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
        from glossator.tui.completion import completion_script

        sys.stdout.write(completion_script(args.shell, reader_parser(), build_parser()))
        return 0
    if args.command == "merge-sidecar":
        # git's merge driver: needs no config, so a broken config file
        # cannot stop a merge.
        from glossator.tui.cli_sync import cmd_merge_sidecar

        return cmd_merge_sidecar(args, None)
    # A command in a module of its own may name its handler on its parser;
    # otherwise `cmd_<name>` in its group's command module.
    handler = getattr(args, "handler", None)
    if handler is None:
        module = import_module(_group_of(args.command).handlers)
        handler = getattr(module, f"cmd_{args.command.replace('-', '_')}", None)
    if handler is None:
        raise Failure(f"the command {args.command!r} has no handler; this is a bug in glossator")
    config = load_cli_config()
    return int(handler(args, config))


if __name__ == "__main__":
    sys.exit(main())
