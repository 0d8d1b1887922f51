"""`glossator notes`, `note-edit`, `note-delete` and `watch`: the reader's sidebar edits and `w`.

Notes print in the shape `glossator export --format json` writes them
(`annotations.export.note_dict`). `watch` adds an entry through the same
service call as the reader's `w`, then brings the index up to date, which
re-indexes the articles the new entry names (and only those).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from rich.text import Text

from glossator.index.labels import LABELS
from glossator.tui.cli_context import (
    Failure,
    UsageError,
    article_parser,
    error_line,
    guarded,
    named_article,
    open_index,
    open_session,
    resolve_corpus,
)
from glossator.tui.cli_output import dump_json, stdout_console, update_index
from glossator.tui.render import shown, shown_id

__all__ = ["COMMANDS", "add_parsers", "list_items"]

COMMANDS = ("notes", "note-edit", "note-delete", "watch")

_ID = "the note's id (n-..., from glossator notes)"


def _note_dict(item: Any) -> dict[str, Any]:
    # The exporters load only when a command prints a record: a search never pays for them.
    from glossator.annotations.export import note_dict

    return note_dict(item)


def add_parsers(sub: Any, common: Any) -> None:
    """Add the note and watchlist commands to the sub-command parsers."""
    article_parser(sub, common, "notes", "list an article's notes with their ids", cmd_notes)
    p = article_parser(sub, common, "note-edit", "replace a note's text", cmd_note_edit, _ID)
    p.add_argument("text", help="the new text")
    article_parser(sub, common, "note-delete", "delete a note", cmd_note_delete, _ID)

    p = sub.add_parser("watch", help="add a name to the corpus watchlist (the reader's w)")
    p.add_argument("name", nargs="?", help="the name to recognise, like Kataib Hezbollah")
    p.add_argument("--label", choices=LABELS, help="its entity label")
    p.add_argument(
        "--alias",
        action="append",
        default=[],
        metavar="A",
        help="another way it is written (repeatable)",
    )
    p.add_argument("--note", default="", help="the analyst's note on the entry")
    p.add_argument("--list", action="store_true", help="list the watchlist instead")
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    p.set_defaults(handler=cmd_watch)
    common(p)


def _print_note(out: Any, note: Any) -> None:
    out.print(Text(f"{shown_id(note.id)}  {shown(note.author)}  {note.created}"))
    out.print(Text(f"  {shown(note.text)}"))


def list_items(
    args: argparse.Namespace,
    config: Any,
    kind: str,
    as_dict: Callable[[Any], dict[str, Any]],
    show: Callable[[Any, Any], None],
) -> int:
    """`glossator notes|spans ARTICLE [--json]`: the sidecar's `kind` (notes or spans)."""
    ix, article = named_article(args, config)
    session = open_session(ix, config)
    items = getattr(guarded(lambda: session.store.load(article.id, article.text)), kind)
    if args.json:
        dump_json({"article": article.id, kind: [as_dict(item) for item in items]})
        return 0
    out = stdout_console()
    for item in items:
        show(out, item)
    n = len(items)
    out.print(Text(f"{n} {kind if n != 1 else kind[:-1]} in {shown_id(article.id)}", style="dim"))
    return 0


def cmd_notes(args: argparse.Namespace, config: Any) -> int:
    """`glossator notes ARTICLE [--json]`."""
    return list_items(args, config, "notes", _note_dict, _print_note)


def cmd_note_edit(args: argparse.Namespace, config: Any) -> int:
    """`glossator note-edit ARTICLE ID TEXT [--json]`."""
    if not args.text.strip():
        raise UsageError("the new text is empty; to remove the note use glossator note-delete")
    ix, article = named_article(args, config)
    session = open_session(ix, config)
    sidecar = guarded(lambda: session.edit_note(article, args.id, args.text))
    note = sidecar.find_note(args.id)
    if args.json:
        dump_json({"article": article.id, "note": _note_dict(note)})
        return 0
    out = stdout_console()
    out.print(Text(f"changed note {shown_id(note.id)} on {shown_id(article.id)}"))
    return 0


