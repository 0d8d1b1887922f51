"""Small corrections to whoosh-reloaded 2.7.5, applied by `speedups.install()`.

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

A compound segment file is memory-mapped, but `BufferFile` wrapped every
file opened inside it in `BytesIO(memoryview)`, which copies the whole
sub-file into the heap: opening a searcher on a 100,000-article index
copied 430 MB and touched every mapped page (another 425 MB of RSS).
`_ViewFile` reads from the mapping instead, so only the pages a query
touches are ever loaded.

Scoring a document with BM25F asked for its field length through four
calls (searcher, reader, per-document reader, column) and decoded the
length byte each time: a fifth of a common word's search at 100,000
articles. `_bm25f_score` reads the segment's decoded lengths from a list
and computes the same expression, so scores are identical to the bit.

Writing a segment's postings (`FieldWriter.add_postings`) makes four
Python calls and eight type assertions per posting; `_add_postings` does
the same bookkeeping inline for the Whoosh 3 codec and writes byte-for-byte
the same files (tests/index/test_whoosh_fixes.py compares them).
"""

from __future__ import annotations

import pickle
from io import BytesIO
from typing import Any

from whoosh import columns, scoring
from whoosh.codec import whoosh3
from whoosh.codec.base import OutOfOrderError
from whoosh.filedb import structfile
from whoosh.util.numeric import byte_to_length

_MISSING = object()


def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
    readers = self._readers
    reader = readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        if not self.has_column(fieldname):
            reader = None
        elif column is whoosh3.LENGTHS_COLUMN:
            reader = _length_bytes(self.column_reader(fieldname, column))
        else:
            reader = self.column_reader(fieldname, column)
        readers[fieldname] = reader
    return reader


def _length_bytes(column: Any) -> Any:
    """A length column's values (one unsigned byte per document), read as
    one `bytes` when it is Whoosh's plain numeric column: indexing it gives
    the same ints as iterating the column, without a call per document."""
    if type(column) is not columns.NumericColumn.Reader or column._typecode != "B":
        return list(column)
    stored = min(column._count, column._doccount)
    data = column._dbfile.get(column._basepos, stored) if stored else b""
    return bytes(data) + bytes([column._default]) * (column._doccount - stored)


#: `byte_to_length` of every length byte, None for zero (no length).
_LENGTH_OF_BYTE: list[int | None] = [None] + [byte_to_length(b) for b in range(1, 256)]


def _decoded_lengths(perdoc: Any, fieldname: str) -> list[int | None] | None:
    """A segment's document lengths in `fieldname` as `doc_field_length`
    gives them (None for a zero byte), decoded once per reader; None when
    there is no reader or the field has no length column."""
    if perdoc is None:
        return None
    cache = perdoc.__dict__.setdefault("_glossator_lengths", {})
    lengths = cache.get(fieldname, _MISSING)
    if lengths is _MISSING:
        column = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        lengths = None if column is None else list(map(_LENGTH_OF_BYTE.__getitem__, column))
        cache[fieldname] = lengths
    return lengths  # type: ignore[no-any-return]


def _add_postings(self: Any, schema: Any, lengths: Any, items: Any) -> None:
    """`FieldWriter.add_postings` for `W3FieldWriter`, with the per-posting
    work of `W3PostingsWriter.add_posting` done in this loop."""
    if not isinstance(lengths, (whoosh3.W3PerDocReader, type(None))):
        _stock_add_postings(self, schema, lengths, items)
        return
    lastfn: str | None = None
    lasttext: bytes | None = None
    pw: Any = None
    flens: list[int | None] | None = None
    ids: Any = None
    weights: Any = None
    values: Any = None
    blocklimit = 0
    # The open block's statistics, kept in locals and handed back to the
    # postings writer before it writes a block or finishes a term.
    maxweight: float = 0
    minlength: int | None = None
    maxlength = 0

    def sync() -> None:
        pw._maxweight = maxweight
        pw._minlength = minlength
        pw._maxlength = maxlength

    for fieldname, btext, docnum, weight, value in items:
        if fieldname != lastfn:
            if lastfn is not None and fieldname < lastfn:
                raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
            if lasttext is not None:
                sync()
                self.finish_term()
            if lastfn is not None:
                self.finish_field()
            self.start_field(fieldname, schema[fieldname])
            pw = self._postwriter
            blocklimit = pw._blocklimit
            flens = _decoded_lengths(lengths, fieldname)
            lastfn = fieldname
            lasttext = None
        if docnum == -1:
            continue
        if btext != lasttext:
            if lasttext is not None:
                if btext < lasttext:
                    raise OutOfOrderError(f"Term {fieldname}:{lasttext!r} .. {btext!r}")
                sync()
                self.finish_term()
            self.start_term(btext)
            ids, weights, values = pw._ids, pw._weights, pw._values
            maxweight, minlength, maxlength = 0, None, 0
            lasttext = btext
        if len(ids) >= blocklimit:
            sync()
            pw._write_block()
            ids, weights, values = pw._ids, pw._weights, pw._values
            maxweight, minlength, maxlength = 0, None, 0
        ids.append(docnum)
        weights.append(weight)
        if weight > maxweight:
            maxweight = weight
        if value:
            values.append(value)
        length = flens[docnum] if flens is not None else 0
        if length:
            if minlength is None or length < minlength:
                minlength = length
            if length > maxlength:
                maxlength = length
    if lasttext is not None:
        sync()
        self.finish_term()
    if lastfn is not None:
        self.finish_field()


