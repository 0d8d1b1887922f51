"""The sub-commands of `glossator`: index, search, show, tag, note, export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from glossator.index.completeness import incomplete_problem
from glossator.tui.cli_context import (
    Failure,
    UsageError,
    article_ref,
    error_line,
    named_article,
    open_index,
    open_session,
    resolve_corpus,
)
from glossator.tui.cli_output import dump_json, stdout_console, update_index
from glossator.tui.render import json_for_terminal, shown_id, shown_query, terminal_json


def cmd_index(args: argparse.Namespace, config: Any) -> int:
    """`glossator index [CORPUS] [--rebuild]`."""
    from rich.text import Text

    corpus = Path(args.corpus) if args.corpus is not None else Path(".")
    if not corpus.is_dir():
        raise Failure(f"corpus folder {corpus} not found; pass the folder that holds your articles")
    ix = open_index(args, corpus, config)
    report = update_index(ix, rebuild=args.rebuild, quiet=args.quiet)
    out = stdout_console()
    for skipped in report.skipped:
        out.print(Text(f"skipped {shown_id(skipped.id)}: {skipped.reason}"), style="yellow")
    for notice in report.notices:
        if notice not in ix.notices:
            out.print(Text(shown_id(notice)), style="yellow")
    # A rate means something only over a real batch of work.
    rate = report.changed / report.seconds if report.seconds and report.changed >= 50 else 0
    line = report.summary() + (f" ({rate:,.0f} docs/s)" if rate else "")
    out.print(Text(line))
    return 0


def cmd_search(args: argparse.Namespace, config: Any) -> int:
    """`glossator search QUERY`."""
    from glossator.index.engine import IndexLost, QueryError
    from glossator.tui.render import write_result

    if args.limit < 1:
        raise UsageError("--limit must be 1 or more")
    corpus = resolve_corpus(args)
    ix = open_index(args, corpus, config)
    if not args.no_update:
        _update_unless_fresh(ix)
    else:
        ix.open()  # a missing or damaged index is replaced by an empty one, marked incomplete
        if (problem := incomplete_problem(ix.dir)) is not None:
            raise Failure(problem)
    session = open_session(ix, config)
    try:
        # Facets are part of the JSON; the lines printed for a person show none.
        result = session.find(args.query, limit=args.limit, facets=args.json)
    except IndexLost as exc:
        if args.no_update:
            raise Failure(f"the index cannot be searched ({exc}): run glossator index") from exc
        update_index(ix)  # the index has said it is rebuilding, in one line
        result = session.find(args.query, limit=args.limit, facets=args.json)
    if isinstance(result, QueryError):
        raise UsageError(f"query {shown_query(args.query)}: {result.message}")
    if args.json:
        dump_json(result.to_dict())
    else:
        write_result(result, stdout_console)
    return 0


def _update_unless_fresh(ix: Any) -> None:
    """Update the index, unless a stat-only stamp says nothing changed since the last one."""
    from glossator.index import freshness

    stamp = freshness.stamp_for(ix)
    if freshness.is_fresh(ix.dir, stamp):
        return
    update_index(ix, quiet=True)
    freshness.record(ix.dir, stamp)


def cmd_show(args: argparse.Namespace, config: Any) -> int:
    """`glossator show ARTICLE [--entities] [--json]`."""
    from rich.text import Text

    ix, article = named_article(args, config)
    ents = ix.entities(article) if args.entities else None
    if args.json:
        if ents is not None:
            dump_json([e.to_dict() for e in ents])
        else:
            dump_json(
                {
                    "id": article.id,
                    "title": article.title,
                    "sha256": article.sha256,
                    "words": article.words,
                    "decode_errors": article.decode_errors,
                    "text": article.text,
                }
            )
        return 0
    out = stdout_console()
    if ents is not None:
        for e in ents:
            out.print(Text(f"{e.start:>6} {e.end:>6}  {e.label:<9} ") + Text(e.text))
        return 0
    out.print(Text(article.title, style="bold"))
    out.print(Text(f"{shown_id(article.id)} · {article.words} words", style="dim"))
    out.print()
    out.print(Text(article.body))
    return 0


def cmd_tag(args: argparse.Namespace, config: Any) -> int:
    """`glossator tag QUERY --add T --remove T [--dry-run]`."""
    from rich.text import Text

    from glossator.annotations.model import TagError, normalise_tag
    from glossator.index.corpus import CorpusError
    from glossator.index.engine import IndexUnavailable, QueryError

    if not args.add and not args.remove:
        raise UsageError("say what to change with --add TAG and/or --remove TAG")
    try:
        add = [normalise_tag(t) for t in args.add]
        remove = [normalise_tag(t) for t in args.remove]
    except TagError as exc:
        raise UsageError(str(exc)) from exc
    corpus = resolve_corpus(args, hint=args.query)
    named = Path(args.query).is_file()
    ref = article_ref(args.query, corpus) if named else args.query
    ix = open_index(args, corpus, config)
    _update_unless_fresh(ix)
    ids: list[str]
    if named:
        try:
            ids = [ix.article(ref).id]
        except CorpusError as exc:
            raise Failure(shown_id(str(exc))) from exc
    else:
        found = ix.searcher().article_ids(args.query)
        if isinstance(found, QueryError):
            raise UsageError(f"query {shown_query(args.query)}: {found.message}")
        ids = found
    out = stdout_console()
    verb = "would change" if args.dry_run else "changed"
    changed = failed = 0
    rows: list[dict[str, Any]] = []
    busy: str | None = None
    changes = open_session(ix, config).retag(
        ids, add, remove, dry_run=args.dry_run, index_wait=TAG_INDEX_WAIT
    )
    for change in _saved_changes(changes):
        if isinstance(change, IndexUnavailable):
            busy = str(change)
            break
        rows.append(
            {
                "article": change.article_id,
                "added": list(change.added),
                "removed": list(change.removed),
                "error": change.error,
            }
        )
        if change.error is not None:
            failed += 1
            print(
                f"glossator: {shown_id(change.article_id)}: {shown_id(change.error)}",
                file=sys.stderr,
            )
            continue
        changed += 1
        if args.json:
            continue
        delta = [f"+{t}" for t in change.added] + [f"-{t}" for t in change.removed]
        out.print(Text(f"{verb} {shown_id(change.article_id)}: {' '.join(delta)}"))
    if busy is not None:
        error_line(
            f"the tags are saved, but the index is busy ({busy.split(';')[0]}); they become "
            "searchable at its next update (glossator index, or the next search)"
        )
    if args.json:
        dump_json(
            {
                "matched": len(ids),
                "changed": changed,
                "failed": failed,
                "dry_run": bool(args.dry_run),
                "indexed": busy is None,
                "changes": rows,
            }
        )
        return 1 if failed else 0
    summary = f"{len(ids)} matched, {changed} {verb}"
    if failed:
        summary += f", {failed} failed"
    out.print(Text(summary, style="dim"))
    return 1 if failed else 0


#: How long `glossator tag` waits for another process's index update before
#: leaving its tags, already saved, to the next update.
TAG_INDEX_WAIT = 2.0


def _saved_changes(changes: Iterator[Any]) -> Iterator[Any]:
    """The changes of `retag`, then the `IndexUnavailable` its final re-index
    raised, if it did (the tags are saved by then)."""
    from glossator.index.engine import IndexUnavailable

    try:
        yield from changes
    except IndexUnavailable as exc:
        yield exc


def cmd_note(args: argparse.Namespace, config: Any) -> int:
    """`glossator note ARTICLE TEXT`."""
    from rich.text import Text

    from glossator.annotations.errors import AnnotationError
    from glossator.index.corpus import CorpusError

    if not args.text.strip():
        raise UsageError("the note is empty; give the text to add")
    corpus = resolve_corpus(args, hint=args.article)
    ref = article_ref(args.article, corpus)
    ix = open_index(args, corpus, config)
    try:
        article = ix.article(ref)
        note, _ = open_session(ix, config).add_note(article, args.text)
    except (AnnotationError, CorpusError, OSError) as exc:
        raise Failure(shown_id(str(exc))) from exc
    if args.json:
        from glossator.annotations.export import note_dict

        dump_json({"article": article.id, "note": note_dict(note)})
        return 0
    stdout_console().print(Text(f"added note {note.id} to {shown_id(article.id)}"))
    return 0


def cmd_rate(args: argparse.Namespace, config: Any) -> int:
    """`glossator rate ARTICLE CODE [--json]`: the reader's `r`."""
    from rich.text import Text

    from glossator.annotations.errors import AnnotationError

    ix, article = named_article(args, config)
    try:
        sidecar = open_session(ix, config).rate(article, args.code)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    except (AnnotationError, OSError) as exc:
        raise Failure(shown_id(str(exc))) from exc
    rating = sidecar.rating
    if args.json:
        dump_json(
            {
                "article": article.id,
                "rating": None
                if rating is None
                else {"reliability": rating.reliability, "credibility": rating.credibility},
            }
        )
        return 0
    if rating is None:
        stdout_console().print(Text(f"cleared the rating of {shown_id(article.id)}"))
    else:
        stdout_console().print(
            Text(f"rated {shown_id(article.id)} {rating.code}: {rating.meaning}")
        )
    return 0


