"""Small corrections to whoosh-reloaded 2.7.5, applied when `index` loads Whoosh.

`W3PerDocReader._cached_reader` remembers the length column of each field,
but not that a field has none (the spelling field, for one). Every posting of
such a field then asks the file system whether the column exists: profiling
the BBC corpus showed 330,000 `stat` calls, a third of commit time. The
patch remembers the negative answer too.

It also reads a length column into a list once instead of decoding one
entry from the file per call: writing a segment asks for a document's
field length once per posting (360,000 times for the BBC corpus, 8% of a
build). A column is one byte per document, so a list of 100,000 costs
under a megabyte. Results are unchanged.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3

_MISSING = object()


def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
    readers = self._readers
    reader = readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        if not self.has_column(fieldname):
            reader = None
        elif column is whoosh3.LENGTHS_COLUMN:
            reader = list(self.column_reader(fieldname, column))
        else:
            reader = self.column_reader(fieldname, column)
        readers[fieldname] = reader
    return reader


def apply() -> None:
    """Install the fixes (idempotent)."""
    cls = whoosh3.W3PerDocReader
    if getattr(cls, "_glossator_fixed", False):
        return
    cls._cached_reader = _cached_reader
    cls._glossator_fixed = True


apply()