_stock_add_postings = whoosh3.W3FieldWriter.add_postings
_stock_bm25f_init = scoring.BM25FScorer.__init__


def _bm25f_init(self: Any, searcher: Any, fieldname: str, text: bytes, B: float, K1: float,
                qf: float = 1) -> None:  # fmt: skip
    _stock_bm25f_init(self, searcher, fieldname, text, B, K1, qf=qf)
    self._lengths = None
    perdoc = getattr(searcher.reader(), "_perdoc", None)
    if isinstance(perdoc, whoosh3.W3PerDocReader):
        self._lengths = _decoded_lengths(perdoc, fieldname)


def _bm25f_score(self: Any, matcher: Any) -> float:
    lengths = self._lengths
    fl = lengths[matcher.id()] if lengths is not None else self.dfl(matcher.id())
    tf = matcher.weight()
    B = self.B
    K1 = self.K1
    # The expression of whoosh.scoring.bm25, term for term.
    return self.idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / self.avgfl)))  # type: ignore[no-any-return]


class _ViewFile:
    """A read-only, seekable file over a memoryview that never copies it."""

    __slots__ = ("_view", "_pos", "closed")

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0
        self.closed = False

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        self._pos = max(end, start)
        return bytes(self._view[start:end])

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        view = self._view
        start = self._pos
        limit = len(view) if size is None or size < 0 else min(start + size, len(view))
        end = start
        while end < limit:
            end += 1
            if view[end - 1] == 10:
                break
        self._pos = end
        return bytes(view[start:end])

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 1:
            offset += self._pos
        elif whence == 2:
            offset += len(self._view)
        if offset < 0:
            raise ValueError("negative seek position")
        self._pos = offset
        return offset

    def tell(self) -> int:
        return self._pos

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.closed = True


def _buffer_file_init(self: Any, buf: Any, name: str | None = None, onclose: Any = None) -> None:
    self._buf = buf
    self._name = name
    # bytes are shared by BytesIO without a copy; views of a mapping are not.
    self.file = _ViewFile(buf) if isinstance(buf, memoryview) else BytesIO(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def _buffer_read_pickle(self: Any) -> Any:
    """`StructFile.read_pickle` for a file over a mapping.

    The unpickler reads a Python file object a few bytes per call; reading a
    posting block's header that way made `_ViewFile` six times slower than
    `BytesIO`. A pickle is parsed from a small copied window instead, widened
    when it runs past the window's end (a cut pickle raises, it never parses
    short), and the file position moves past what was read.
    """
    f = self.file
    if not isinstance(f, _ViewFile):
        return pickle.load(f)
    view, pos = f._view, f._pos
    for size in _PICKLE_WINDOWS:
        window = BytesIO(view[pos : pos + size] if size else view[pos:])
        try:
            value = pickle.load(window)
        except (EOFError, pickle.UnpicklingError):
            if size and pos + size < len(view):
                continue
            raise
        f._pos = pos + window.tell()
        return value
    raise AssertionError("unreachable")


#: Window sizes tried in turn by `_buffer_read_pickle`; 0 means the rest.
_PICKLE_WINDOWS = (512, 1 << 16, 0)


def apply() -> None:
    """Install the fixes (idempotent); `speedups.install()` calls this after
    checking the Whoosh version."""
    cls = whoosh3.W3PerDocReader
    if getattr(cls, "_glossator_fixed", False):
        return
    cls._cached_reader = _cached_reader
    whoosh3.W3FieldWriter.add_postings = _add_postings
    structfile.BufferFile.__init__ = _buffer_file_init
    structfile.BufferFile.read_pickle = _buffer_read_pickle
    scoring.BM25FScorer.__init__ = _bm25f_init
    scoring.BM25FScorer.score = _bm25f_score
    cls._glossator_fixed = True
