"""Make untrusted article text inert before anything can print it.

Every character that a terminal could act on (C0 controls other than newline
and tab, DEL, C1 controls, bidirectional overrides and isolates, and the lone
surrogates that stand for bytes of a file name that is not UTF-8) is replaced
one-for-one by a visible stand-in. One-for-one matters: entity, span and hit
offsets all index into the sanitised text, so its length must equal the
decoded text's length.
"""

from __future__ import annotations

import re

#: Shown in place of C1 controls and bidi controls, which have no picture glyph.
REPLACEMENT = "\ufffd"

# U+2400 "SYMBOL FOR NULL" onwards are the control pictures for C0 (0x00-0x1F);
# U+2421 is the picture for DEL. Pictures keep a stray ESC visible as "␛".
_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_TABLE[0x7F] = "\u2421"
for _code in range(0x80, 0xA0):
    _TABLE[_code] = REPLACEMENT
for _code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C):
    _TABLE[_code] = REPLACEMENT
# Lone surrogates: what Python makes of a file name that is not valid UTF-8.
# Written out they would be invalid UTF-8 (or raise), so they are shown as U+FFFD.
for _code in range(0xD800, 0xE000):
    _TABLE[_code] = REPLACEMENT
# Newline and tab are layout, not control, and stay as they are.
del _TABLE[0x0A]
del _TABLE[0x09]

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def neutralise(text: str) -> str:
    """Return `text` with every terminal-active character replaced, same length."""
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_TABLE)


def has_unsafe(text: str) -> bool:
    """True when `text` holds a character that `neutralise` would replace."""
    return _UNSAFE.search(text) is not None
