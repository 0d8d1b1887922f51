"""Whoosh hits as `SearchHit` values: snippets and title highlights as offsets."""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from typing import Any

from whoosh import highlight

from glossator.index.engine import ArticleText, SearchHit, Snippet
from glossator.index.whoosh.speedups.postings import NotScorable, term_values


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


class _UnscoredCharsHighlighter(highlight.Highlighter):  # type: ignore[misc]
    """Whoosh's highlighter, reading the shown hits' character offsets without scorers.

    Whoosh's `_load_chars` opens each matched term's postings through
    `Searcher.postings`, which builds a BM25F scorer for the whole index and
    one per segment (each looking the term up again) only to read the
    offsets. A prefix like `co*` matches a hundred terms in twenty hits, and
    those scorers were a third of the search. This reads the same postings
    from the segment that holds each hit, with no scorer and no matcher,
    decoding only the blocks that hold the hits: the same offsets
    (tests/index/test_highlight_parity.py).
    """

    @staticmethod
    def _load_chars(results: Any, fieldname: str, texts: Any, to_bytes: Any) -> None:
        cache: dict[int, dict[str, Any]] = {}
        results._char_cache[fieldname] = cache
        sorted_ids = sorted(docnum for _, docnum in results.top_n)
        for docnum in sorted_ids:
            cache[docnum] = {}
        searcher = results.searcher
        subs = [(searcher, 0)] if searcher.is_atomic() else list(searcher.subsearchers)
        offsets = [offset for _, offset in subs]
        shown = set(sorted_ids)
        for text in texts:
            btext = to_bytes(text)
            by_segment: dict[int, list[int]] = {}
            for docnum in sorted(shown.intersection(results.termdocs[(fieldname, btext)])):
                by_segment.setdefault(bisect_right(offsets, docnum) - 1, []).append(docnum)
            for i, docnums in by_segment.items():
                sub, offset = subs[i]
                reader = sub.reader()
                local = [docnum - offset for docnum in docnums]
                try:
                    values = term_values(reader, fieldname, btext, local)
                except NotScorable:
                    m = reader.postings(fieldname, btext)
                    for docnum in docnums:
                        m.skip_to(docnum - offset)
                        assert m.id() == docnum - offset
                        cache[docnum][text] = m.value_as("characters")
                    continue
                decode = reader.schema[fieldname].format.decoder("characters")
                for docnum, local_docnum in zip(docnums, local, strict=True):
                    cache[docnum][text] = decode(values[local_docnum])


def make_highlighter(fast: bool = True) -> Any:
    """The highlighter for snippets: fragments of up to 200 characters around
    hits, best first, as offsets (`fast`: without scorers, on Whoosh 2.7.5)."""
    cls = _UnscoredCharsHighlighter if fast else highlight.Highlighter
    return cls(
        fragmenter=highlight.PinpointFragmenter(maxchars=200, surround=70, autotrim=True),
        formatter=_SpanFormatter(),
        order=highlight.SCORE,
    )


class BodyTexts:
    """Article texts for snippets, read through `text` (the index stores no
    copy of the body) and kept for the last `size` hits: search as you type
    shows the same articles keystroke after keystroke."""

    def __init__(self, text: ArticleText, size: int = 256) -> None:
        self._text = text
        self._size = size
        self._kept: OrderedDict[tuple[str, str], str | None] = OrderedDict()

    def get(self, article_id: str, sha256: str) -> str | None:
        """The text of `article_id` if it still has content hash `sha256`, else None."""
        key = (article_id, sha256)
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        text = self._text(article_id, sha256)
        self._kept[key] = text
        if len(self._kept) > self._size:
            self._kept.popitem(last=False)
        return text


def make_hit(highlighter: Any, h: Any, rank: int, count: int, texts: BodyTexts) -> SearchHit:
    """The `SearchHit` for Whoosh hit `h`, with up to `count` body snippets
    (none when the article file no longer holds the text that was indexed:
    the offsets would point into other words)."""
    stored = h.fields()
    snips: list[Snippet] = []
    body = texts.get(stored["id"], stored.get("sha256", "")) if count else None
    if body is not None:
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
            # show the opening of the article instead.
            start = len(body) - len(body.lstrip())
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
