"""Search the index: parse a query, rank hits, cut snippets, count facets.

Every public call returns values, never Whoosh objects, and a query that does
not parse comes back as a `QueryError` value instead of an exception, so the
app can show it inline and the CLI can print it on one line.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from whoosh import collectors, highlight
from whoosh import query as wq
from whoosh.qparser import (
    FieldAliasPlugin,
    FuzzyTermPlugin,
    MultifieldParser,
    PlusMinusPlugin,
)

from glossator.index import scored
from glossator.index.labels import ENTITY_FIELDS, LABELS, field_for
from glossator.index.multiterm import preload
from glossator.index.query_limits import every_article, query_limit_problem, worth_correcting

if TYPE_CHECKING:
    from glossator.index.indexer import Index

#: Field names a user may type before a colon.
USER_FIELDS: tuple[str, ...] = ("title", "body", "tag", *ENTITY_FIELDS)
#: Facets are counted over at most this many top hits.
FACET_SAMPLE = 1000
FACET_VALUES = 12
#: Documents whose facet values are kept in memory between queries.
FACET_CACHE_SIZE = 20_000
#: In search-as-you-type, the word being typed is expanded as a prefix only
#: from this length on: shorter prefixes match too many terms to be quick.
MIN_TYPING_PREFIX = 3
#: In search-as-you-type, a prefix expands to at most this many terms.
TYPING_EXPANSION = 32

_FIELD_RE = re.compile(r"(?<![\w.\-])([A-Za-z_]+):")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# Words a suggestion may replace: not field names (followed by a colon) and
# not the value of a non-text field such as tag: or an entity label.
_WORD_RE = re.compile(r"(?<![\w:~*/.'-])[^\W\d_]+(?![\w:*~/.'-])")


@dataclass(frozen=True, slots=True)
class QueryError:
    """A query that could not be run; `message` is one line saying what to fix."""

    query: str
    message: str

    def __bool__(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class Snippet:
    """A piece of article text around hits.

    `start` is the offset of `text` in the article; `highlights` are
    (start, end) pairs relative to `text`. Newlines in `text` are shown as
    spaces so a snippet stays on one line.
    """

    start: int
    text: str
    highlights: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "start": self.start,
            "text": self.text,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked article."""

    rank: int
    article_id: str
    title: str
    score: float
    snippets: tuple[Snippet, ...]
    title_highlights: tuple[tuple[int, int], ...]
    tags: tuple[str, ...]
    words: int
    decode_errors: bool = False

    @property
    def snippet(self) -> Snippet | None:
        """The best snippet, if any."""
        return self.snippets[0] if self.snippets else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (documented in docs/cli.md)."""
        return {
            "rank": self.rank,
            "id": self.article_id,
            "title": self.title,
            "score": round(self.score, 4),
            "tags": list(self.tags),
            "words": self.words,
            "title_highlights": [list(h) for h in self.title_highlights],
            "snippets": [s.to_dict() for s in self.snippets],
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits for one query, with facet counts and a suggestion when nothing matched."""

    query: str
    hits: tuple[SearchHit, ...]
    total: int
    elapsed: float
    #: field name ("tag", "person", "org", ...) -> [(value, count)], most frequent first.
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: True when facets were counted over the top FACET_SAMPLE hits only.
    facets_sampled: bool = False
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (documented in docs/cli.md)."""
        return {
            "query": self.query,
            "total": self.total,
            "elapsed_ms": round(self.elapsed * 1000, 2),
            "suggestion": self.suggestion,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [[v, n] for v, n in vals] for k, vals in self.facets.items()},
            "facets_sampled": self.facets_sampled,
        }


def _anchor_fuzzy(node: Any) -> Any:
    """Fuzzy terms keep their first letter: `goverment~` still finds
    `government`, at a tenth of the cost of trying every term."""
    if isinstance(node, wq.FuzzyTerm) and node.prefixlength == 0:
        node.prefixlength = 1
    return node


class SearchCancelled(Exception):
    """Raised inside a search whose `cancelled` callback said stop."""


#: How many matching documents are collected between two cancellation checks.
_CANCEL_EVERY = 512


class _Cancellable(collectors.WrappingCollector):  # type: ignore[misc]
    """Wraps a Whoosh collector so a long search stops soon after `cancelled()`."""

    def __init__(self, child: Any, cancelled: Callable[[], bool]) -> None:
        super().__init__(child)
        self._cancelled = cancelled
        self._countdown = _CANCEL_EVERY

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        if self._cancelled():
            raise SearchCancelled
        super().set_subsearcher(subsearcher, offset)

    def collect_matches(self) -> None:
        child = self.child
        for sub_docnum in child.matches():
            self._countdown -= 1
            if not self._countdown:
                if self._cancelled():
                    raise SearchCancelled
                self._countdown = _CANCEL_EVERY
            child.collect(sub_docnum)


class _MatchedTerms(collectors.TermsCollector):  # type: ignore[misc]
    """A `TermsCollector` that asks the matcher tree which terms match.

    Whoosh's `TermsCollector` tests every leaf of the tree at every matching
    document, and cannot see the terms of a `PreloadedMultiTerm` (it has
    no term leaves). `matching_terms` walks the branches positioned on the
    document and asks each what matched. (It also leaves out the words of
    a phrase that did not match as a phrase there, so they are not
    highlighted.)
    """

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        collectors.WrappingCollector.set_subsearcher(self, subsearcher, offset)

    def collect(self, sub_docnum: int) -> None:
        child = self.child
        child.collect(sub_docnum)
        global_docnum = child.offset + sub_docnum
        terms = self.docterms[global_docnum]
        termdocs = self.termdocs
        for term in child.matcher.matching_terms(sub_docnum):
            termdocs[term].append(global_docnum)
            terms.append(term)


def _run(
    s: Any, parsed: Any, depth: int, shown: int, cancelled: Callable[[], bool] | None = None
) -> Any:
    """Search for the top `depth` hits, recording which terms matched the
    first `shown` (the highlighter reads them).

    Queries `index.scored` can rank go there. The rest use Whoosh's top-N
    collector without its tuning for a top ten: it skips blocks that cannot
    reach the top and, every ten documents, rebuilds the matcher tree to
    drop them. Keeping the top thousand for facets, skipping gains almost
    nothing; the rebuilds cost a third of a prefix query, and the skipping
    makes the total a second full run of the query. Without them the total
    is counted in the same pass.
    """
    if scored.supported(parsed, s.schema):
        try:
            return scored.search(s, parsed, depth, shown, cancelled)
        except scored.Cancelled:
            raise SearchCancelled from None
        except scored.NotScorable:
            pass
    if depth >= s.doc_count():
        top: Any = collectors.UnlimitedCollector()
    else:
        top = collectors.TopCollector(depth, usequality=False, replace=0)
    collector = _MatchedTerms(top)
    outer = collector if cancelled is None else _Cancellable(collector, cancelled)
    s.search_with_collector(parsed, outer)
    return collector.results()


def facet_filter(field_name: str, value: str) -> str:
    """The query clause that narrows a search to one facet value."""
    escaped = value.replace('"', " ").strip()
    return f'{field_name}:"{escaped}"'


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


def validate(query: str) -> str | None:
    """Return a one-line problem with the query's syntax, or None."""
    text = query.strip()
    if not text:
        return "type something to search for"
    if (too_costly := query_limit_problem(text)) is not None:
        return too_costly
    if text.count('"') % 2:
        return 'a quote is not closed: add the closing "'
    depth = 0
    in_quote = False
    for ch in text:
        if ch == '"':
            in_quote = not in_quote
        elif not in_quote and ch == "(":
            depth += 1
        elif not in_quote and ch == ")":
            depth -= 1
            if depth < 0:
                return "a ')' has no matching '('"
    if depth > 0:
        return "a '(' is not closed: add the closing ')'"
    outside = re.sub(r'"[^"]*"', '""', text)
    for m in _FIELD_RE.finditer(outside):
        name = m.group(1)
        if name.lower() not in USER_FIELDS and name.lower() != "tags":
            return f"unknown field '{name}:'; use one of " + ", ".join(f"{f}:" for f in USER_FIELDS)
        rest = outside[m.end() :]
        if not rest or rest[0].isspace() or rest[0] == ")":
            return f"'{name}:' needs a value after the colon, e.g. {name}:word"
    words = outside.split()
    if words and words[-1] in _OPERATORS:
        return f"'{words[-1]}' at the end needs a term after it"
    if words and words[0] in _OPERATORS - {"NOT"}:
        return f"'{words[0]}' at the start needs a term before it"
    for a, b in zip(words, words[1:], strict=False):
        if a in _OPERATORS and b in _OPERATORS - {"NOT"}:
            return f"'{a} {b}': two operators in a row; put a term between them"
    return None