def cmd_export(args: argparse.Namespace, config: Any) -> int:
    """`glossator export [--query Q] [--tag T] --format F [-o FILE] [--force] [--json]`."""
    from glossator.annotations.errors import AnnotationError
    from glossator.annotations.export import export, write_export
    from glossator.annotations.model import TagError, normalise_tag
    from glossator.index.engine import QueryError

    if args.incidents:
        from glossator.tui.cli_incidents import cmd_export_incidents

        return cmd_export_incidents(args, config)
    if args.status or getattr(args, "summary", False):
        raise UsageError(
            f"{'--status' if args.status else '--summary'} applies to --incidents only"
        )
    try:
        tags = {normalise_tag(t) for t in args.tag}
    except TagError as exc:
        raise UsageError(str(exc)) from exc
    corpus = resolve_corpus(args)
    ix = open_index(args, corpus, config)
    update_index(ix, quiet=True)
    if args.output is not None and args.output.exists() and not args.force:
        raise Failure(f"{args.output} exists; pass --force to overwrite it")
    if args.query:
        found = ix.searcher().article_ids(args.query)
        if isinstance(found, QueryError):
            raise UsageError(f"query {shown_query(args.query)}: {found.message}")
        ids = found
    else:
        ids = sorted(ix.manifest())

    def skipped(article_id: str, reason: str) -> None:
        print(f"glossator: skipped {shown_id(article_id)}: {shown_id(reason)}", file=sys.stderr)

    batch = open_session(ix, config).collect(ids, tags=tags, skipped=skipped)
    records, problems = batch.records, batch.problems
    content = export(records, args.format)
    if args.output is None:
        # md and csv are made inert by the exporter; JSON keeps the data exact.
        sys.stdout.write(json_for_terminal(content))
    else:
        try:
            write_export(content, args.output, force=args.force)
        except (AnnotationError, OSError) as exc:
            raise Failure(str(exc)) from exc
    if args.json:
        summary = terminal_json(export_summary(records, args.format, args.output, problems))
        # The export itself owns stdout when it is written there.
        print(summary, file=sys.stdout if args.output is not None else sys.stderr)
    elif args.output is not None:
        n = len(records)
        print(
            f"exported {n} article{'' if n == 1 else 's'} to {shown_id(str(args.output))}",
            file=sys.stderr,
        )
    return 1 if problems else 0


def export_summary(
    records: list[Any], fmt: str, output: Path | None, skipped: int
) -> dict[str, Any]:
    """`export --json`: where it went, in what format, and how much of each kind."""
    counts = {
        "tags": sum(len(r.sidecar.tags) for r in records),
        "notes": sum(len(r.sidecar.notes) for r in records),
        "spans": sum(len(r.sidecar.spans) for r in records),
        "ratings": sum(r.sidecar.rating is not None for r in records),
    }
    return {
        "file": None if output is None else str(output),
        "format": fmt,
        "articles": len(records),
        "records": sum(counts.values()),
        "counts": counts,
        "skipped": skipped,
    }
