"""Whoosh hits as `SearchHit` values: snippets and title highlights as offsets."""

from __future__ import annotations

from typing import Any

from whoosh import highlight

from glossator.index.engine import SearchHit, Snippet


class _SpanFormatter(highlight.Formatter):
    """A Whoosh formatter that returns offsets instead of marked-up text."""

    def format(
        self, fragments: Any, replace: bool = False
    ) -> list[tuple[int, int, list[tuple[int, int]]]]:
        out = []
        for frag in fragments:
            spans = [
                (t.startchar, t.endchar)
                for t in sorted(frag.matches, key=lambda t: t.startchar)
                if t.startchar is not None
            ]
            out.append((frag.startchar, frag.endchar, spans))
        return out


def make_highlighter() -> Any:
    """The highlighter for snippets: fragments of up to 200 characters around
    hits, best first, as offsets."""
    return highlight.Highlighter(
        fragmenter=highlight.PinpointFragmenter(maxchars=200, surround=70, autotrim=True),
        formatter=_SpanFormatter(),
        order=highlight.SCORE,
    )


def make_hit(highlighter: Any, h: Any, rank: int, count: int) -> SearchHit:
    """The `SearchHit` for Whoosh hit `h`, with up to `count` body snippets."""
    stored = h.fields()
    body = stored.get("body", "")
    snips: list[Snippet] = []
    if count:
        try:
            frags = highlighter.highlight_hit(h, "body", text=body, top=count)
        except Exception:
            frags = []
        for start, end, spans in frags:
            piece = body[start:end].replace("\n", " ")
            rel = tuple((a - start, b - start) for a, b in spans if start <= a and b <= end)
            snips.append(Snippet(start, piece, rel))
        if not snips and body:
            # Matched on a field with no positions (tag:, entity fields):
            # show the opening of the body instead.
            start = min(len(stored.get("title", "")) + 1, len(body))
            snips.append(Snippet(start, body[start : start + 200].replace("\n", " "), ()))
    title = stored.get("title", "")
    try:
        title_frags = highlighter.highlight_hit(h, "title", text=title, top=5)
        title_hl = tuple(sorted({span for _, _, spans in title_frags for span in spans}))
    except Exception:
        title_hl = ()
    tags = tuple(t for t in stored.get("tags", "").split(",") if t)
    return SearchHit(
        rank=rank,
        article_id=stored["id"],
        title=title,
        score=float(h.score or 0.0),
        snippets=tuple(snips),
        title_highlights=title_hl,
        tags=tags,
        words=int(stored.get("words", 0)),
        decode_errors=bool(stored.get("decode_errors", False)),
    )
