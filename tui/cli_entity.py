"""`glossator entity`: the analyst's corrections of recognised entities.

    glossator entity wrong TEXT [--was L] [--label L] [--article A]
    glossator entity relabel TEXT --to L [--was L] [--article A]
    glossator entity add TEXT --label L [--article A]
    glossator entity list [--json]
    glossator entity remove ID

Each saves into (or removes from) the corpus watchlist and then brings the
index up to date, which re-indexes exactly the articles the change applies
to (`--no-update` leaves that to the next `glossator index` or reader).
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.text import Text

from glossator.index.labels import LABELS
from glossator.tui.cli_context import Failure, UsageError, open_index, resolve_corpus
from glossator.tui.render import shown_id


def add_parser(sub: Any, common: Any) -> None:
    """Add `entity` and its actions to the sub-command parsers."""
    p = sub.add_parser("entity", help="mark an entity wrong, relabel or add one (corrections)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    labels = " ".join(LABELS)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        q.set_defaults(handler=cmd_entity)
        return q

    def scoped(q: argparse.ArgumentParser) -> None:
        q.add_argument("text", help="the entity's text, as in the article (e.g. Labour)")
        q.add_argument(
            "--article", metavar="A", help="only in this article (default: the whole corpus)"
        )
        q.add_argument(
            "--no-update", action="store_true", help="save only; re-index on the next update"
        )
        common(q)

    q = action("wrong", "TEXT is not an entity (or, with --label, not this one)")
    scoped(q)
    q.add_argument("--was", metavar="L", help=f"only where it was labelled L ({labels})")
    q.add_argument("--label", metavar="L", help="what it is instead")
    q = action("relabel", "TEXT is an entity of another label")
    scoped(q)
    q.add_argument("--to", metavar="L", required=True, help=f"the right label ({labels})")
    q.add_argument("--was", metavar="L", help="the wrong label (default: any)")
    q = action("add", "TEXT is an entity the recogniser missed")
    scoped(q)
    q.add_argument("--label", metavar="L", required=True, help=f"its label ({labels})")
    q = action("list", "the corrections saved in the corpus watchlist, with their ids")
    q.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(q)
    q = action("remove", "undo a correction by its id (see entity list)")
    q.add_argument("id", help="the id `glossator entity list` shows")
    q.add_argument("--no-update", action="store_true", help="save only; re-index later")
    common(q)


def _wanted(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """(wrong, label) the action asks for."""
    if args.action == "wrong":
        return (args.was or "any"), args.label
    if args.action == "relabel":
        return (args.was or "any"), args.to
    return None, args.label


def _update(args: argparse.Namespace, ix: Any) -> str:
    if getattr(args, "no_update", False):
        return "; the index follows on its next update"
    from glossator.tui.cli_output import update_index

    report = update_index(ix, quiet=True)
    count = int(report.reindexed)
    return f"; {count} article{'s' if count != 1 else ''} re-indexed"


def cmd_entity(args: argparse.Namespace, config: Any) -> int:
    """`glossator entity ACTION ...`."""
    from glossator.annotations.model import default_author
    from glossator.index.entities.watchlist import WatchlistError
    from glossator.service import corrections
    from glossator.tui.cli_output import dump_json, stdout_console

    corpus = resolve_corpus(args)
    out = stdout_console()
    try:
        if args.action == "list":
            found = corrections.list_corrections(corpus)
            rows = [{"id": c.id, **c.to_dict()} for c in found.corrections]
            if args.json:
                dump_json({"corrections": rows, "problems": found.errors})
                return 0
            for c in found.corrections:
                who = f"  ({c.author}, {c.added})" if c.author or c.added else ""
                out.print(Text(shown_id(f"{c.id}  {c.describe()}{who}")))
            for problem in found.errors:
                out.print(Text(shown_id(problem), style="dim"))
            n = len(rows)
            out.print(Text(f"{n} correction{'s' if n != 1 else ''}", style="dim"))
            return 0
        ix = open_index(args, corpus, config)
        if args.action == "remove":
            gone = corrections.drop_correction(corpus, args.id)
            out.print(Text(shown_id(f"removed {gone.id}: {gone.describe()}{_update(args, ix)}")))
            return 0
        wrong, label = _wanted(args)
        fix = corrections.correction(
            ix.corpus,
            args.text,
            wrong=wrong,
            label=label,
            article=args.article,
            author=config.author or default_author(),
        )
        replaced = corrections.save_correction(ix.corpus, fix)
        also = f" (replaces {', '.join(c.id for c in replaced)})" if replaced else ""
        out.print(Text(shown_id(f"saved {fix.id}: {fix.describe()}{also}{_update(args, ix)}")))
        return 0
    except WatchlistError as exc:
        raise Failure(str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
