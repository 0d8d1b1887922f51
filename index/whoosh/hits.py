"""Whoosh hits as `SearchHit` values: snippets and title highlights as offsets."""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from heapq import nlargest
from itertools import groupby
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
    (tests/index/test_highlight_parity.py). Its `highlight_hit` then cuts
    the passages from (start, end, word) tuples: Whoosh's made a `Token` per
    match, copied it, and a `Fragment` per passage, some 40% of a
    two-letter prefix's snippets.
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

    def highlight_hit(
        self,
        hitobj: Any,
        fieldname: str,
        text: str | None = None,
        top: int = 3,
        minscore: int = 1,
        strict_phrase: bool = False,
    ) -> Any:
        """`Highlighter.highlight_hit` with `make_highlighter`'s fragmenter,
        scorer and formatter, on plain tuples instead of a `Token` per match
        and a `Fragment` per passage; anything else goes to Whoosh's."""
        results = hitobj.results
        fragmenter = self.fragmenter
        if (
            text is None
            or type(fragmenter) is not highlight.PinpointFragmenter
            or type(self.scorer) is not highlight.BasicFragmentScorer
            or type(self.formatter) is not _SpanFormatter
            or self.order is not highlight.SCORE
            or not self.can_load_chars(results, fieldname)
        ):
            return super().highlight_hit(hitobj, fieldname, text, top, minscore, strict_phrase)
        field = results.searcher.schema[fieldname]
        from_bytes = field.from_bytes
        if fieldname not in results._char_cache:
            if results.has_matched_terms():
                bterms = [t for t in results.matched_terms() if t[0] == fieldname]
            else:
                bterms = results.query_terms(expand=True, fieldname=fieldname)
            words = frozenset(from_bytes(t[1]) for t in bterms)
            self._load_chars(results, fieldname, words, field.to_bytes)
        cmap = results._char_cache[fieldname][hitobj.docnum]
        charlimit = fragmenter.charlimit
        tokens: list[tuple[int, int, str]] = []
        for name, btext in hitobj.matched_terms():
            if name != fieldname:
                continue
            word = from_bytes(btext)
            for _pos, startchar, endchar in cmap[word]:
                if charlimit and endchar > charlimit:
                    break
                tokens.append((startchar, endchar, word))
        tokens.sort(key=_start)
        # Of the matches starting at one character, the longest (the first of those).
        tokens = [max(group, key=_length) for _key, group in groupby(tokens, _start)]
        scored = ((_score(f), f) for f in _pinpoint(fragmenter, text, tokens))
        best = [f for score, f in nlargest(top, scored) if score >= minscore]
        return [(f.startchar, f.endchar, [(t[0], t[1]) for t in f.matches]) for f in best]


def _start(token: tuple[int, int, str]) -> int:
    return token[0]


def _length(token: tuple[int, int, str]) -> int:
    return token[1] - token[0]


class _Passage:
    """A passage as `highlight.Fragment` is compared: ordered by where it
    starts, equal only to itself (ties in score are broken so)."""

    __slots__ = ("startchar", "endchar", "matches")

    def __init__(self, startchar: int, endchar: int, matches: list[tuple[int, int, str]]):
        self.startchar = startchar
        self.endchar = endchar
        self.matches = matches

    def __lt__(self, other: _Passage) -> bool:
        return self.startchar < other.startchar


def _score(passage: _Passage) -> float:
    """`BasicFragmentScorer`: the matches' boosts (1.0 each), times a
    hundred per distinct word matched."""
    matches = passage.matches
    return float(len(matches)) * ((len({t[2] for t in matches}) * 100) or 1)


def _pinpoint(fragmenter: Any, text: str, tokens: list[tuple[int, int, str]]) -> Any:
    """`PinpointFragmenter.fragment_matches` (with its autotrim) over
    (start, end, word) matches sorted by start."""
    maxchars = fragmenter.maxchars
    surround = fragmenter.surround
    charlimit = fragmenter.charlimit
    j = -1
    last = len(tokens) - 1
    for i, (left, right, _word) in enumerate(tokens):
        if j >= i:
            continue
        j = i
        if charlimit and right > charlimit:
            break
        currentlen = right - left
        while j < last and currentlen < maxchars:
            start, end, _w = tokens[j + 1]
            if end - right <= surround and end - left <= maxchars:
                j += 1
                right = end
                currentlen += end - start
            else:
                break
        left = max(0, left - surround)
        right = min(len(text), right + surround)
        matches = tokens[i : j + 1]
        if fragmenter.autotrim:
            firstspace = text.find(" ", left, right)
            if firstspace > 0:
                left = firstspace + 1
            lastspace = text.rfind(" ", left, right)
            if lastspace > 0:
                right = lastspace
            if matches:
                left = min(left, matches[0][0])
                right = max(right, matches[-1][1])
        yield _Passage(left, right, matches)


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