def cmd_note_delete(args: argparse.Namespace, config: Any) -> int:
    """`glossator note-delete ARTICLE ID [--json]`."""
    ix, article = named_article(args, config)
    session = open_session(ix, config)
    before = guarded(lambda: session.store.load(article.id, article.text)).find_note(args.id)
    guarded(lambda: session.delete(article, "note", args.id))
    if args.json:
        dump_json({"article": article.id, "deleted": _note_dict(before)})
        return 0
    stdout_console().print(Text(f"deleted note {shown_id(before.id)} from {shown_id(article.id)}"))
    return 0


def _entry_dict(entry: Any) -> dict[str, Any]:
    return {
        "name": entry.name,
        "label": entry.label,
        "aliases": list(entry.aliases),
        "note": entry.note,
    }


def cmd_watch(args: argparse.Namespace, config: Any) -> int:
    """`glossator watch NAME --label L [--alias A ...] [--note N]`, or `watch --list`."""
    from glossator.service.watchlist import watch_entries

    if args.list:
        if args.name is not None or args.label is not None or args.alias or args.note:
            raise UsageError("--list takes no name, --label, --alias or --note")
        return _list_watchlist(args, watch_entries(resolve_corpus(args)))
    if args.name is None or args.label is None:
        raise UsageError("give a NAME and its --label (or --list to see the watchlist)")
    from glossator.index.sanitize import has_unsafe

    terms = [args.name, *args.alias]
    if not all(t.strip() for t in terms):
        raise UsageError("the name and each --alias need some text")
    if any(has_unsafe(t) for t in terms):
        # Article text never holds them (it is neutralised), so they could never match.
        raise UsageError("a name or --alias holds control characters; type it as it reads")
    from glossator.index.entities.watchlist import WatchlistError

    corpus = resolve_corpus(args)
    ix = open_index(args, corpus, config)
    session = open_session(ix, config)
    folded = args.name.strip().casefold()
    there = next((e for e in watch_entries(corpus)[0] if e.name.casefold() == folded), None)
    try:
        path = session.watch(args.name, args.label, args.alias, args.note)
    except (WatchlistError, OSError) as exc:
        raise Failure(shown_id(str(exc))) from exc
    entries, problems = watch_entries(corpus)
    entry = there or next((e for e in entries if e.name.casefold() == folded), None)
    if entry is None:
        # The name is in the file, but in an entry the recogniser skips.
        why = problems[0] if problems else f"{path}: an entry for it is not valid"
        raise Failure(f"{shown(args.name)} is already in the watchlist, but {why}; fix that entry")
    report = update_index(ix, quiet=True)
    if args.json:
        dump_json(
            {
                "file": str(path),
                "added": there is None,
                "entry": _entry_dict(entry),
                "reindexed": report.reindexed,
            }
        )
        return 0
    out = stdout_console()
    said = "already on" if there is not None else "added to"
    out.print(Text(f"{shown(entry.name)} ({entry.label}) {said} {shown_id(str(path))}"))
    n = report.reindexed
    out.print(Text(f"{n} article{'s' if n != 1 else ''} re-indexed for the watchlist", style="dim"))
    return 0


def _list_watchlist(args: argparse.Namespace, found: tuple[list[Any], list[str]]) -> int:
    entries, problems = found
    if args.json:
        dump_json({"entries": [_entry_dict(e) for e in entries], "problems": problems})
        return 0
    for problem in problems:
        error_line(problem)
    out = stdout_console()
    for entry in entries:
        aliases = f"  also {', '.join(shown(a) for a in entry.aliases)}" if entry.aliases else ""
        note = f"  ({shown(entry.note)})" if entry.note else ""
        out.print(Text(f"{shown(entry.name)}  {entry.label}{aliases}{note}"))
    n = len(entries)
    out.print(Text(f"{n} entr{'ies' if n != 1 else 'y'}", style="dim"))
    return 0
