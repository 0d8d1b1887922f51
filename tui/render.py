"""Rich renderings of search hits and articles for the command line.

Article text is put into `rich.text.Text` objects, never parsed as markup,
so `[bold]` in an article prints as those characters. Article ids are file
names, chosen by whoever made the file, so they are made inert too before
they are printed (`shown_id`, `terminal_json`).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from glossator.index.sanitize import neutralise

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from glossator.index.engine import SearchHit, SearchResult

# Rich is imported where text is styled, not here: `glossator search` piped
# into another program prints plain lines and never needs it.

HIT_STYLE = "bold underline"

# json.dumps escapes C0 controls itself; these it would write raw.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: What `rich.text.Text` deletes from any text it is given (its
#: `strip_control_codes`): plain output deletes the same.
_RICH_STRIPPED = dict.fromkeys(map(ord, "\x07\x08\x0b\x0c\x0d"))


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
    from rich.text import Text

    out = Text(text)
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def _hit_pieces(hit: SearchHit) -> list[tuple[str, str | None, Sequence[tuple[int, int]]]]:
    """A hit's three lines (rank and title, id and tags, snippet) as pieces of
    (text, style, emphasised spans), for rich and for plain output alike."""
    pieces: list[tuple[str, str | None, Sequence[tuple[int, int]]]] = [
        (f"{hit.rank:>3}. ", "dim", ()),
        (hit.title or "(untitled)", None, hit.title_highlights),
        ("\n     ", None, ()),
        (shown_id(hit.article_id), "cyan", ()),
    ]
    if hit.tags:
        pieces += [("  ", None, ()), (" ".join(f"#{t}" for t in hit.tags), "magenta", ())]
    snip = hit.snippet
    if snip is not None and snip.text.strip():
        pieces += [
            ("\n     ", None, ()),
            ("…" if snip.start > 0 else "", None, ()),
            (snip.text.strip(), None, _shift(snip.text, snip.highlights)),
            ("…", None, ()),
        ]
    return pieces


def render_hit(hit: SearchHit) -> Text:
    """Three lines: rank and title, id and tags, snippet."""
    from rich.text import Text

    out = Text()
    for n, (text, style, spans) in enumerate(_hit_pieces(hit)):
        if n == 1 or spans:  # the title, and a snippet with highlights
            out.append_text(emphasised(text, spans))
        else:
            out.append(text, style=style)
        if n == 1:
            out.stylize("bold", 5)
    return out


def _shift(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    lead = len(text) - len(text.lstrip())
    return [(a - lead, b - lead) for a, b in spans]


def _summary(result: SearchResult) -> str:
    shown = len(result.hits)
    return (
        f"{result.total} hit{'s' if result.total != 1 else ''}"
        + (f", showing {shown}" if shown < result.total else "")
        + f" ({result.elapsed * 1000:.0f} ms)"
    )


def print_result(console: Console, result: SearchResult) -> None:
    """Print a result list the way `glossator search` shows it."""
    from rich.text import Text

    for hit in result.hits:
        # Piped output keeps one line per field, for grep and cut.
        console.print(render_hit(hit), soft_wrap=not console.is_terminal)
        console.print()
    console.print(Text(_summary(result), style="dim"))
    if result.total == 0 and result.suggestion:
        console.print(Text(f"did you mean: {result.suggestion}"))


def plain_result(result: SearchResult) -> str | None:
    """What `print_result` prints on a console that is not a terminal, made
    without rich; None when only rich can say (a tab, which rich expands by
    cell width)."""
    lines: list[str] = []
    for hit in result.hits:
        lines += ["".join(text for text, _, _ in _hit_pieces(hit)), ""]
    lines.append(_summary(result))
    if result.total == 0 and result.suggestion:
        lines.append(f"did you mean: {result.suggestion}")
    out = "".join(line.translate(_RICH_STRIPPED) + "\n" for line in lines)
    return None if "\t" in out else out


def plain_stdout() -> bool:
    """Whether rich would treat standard output as no terminal (no styles, no
    wrapping): not a tty, and neither `TTY_COMPATIBLE` nor `FORCE_COLOR` set."""
    if "TTY_COMPATIBLE" in os.environ or "FORCE_COLOR" in os.environ:
        return False
    try:
        return not sys.stdout.isatty()
    except ValueError:
        return False


def write_result(result: SearchResult, console: Callable[[], Console]) -> None:
    """Print a result list on standard output: plain lines when it is not a
    terminal (the bytes `print_result` would write there), else through rich
    on `console()`."""
    plain = plain_result(result) if plain_stdout() else None
    if plain is not None:
        sys.stdout.write(plain)
    else:
        print_result(console(), result)
