"""`glossator incidents` and `glossator export --incidents`: the incident log as commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.text import Text

from glossator.tui.cli_context import Failure, UsageError, open_index, open_session, resolve_corpus
from glossator.tui.cli_output import dump_json, stdout_console, update_index
from glossator.tui.render import json_for_terminal, shown_id, shown_query, terminal_json

#: A sentence longer than this is cut in the table (the JSON has it whole).
SENTENCE_WIDTH = 160


def add_parser(sub: Any, common: Any) -> None:
    """Add `incidents` to the sub-command parsers."""
    p = sub.add_parser("incidents", help="the incident log: strikes, attacks and their tolls")
    p.add_argument("query", nargs="?", help="only articles matching this query (default: all)")
    p.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="STATUS",
        help="only records with this status: extracted, confirmed, edited, added, rejected "
        "(repeatable, or comma-separated)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    common(p)


def _statuses(args: argparse.Namespace) -> list[str]:
    from glossator.service.incidents import status_problem

    statuses = [s.strip() for value in args.status for s in value.split(",") if s.strip()]
    if (problem := status_problem(statuses)) is not None:
        raise UsageError(problem)
    return statuses


def _log(args: argparse.Namespace, config: Any, query: str | None) -> tuple[Any, list[str]]:
    """The incident log of the articles `query` matches (all without one)."""
    from glossator.index.engine import QueryError

    statuses = _statuses(args)
    corpus = resolve_corpus(args)
    ix = open_index(args, corpus, config)
    update_index(ix, quiet=True)
    if query:
        found = ix.searcher().article_ids(query)
        if isinstance(found, QueryError):
            raise UsageError(f"query {shown_query(query)}: {found.message}")
        ids = sorted(found)
    else:
        ids = sorted(ix.manifest())

    def skipped(article_id: str, reason: str) -> None:
        print(f"glossator: skipped {shown_id(article_id)}: {shown_id(reason)}", file=sys.stderr)

    log = open_session(ix, config).incident_log(ids, statuses=statuses, skipped=skipped)
    return log, ids


def _toll(value: Any) -> str:
    return "?" if value is None else str(value)


def _line(row: dict[str, Any]) -> Text:
    from glossator.annotations.export import place_of

    place = place_of(row) or "?"
    date = row.get("event_date") or row.get("event_date_text") or "date ?"
    line = Text()
    line.append(str(date), style="bold")
    line.append(f"  {row.get('sub_event_type') or '?'}", style="bold")
    line.append(f"  {place}")
    line.append(f"  {row.get('actor1') or '?'} → {row.get('actor2') or '?'}")
    if row.get("weapon"):
        line.append(f"  ({row['weapon']})")
    line.append(f"  killed {_toll(row.get('fatalities'))}, injured {_toll(row.get('injured'))}")
    line.append(f"  [{row['status']}]", style="dim")
    return line


def cmd_incidents(args: argparse.Namespace, config: Any) -> int:
    """`glossator incidents [QUERY] [--status S] [--json]`."""

    log, ids = _log(args, config, args.query)
    if args.json:
        dump_json(log.rows)
        return 1 if log.problems else 0
    out = stdout_console()
    article = None
    for row in log.rows:
        if row["article"] != article:
            article = row["article"]
            out.print(Text(shown_id(article), style="dim"))
        out.print(Text("  ") + _line(row))
        sentence = " ".join(str(row.get("sentence") or "").split())
        if len(sentence) > SENTENCE_WIDTH:
            sentence = sentence[: SENTENCE_WIDTH - 1] + "…"
        out.print(Text(f"    {row['id']}  {sentence}", style="dim"))
    n = len(log.rows)
    with_any = len({r["article"] for r in log.rows})
    articles = "article" if len(ids) == 1 else "articles"
    summary = f"{n} incident{'s' if n != 1 else ''} in {with_any} of {len(ids)} {articles}"
    if log.problems:
        summary += f", {log.problems} article{'' if log.problems == 1 else 's'} could not be read"
    out.print(Text(summary, style="dim"))
    return 1 if log.problems else 0


def cmd_export_incidents(args: argparse.Namespace, config: Any) -> int:
    """`glossator export --incidents [--summary] --format csv|json|jsonl|md [-o FILE]`."""
    from glossator.annotations.errors import AnnotationError
    from glossator.annotations.export import write_export
    from glossator.annotations.incident_export import (
        INCIDENT_FORMATS,
        export_event_summaries,
        export_incidents,
    )

    if args.format not in INCIDENT_FORMATS:
        raise UsageError(
            f"--incidents exports to {', '.join(INCIDENT_FORMATS)}, not {args.format}; "
            "pick one of those with --format"
        )
    if args.tag:
        raise UsageError("--tag does not apply to --incidents; narrow with --query or --status")
    output: Path | None = args.output
    if output is not None and output.exists() and not args.force:
        raise Failure(f"{output} exists; pass --force to overwrite it")
    log, _ = _log(args, config, args.query)
    summary = getattr(args, "summary", False)
    if summary:
        content = export_event_summaries(log.rows, args.format)
    else:
        content = export_incidents(log.rows, args.format)
    if output is None:
        sys.stdout.write(json_for_terminal(content))
    else:
        try:
            write_export(content, output, force=args.force)
        except (AnnotationError, OSError) as exc:
            raise Failure(str(exc)) from exc
        if not getattr(args, "json", False):
            what = "events of " if summary else ""
            print(
                f"exported {what}{len(log.rows)} incidents to {shown_id(str(output))}",
                file=sys.stderr,
            )
    if getattr(args, "json", False):
        report = {
            "file": None if output is None else str(output),
            "format": args.format,
            "incidents": len(log.rows),
            "articles": len({r["article"] for r in log.rows}),
            "skipped": log.problems,
        }
        # Beside the export on standard output, the summary goes to standard error.
        stream = sys.stderr if output is None else sys.stdout
        stream.write(terminal_json(report) + "\n")
    return 1 if log.problems else 0
