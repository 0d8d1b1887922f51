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
(`_tree_sums`), so scores are identical to the bit; tests/index/test_scored.py
compares rankings, totals, snippets and facets with Whoosh's collector.

Only slop 1 (the words adjacent, in order: what a quoted phrase means) on
a field with positions is scored here; anything else is Whoosh's.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import partial
from typing import Any

from glossator.index.whoosh.speedups.gather import gather
from glossator.index.whoosh.speedups.pair_tables import pairs_for
from glossator.index.whoosh.speedups.postings import (
    Leaves,
    NotScorable,
    Scores,
    segment_norms,
    term_scores,
    term_values,
)
from glossator.index.whoosh.speedups.summed import norms_as_array

#: A two-word phrase answered by a pair table in this many documents or
#: more is scored with numpy (imported then): the words' frequencies picked
#: from their whole lists at once, where `term_scores` would loop over them.
ARRAY_PAIRS = 2_000


def supported(q: Any, schema: Any) -> bool:
    """Whether `phrase_scores` scores the phrase query `q`."""
    name = q.fieldname
    if name not in schema or q.slop != 1 or q.boost != 1.0 or not q.words:
        return False
    field = schema[name]
    return bool(field.scorable and field.format and field.format.supports("positions"))


def _tree_sums(parts: list[Scores], docnums: list[int]) -> list[float]:
    """Each document's sum of `parts` as Whoosh's `make_binary_tree` of
    intersection matchers adds them: the first half's sum plus the second
    half's (the same additions, made a column at a time)."""
    if len(parts) == 1:
        part = parts[0]
        return [part[d] for d in docnums]
    half = len(parts) // 2
    left, right = _tree_sums(parts[:half], docnums), _tree_sums(parts[half:], docnums)
    return [a + b for a, b in zip(left, right, strict=True)]


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
        if exact and len(found) >= ARRAY_PAIRS:
            summed = _pair_scores(sub, top, fieldname, words, found)
            if summed is not None:
                for word in words:
                    leaves.append(((fieldname, word), summed))
                return summed
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
    out = dict(zip(matched, _tree_sums([scores[word] for word in words], matched), strict=True))
    for word in words:
        leaves.append(((fieldname, word), out))
    return out


def _pair_scores(
    sub: Any, top: Any, fieldname: str, words: list[bytes], found: list[int]
) -> Scores | None:
    """The scores of a two-word phrase matched in the sorted `found`
    documents (its pair's list), computed as arrays: each word's
    frequencies in those documents picked out of its whole posting list
    (`gather`, ids and weights only), then `term_scores`'s expression and
    Whoosh's sum, the same doubles. None when a word's list lacks one of
    the documents (a table that does not match the postings)."""
    import numpy as np

    reader = sub.reader()
    norm_array = norms_as_array(top, sub, fieldname, segment_norms(sub, top, fieldname))
    docnums = np.asarray(found, dtype=np.int64)
    if reader.has_deletions():
        gone = np.array(sorted(reader.deleted_docs_set), dtype=np.int64)
        docnums = docnums[~np.isin(docnums, gone)]
    if not len(docnums):
        return {}
    k1p1 = top.weighting.K1 + 1
    norms = norm_array[docnums]
    parts = {}
    for word in dict.fromkeys(words):
        info = reader._terms.term_info(fieldname, word)
        ids, tfs, _lengths = gather(np, reader, fieldname, [(word, info)])
        at = np.searchsorted(ids, docnums)
        if (at >= len(ids)).any() or (ids[at] != docnums).any():
            return None
        tf = tfs[at]
        parts[word] = top.idf(fieldname, word) * ((tf * k1p1) / (tf + norms))
    first, second = (parts[word] for word in words)
    return dict(zip(docnums.tolist(), (first + second).tolist(), strict=True))


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
