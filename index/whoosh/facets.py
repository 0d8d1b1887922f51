"""Facet counts over the top hits, from each document's stored facet values.

A search counts tags, event types and the names of each entity label
over its top thousand hits. Read from the stored column, a document's
values are a pickled tuple of strings, lists and a dictionary; kept like
that for the next queries, 20,000 documents were some 80,000 lists and
dictionaries that Python's cyclic collector walked again and again
(collections of 75-250 ms landing inside a query at 100,000 articles), and
counting meant extending a list of strings per label and document.

Here each distinct (facet, value) gets a number the first time it is
seen, and a document's values are kept as one tuple of those numbers
(which the collector stops tracking). A query concatenates its hits'
tuples and counts the numbers once; the counts per facet come out in the
order the values are first met, as counting the strings gave them, so
ties are ordered as before (tests/index/test_facets.py compares both).
"""

from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Any

from glossator.index.labels import LABELS, field_for
from glossator.index.whoosh.facet_names import merge_spellings, name_key

FACET_VALUES = 12
#: Documents whose facet values are kept in memory between queries.
FACET_CACHE_SIZE = 100_000
#: The facets counted, in the order a result lists them.
KINDS: tuple[str, ...] = ("tag", "event", *(field_for(label) for label in LABELS))
_PLAIN = frozenset({"tag", "event"})


class FacetCounts:
    """The facet values of one Whoosh reader's documents, read from its
    `facets` column on first use and kept as numbered values."""

    def __init__(self, reader: Any) -> None:
        self._column = reader.column_reader("facets")
        #: Each facet's value -> its number.
        self._numbers: dict[str, dict[str, int]] = {}
        #: Number -> (facet, value), and the number of the words the value
        #: is searched by (`facet_names.name_key`).
        self._values: list[tuple[str, str]] = []
        self._keys: list[int] = []
        self._key_numbers: dict[tuple[str, ...], int] = {}
        self._kept: dict[int, tuple[int, ...]] = {}
        self._kinds = frozenset(KINDS)

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
                key = name_key(value) if isinstance(value, str) else (value,)
                self._keys.append(self._key_numbers.setdefault(key, len(self._key_numbers)))
            out.append(number)
        return out

    def _read(self, docnum: int) -> tuple[int, ...]:
        """One document's values as numbers: its tags, its event types,
        then each label's names (each name once however spelt, the first
        spelling met), in the order they are stored."""
        stored: tuple[Any, ...] = self._column[docnum] or ((), {})
        out = self._numbered("tag", stored[0])
        if len(stored) > 2:
            out += self._numbered("event", stored[2])
        kinds = self._kinds
        keys = self._keys
        for label, found in stored[1].items():
            kind = field_for(label)
            if kind not in kinds:
                continue
            numbers = self._numbered(kind, found)
            if len(numbers) > 1 and len({keys[n] for n in numbers}) < len(numbers):
                firsts: dict[int, int] = {}
                for n in numbers:
                    firsts.setdefault(keys[n], n)
                numbers = list(firsts.values())
            out += numbers
        return tuple(out)

    def count(self, docnums: list[int]) -> dict[str, list[tuple[str, int]]]:
        """The FACET_VALUES most frequent values of each facet over
        `docnums`, ties in the order the values first occur in them."""
        kept = self._kept
        numbers: list[int] = []
        for docnum in docnums:
            found = kept.get(docnum)
            if found is None:
                found = self._read(docnum)
                if len(kept) >= FACET_CACHE_SIZE:
                    # Forget the oldest half: the memory stays bounded on a
                    # large corpus, and recent queries' documents stay.
                    for old in list(islice(kept, FACET_CACHE_SIZE // 2)):
                        del kept[old]
                kept[docnum] = found
            numbers.extend(found)
        # Per facet, its numbers in the order first met (as counting the
        # strings gave them), then names spelt two ways merged by the key
        # numbers the table already holds, not by re-reading every name.
        per_kind: dict[str, list[tuple[int, int]]] = {}
        values = self._values
        for number, n in Counter(numbers).items():
            kind = values[number][0]
            counted = per_kind.get(kind)
            if counted is None:
                counted = per_kind[kind] = []
            counted.append((number, n))
        out = {}
        for kind in KINDS:
            counted = per_kind.get(kind)
            if counted:
                merged = self._plain(counted) if kind in _PLAIN else self._same_names(counted)
                out[kind] = merged.most_common(FACET_VALUES)
        return out

    def _plain(self, found: list[tuple[int, int]]) -> Counter[str]:
        values = self._values
        return Counter({values[number][1]: n for number, n in found})

    def _same_names(self, found: list[tuple[int, int]]) -> Counter[str]:
        """`facet_names.same_name_counts` of one facet's counted numbers."""
        keys = self._keys
        spellings_of = Counter(keys[number] for number, _n in found)
        if len(spellings_of) == len(found):
            return self._plain(found)
        values = self._values
        groups: dict[int, list[tuple[str, int]]] = {}
        for number, n in found:
            key = keys[number]
            if spellings_of[key] > 1:
                groups.setdefault(key, []).append((values[number][1], n))
        return merge_spellings(
            ((values[number][1], n, groups.get(keys[number])) for number, n in found)
        )
