"""Whoosh's codec with posting blocks packed as arrays instead of pickles.

Whoosh 3 writes each block of up to 128 postings as a protocol-2 pickle of
(document number deltas, weights, values), then zlib. Protocol 2 has no
bytes type, so every posting's value is pickled as a call that rebuilds it
from a string (about 15 bytes each), and weights are 9-byte floats; that
was 60% of the index at 10,000 articles. `CompactCodec` writes the same
three parts as little-endian arrays of the narrowest width that holds them
(whole-number weights as integers), then the same zlib, and its matchers
decode them to exactly the tuples Whoosh's would, so every posting list,
score and offset reads back unchanged (tests/index/test_formats.py).
A block starting with the pickle opcode is still read as Whoosh's, so the
reader takes both.

The block header, the term table and the rest of the segment are Whoosh's.
The codec is named in each segment of the table of contents, so an index
written with it is read with it.
"""

from __future__ import annotations

import pickle
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from itertools import accumulate
from typing import Any

from whoosh.codec import whoosh3
from whoosh.matching import ListMatcher

#: First byte of a packed block (a protocol-2 pickle starts with 0x80).
_PACKED = 0x01
#: magic, ids width, weights mode, values mode, value-lengths width, count.
_HEAD = struct.Struct("<BBBBBI")
_CODES = ("B", "H", "I", "Q")
_SIZES = (1, 2, 4, 8)
_SWAP = sys.byteorder == "big"
# Weight modes: all 1.0 (None), one shared float, whole numbers of a width, float32s.
_W_NONE, _W_ONE, _W_INT, _W_F32 = 0, 1, 2, 3
# Value modes, after `_mini_values`: None, a tuple of bytes, one joined bytes.
_V_NONE, _V_TUPLE, _V_JOINED = 0, 1, 2


def _width(values: Any) -> int:
    top = max(values, default=0)
    return 0 if top < 1 << 8 else 1 if top < 1 << 16 else 2 if top < 1 << 32 else 3


def _pack(values: Any, width: int) -> bytes:
    packed = array(_CODES[width], values)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def _unpack(data: Any, width: int) -> array[int]:
    values = array(_CODES[width])
    values.frombytes(data)
    if _SWAP:
        values.byteswap()
    return values


def encode_block(ids: Any, weights: Any, values: Any) -> bytes:
    """A block's minified (ids, weights, values) as packed arrays, or as
    Whoosh's pickle when a part is not what the arrays hold (byte-string
    ids of term vectors, negative numbers)."""
    if not all(isinstance(i, int) and i >= 0 for i in ids):
        return pickle.dumps((ids, weights, values), 2)
    idw = _width(ids)
    parts = [b"", _pack(ids, idw)]
    if weights is None:
        wmode, ww = _W_NONE, 0
    elif isinstance(weights, float):
        wmode, ww = _W_ONE, 0
        parts.append(struct.pack("<d", weights))
    elif all(0 <= w < 1 << 32 and float(w).is_integer() for w in weights):
        wmode, ww = _W_INT, _width(int(w) for w in weights)
        parts.append(_pack([int(w) for w in weights], ww))
    else:
        # The weights came from Whoosh's float32 array: exact as float32.
        wmode, ww = _W_F32, 0
        floats = array("f", weights)
        if _SWAP:
            floats.byteswap()
        parts.append(floats.tobytes())
    lw = 0
    if values is None:
        vmode = _V_NONE
    elif isinstance(values, bytes):
        vmode = _V_JOINED
        parts.append(values)
    elif isinstance(values, tuple) and all(isinstance(v, bytes) for v in values):
        vmode = _V_TUPLE
        lengths = [len(v) for v in values]
        lw = _width(lengths)
        parts.append(struct.pack("<I", len(values)))
        parts.append(_pack(lengths, lw))
        parts.extend(values)
    else:
        return pickle.dumps((ids, weights, values), 2)
    parts[0] = _HEAD.pack(_PACKED, idw, wmode | ww << 2, vmode, lw, len(ids))
    return b"".join(parts)


def decode_block(data: bytes | memoryview) -> tuple[Any, Any, Any]:
    """(ids, weights, values) of a block, as Whoosh's pickle gives them."""
    if not data or data[0] != _PACKED:
        loaded: tuple[Any, Any, Any] = pickle.loads(data)
        return loaded
    view = memoryview(data)
    _magic, idw, wbyte, vmode, lw, count = _HEAD.unpack_from(view, 0)
    pos = _HEAD.size
    end = pos + count * _SIZES[idw]
    ids = tuple(_unpack(view[pos:end], idw))
    pos = end
    wmode, ww = wbyte & 3, wbyte >> 2
    weights: Any
    if wmode == _W_NONE:
        weights = None
    elif wmode == _W_ONE:
        (weights,) = struct.unpack_from("<d", view, pos)
        pos += 8
    elif wmode == _W_INT:
        end = pos + count * _SIZES[ww]
        weights = tuple(map(float, _unpack(view[pos:end], ww)))
        pos = end
    else:
        end = pos + count * 4
        floats = array("f")
        floats.frombytes(view[pos:end])
        if _SWAP:
            floats.byteswap()
        weights = tuple(floats)
        pos = end
    values: Any
    if vmode == _V_NONE:
        values = None
    elif vmode == _V_JOINED:
        values = bytes(view[pos:])
    else:
        (n,) = struct.unpack_from("<I", view, pos)
        pos += 4
        end = pos + n * _SIZES[lw]
        lengths = _unpack(view[pos:end], lw)
        pos = end
        out = []
        for length in lengths:
            out.append(bytes(view[pos : pos + length]))
            pos += length
        values = tuple(out)
    return ids, weights, values


