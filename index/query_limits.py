"""Bounds on a query, checked before any parsing or term expansion starts.

Whoosh's parser and its fuzzy and wildcard expansion run in code that no
timer or newer keystroke can interrupt, so the work a query can cause is
capped up front: a pasted page of text, a word of thousands of letters, an
edit distance of 99 or a wildcard that must try every word in the index are
refused with one line that says what to change. Each limit is far above what
an analyst types; with them every query answers in well under a second on
the BBC corpus (docs/robustness.md).
"""

from __future__ import annotations

import re

__all__ = [
    "MAX_EDIT_DISTANCE",
    "MAX_EXPANSION_COST",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "MAX_TERM_CHARS",
    "query_limit_problem",
    "worth_correcting",
]

MAX_QUERY_CHARS = 1000
MAX_TERM_CHARS = 100
MAX_TERMS = 64
MAX_EDIT_DISTANCE = 2
#: What the prefix, wildcard and fuzzy words of one query may cost together,
#: each expanding to many words: a fuzzy word at ~2 or a wildcard after one
#: letter counts 3, after two letters 2, any other 1 (about 0.1 s each on BBC).
MAX_EXPANSION_COST = 8
#: Letters a wildcard needs in all (`s*ing` is fine, `s*` matches a tenth of
#: every word); and it may not start with `*` or `?`, which walks every term.
MIN_WILDCARD_LETTERS = 2

_QUOTED = re.compile(r'"[^"]*"(~\d+)?')
_FUZZY = re.compile(r"([^\s\"()~:]+)~(\d*)")
#: Letters a fuzzy word needs beyond its edit distance (`ab~2` matches nearly
#: every short word and walks the whole term list to find them).
FUZZY_STEM_OVER_DISTANCE = 3
_FIELD = re.compile(r"^[A-Za-z_]+:")


def query_limit_problem(query: str) -> str | None:
    """A one-line reason this query would cost too much, or None when it is bounded."""
    if len(query) > MAX_QUERY_CHARS:
        return (
            f"the query is {len(query):,} characters; keep it under {MAX_QUERY_CHARS:,} "
            "(search for a few distinctive words, not a pasted passage)"
        )
    tokens = query.split()
    if len(tokens) > MAX_TERMS:
        return f"the query has {len(tokens)} words; use at most {MAX_TERMS}"
    for token in tokens:
        if len(token) > MAX_TERM_CHARS:
            return (
                f"a word of {len(token):,} characters ({token[:20]}…); "
                f"words may be at most {MAX_TERM_CHARS} characters"
            )
    outside = _QUOTED.sub(" ", query)
    for m in _FUZZY.finditer(outside):
        word, digits = m.group(1), m.group(2)
        distance = int(digits) if digits and len(digits) < 6 else (99 if digits else 1)
        if distance > MAX_EDIT_DISTANCE:
            return (
                f"an edit distance of {distance} is too far; use ~1 or ~{MAX_EDIT_DISTANCE} "
                "(larger distances match almost every word)"
            )
        if len(word) < distance + FUZZY_STEM_OVER_DISTANCE:
            return (
                f"'{word}~{digits}' is too short for that distance: a fuzzy word needs "
                f"{distance + FUZZY_STEM_OVER_DISTANCE} letters at ~{distance}"
            )
    cost = 0
    for token in outside.split():
        value = _FIELD.sub("", token.strip("()+-"))
        if "~" in value:
            cost += 3 if value.rsplit("~", 1)[1].startswith("2") else 1
        if "*" not in value and "?" not in value or value == "*":
            continue  # `*` alone is every article: cheap
        first = min(i for i in (value.find("*"), value.find("?")) if i >= 0)
        letters = len(value) - value.count("*") - value.count("?")
        if first == 0:
            return f"'{token}': a wildcard cannot start with * or ? (write gov* rather than *gov)"
        if letters < MIN_WILDCARD_LETTERS:
            return (
                f"'{token}': a wildcard needs at least {MIN_WILDCARD_LETTERS} letters "
                "(write go* rather than g*)"
            )
        cost += 3 if first == 1 else 2 if first == 2 else 1
    if cost > MAX_EXPANSION_COST:
        return (
            f"too many wildcard and fuzzy words at once (cost {cost}, at most "
            f"{MAX_EXPANSION_COST}: ~2 or a one-letter stem counts 3, a two-letter stem 2, "
            "others 1); use fewer or longer ones"
        )
    return None


#: The spelling suggestion walks an automaton over every corpus word for each
#: word it tries: ~0.1-0.3 s for a long word. Typos are short and few.
SUGGEST_MAX_CHARS = 24
SUGGEST_MAX_WORDS = 4


def worth_correcting(word: str, tried: int) -> bool:
    """Whether a spelling suggestion should be looked for, `tried` words in."""
    return 3 <= len(word) <= SUGGEST_MAX_CHARS and tried < SUGGEST_MAX_WORDS
