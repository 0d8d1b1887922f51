"""Facet counts over the top hits, from each document's stored facet values.

A search counts tags, event types and the names of each entity label
over its top thousand hits. Read from the stored column, a document's
values are a pickled tuple of strings, lists and a dictionary; kept like
that for the next queries, 20,000 documents were some 80,000 lists and
dictionaries that Python's cyclic collector walked again and again
(collections of 75-250 ms landing inside a query at 100,000 articles).

Here each distinct (facet, value) gets a number the first time it is
seen, and each name (its spellings a search does not tell apart,
`facet_names.name_key`) a group number; a document's values are read
once, as numbers, into one flat array with a start and a length per
document. A query gathers its hits' numbers, in hit order, and counts per
group how often it occurs and where it is first met, which orders ties as
counting the strings did (the order the values are first met in the
hits); per facet the FACET_VALUES largest are kept, and only the names
written more than one way among them are looked at again, to pick the
spelling shown (`facet_names.shown_spelling`).

With numpy (once a search has imported it: a large prefix or fuzzy
expansion does) the counting is a gather, a `bincount` and a sort: a
thousand BBC hits of some 30 values each took 5.2 ms counted per hit in
Python, 1.2 ms so. Until then it is counted in Python, as importing numpy
costs a first search more than its facets do. tests/index/test_facets.py
compares both ways with the strings' counts on every corpus.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from heapq import nlargest
from operator import itemgetter
from typing import Any

from glossator.index.labels import LABELS, field_for
from glossator.index.whoosh.facet_names import name_key, shown_spelling

FACET_VALUES = 12
#: Documents whose facet values are kept in memory between queries (when
#: a query would pass it, the kept ones are forgotten and read again).
FACET_CACHE_SIZE = 100_000
#: The facets counted, in the order a result lists them.
KINDS: tuple[str, ...] = ("tag", "event", *(field_for(label) for label in LABELS))
_PLAIN = frozenset({"tag", "event"})


def _numpy() -> Any:
    """numpy, when something has imported it already; else None."""
    return sys.modules.get("numpy")


class FacetCounts:
    """The facet values of one Whoosh reader's documents, read from its
    `facets` column on first use and kept as numbered values."""

    def __init__(self, reader: Any) -> None:
        self._column = reader.column_reader("facets")
        #: Each facet's value -> its number.
        self._numbers: dict[str, dict[str, int]] = {}
        #: Number -> (facet, value), and the group (the name) it belongs to.
        self._values: list[tuple[str, str]] = []
        self._group_of = array("i")
        #: (facet, name_key) -> group; per group its facet's place in KINDS,
        #: its first value and how many values (spellings) it has.
        self._groups: dict[tuple[str, tuple[Any, ...]], int] = {}
        self._group_kind = array("b")
        self._group_value = array("i")
        self._group_size = array("i")
        self._kind_index = {kind: i for i, kind in enumerate(KINDS)}
        #: Per document its values' start in `_flat` (-1: not read yet) and
        #: count; plain arrays, which numpy reads without copying.
        self._starts = array("q")
        self._lens = array("q")
        self._flat = array("i")
        self._kept = 0

    def _numbered(self, kind: str, found: Any) -> list[int]:
        """The numbers of `found`, values of facet `kind`."""
        table = self._numbers.get(kind)
        if table is None:
            table = self._numbers[kind] = {}
        try:
            return list(map(table.__getitem__, found))
        except KeyError:
            pass
        # A value met for the first time gets a number and a group: a tag or
        # an event type a group of its own, a name's spellings one together
        # (the first value's facet, and how many values it has, kept).
        values, group_of, groups = self._values, self._group_of, self._groups
        kinds, firsts, sizes = self._group_kind, self._group_value, self._group_size
        plain = kind in _PLAIN
        out = []
        for value in found:
            number = table.get(value)
            if number is None:
                number = table[value] = len(values)
                values.append((kind, value))
                group = None
                if not plain:
                    key = (kind, name_key(value) if isinstance(value, str) else (value,))
                    group = groups.get(key)
                    if group is None:
                        groups[key] = len(kinds)
                if group is None:
                    group = len(kinds)
                    kinds.append(self._kind_index[kind])
                    firsts.append(number)
                    sizes.append(1)
                else:
                    sizes[group] += 1
                group_of.append(group)
            out.append(number)
        return out

    def _read(self, docnum: int) -> list[int]:
        """One document's values as numbers: its tags, its event types,
        then each label's names (each name once however spelt, the first
        spelling met), in the order they are stored."""
        stored: tuple[Any, ...] = self._column[docnum] or ((), {})
        out = self._numbered("tag", stored[0])
        if len(stored) > 2:
            out += self._numbered("event", stored[2])
        kinds = self._kind_index
        groups = self._group_of
        for label, found in stored[1].items():
            kind = field_for(label)
            if kind not in kinds:
                continue
            numbers = self._numbered(kind, found)
            if len(numbers) > 1 and len({groups[n] for n in numbers}) < len(numbers):
                firsts: dict[int, int] = {}
                for n in numbers:
                    firsts.setdefault(groups[n], n)
                numbers = list(firsts.values())
            out += numbers
        return out

    def _keep(self, docnums: list[int]) -> None:
        """Read the values of the documents of `docnums` not read yet."""
        starts = self._starts
        top = max(docnums) + 1
        if top > len(starts):
            grow = max(top, 2 * len(starts)) - len(starts)
            starts.extend(array("q", [-1]) * grow)
            self._lens.extend(array("q", [0]) * grow)
        missing = [docnum for docnum in docnums if starts[docnum] < 0]
        if not missing:
            return
        if self._kept + len(missing) > FACET_CACHE_SIZE:
            # Forget them all: the memory stays bounded on a large corpus,
            # and this query's documents are read again below.
            starts[:] = array("q", [-1]) * len(starts)
            del self._flat[:]
            self._kept = 0
            missing = docnums
        flat = self._flat
        lens = self._lens
        for docnum in missing:
            if starts[docnum] >= 0:  # a document listed twice
                continue
            found = self._read(docnum)
            starts[docnum] = len(flat)
            lens[docnum] = len(found)
            flat.extend(found)
            self._kept += 1

    def count(self, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
        """The FACET_VALUES most frequent values of each facet over
        `docnums`, ties in the order the values first occur in them.

        Counted with numpy once a search has imported it (a large prefix
        or fuzzy expansion does), else in Python: importing numpy costs a
        first search more than counting its facets in Python does."""
        if not docnums:
            return {}
        self._keep(docnums)
        np = _numpy()
        if np is None:
            return self._count_listed(docnums)
        return self._count_arrays(np, docnums)

    def _count_listed(self, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
        """`count` in Python: the hits' numbers end to end, counted in the
        order first met, summed per group in that order."""
        flat, starts, lens = self._flat, self._starts, self._lens
        numbers: list[int] = []
        for docnum in docnums:
            start = starts[docnum]
            numbers.extend(flat[start : start + lens[docnum]])
        group_of, sizes = self._group_of, self._group_size
        per_group: dict[int, int] = {}
        met: dict[int, dict[int, int]] = {}
        for number, n in Counter(numbers).items():
            g = group_of[number]
            per_group[g] = per_group.get(g, 0) + n
            if sizes[g] > 1:
                met.setdefault(g, {})[number] = n
        per_kind: dict[int, list[tuple[int, int]]] = {}
        kinds = self._group_kind
        for g, n in per_group.items():
            per_kind.setdefault(kinds[g], []).append((g, n))
        top = [
            (k, [g for g, _n in nlargest(FACET_VALUES, per_kind[k], key=itemgetter(1))])
            for k in range(len(KINDS))
            if k in per_kind
        ]
        shown = self._shown([g for _k, gs in top for g in gs], met)
        return {KINDS[k]: [(shown[g], per_group[g]) for g in gs] for k, gs in top}

    def _count_arrays(self, np: Any, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
        """`count` with numpy: per group its count and the position it is
        first met at, ranked per facet by count, then that position."""
        docs = np.fromiter(docnums, dtype=np.int64, count=len(docnums))
        lens = np.frombuffer(self._lens, dtype=np.int64)[docs]
        total = int(lens.sum())
        if not total:
            return {}
        # The hits' numbers end to end, in hit order, as one array.
        shift = np.frombuffer(self._starts, dtype=np.int64)[docs] - (np.cumsum(lens) - lens)
        at = np.arange(total) + np.repeat(shift, lens)
        numbers = np.frombuffer(self._flat, dtype=np.int32)[at]
        groups = np.frombuffer(self._group_of, dtype=np.int32)[numbers]
        size = len(self._group_kind)
        counts = np.bincount(groups, minlength=size)
        first = np.full(size, total, dtype=np.int64)
        np.minimum.at(first, groups, np.arange(total))
        found = np.flatnonzero(counts)
        kinds = np.frombuffer(self._group_kind, dtype=np.int8)[found]
        order = np.lexsort((first[found], -counts[found], kinds))
        ranked, ranked_kinds = found[order], kinds[order]
        bounds = np.searchsorted(ranked_kinds, np.arange(len(KINDS) + 1)).tolist()
        top: list[tuple[int, list[int]]] = []
        for k in range(len(KINDS)):
            lo, hi = bounds[k], bounds[k + 1]
            if hi > lo:
                top.append((k, ranked[lo : min(hi, lo + FACET_VALUES)].tolist()))
        chosen = [g for _k, gs in top for g in gs]
        several = [g for g in chosen if self._group_size[g] > 1]
        met: dict[int, dict[int, int]] = {g: {} for g in several}
        if several:
            # The values met of the names written more than one way, in hit order.
            wanted = np.zeros(size, dtype=bool)
            wanted[several] = True
            where = np.flatnonzero(wanted[groups])
            for g, number in zip(groups[where].tolist(), numbers[where].tolist(), strict=True):
                seen = met[g]
                seen[number] = seen.get(number, 0) + 1
        shown = self._shown(chosen, met)
        return {KINDS[k]: [(shown[g], int(counts[g])) for g in gs] for k, gs in top}

    def _shown(self, chosen: list[int], met: dict[int, dict[int, int]]) -> dict[int, str]:
        """The spelling each group of `chosen` is shown under: its one value,
        or `shown_spelling` of the values `met` gives it (value number ->
        count, in the order first met)."""
        values = self._values
        shown = {}
        for g in chosen:
            seen = met.get(g)
            if seen is None:
                shown[g] = values[self._group_value[g]][1]
            else:
                shown[g] = shown_spelling([(values[n][1], c) for n, c in seen.items()])
        return shown
