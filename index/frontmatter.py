"""Article metadata from an optional YAML front matter block at the top of the text.

    ---
    date: 2024-01-16
    source: Reuters
    url: https://example.org/a
    author: Jane Doe
    title: Houthis hit a bulk carrier
    ---
    Body text...

The block is read with glossator's hardened YAML reader (no aliases, tags,
duplicate keys or deep nesting). Bad front matter never raises: the article
keeps its whole text as body and `FrontMatter.error` says, in one line, why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["FIELDS", "MAX_BYTES", "FrontMatter", "parse_front_matter"]

#: The keys glossator reads; others are kept in `extra` as strings.
FIELDS = ("date", "source", "url", "author", "title")
#: A block longer than this is refused unread (metadata is a few lines).
MAX_BYTES = 16_384
_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the front matter said, and where the body starts."""

    body_start: int
    """Offset into the text of the first character after the closing `---` line
    (0 when there is no valid block); offsets elsewhere still index the whole text."""
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    title: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    """Other plain keys, as strings, in file order."""
    error: str | None = None
    """One line saying why the block was ignored or a field dropped; None when fine."""


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def parse_front_matter(text: str) -> FrontMatter:
    """Read the front matter at the very top of `text`, if any. Never raises."""
    opening = _OPEN.match(text)
    if opening is None:
        return FrontMatter(0)
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        return FrontMatter(0, error="front matter: no closing '---' line; read as body text")
    if closing.start() - opening.end() > MAX_BYTES:
        return FrontMatter(0, error=f"front matter: longer than {MAX_BYTES} characters; ignored")
    body_start = closing.end()
    if text.startswith("\r\n", body_start):
        body_start += 2
    elif text.startswith("\n", body_start):
        body_start += 1
    block = text[opening.end() : closing.start()]
    # Here, not at the top: most articles have no front matter, and a search
    # that reads none should not pay for importing and compiling PyYAML.
    import yaml
    from yaml.nodes import MappingNode, ScalarNode

    from glossator.annotations.yamlsafe import parse_node, scalar_value

    try:
        node = parse_node(block)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        first = " ".join(str(exc).split())[:160]
        return FrontMatter(0, error=f"front matter: {first}")
    if node is None:
        return FrontMatter(body_start)
    if not isinstance(node, MappingNode):
        return FrontMatter(0, error="front matter: expected 'key: value' lines; ignored")
    values: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    problems: list[str] = []
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if not isinstance(value_node, ScalarNode):
            problems.append(f"{key} is not a plain value")
            continue
        try:
            value = scalar_value(value_node)
        except (yaml.YAMLError, ValueError) as exc:
            problems.append(f"{key}: {' '.join(str(exc).split())[:80]}")
            continue
        if key in FIELDS:
            values[key] = value
        elif value is not None:
            extra.append((key, str(value)))
    date = _as_date(values.get("date"))
    if values.get("date") is not None and date is None:
        problems.append(f"date {values['date']!r} is not YYYY-MM-DD")

    def text_of(name: str) -> str | None:
        value = values.get(name)
        return None if value is None else str(value).strip() or None

    return FrontMatter(
        body_start,
        date=date,
        source=text_of("source"),
        url=text_of("url"),
        author=text_of("author"),
        title=text_of("title"),
        extra=tuple(extra),
        error=("front matter: " + "; ".join(problems)) if problems else None,
    )
