"""Rich renderings of search hits and articles for the command line.

Article text is put into `rich.text.Text` objects, never parsed as markup,
so `[bold]` in an article prints as those characters.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from index.search import SearchHit, SearchResult

HIT_STYLE = "bold underline"


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
    out.append(hit.article_id, style="cyan")
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
        console.print(render_hit(hit), soft_wrap=False)
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
