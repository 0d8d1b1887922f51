"""Rich renderings of search hits and articles for the command line.

Article text is put into `rich.text.Text` objects, never parsed as markup,
so `[bold]` in an article prints as those characters. Article ids are file
names, chosen by whoever made the file, so they are made inert too before
they are printed (`shown_id`, `terminal_json`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from glossator.index.engine import SearchHit, SearchResult
from glossator.index.sanitize import neutralise

HIT_STYLE = "bold underline"

# json.dumps escapes C0 controls itself; these it would write raw.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown_id(text: str) -> str:
    """An article id or path as printed: control characters, and the newlines
    and tabs a file name may hold, replaced by visible stand-ins so a name
    can neither drive the terminal nor forge another output line."""
    return neutralise(text).replace("\n", "\u2424").replace("\t", "\u2409")


def shown(text: str) -> str:
    """Any file-derived text (ids, notes, labels, messages naming files) as
    one inert line for the reader: controls made visible, line breaks as
    spaces."""
    return neutralise(text).replace("\n", " ").replace("\t", " ")


def shown_query(query: str, width: int = 60) -> str:
    """A query quoted in a message: inert, and clipped so a pasted page still
    gives a one-line error."""
    text = shown(query)
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def json_for_terminal(text: str) -> str:
    """Serialised JSON with C1 and bidi controls as `\\u` escapes (they can only
    occur inside strings, so this is the same JSON to a program)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def terminal_json(data: Any) -> str:
    """Pretty JSON, UTF-8, with C1 and bidi controls written as `\\u` escapes:
    the same data for a program, nothing a terminal acts on for a person."""
    return json_for_terminal(json.dumps(data, ensure_ascii=False, indent=2))


def emphasised(text: str, spans: Sequence[tuple[int, int]], style: str = HIT_STYLE) -> Text:
    """`text` with each (start, end) span styled."""
    out = Text(text)
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def render_hit(hit: SearchHit) -> Text:
    """Three lines: rank and title, id and tags, snippet."""
    out = Text()
    out.append(f"{hit.rank:>3}. ", style="dim")
    out.append_text(emphasised(hit.title or "(untitled)", hit.title_highlights))
    out.stylize("bold", 5)
    out.append("\n     ")
    out.append(shown_id(hit.article_id), style="cyan")
    if hit.tags:
        out.append("  ")
        out.append(" ".join(f"#{t}" for t in hit.tags), style="magenta")
    snip = hit.snippet
    if snip is not None and snip.text.strip():
        out.append("\n     ")
        out.append("…" if snip.start > 0 else "")
        out.append_text(emphasised(snip.text.strip(), _shift(snip.text, snip.highlights)))
        out.append("…")
    return out


def _shift(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    lead = len(text) - len(text.lstrip())
    return [(a - lead, b - lead) for a, b in spans]


def print_result(console: Console, result: SearchResult) -> None:
    """Print a result list the way `glossator search` shows it."""
    for hit in result.hits:
        # Piped output keeps one line per field, for grep and cut.
        console.print(render_hit(hit), soft_wrap=not console.is_terminal)
        console.print()
    shown = len(result.hits)
    summary = Text(
        f"{result.total} hit{'s' if result.total != 1 else ''}"
        + (f", showing {shown}" if shown < result.total else "")
        + f" ({result.elapsed * 1000:.0f} ms)",
        style="dim",
    )
    console.print(summary)
    if result.total == 0 and result.suggestion:
        console.print(Text(f"did you mean: {result.suggestion}"))
