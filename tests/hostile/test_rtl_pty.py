"""Right-to-left articles on a real terminal: the bytes the reader writes.

An Arabic and a Hebrew article, and one whose Arabic text carries the
bidirectional controls of real web text (RLM, ALM) and of a "Trojan Source"
trick (RLO ... PDF, RLI ... PDI). The reader runs on a pty at 80x24; the
words reach the terminal as stored and no bidi control is ever written
(`_problems` fails on any, beside the other active characters).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from hostile_support import GLOSSATOR, glossator
from test_hardening_pty import _OWN, Pty, _env, _problems

RTL = Path(__file__).resolve().parent.parent / "fixtures" / "rtl"
MARKED = "\u200fبيان\u061c \u202eصحفي\u202c \u2067مرفق\u2069 zebra\n"


def _send(term: Pty, keys: str, sign: str, timeout: float = 30) -> None:
    """Send `keys`, then wait for `sign` in what the reader writes after them."""
    since = len(term.raw)
    term.send(keys)
    deadline = time.monotonic() + timeout
    while sign not in _OWN.sub(b"", bytes(term.raw[since:])).decode("utf-8", "replace"):
        assert time.monotonic() < deadline, f"{sign!r} never appeared after {keys!r}"
        assert term.proc.poll() is None, "the reader exited"
        term._pump(0.1)


def test_rtl_articles_reach_the_terminal_without_bidi_controls(tmp_path: Path) -> None:
    corpus = tmp_path / "rtl"
    corpus.mkdir()
    for article in RTL.glob("*.txt"):
        shutil.copyfile(article, corpus / article.name)
    (corpus / "marked.txt").write_text("بيان مع علامات\n" + MARKED, "utf-8")
    assert glossator("index", str(corpus)).returncode == 0
    term = Pty([*GLOSSATOR, str(corpus)], corpus, _env(), size=(80, 24))
    try:
        term.wait_for("indexed")
        _send(term, "zebra", "1 hit")
        _send(term, "\r", "⏎ Open")
        _send(term, "\r", "صحفي")
        _send(term, "\x1b", "⏎ Open")  # back to the list, then a query in Arabic
        # The Arabic query's own hit, not the "1 hit" of zebra's list redrawn meanwhile.
        _send(term, "/\x15بغداد", "arabic_airstrike.txt")
        _send(term, "\r", "⏎ Open")
        _send(term, "\r", "الرمادي")
    finally:
        raw = term.finish(timeout=0)
    problems = _problems(raw)
    assert not problems, problems
    text = raw.decode("utf-8")
    assert "\ufffd" in text  # the controls, shown
