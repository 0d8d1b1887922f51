"""Phrase queries scored from posting blocks, positions read only where they can match.

Whoosh matches `"last year"` with a `SpanNear2` matcher over an
intersection of the words' term matchers: for every document holding all
the words it decodes each word's characters (start, end and position of
every occurrence) into `Span` objects and joins them, and only then scores
the document. On the 100,000-article corpus two common words share tens of
thousands of articles and a phrase took over half a second.

`phrase_scores` gives the same answer in three steps: the words' BM25F
scores (`postings.term_scores`, the rarest word first, each later word
scored only where the earlier ones occur, as an AND is), then the words'
positions read for those documents alone (`postings.term_values`, only
the posting blocks that hold them, positions without characters), then the
phrase test. Whoosh's score of a phrase match is the sum of its words' term
scores, added in the order of its binary tree of intersections
(`_tree_sum`), so scores are identical to the bit; tests/index/test_scored.py
compares rankings, totals, snippets and facets with Whoosh's collector.

Only slop 1 (the words adjacent, in order: what a quoted phrase means) on
a field with positions is scored here; anything else is Whoosh's.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import partial
from typing import Any

from glossator.index.whoosh.speedups.pair_tables import pairs_for
from glossator.index.whoosh.speedups.postings import (
    Leaves,
    NotScorable,
    Scores,
    term_scores,
    term_values,
)


def supported(q: Any, schema: Any) -> bool:
    """Whether `phrase_scores` scores the phrase query `q`."""
    name = q.fieldname
    if name not in schema or q.slop != 1 or q.boost != 1.0 or not q.words:
        return False
    field = schema[name]
    return bool(field.scorable and field.format and field.format.supports("positions"))


def _tree_sum(values: list[float]) -> float:
    """The sum Whoosh's `make_binary_tree` of intersection matchers gives:
    the first half's sum plus the second half's."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return _tree_sum(values[:half]) + _tree_sum(values[half:])


def phrase_scores(
    sub: Any, top: Any, q: Any, leaves: Leaves, within: Collection[int] | None = None
) -> Scores:
    """Scores of one segment's documents where phrase `q` occurs (only those
    in `within`, when given); each word goes to `leaves` with the documents
    the phrase matched, as Whoosh's matcher reports them."""
    fieldname = q.fieldname
    field = top.schema[fieldname]
    reader = sub.reader()
    try:
        words = [field.to_bytes(word) for word in q.words]
    except ValueError:
        return {}
    distinct = list(dict.fromkeys(words))
    if any((fieldname, word) not in reader for word in distinct):
        return {}
    # Rarest first: each later word is scored only where all earlier ones are.
    order = sorted(distinct, key=lambda word: reader.doc_frequency(fieldname, word))
    tested = len(words) > 1
    paired = _paired(reader, fieldname, words, distinct)
    if paired is not None:
        # The documents where each pair of frequent words stands side by
        # side: for two words, the phrase's matches, with no positions read.
        found, exact = paired
        if within is not None:
            found = [d for d in found if d in within]
        if not found:
            return {}
        within = set(found)
        tested = not exact
    scores: dict[bytes, Scores] = {}
    for word in order:
        part = term_scores(sub, top, fieldname, word, within)
        if not part:
            return {}
        scores[word] = part
        within = part.keys()
    candidates = sorted(scores[order[-1]])
    if not tested:
        matched = candidates
    else:
        matched = _adjacent(reader, fieldname, words, distinct, candidates)
    out = {d: _tree_sum([scores[word][d] for word in words]) for d in matched}
    for word in words:
        leaves.append(((fieldname, word), out))
    return out


def _paired(
    reader: Any, fieldname: str, words: list[bytes], distinct: list[bytes]
) -> tuple[list[int], bool] | None:
    """From the segment's pair table (`pair_tables`): the sorted documents
    where every adjacent pair of `words` that the table holds occurs, and
    whether that is the phrase's answer (every pair held, and only one);
    None when the table holds none of the pairs or does not read back."""
    table = pairs_for(reader) if len(words) > 1 else None
    if table is None:
        return None
    frequency = partial(reader.doc_frequency, fieldname)
    held = {word for word in distinct if table.covers(fieldname, [word], frequency)}
    pairs = [(a, b) for a, b in zip(words, words[1:], strict=False) if a in held and b in held]
    if not pairs:
        return None
    found: list[int] | None = None
    for first, second in pairs:
        docnums = table.documents(fieldname, first, second)
        if docnums is None:
            return None
        if found is None:
            found = docnums
        else:
            keep = set(docnums)
            found = [d for d in found if d in keep]
    assert found is not None
    return found, len(words) == 2


def _adjacent(
    reader: Any, fieldname: str, words: list[bytes], distinct: list[bytes], docnums: list[int]
) -> list[int]:
    """Those of the sorted `docnums` where `words` occur at consecutive positions."""
    decode = reader.schema[fieldname].format.decoder("positions")
    try:
        values = {word: term_values(reader, fieldname, word, docnums) for word in distinct}
    except NotScorable:
        return [d for d in docnums if _matches_by_matcher(reader, fieldname, words, d)]
    first = values[words[0]]
    rest = [(i, values[word]) for i, word in enumerate(words) if i]
    matched = []
    for d in docnums:
        starts = set(decode(first[d]))
        for i, found in rest:
            starts.intersection_update(p - i for p in decode(found[d]))
            if not starts:
                break
        else:
            matched.append(d)
    return matched


def _matches_by_matcher(reader: Any, fieldname: str, words: list[bytes], docnum: int) -> bool:
    """The phrase test for one document through Whoosh's posting matchers
    (a segment whose values `term_values` does not read)."""
    starts: set[int] | None = None
    for i, word in enumerate(words):
        m = reader.postings(fieldname, word)
        m.skip_to(docnum)
        if not m.is_active() or m.id() != docnum:
            return False
        shifted = {p - i for p in m.value_as("positions")}
        starts = shifted if starts is None else starts & shifted
        if not starts:
            return False
    return True
