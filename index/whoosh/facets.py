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
once, as numbers, into one flat numpy array with a start and a length per
document. A query gathers its hits' numbers into one array, in hit order,
and counts them with numpy: per group its count and the position it is
first met at, which orders ties as counting the strings did (the order the
values are first met in the hits), and per facet the FACET_VALUES largest.
Only the few names written more than one way among those go back to
Python, to pick the spelling shown. A thousand hits of 30 values each were
counted in Python at some 5 ms a search; tests/index/test_facets.py
compares the counts with the strings' on every corpus.
"""

from __future__ import annotations

from array import array
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


class FacetCounts:
    """The facet values of one Whoosh reader's documents, read from its
    `facets` column on first use and kept as numbered values."""

    def __init__(self, reader: Any) -> None:
        import numpy as np

        self._np: Any = np
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
        #: Per document its values' start in `_flat` (-1: not read yet) and count.
        self._starts: Any = np.full(0, -1, dtype=np.int64)
        self._lens: Any = np.zeros(0, dtype=np.int64)
        self._flat: Any = np.zeros(1024, dtype=np.int32)
        self._used = 0
        self._kept = 0
        #: `_group_of` and `_group_kind` as numpy arrays, copied when they grow.
        self._group_array: Any = np.zeros(0, dtype=np.int32)
        self._kinds_array: Any = np.zeros(0, dtype=np.int8)

    def _numbered(self, kind: str, found: Any) -> list[int]:
        """The numbers of `found`, values of facet `kind`."""
        table = self._numbers.get(kind)
        if table is None:
            table = self._numbers[kind] = {}
        try:
            return list(map(table.__getitem__, found))
        except KeyError:
            pass
        out = []
        for value in found:
            number = table.get(value)
            if number is None:
                number = table[value] = len(self._values)
                self._values.append((kind, value))
                self._group_of.append(self._group(kind, value, number))
            out.append(number)
        return out

    def _group(self, kind: str, value: Any, number: int) -> int:
        """The group of value `number` of facet `kind`: a tag or an event
        type is its own, a name's spellings share one."""
        if kind in _PLAIN:
            key: tuple[Any, ...] = (number,)
        else:
            key = name_key(value) if isinstance(value, str) else (value,)
        group = self._groups.get((kind, key))
        if group is None:
            group = self._groups[(kind, key)] = len(self._group_kind)
            self._group_kind.append(self._kind_index[kind])
            self._group_value.append(number)
            self._group_size.append(0)
        self._group_size[group] += 1
        return group

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

    def _keep(self, docs: Any) -> None:
        """Read the values of the documents of `docs` not read yet."""
        np = self._np
        top = int(docs.max()) + 1
        if top > len(self._starts):
            size = max(top, 2 * len(self._starts))
            grown = np.full(size, -1, dtype=np.int64)
            grown[: len(self._starts)] = self._starts
            self._starts = grown
            self._lens = np.resize(self._lens, size)
        missing = docs[self._starts[docs] < 0]
        if not len(missing):
            return
        if self._kept + len(missing) > FACET_CACHE_SIZE:
            # Forget them all: the memory stays bounded on a large corpus,
            # and this query's documents are read again below.
            self._starts[:] = -1
            self._used = self._kept = 0
            missing = docs
        numbers: list[int] = []
        starts = self._starts
        lens = self._lens
        base = self._used
        for docnum in missing.tolist():
            if starts[docnum] >= 0:  # a document listed twice
                continue
            found = self._read(docnum)
            starts[docnum] = base + len(numbers)
            lens[docnum] = len(found)
            numbers.extend(found)
            self._kept += 1
        end = base + len(numbers)
        if end > len(self._flat):
            self._flat = np.resize(self._flat, max(end, 2 * len(self._flat)))
        self._flat[base:end] = numbers
        self._used = end
        if len(self._group_array) != len(self._group_of):
            self._group_array = np.array(self._group_of, dtype=np.int32)
            self._kinds_array = np.array(self._group_kind, dtype=np.int8)

    def count(self, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
        """The FACET_VALUES most frequent values of each facet over
        `docnums`, ties in the order the values first occur in them."""
        if not docnums:
            return {}
        np = self._np
        docs = np.fromiter(docnums, dtype=np.int64, count=len(docnums))
        self._keep(docs)
        lens = self._lens[docs]
        total = int(lens.sum())
        if not total:
            return {}
        # The hits' numbers end to end, in hit order, as one array.
        shift = self._starts[docs] - (np.cumsum(lens) - lens)
        numbers = self._flat[np.arange(total) + np.repeat(shift, lens)]
        groups = self._group_array[numbers]
        size = len(self._group_kind)
        counts = np.bincount(groups, minlength=size)
        first = np.full(size, total, dtype=np.int64)
        np.minimum.at(first, groups, np.arange(total))
        met = np.flatnonzero(counts)
        kinds = self._kinds_array[met]
        order = np.lexsort((first[met], -counts[met], kinds))
        ranked, ranked_kinds = met[order], kinds[order]
        bounds = np.searchsorted(ranked_kinds, np.arange(len(KINDS) + 1))
        top: list[tuple[int, list[int]]] = []
        for k in range(len(KINDS)):
            lo, hi = int(bounds[k]), int(bounds[k + 1])
            if hi > lo:
                top.append((k, ranked[lo : min(hi, lo + FACET_VALUES)].tolist()))
        shown = self._spellings(numbers, groups, [g for _k, gs in top for g in gs])
        return {KINDS[k]: [(shown[g], int(counts[g])) for g in gs] for k, gs in top}

    def _spellings(self, numbers: Any, groups: Any, chosen: list[int]) -> dict[int, str]:
        """The spelling each group of `chosen` is shown under: its one
        value, or of the values met in the hits the one `shown_spelling`
        picks (given in the order first met, with their counts)."""
        values = self._values
        sizes = self._group_size
        shown = {g: values[self._group_value[g]][1] for g in chosen if sizes[g] == 1}
        several = [g for g in chosen if sizes[g] > 1]
        if several:
            np = self._np
            wanted = np.zeros(len(sizes), dtype=bool)
            wanted[several] = True
            at = np.flatnonzero(wanted[groups])
            met: dict[int, dict[int, int]] = {g: {} for g in several}
            for g, number in zip(groups[at].tolist(), numbers[at].tolist(), strict=True):
                seen = met[g]
                seen[number] = seen.get(number, 0) + 1
            for g, seen in met.items():
                shown[g] = shown_spelling([(values[n][1], c) for n, c in seen.items()])
        return shown
