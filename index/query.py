"""Query text: what a user may type, checked before any engine sees it.

`validate` gives a one-line problem with a query's syntax (unclosed quote or
bracket, unknown field, dangling operator); `typing_query` expands the word
being typed in search-as-you-type; `facet_filter` makes the clause that
narrows a search to one facet value. The fields a user may name follow the
entity label registry (`labels`).
"""

from __future__ import annotations

import re

from glossator.index.labels import ENTITY_FIELDS
from glossator.index.query_limits import query_limit_problem

#: Field names a user may type before a colon.
USER_FIELDS: tuple[str, ...] = ("title", "body", "tag", *ENTITY_FIELDS)
#: Article metadata and incident fields: `source:reuters`,
#: `date:[2024-01-01 TO 2024-01-31]`, `event:"air/drone strike"`,
#: `killed:[5 TO]`, `actor:houthi`, `place:kharkiv` (`date:` with a date as
#: its value is the article's date, with a word the DATE entities).
META_FIELDS: tuple[str, ...] = ("source", "event", "killed", "injured", "actor", "place")
USER_FIELDS = (*USER_FIELDS, *META_FIELDS)
#: In search-as-you-type, the word being typed is expanded as a prefix only
#: from this length on: shorter prefixes match too many terms to be quick.
MIN_TYPING_PREFIX = 3
#: The operators of the query language.
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})

_FIELD_RE = re.compile(r"(?<![\w.\-])([A-Za-z_]+):")


def facet_filter(field_name: str, value: str) -> str:
    """The query clause that narrows a search to one facet value."""
    escaped = value.replace('"', " ").strip()
    return f'{field_name}:"{escaped}"'


def validate(query: str) -> str | None:
    """Return a one-line problem with the query's syntax, or None."""
    text = query.strip()
    if not text:
        return "type something to search for"
    if (too_costly := query_limit_problem(text)) is not None:
        return too_costly
    if text.count('"') % 2:
        return 'a quote is not closed: add the closing "'
    depth = 0
    in_quote = False
    for ch in text:
        if ch == '"':
            in_quote = not in_quote
        elif not in_quote and ch == "(":
            depth += 1
        elif not in_quote and ch == ")":
            depth -= 1
            if depth < 0:
                return "a ')' has no matching '('"
    if depth > 0:
        return "a '(' is not closed: add the closing ')'"
    outside = re.sub(r'"[^"]*"', '""', text)
    for m in _FIELD_RE.finditer(outside):
        name = m.group(1)
        if name.lower() not in USER_FIELDS and name.lower() != "tags":
            return f"unknown field '{name}:'; use one of " + ", ".join(f"{f}:" for f in USER_FIELDS)
        rest = outside[m.end() :]
        if not rest or rest[0].isspace() or rest[0] == ")":
            return f"'{name}:' needs a value after the colon, e.g. {name}:word"
    words = outside.split()
    if words and words[-1] in OPERATORS:
        return f"'{words[-1]}' at the end needs a term after it"
    if words and words[0] in OPERATORS - {"NOT"}:
        return f"'{words[0]}' at the start needs a term before it"
    for a, b in zip(words, words[1:], strict=False):
        if a in OPERATORS and b in OPERATORS - {"NOT"}:
            return f"'{a} {b}': two operators in a row; put a term between them"
    return None


def typing_query(query: str) -> str:
    """Expand the word being typed as a prefix, when it is long enough.

    `kirk` becomes `(kirk OR kirk*)` so results appear before the word is
    finished; a word of one or two letters is searched as it is.
    """
    word = typed_word(query)
    if word is None:
        return query
    return f"{query[: len(query) - len(word)]}({word} OR {word}*)"


def typed_word(query: str) -> str | None:
    """The word being typed at the end of `query` that `typing_query`
    expands as a prefix, or None."""
    if not query or query[-1].isspace() or query.count('"') % 2:
        return None
    m = re.search(r"(^|[\s(])([\w][\w'.-]*)$", query)
    if m is None:
        return None
    word = m.group(2)
    if len(word) < MIN_TYPING_PREFIX or word in OPERATORS or not word[-1].isalnum():
        return None
    return word
