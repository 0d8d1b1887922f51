"""The document numbers and frequencies of many terms, read in one pass as arrays.

A two-letter prefix (`re*`) expands to about 450 terms in each segment of
the 100,000-article corpus, 2 to 3 posting blocks each. Reading them term
by term (a generator, a `BytesIO` copy and a pickle load per block header,
then ten small numpy calls per term to undo the gaps) cost about 50 us a
term: most of the search. `gather` walks every block of every term in one
loop, parses the block header's pickle by hand (falling back to `pickle`
for anything but the plain tuple Whoosh writes), keeps each block's packed
ids and weights as zero-copy numpy views, and undoes the gaps of all the
blocks at once. The numbers are the ones `postings.term_blocks` gives
(tests/index/test_multiterm.py compares them).
"""

from __future__ import annotations

import pickle
import struct
from io import BytesIO
from typing import Any

from glossator.index.whoosh.codec import decode_scoring_part, scoring_head
from glossator.index.whoosh.speedups.postings import mapped_postings, term_blocks

#: numpy types of the packed widths (codec: 1, 2, 4, 8 bytes, little-endian).
_WIDTHS = ("<u1", "<u2", "<u4", "<u8")
_INT = struct.Struct("!i")
_U16 = struct.Struct("<H")
_I32 = struct.Struct("<i")
#: Bytes after each opcode of the pickled header that the hand parser reads.
_ARG_SIZES = {0x4B: 1, 0x4D: 2, 0x4A: 4, 0x47: 8, 0x88: 0, 0x89: 0, 0x4E: 0}


def block_header(buf: Any, pos: int) -> tuple[int, Any, int] | None:
    """(posting count, compression, where the data starts) of the block
    header pickled at `pos`: a protocol-2 tuple of six numbers, `(count,
    maxid, maxweight, compression, minlength, maxlength)`. None when the
    pickle is of another shape (the caller then unpickles it)."""
    if buf[pos] != 0x80 or buf[pos + 1] != 0x02 or buf[pos + 2] != 0x28:
        return None
    pos += 3
    items: list[Any] = []
    while len(items) < 6:
        op = buf[pos]
        pos += 1
        if op == 0x4B:  # BININT1
            items.append(buf[pos])
        elif op == 0x4D:  # BININT2
            items.append(_U16.unpack_from(buf, pos)[0])
        elif op == 0x4A:  # BININT
            items.append(_I32.unpack_from(buf, pos)[0])
        elif op == 0x8A:  # LONG1: a length byte, then little-endian two's complement
            n = buf[pos]
            items.append(int.from_bytes(buf[pos + 1 : pos + 1 + n], "little", signed=True))
            pos += 1 + n
            continue
        elif op in _ARG_SIZES:  # a float, True, False, None: not needed here
            items.append(op == 0x88 if op in (0x88, 0x89) else None)
        else:
            return None
        pos += _ARG_SIZES[op]
    if buf[pos] != 0x74:  # TUPLE
        return None
    pos += 1
    if buf[pos] == 0x71:  # BINPUT
        pos += 2
    elif buf[pos] == 0x72:  # LONG_BINPUT
        pos += 5
    if buf[pos] != 0x2E:  # STOP
        return None
    return items[0], items[3], pos + 1


def gather(np: Any, reader: Any, fieldname: str, terms: list[tuple[bytes, Any]]) -> Any:
    """(document numbers as int64, frequencies as float64, each term's
    posting count) of `terms` (term bytes, term info) in one segment,
    every term's postings in turn, in document order within a term."""
    gaps: list[Any] = []
    tfs: list[Any] = []
    counts: list[int] = []
    lengths: list[int] = []
    ones = np.ones(128)
    for word, info in terms:
        if info.is_inlined():
            ids, weights, _values = info.inlined_postings()
            ids = list(ids)
            # As gaps, so that they go through the same running sum.
            gaps.append(np.diff(np.array(ids, dtype=np.int64), prepend=0))
            tfs.append(np.array(weights, dtype=np.float64))
            counts.append(len(ids))
            lengths.append(len(ids))
            continue
        buf = mapped_postings(reader, info)
        if buf is None:
            total = 0
            for block_ids, block_weights, _v in term_blocks(
                reader, fieldname, word, info, with_values=False
            ):
                gaps.append(np.diff(np.array(block_ids, dtype=np.int64), prepend=0))
                tfs.append(np.array(block_weights, dtype=np.float64))
                counts.append(len(block_ids))
                total += len(block_ids)
            lengths.append(total)
            continue
        pos = info.extent()[0] + 4
        total = 0
        last = False
        while not last:
            (size,) = _INT.unpack_from(buf, pos)
            last = size < 0
            end = pos + 4 + abs(size)
            header = block_header(buf, pos + 4)
            if header is None:
                block = BytesIO(buf[pos + 4 : end])
                count, _maxid, _maxw, compressed, _minl, _maxl = pickle.load(block)
                start = pos + 4 + block.tell()
            else:
                count, compressed, start = header
            data = buf[start:end]
            pos = end
            head = scoring_head(data, bool(compressed))
            if head is None:  # a block Whoosh pickled
                ids, weights = decode_scoring_part(data, bool(compressed))
                gaps.append(np.array(ids, dtype=np.int64))
                if weights is None or isinstance(weights, float):
                    tfs.append(np.full(count, 1.0 if weights is None else weights))
                else:
                    tfs.append(np.array(weights, dtype=np.float64))
            else:
                count, idw, idbytes, wmode, ww, wbytes = head
                gaps.append(np.frombuffer(idbytes, dtype=_WIDTHS[idw]))
                if wmode == 0:
                    tfs.append(ones[:count] if count <= 128 else np.ones(count))
                elif wmode == 1:
                    tfs.append(np.full(count, np.frombuffer(wbytes, dtype="<f8")[0]))
                elif wmode == 2:
                    tfs.append(np.frombuffer(wbytes, dtype=_WIDTHS[ww]))
                else:
                    tfs.append(np.frombuffer(wbytes, dtype="<f4"))
            counts.append(count)
            total += count
        lengths.append(total)
    if not gaps:
        return np.zeros(0, dtype=np.int64), np.zeros(0), lengths
    # Each block stores its first document number, then the gaps: an id is
    # the running sum since the block's start, over all blocks at once.
    running = np.cumsum(np.concatenate(gaps, dtype=np.int64, casting="unsafe"))
    before = np.cumsum(counts) - np.asarray(counts)
    base = np.where(before > 0, running[np.maximum(before - 1, 0)], 0)
    ids_all = running - np.repeat(base, counts)
    return ids_all, np.concatenate(tfs, dtype=np.float64, casting="unsafe"), lengths