def typing_query(query: str) -> str:
    """Expand the word being typed as a prefix, when it is long enough.

    `kirk` becomes `(kirk OR kirk*)` so results appear before the word is
    finished; a word of one or two letters is searched as it is.
    """
    if not query or query[-1].isspace() or query.count('"') % 2:
        return query
    m = re.search(r"(^|[\s(])([\w][\w'.-]*)$", query)
    if m is None:
        return query
    word = m.group(2)
    if len(word) < MIN_TYPING_PREFIX or word in _OPERATORS or not word[-1].isalnum():
        return query
    return f"{query[: m.start(2)]}({word} OR {word}*)"


class Searcher:
    """Runs queries against an `Index`, keeping one Whoosh searcher open.

    The Whoosh searcher is refreshed only when the index has changed on
    disk. Calls are serialised with a lock so background workers can share
    one `Searcher`.
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        self._lock = threading.Lock()
        self._searcher: Any = None
        self._facet_cache: dict[int, tuple[tuple[str, ...], dict[str, list[str]]]] = {}
        self._facet_column: Any = None
        self._parser: Any = None
        self._corrector: Any = None
        self._corrector_size = 0
        self._highlighter = highlight.Highlighter(
            fragmenter=highlight.PinpointFragmenter(maxchars=200, surround=70, autotrim=True),
            formatter=_SpanFormatter(),
            order=highlight.SCORE,
        )

    def _whoosh(self) -> Any:
        if self._searcher is None:
            self._searcher = self.index.open().searcher()
        elif not self._searcher.up_to_date():
            # Not Searcher.refresh(): in whoosh-reloaded 2.7.5 it keeps
            # segments the new generation merged away and readers whose
            # deletions are stale, so a re-indexed article shows up twice.
            self._searcher.close()
            self._searcher = self.index.open().searcher()
            self._facet_cache.clear()
            self._facet_column = None
        return self._searcher

    def close(self) -> None:
        """Release the Whoosh searcher's files."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
                self._facet_column = None

    def parser(self) -> Any:
        """The query parser: title and body by default, plus tag: and entity fields."""
        if self._parser is None:
            schema = self.index.open().schema
            p = MultifieldParser(["title", "body"], schema)
            p.add_plugin(FuzzyTermPlugin())
            # +/- count only at the start of a word, so "al-Asad" and
            # tag:needs-followup are words, not "al NOT asad".
            p.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![\w+])\+", minusexpr=r"(?<![\w\-])-"))
            p.add_plugin(FieldAliasPlugin({"tags": ["tag"]}))
            self._parser = p
        return self._parser

    def parse(self, query: str, *, as_you_type: bool = False) -> Any:
        """A Whoosh query object, or a `QueryError`."""
        problem = validate(query)
        if problem is not None:
            return QueryError(query, problem)
        text = typing_query(query) if as_you_type else query
        # Entity field values are lower-cased at index time; tag values too.
        try:
            parsed = self.parser().parse(text)
        except Exception as exc:  # whoosh raises assorted errors on odd input
            return QueryError(query, f"cannot read this query ({exc}); check quotes and operators")
        if parsed is wq.NullQuery:
            return QueryError(query, "nothing to search for: only common words or operators")
        return parsed.accept(_anchor_fuzzy).accept(every_article)

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        as_you_type: bool = False,
        snippets: int = 1,
        facets: bool = True,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult | QueryError:
        """Run `query`; returns ranked hits with snippets, facets and a suggestion.

        `cancelled` is polled while documents are collected; once it returns
        True the search stops and a `QueryError` saying so comes back, so a
        stale search gives way to a newer one at once.
        """
        started = time.perf_counter()
        parsed = self.parse(query, as_you_type=as_you_type)
        if isinstance(parsed, QueryError):
            return parsed
        with self._lock:
            s = self._whoosh()
            if as_you_type:
                parsed = self._cap_prefixes(s, parsed)
            parsed = parsed.accept(preload)
            # One search serves both the hits and the facets: facets are
            # counted over the top FACET_SAMPLE, of which the first `limit`
            # are shown.
            depth = max(limit, FACET_SAMPLE if facets else 1, 1)
            try:
                results = _run(s, parsed, depth, limit, cancelled)
            except SearchCancelled:
                return QueryError(query, "search cancelled by a newer one")
            except Exception as exc:
                return QueryError(query, f"search failed ({type(exc).__name__}: {exc})")
            total = len(results)
            sample = [docnum for _, docnum in results.top_n]
            # The highlighter loads character offsets for every document in
            # top_n; only the hits shown need them.
            results.top_n = results.top_n[:limit]
            hits = tuple(
                self._hit(results[i], i + 1, snippets)
                for i in range(min(limit, results.scored_length()))
            )
            facet_counts: dict[str, list[tuple[str, int]]] = {}
            sampled = False
            if facets and total:
                facet_counts = self._facets(s, sample)
                sampled = total > FACET_SAMPLE
            suggestion = None
            if total == 0:
                suggestion = self._suggest(query)
        return SearchResult(
            query=query,
            hits=hits,
            total=total,
            elapsed=time.perf_counter() - started,
            facets=facet_counts,
            facets_sampled=sampled,
            suggestion=suggestion,
        )

    def _hit(self, h: Any, rank: int, count: int) -> SearchHit:
        stored = h.fields()
        body = stored.get("body", "")
        snips: list[Snippet] = []
        if count:
            try:
                frags = self._highlighter.highlight_hit(h, "body", text=body, top=count)
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
            title_frags = self._highlighter.highlight_hit(h, "title", text=title, top=5)
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

    def _facets(self, s: Any, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
        counters: dict[str, Counter[str]] = {"tag": Counter()}
        for label in LABELS:
            counters[field_for(label)] = Counter()
        column = self._facet_column
        if column is None:
            column = self._facet_column = s.reader().column_reader("facets")
        for docnum in docnums:
            cached = self._facet_cache.get(docnum)
            if cached is None:
                cached = column[docnum] or ((), {})
                if len(self._facet_cache) >= FACET_CACHE_SIZE:
                    # Forget the oldest half: the cache stays bounded on a
                    # large corpus, and recent queries' documents stay.
                    for old in list(islice(self._facet_cache, FACET_CACHE_SIZE // 2)):
                        del self._facet_cache[old]
                self._facet_cache[docnum] = cached
            counters["tag"].update(cached[0])
            for label, values in cached[1].items():
                counter = counters.get(field_for(label))
                if counter is not None:
                    counter.update(values)
        return {k: c.most_common(FACET_VALUES) for k, c in counters.items() if c}

    def _cap_prefixes(self, s: Any, q: Any) -> Any:
        """Replace each prefix query by its TYPING_EXPANSION most frequent terms.

        A three-letter prefix of the word being typed can match hundreds of
        terms; scoring them all is what makes a keystroke slow, and the rare
        ones add nothing to results that will change at the next key.
        """
        reader = s.reader()

        def cap(node: Any) -> Any:
            if not isinstance(node, wq.Prefix):
                return node
            terms = list(reader.expand_prefix(node.fieldname, node.text))
            if len(terms) <= TYPING_EXPANSION:
                return node
            freq = reader.doc_frequency
            top = sorted(terms, key=lambda t: -freq(node.fieldname, t))[:TYPING_EXPANSION]
            return wq.Or([wq.Term(node.fieldname, t) for t in top], boost=node.boost)

        return q.accept(cap)

    def _suggest(self, query: str) -> str | None:
        """The query with misspelt words replaced by the likeliest corpus word."""
        words = self.index.spelling_words()
        if not words:
            return None
        if self._corrector is None or self._corrector_size != len(words):
            from whoosh.spelling import ListCorrector

            self._corrector = ListCorrector(sorted(words))
            self._corrector_size = len(words)
        corrector = self._corrector
        changed = False
        tries = 0

        def fix(m: re.Match[str]) -> str:
            nonlocal changed, tries
            word = m.group(0)
            lower = word.lower()
            if word in _OPERATORS or lower in words or not worth_correcting(word, tries):
                return word
            tries += 1
            for maxdist in (1, 2):
                cands = {sug for _, sug in corrector._suggestions(lower, maxdist, 0)}
                if cands:
                    # A word cut short (`kirk`) or mistyped past its first
                    # letter is likelier than a frequent word that merely
                    # lies as close (`air`): completions first, then words
                    # with the same first letter, then the most frequent.
                    best = max(
                        cands,
                        key=lambda c: (
                            c.startswith(lower),
                            c[:1] == lower[:1],
                            words.get(c, 0),
                            c,
                        ),
                    )
                    changed = True
                    return best
            return word

        fixed = _WORD_RE.sub(fix, query)
        return fixed if changed and fixed != query else None

    def article_ids(self, query: str) -> list[str] | QueryError:
        """Every article matching `query`, best first, for bulk tagging and
        export: no snippets, titles or facets, and no cap on the count."""
        parsed = self.parse(query)
        if isinstance(parsed, QueryError):
            return parsed
        with self._lock:
            s = self._whoosh()
            try:
                results = _run(s, parsed.accept(preload), max(1, s.doc_count_all()), 0)
            except Exception as exc:
                return QueryError(query, f"search failed ({type(exc).__name__}: {exc})")
            reader = s.reader()
            return [reader.stored_fields(docnum)["id"] for _, docnum in results.top_n]

    def hit_offsets(self, article_id: str, query: str) -> list[tuple[int, int]]:
        """Where `query` matches inside one article: sorted (start, end) offsets.

        Offsets index into the article text, for the article view's `n`/`N`.
        A query that does not parse or does not match gives no offsets.
        """
        parsed = self.parse(query)
        if isinstance(parsed, QueryError):
            return []
        with self._lock:
            s = self._whoosh()
            restricted = wq.And([parsed, wq.Term("id", article_id)])
            try:
                results = s.search(restricted, limit=1, terms=True)
            except Exception:
                return []
            if not len(results):
                return []
            hit = results[0]
            docnum = hit.docnum
            out: set[tuple[int, int]] = set()
            for fieldname, btext in hit.matched_terms():
                if fieldname != "body":
                    continue
                try:
                    m = s.postings("body", btext)
                    m.skip_to(docnum)
                    if m.is_active() and m.id() == docnum:
                        for _pos, start, end in m.value_as("characters"):
                            out.add((start, end))
                except Exception:
                    continue
        return sorted(out)

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag used in the corpus with its article count, most used first."""
        with self._lock:
            s = self._whoosh()
            reader = s.reader()
            if "tags" not in s.schema:
                return []
            pairs = [
                (
                    term.decode("utf-8") if isinstance(term, bytes) else term,
                    reader.doc_frequency("tags", term),
                )
                for term in reader.lexicon("tags")
            ]
        return sorted(pairs, key=lambda p: (-p[1], p[0]))
