"""Posting formats: Whoosh's positions and characters, in fewer bytes.

Whoosh's `Positions` and `Characters` write each posting's value as a
four-byte count plus a pickle of the deltas (about ten bytes per occurrence
for characters, before the block's zlib). These subclasses keep the same
deltas and give back the same decoded lists, packed as arrays of the
narrowest unsigned width that holds them, little-endian:

- positions: one width byte, then the position deltas;
- characters: one byte with the three widths (two bits each), then the
  position deltas, the gaps from the previous end to each start, and the
  lengths, one array after the other.

The count is the array length, so it costs nothing. Decoding stays in C
(`array`, `itertools.accumulate`). Every search, score and offset is the
same as with Whoosh's formats (tests/index/test_formats.py).
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate
from typing import Any

from whoosh.formats import Characters, Positions

#: Array type codes by width code, and their sizes in bytes.
_CODES = ("B", "H", "I", "Q")
_SIZES = (1, 2, 4, 8)
_SWAP = sys.byteorder == "big"


def _width(values: list[int]) -> int:
    top = max(values, default=0)
    if top < 0:
        raise ValueError("posting deltas must not be negative")
    return 0 if top < 1 << 8 else 1 if top < 1 << 16 else 2 if top < 1 << 32 else 3


def _pack(values: list[int], width: int) -> bytes:
    packed = array(_CODES[width], values)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def _unpack(data: bytes | memoryview, width: int) -> array[int]:
    values = array(_CODES[width])
    values.frombytes(data)
    if _SWAP:
        values.byteswap()
    return values


class CompactPositions(Positions):
    """Whoosh's `Positions`, packed as one array of position deltas."""

    def encode(self, poslist: list[int]) -> bytes:  # noqa: D102 - see the module docstring
        deltas = [b - a for a, b in zip([0, *poslist], poslist, strict=False)]
        width = _width(deltas)
        return bytes((width,)) + _pack(deltas, width)

    def decode_positions(self, valuestring: bytes) -> list[int]:  # noqa: D102
        return list(accumulate(_unpack(valuestring[1:], valuestring[0] & 3)))

    def decode_frequency(self, valuestring: bytes) -> int:  # noqa: D102
        return (len(valuestring) - 1) // _SIZES[valuestring[0] & 3]


class CompactCharacters(Characters):
    """Whoosh's `Characters`, packed as three arrays: position deltas, gaps, lengths."""

    def encode(self, poslist: list[tuple[int, int, int]]) -> bytes:  # noqa: D102
        positions, gaps, lengths = [], [], []
        posbase = charbase = 0
        for pos, startchar, endchar in poslist:
            positions.append(pos - posbase)
            gaps.append(startchar - charbase)
            lengths.append(endchar - startchar)
            posbase, charbase = pos, endchar
        wp, wg, wl = _width(positions), _width(gaps), _width(lengths)
        return b"".join(
            (
                bytes((wp | wg << 2 | wl << 4,)),
                _pack(positions, wp),
                _pack(gaps, wg),
                _pack(lengths, wl),
            )
        )

    def _arrays(self, valuestring: bytes) -> tuple[array[int], array[int], array[int]]:
        head = valuestring[0]
        wp, wg, wl = head & 3, head >> 2 & 3, head >> 4 & 3
        count = self.decode_frequency(valuestring)
        view = memoryview(valuestring)
        a = 1 + count * _SIZES[wp]
        b = a + count * _SIZES[wg]
        return _unpack(view[1:a], wp), _unpack(view[a:b], wg), _unpack(view[b:], wl)

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:  # noqa: D102
        positions, gaps, lengths = self._arrays(valuestring)
        out = []
        end = 0
        for pos, gap, length in zip(accumulate(positions), gaps, lengths, strict=True):
            start = end + gap
            end = start + length
            out.append((pos, start, end))
        return out

    def decode_positions(self, valuestring: bytes) -> list[int]:  # noqa: D102
        head = valuestring[0]
        wp = head & 3
        count = (len(valuestring) - 1) // (
            _SIZES[wp] + _SIZES[head >> 2 & 3] + _SIZES[head >> 4 & 3]
        )
        return list(accumulate(_unpack(valuestring[1 : 1 + count * _SIZES[wp]], wp)))

    def decode_frequency(self, valuestring: bytes) -> int:  # noqa: D102
        head = valuestring[0]
        return (len(valuestring) - 1) // (
            _SIZES[head & 3] + _SIZES[head >> 2 & 3] + _SIZES[head >> 4 & 3]
        )

    def combine(self, vs: list[bytes]) -> bytes:  # noqa: D102 - Whoosh's, without its typo
        spans: dict[int, tuple[int, int]] = {}
        for v in vs:
            for pos, sc, ec in self.decode_characters(v):
                old = spans.get(pos)
                spans[pos] = (sc, ec) if old is None else (min(sc, old[0]), max(ec, old[1]))
        return self.encode([(pos, *spans[pos]) for pos in sorted(spans)])


def compact(fmt: Any) -> Any:
    """The compact counterpart of a Whoosh `Positions` or `Characters` format."""
    cls = CompactCharacters if isinstance(fmt, Characters) else CompactPositions
    return cls(field_boost=fmt.field_boost)
