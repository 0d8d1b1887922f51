"""`glossator sync` and `glossator merge-sidecar`: annotations shared through git
(docs/team.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from glossator.tui.cli_commands import dump_json
from glossator.tui.cli_context import Failure, error_line, resolve_corpus
from glossator.tui.render import shown_id

__all__ = ["add_parsers", "cmd_merge_sidecar", "cmd_sync"]


def add_parsers(sub: Any, common: Any) -> None:
    """Add the `sync` and `merge-sidecar` sub-commands to the parser's subparsers."""
    p = sub.add_parser("sync", help="share annotations through git: commit, pull, push")
    p.add_argument(
        "--init",
        nargs="?",
        const="",
        default=None,
        metavar="REMOTE",
        help="set the folder up for sync (a git repository, the merge driver, "
        "optionally the remote to push to); safe to run again",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(p)

    p = sub.add_parser(
        "merge-sidecar", help="git's merge driver for sidecars (set up by sync --init)"
    )
    p.add_argument("base", type=Path, help="the common ancestor (git's %%O)")
    p.add_argument("ours", type=Path, help="this side, replaced by the merge (git's %%A)")
    p.add_argument("theirs", type=Path, help="the other side (git's %%B)")
    p.add_argument("--path", help="the sidecar's path in the repository, for messages (%%P)")


def _folder(args: argparse.Namespace, config: Any) -> Path:
    """The folder holding the sidecars: --annotations-dir (or the config's), else the corpus."""
    if args.annotations_dir is not None:
        folder = Path(args.annotations_dir)
    elif config.annotations_dir:
        folder = Path(config.annotations_dir).expanduser()
    else:
        return resolve_corpus(args)
    if not folder.is_dir():
        raise Failure(f"annotations folder {folder} not found; create it or fix --annotations-dir")
    return folder


def _author(config: Any) -> str:
    from glossator.annotations.model import default_author

    return str(config.author or default_author())


def cmd_sync(args: argparse.Namespace, config: Any) -> int:
    """`glossator sync [--init [REMOTE]] [--json]`."""
    from glossator.service.gitsync import SyncError, init_sync, sync

    folder = _folder(args, config)
    out = Console(highlight=False, soft_wrap=True)
    try:
        if args.init is not None:
            init = init_sync(folder, _author(config), args.init or None)
            if args.json:
                dump_json(
                    {
                        "repository": str(init.repository),
                        "created": init.created,
                        "messages": init.messages,
                    }
                )
            else:
                for line in init.messages or ["already set up; nothing to change"]:
                    out.print(Text(shown_id(line)))
                out.print(Text(f"ready to sync {shown_id(str(init.repository))}", style="dim"))
            return 0
        report = sync(folder, _author(config))
    except SyncError as exc:
        raise Failure(str(exc)) from exc
    if args.json:
        dump_json(
            {
                "repository": str(report.repository),
                "remote": report.remote,
                "branch": report.branch,
                "committed": report.committed,
                "incoming": report.incoming,
                "marked_for_review": report.marked,
                "pushed": report.pushed,
                "held_back": report.held_back,
            }
        )
        return 1 if report.held_back else 0
    where = f"{shown_id(report.remote)}/{shown_id(report.branch)}"
    if report.committed:
        n = report.committed
        out.print(Text(f"committed {n} changed sidecar{'s' * (n != 1)}"))
    if report.incoming:
        count = len(report.incoming)
        out.print(Text(f"received annotations on {count} article{'s' * (count != 1)}:"))
        for article in report.incoming[:10]:
            out.print(Text(f"  {shown_id(article)}"))
        if count > 10:
            out.print(Text(f"  ... and {count - 10} more"))
    else:
        out.print(Text(f"nothing new from {where}"))
    out.print(Text(f"pushed to {where}" if report.pushed else f"{where} is up to date"))
    for problem in report.held_back:
        error_line(f"not sent: {problem}")
    if report.marked:
        out.print(
            Text(
                f"{report.marked} record{'s' * (report.marked != 1)} marked for review "
                "(a note or span edited on two machines at once; see docs/team.md)",
                style="bold",
            )
        )
    return 1 if report.held_back else 0


def cmd_merge_sidecar(args: argparse.Namespace, config: Any) -> int:
    """`glossator merge-sidecar BASE OURS THEIRS [--path P]`, git's merge driver."""
    from glossator.annotations.errors import SidecarError
    from glossator.annotations.merge_files import merge_sidecar_files

    try:
        marked = merge_sidecar_files(args.base, args.ours, args.theirs, name=args.path)
    except SidecarError as exc:
        raise Failure(f"cannot merge: {exc}") from exc
    except OSError as exc:
        raise Failure(f"cannot write the merged sidecar {args.ours}: {exc.strerror}") from exc
    if marked:
        error_line(
            f"{args.path or args.ours}: {marked} record{'s' * (marked != 1)} "
            "edited on two machines at once, kept and marked for review"
        )
    return 0
