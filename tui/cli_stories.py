"""`glossator stories`: articles that report one story, and the events they share."""

from __future__ import annotations

import argparse
from typing import Any

from rich.text import Text

from glossator.tui.cli_context import UsageError, open_index, open_session, resolve_corpus
from glossator.tui.render import shown_id, shown_query


def add_parser(sub: Any, common: Any) -> None:
    """Add `stories` to the sub-command parsers."""
    p = sub.add_parser(
        "stories", help="near-duplicate articles and reports of the same events, grouped"
    )
    p.add_argument("query", nargs="?", help="only stories with an article matching this query")
    p.add_argument(
        "--all", action="store_true", help="also list articles that are a story on their own"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(p)


def _toll(span: list[int] | None) -> str:
    if not span:
        return "?"
    lo, hi = span
    return str(lo) if lo == hi else f"{lo}-{hi}"


def cmd_stories(args: argparse.Namespace, config: Any) -> int:
    """`glossator stories [QUERY] [--all] [--json]`."""
    from glossator.tui.cli_output import dump_json, stdout_console, update_index

    corpus = resolve_corpus(args)
    ix = open_index(args, corpus, config)
    update_index(ix, quiet=True)
    session = open_session(ix, config)
    try:
        stories = session.stories(args.query, singletons=args.all)
    except ValueError as exc:
        raise UsageError(f"query {shown_query(args.query or '')}: {exc}") from None
    dicts = [s.to_dict() for s in stories]
    if args.json:
        dump_json(dicts)
        return 0
    out = stdout_console()
    for story in dicts:
        n = len(story["articles"])
        out.print(Text(f"{story['id']}  {n} article{'s' if n != 1 else ''}", style="bold"))
        near = {a for pair in story["near_duplicates"] for a in pair}
        for article in story["articles"]:
            mark = "  (near-duplicate)" if article in near else ""
            out.print(Text(f"  {shown_id(article)}{mark}"))
        for event in story["events"]:
            if event["reports"] < 2:
                continue
            place = ", ".join(p for p in (event["location"], event["country"]) if p) or "?"
            line = (
                f"  event {event['id']}  {event['event_date'] or 'date ?'}"
                f"  {event['sub_event_type'] or '?'}  {place}"
                f"  killed {_toll(event['fatalities'])}, injured {_toll(event['injured'])}"
                f"  ({event['reports']} reports)"
            )
            out.print(Text(shown_id(line), style="dim"))
    n = len(dicts)
    out.print(Text(f"{n} stor{'ies' if n != 1 else 'y'}", style="dim"))
    return 0
