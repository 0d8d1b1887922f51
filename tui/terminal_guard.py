"""The last step before the terminal: no text on screen can be a control sequence.

Every string from disk is already made visible where it is read (article
text in `index.corpus`, ids and sidecar values through `render.shown`), but
a widget added tomorrow could forget. Textual writes every screen line
through one method, `Strip.render`; this wraps it so each segment's text is
stripped of terminal-active characters (C0 other than tab, DEL, C1, bidi
controls, lone surrogates) before styles are added, and a hyperlink whose
target holds one is dropped. Those characters take no cells in Rich's
layout, so removing them leaves every line exactly as wide as laid out.
Textual's own escapes (cursor moves, SGR) are added around the text and
are untouched.
"""

from __future__ import annotations

import re
from typing import Any

from textual.strip import Strip

__all__ = ["install", "scrub"]

_ACTIVE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

_original_render = Strip.render


def scrub(text: str) -> str:
    """`text` without any character a terminal would act on."""
    return _ACTIVE.sub("", text) if _ACTIVE.search(text) is not None else text


def _guarded_render(self: Strip, console: Any) -> str:
    if self._render_cache is None:
        segments = self._segments
        if any(_ACTIVE.search(seg.text) is not None for seg in segments) or any(
            seg.style is not None and seg.style._link and _ACTIVE.search(seg.style._link)
            for seg in segments
        ):
            self._segments = [
                type(seg)(
                    scrub(seg.text),
                    seg.style.update_link(None)
                    if seg.style is not None and seg.style._link and _ACTIVE.search(seg.style._link)
                    else seg.style,
                    seg.control,
                )
                for seg in segments
            ]
    return _original_render(self, console)


def install() -> None:
    """Route all screen output through the scrubber (idempotent)."""
    Strip.render = _guarded_render  # type: ignore[method-assign]
