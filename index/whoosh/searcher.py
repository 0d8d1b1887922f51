"""Search a Whoosh index: parse a query, rank hits, cut snippets, count facets.

`WhooshSearcher` is the Whoosh implementation of `engine.Searcher`. Every
public call returns values, never Whoosh objects, and a query that does
not parse comes back as a `QueryError` value instead of an exception, so the
app can show it inline and the CLI can print it on one line.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from whoosh import query as wq
from whoosh.qparser import (
    FieldAliasPlugin,
    FuzzyTermPlugin,
    MultifieldParser,
    PlusMinusPlugin,
)
from whoosh.reading import ReaderClosed

from glossator.index.engine import ArticleText, QueryError, SearchCancelled, SearchResult
from glossator.index.query import typed_word, typing_query, validate
from glossator.index.spelling import SortedWords
from glossator.index.whoosh.collect import anchor_fuzzy, every_article, run
from glossator.index.whoosh.dates import ArticleDatePlugin
from glossator.index.whoosh.facets import FacetCounts
from glossator.index.whoosh.hits import BodyTexts, make_highlighter, make_hit
from glossator.index.whoosh.negation import exclusions
from glossator.index.whoosh.speedups.multiterm import prefix_frequencies, preload
from glossator.index.whoosh.speedups.postings import NotScorable
from glossator.index.whoosh.suggest import Suggester
from glossator.index.whoosh.typing_words import TypingWords

#: Facets are counted over at most this many top hits.
FACET_SAMPLE = 1000
#: In search-as-you-type, a prefix expands to at most this many terms.
TYPING_EXPANSION = 32


#: The fields analysed with the body's stemmer (`schema.make_schema`).
_STEMMED = frozenset({"title", "body"})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector for the length of a search.

    A short prefix at 100,000 articles makes thousands of containers (term
    infos, matched-term lists, pairs), enough to set off collections of the
    older generations, which walk every object the searcher keeps (readers,
    caches, the memo): 50-200 ms landing inside one query in three. The
    search's own garbage is freed by reference counting; whatever is left
    is collected at the next threshold once the search is over.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class WhooshSearcher:
    """Runs queries against a Whoosh index, keeping one Whoosh searcher open.

    `opener()` gives the `FileIndex` (creating it when missing); `words`
    the corpus words for suggestions and typing completions; `text(id, sha256)` the article text
    snippets are cut from; `fast` is False when the speed-ups
    are off (another Whoosh version) and every query takes the stock path.
    The Whoosh searcher is reopened only when the index has changed on
    disk. Calls are serialised with a lock so background workers can share
    one searcher.
    """

    def __init__(
        self,
        opener: Callable[[], Any],
        words: SortedWords,
        text: ArticleText,
        *,
        fast: bool,
    ) -> None:
        self._opener = opener
        self._texts = BodyTexts(text)
        self.fast = fast
        self._lock = threading.Lock()
        self._searcher: Any = None
        self._facet_counts: FacetCounts | None = None
        self._parser: Any = None
        self._suggester = Suggester(words)
        self._typing = TypingWords(words)
        self._highlighter = make_highlighter(fast)

    def _whoosh(self) -> Any:
        if self._searcher is None:
            self._searcher = self._opener().searcher()
        elif not self._searcher.up_to_date():
            # Not Searcher.refresh(): in whoosh-reloaded 2.7.5 it keeps
            # segments the new generation merged away and readers whose
            # deletions are stale, so a re-indexed article shows up twice.
            self._searcher.close()
            self._searcher = self._opener().searcher()
            self._facet_counts = None
        return self._searcher

    def close(self) -> None:
        """Release the Whoosh searcher's files."""
        with self._lock:
            if self._searcher is not None:
                try:
                    self._searcher.close()
                except ReaderClosed:  # its files were released already: nothing to do
                    pass
                self._searcher = None
                self._facet_counts = None

    def parser(self) -> Any:
        """The query parser: title and body by default, plus tag: and entity fields."""
        if self._parser is None:
            schema = self._opener().schema
            p = MultifieldParser(["title", "body"], schema)
            p.add_plugin(FuzzyTermPlugin())
            # +/- count only at the start of a word, so "al-Asad" and
            # tag:needs-followup are words, not "al NOT asad".
            p.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![\w+])\+", minusexpr=r"(?<![\w\-])-"))
            p.add_plugin(FieldAliasPlugin({"tags": ["tag"]}))
            p.add_plugin(ArticleDatePlugin())
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
            return QueryError(
                query, "nothing to search for: only common words or operators", empty=True
            )
        return parsed.accept(anchor_fuzzy).accept(every_article).accept(exclusions)

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
        with self._lock, _collector_paused():
            s = self._whoosh()
            if as_you_type:
                parsed = self._cap_prefixes(s, parsed, typed_word(query))
            if self.fast:
                parsed = parsed.accept(preload)
            # One search serves both the hits and the facets: facets are
            # counted over the top FACET_SAMPLE, of which the first `limit`
            # are shown.
            depth = max(limit, FACET_SAMPLE if facets else 1, 1)
            try:
                results = run(s, parsed, depth, limit, cancelled, fast=self.fast)
            except SearchCancelled:
                return QueryError(query, "search cancelled by a newer one")
            except Exception as exc:
                return QueryError(
                    query, f"search failed ({type(exc).__name__}: {exc})", failed=True
                )
            total = len(results)
            sample = [docnum for _, docnum in results.top_n]
            # The highlighter loads character offsets for every document in
            # top_n; only the hits shown need them.
            results.top_n = results.top_n[:limit]
            hits = tuple(
                make_hit(self._highlighter, results[i], i + 1, snippets, self._texts)
                for i in range(min(limit, results.scored_length()))
            )
            facet_counts: dict[str, list[tuple[str, int]]] = {}
            sampled = False
            if facets and total:
                if self._facet_counts is None:
                    self._facet_counts = FacetCounts(s.reader())
                facet_counts = self._facet_counts.count(sample)
                sampled = total > FACET_SAMPLE
            suggestion = None
            if total == 0:
                suggestion = self._suggester.suggest(query)
        return SearchResult(
            query=query,
            hits=hits,
            total=total,
            elapsed=time.perf_counter() - started,
            facets=facet_counts,
            facets_sampled=sampled,
            suggestion=suggestion,
        )

    def _cap_prefixes(self, s: Any, q: Any, typed: str | None = None) -> Any:
        """Replace each prefix query by its TYPING_EXPANSION most frequent terms.

        A three-letter prefix of the word being typed can match hundreds of
        terms; scoring them all is what makes a keystroke slow, and the rare
        ones add nothing to results that will change at the next key. The
        typed word's own prefix in the text fields becomes the stems of the
        corpus words it begins (`typing_words`), not every stem its stem begins.
        """
        reader = s.reader()
        completions = None
        if typed is not None:
            completions = self._typing.stems(typed, TYPING_EXPANSION)
            stem = self._typing.stem(typed.lower())

        def cap(node: Any) -> Any:
            if not isinstance(node, wq.Prefix):
                return node
            field = node.fieldname
            if completions and field in _STEMMED and node.text == stem:
                return wq.Or([wq.Term(field, t) for t in completions], boost=node.boost)
            if self.fast and field in s.schema:
                # The memoised term-table walk gives every term's frequency
                # at once: the next keystrokes of the word reuse it.
                try:
                    counts = prefix_frequencies(s, field, node.text)
                except NotScorable:
                    counts = None
                if counts is not None:
                    if len(counts) <= TYPING_EXPANSION:
                        return node
                    top = sorted(counts, key=lambda t: -counts[t])[:TYPING_EXPANSION]
                    return wq.Or([wq.Term(field, t) for t in top], boost=node.boost)
            terms = list(reader.expand_prefix(field, node.text))
            if len(terms) <= TYPING_EXPANSION:
                return node
            freq = reader.doc_frequency
            top = sorted(terms, key=lambda t: -freq(field, t))[:TYPING_EXPANSION]
            return wq.Or([wq.Term(field, t) for t in top], boost=node.boost)

        return q.accept(cap)

    def article_ids(self, query: str) -> list[str] | QueryError:
        """Every article matching `query`, best first, for bulk tagging and
        export: no snippets, titles or facets, and no cap on the count."""
        parsed = self.parse(query)
        if isinstance(parsed, QueryError):
            return parsed
        with self._lock:
            s = self._whoosh()
            try:
                if self.fast:
                    parsed = parsed.accept(preload)
                results = run(s, parsed, max(1, s.doc_count_all()), 0, fast=self.fast)
            except Exception as exc:
                return QueryError(
                    query, f"search failed ({type(exc).__name__}: {exc})", failed=True
                )
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