def values_at(data: bytes | memoryview, wanted: set[int]) -> dict[int, bytes] | None:
    """document number -> value of the `wanted` documents a packed block
    (inflated) holds, as `decode_block` gives them, slicing out only those
    values; None for a block Whoosh pickled or one without a value each."""
    if not data or data[0] != _PACKED:
        return None
    view = memoryview(data)
    _magic, idw, wbyte, vmode, lw, count = _HEAD.unpack_from(view, 0)
    if vmode != _V_TUPLE:
        return None
    pos = _HEAD.size
    end = pos + count * _SIZES[idw]
    # Stored as gaps: each id is the running sum.
    ids = list(accumulate(_unpack(view[pos:end], idw)))
    wmode, ww = wbyte & 3, wbyte >> 2
    pos = end + (0, 8, count * _SIZES[ww], count * 4)[wmode]
    (n,) = struct.unpack_from("<I", view, pos)
    if n != count:
        return None
    pos += 4
    end = pos + n * _SIZES[lw]
    starts = list(accumulate(_unpack(view[pos:end], lw), initial=end))
    if len(wanted) >= count:
        # Many wanted documents (a phrase's candidates): walk the block.
        return {d: bytes(view[starts[i] : starts[i + 1]]) for i, d in enumerate(ids) if d in wanted}
    out = {}
    # A few (a page of hits) in a block of up to 128: look each one up.
    for d in wanted:
        i = bisect_left(ids, d)
        if i < count and ids[i] == d:
            out[d] = bytes(view[starts[i] : starts[i + 1]])
    return out


def scoring_head(data: bytes | memoryview, compressed: bool) -> tuple[Any, ...] | None:
    """The ids and weights of a packed block as they are stored: (count, id
    width code, id delta bytes, weight mode, weight width code, weight
    bytes), inflating only that head of a compressed block (the values come
    after them and are most of a body block's bytes); None for a block
    Whoosh pickled."""
    inflater = zlib.decompressobj() if compressed else None
    head = inflater.decompress(data, _HEAD.size) if inflater else bytes(data[: _HEAD.size])
    if len(head) < _HEAD.size or head[0] != _PACKED:
        return None
    _magic, idw, wbyte, _vmode, _lw, count = _HEAD.unpack(head)
    wmode, ww = wbyte & 3, wbyte >> 2
    idsize = count * _SIZES[idw]
    need = idsize + (0, 8, count * _SIZES[ww], count * 4)[wmode]
    if inflater is None:
        body = bytes(data[_HEAD.size : _HEAD.size + need])
    else:
        body = inflater.decompress(inflater.unconsumed_tail, need)
        while len(body) < need and inflater.unconsumed_tail:
            body += inflater.decompress(inflater.unconsumed_tail, need - len(body))
    return count, idw, body[:idsize], wmode, ww, body[idsize:need]


def decode_scoring_part(data: bytes | memoryview, compressed: bool) -> tuple[Any, Any]:
    """(ids, weights) of a block, as `decode_block` gives them, without its
    values (see `scoring_head`)."""
    head = scoring_head(data, compressed)
    if head is None:
        ids, weights, _values = decode_block(zlib.decompress(data) if compressed else data)
        return ids, weights
    count, idw, idbytes, wmode, ww, wbytes = head
    # A block of ids and weights alone, decoded as any other.
    packed = _HEAD.pack(_PACKED, idw, wmode | ww << 2, _V_NONE, 0, count)
    ids, weights, _values = decode_block(packed + idbytes + wbytes)
    return ids, weights


class CompactPostingsWriter(whoosh3.W3PostingsWriter):  # type: ignore[misc]
    """Whoosh 3's postings writer, with each block's data packed by `encode_block`."""

    def _write_block(self, last: bool = False) -> None:
        # Whoosh's `_write_block`, with `encode_block` for its pickle.
        if not self._blockcount:
            self._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = encode_block(self._mini_ids(), self._mini_weights(), self._mini_values())
        comp = self._compression
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        infobytes = pickle.dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                comp,
                whoosh3.length_to_byte(self._minlength),
                whoosh3.length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class CompactLeafMatcher(whoosh3.W3LeafMatcher):  # type: ignore[misc]
    """Whoosh 3's block matcher, reading packed blocks (and pickled ones)."""

    def _read_data(self) -> None:
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        if self._compression:
            data = zlib.decompress(data)
        self._data = decode_block(data)


class CompactCodec(whoosh3.W3Codec):  # type: ignore[misc]
    """`W3Codec` with `CompactPostingsWriter` and `CompactLeafMatcher`."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:  # noqa: D102
        return CompactPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(  # noqa: D102
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(
                ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
            )
        offset, length = terminfo.extent()
        return CompactLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)
