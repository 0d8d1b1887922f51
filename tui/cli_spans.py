"""`glossator span`, `spans`, `span-edit`, `span-delete`: the reader's `a` and its sidebar edits.

Each change is one locked save through the service (`Session`), as the
reader's is; `--json` prints spans in the shape `glossator export --format
json` writes them (`annotations.export.span_dict`).
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.text import Text

from glossator.tui.cli_context import (
    UsageError,
    article_parser,
    guarded,
    named_article,
    open_session,
)
from glossator.tui.cli_output import dump_json, stdout_console
from glossator.tui.render import shown, shown_id

__all__ = ["COMMANDS", "add_parsers", "describe_span"]

COMMANDS = ("span", "spans", "span-edit", "span-delete")

_ID = "the span's id (s-..., from glossator spans)"


def _span_dict(item: Any) -> dict[str, Any]:
    # The exporters load only when a command prints a record: a search never pays for them.
    from glossator.annotations.export import span_dict

    return span_dict(item)


def add_parsers(sub: Any, common: Any) -> None:
    """Add the span commands to the sub-command parsers."""
    p = article_parser(
        sub, common, "span", "label a passage of an article (the reader's a)", cmd_span
    )
    p.add_argument("--start", type=int, metavar="N", help="where the passage starts (offset)")
    p.add_argument("--end", type=int, metavar="M", help="where it ends (offset, not included)")
    p.add_argument("--text", metavar="WORDS", help="the passage's exact words, instead of offsets")
    p.add_argument(
        "--occurrence",
        type=int,
        metavar="K",
        help="with --text: the K-th place the words occur (from 1)",
    )
    p.add_argument("--label", required=True, help="what the passage is, like target or claim")
    p.add_argument("--comment", default="", help="a note on the passage")
    article_parser(
        sub, common, "spans", "list an article's labelled passages with their ids", cmd_spans
    )
    p = article_parser(
        sub, common, "span-edit", "change a span's label or comment", cmd_span_edit, _ID
    )
    p.add_argument("--label", help="the new label")
    p.add_argument("--comment", help="the new comment ('' clears it)")
    article_parser(sub, common, "span-delete", "delete a span", cmd_span_delete, _ID)


def describe_span(span: Any) -> Text:
    """One line: id, where, label and quote, all inert."""
    place = "orphaned" if span.orphaned else f"{span.start}-{span.end}"
    quote = shown(span.quote)
    if len(quote) > 70:
        quote = quote[:69] + "…"
    return Text(f"{shown_id(span.id)}  {place}  {shown(span.label)}  “{quote}”")


def _passage(args: argparse.Namespace, text: str) -> tuple[int, int]:
    """The offsets the arguments name: --start/--end, or --text [--occurrence]."""
    from glossator.service.spans import find_passage, passage

    offsets = args.start is not None or args.end is not None
    if args.text is not None:
        if offsets:
            raise UsageError("give either --text or --start and --end, not both")
        return guarded(lambda: find_passage(text, args.text, args.occurrence))  # type: ignore[no-any-return]
    if args.occurrence is not None:
        raise UsageError("--occurrence goes with --text")
    if args.start is None or args.end is None:
        raise UsageError("say which passage: --start N --end M, or --text 'exact words'")
    return guarded(lambda: passage(text, args.start, args.end))  # type: ignore[no-any-return]


def _print_span(args: argparse.Namespace, article: Any, span: Any, verb: str) -> int:
    if args.json:
        dump_json({"article": article.id, "span": _span_dict(span)})
        return 0
    out = stdout_console()
    out.print(Text(f"{verb} in {shown_id(article.id)}:"))
    _show_span(out, span)
    return 0


def cmd_span(args: argparse.Namespace, config: Any) -> int:
    """`glossator span ARTICLE (--start N --end M | --text WORDS [--occurrence K]) --label L`."""
    ix, article = named_article(args, config)
    start, end = _passage(args, article.text)
    session = open_session(ix, config)
    span, _ = guarded(lambda: session.add_span(article, start, end, args.label, args.comment or ""))
    return _print_span(args, article, span, "labelled")


def cmd_spans(args: argparse.Namespace, config: Any) -> int:
    """`glossator spans ARTICLE [--json]`."""
    from glossator.tui.cli_edits import list_items

    return list_items(args, config, "spans", _span_dict, _show_span)


def _show_span(out: Any, span: Any) -> None:
    out.print(describe_span(span))
    if span.note:
        out.print(Text(f"  comment: {shown(span.note)}"))


def cmd_span_edit(args: argparse.Namespace, config: Any) -> int:
    """`glossator span-edit ARTICLE ID [--label L] [--comment C] [--json]`."""
    if args.label is None and args.comment is None:
        raise UsageError("say what to change with --label L and/or --comment C")
    ix, article = named_article(args, config)
    session = open_session(ix, config)
    sidecar = guarded(lambda: session.edit_span(article, args.id, args.label, args.comment))
    return _print_span(args, article, sidecar.find_span(args.id), "changed")


def cmd_span_delete(args: argparse.Namespace, config: Any) -> int:
    """`glossator span-delete ARTICLE ID [--json]`."""
    ix, article = named_article(args, config)
    session = open_session(ix, config)
    before = guarded(lambda: session.store.load(article.id, article.text)).find_span(args.id)
    guarded(lambda: session.delete(article, "span", args.id))
    if args.json:
        dump_json({"article": article.id, "deleted": _span_dict(before)})
        return 0
    stdout_console().print(Text(f"deleted from {shown_id(article.id)}: ") + describe_span(before))
    return 0
