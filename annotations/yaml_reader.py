"""Reading a YAML node tree strictly: every problem is collected with its line.

`NodeReader` holds the checks every annotation file shares (mappings with
known keys, required keys, text, numbers, lists with a size cap, ids,
timestamps, labels); `annotations.codec` builds the sidecar reader on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossator.annotations.errors import TagError
from glossator.annotations.model import is_utc_timestamp
from glossator.annotations.yamlsafe import TAG, scalar_value

__all__ = ["MAX_ITEMS", "NodeReader", "line_of"]

#: Most items one list of a sidecar (tags, notes, spans) may hold. Every
#: command stays well under a second per sidecar at this size; 100,000 tags
#: made a tag edit take over ten seconds and the reader's sidebar unusable.
MAX_ITEMS = 10_000

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_TYPE_NAMES = {
    TAG.INT: "a number",
    TAG.FLOAT: "a number",
    TAG.BOOL: "true/false",
    TAG.NULL: "nothing",
    TAG.TIMESTAMP: "a date",
    TAG.STR: "text",
    TAG.SEQ: "a list",
    TAG.MAP: "a mapping",
}


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1


class NodeReader:
    """Turns nodes into values, collecting problems instead of stopping."""

    def __init__(
        self, article_text_sha: str | None, text_length: int | None, article_name: str | None
    ) -> None:
        self.problems: list[str] = []
        self.article_name = article_name
        self.text_sha = article_text_sha
        self.text_length = text_length

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(f"line {line_of(node)}: {message}")

    def found(self, node: Node) -> str:
        return _TYPE_NAMES.get(node.tag, str(node.tag))

    def mapping(self, node: Node, what: str, keys: tuple[str, ...]) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.problem(
                node, f"{what} must be a mapping (key: value lines), not {self.found(node)}"
            )
            return None
        out: dict[str, Node] = {}
        for key, value in node.value:
            if key.value not in keys:
                self.problem(
                    key, f"unknown key {key.value!r} in {what}; known keys: {', '.join(keys)}"
                )
            else:
                out[key.value] = value
        return out

    def require(
        self, fields: dict[str, Node], parent: Node, what: str, keys: tuple[str, ...]
    ) -> bool:
        missing = [k for k in keys if k not in fields]
        if missing:
            self.problem(parent, f"{what} is missing {', '.join(missing)}")
        return not missing

    def text(
        self,
        node: Node,
        what: str,
        *,
        optional: bool = False,
        single_line: bool = False,
        timestamp: bool = False,
    ) -> str | None:
        if isinstance(node, ScalarNode):
            if optional and node.tag == TAG.NULL:
                return ""
            if node.tag == TAG.STR or (timestamp and node.tag == TAG.TIMESTAMP):
                value = str(node.value)
                if single_line and ("\n" in value or not value.strip()):
                    self.problem(node, f"{what} must be one non-empty line")
                    return None
                return value
        self.problem(node, f"{what} must be text, not {self.found(node)}; put it in quotes")
        return None

    def integer(self, node: Node, what: str) -> int | None:
        if isinstance(node, ScalarNode) and node.tag == TAG.INT:
            value = scalar_value(node)
            if isinstance(value, int):
                return value
        self.problem(node, f"{what} must be a whole number, not {self.found(node)}")
        return None

    def items(self, node: Node, what: str) -> list[Node]:
        if isinstance(node, ScalarNode) and node.tag == TAG.NULL:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{what} must be a list, not {self.found(node)}")
            return []
        if len(node.value) > MAX_ITEMS:
            self.problem(
                node,
                f"{len(node.value):,} {what}; a sidecar holds at most {MAX_ITEMS:,} {what} "
                "(remove some, or keep the rest in another file)",
            )
            return []
        return list(node.value)

    def identifier(self, node: Node, what: str, seen: dict[str, int]) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        if not _ID.fullmatch(value):
            self.problem(node, f"{what} {value!r} must be letters, digits, - and _ (like n-4f1a)")
            return None
        if value in seen:
            self.problem(
                node, f"{what} {value!r} is already used on line {seen[value]}; ids must be unique"
            )
            return None
        seen[value] = line_of(node)
        return value

    def created(self, node: Node, what: str) -> str | None:
        value = self.text(node, what, timestamp=True)
        if value is not None and not is_utc_timestamp(value):
            self.problem(node, f"{what} {value!r} must be UTC like 2026-11-21T10:04:00Z")
            return None
        return value

    def flag(self, fields: dict[str, Node], key: str, what: str) -> bool | None:
        """An optional true/false value (false when missing); None after a problem."""
        if key not in fields:
            return False
        node = fields[key]
        if isinstance(node, ScalarNode) and node.tag == TAG.BOOL:
            return bool(scalar_value(node))
        self.problem(node, f"{what} must be true or false, not {self.found(node)}")
        return None

    def label(self, node: Node, what: str, normalise: Callable[[str], str]) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        try:
            return normalise(value)
        except TagError as exc:
            self.problem(node, str(exc))
            return None

    def anchored(
        self, fields: dict[str, Node], what: str, seen: dict[str, int], stamp: str
    ) -> dict[str, Any]:
        """The keys a span and an incident share: id, offsets, quote and context,
        author, the `stamp` time and orphaned (None for each bad one)."""
        values: dict[str, Any] = {
            "id": self.identifier(fields["id"], f"{what} id", seen),
            "start": self.integer(fields["start"], f"{what} start"),
            "end": self.integer(fields["end"], f"{what} end"),
            "quote": self.text(fields["quote"], f"{what} quote"),
            "author": self.text(fields["author"], f"{what} author", single_line=True),
            stamp: self.created(fields[stamp], f"{what} {stamp}"),
        }
        for key in ("prefix", "suffix"):
            values[key] = (
                self.text(fields[key], f"{what} {key}", optional=True) if key in fields else ""
            )
        values["orphaned"] = self.flag(fields, "orphaned", f"{what} orphaned")
        return values

    def offsets_fit(
        self, fields: dict[str, Node], values: dict[str, Any], what: str, sidecar_sha: str
    ) -> bool:
        """Whether ``values``' start/end are in order and, when measured on this
        text, inside it; says why not."""
        start, end = values["start"], values["end"]
        if start < 0 or start > end:
            self.problem(
                fields["start"],
                f"{what} {values['id']} has start {start} and end {end}; need 0 <= start <= end",
            )
            return False
        # Offsets only have to fit the text they were measured on; when the text
        # has changed since, re-anchoring by quote decides where the span is.
        if self.text_length is not None and sidecar_sha == self.text_sha and end > self.text_length:
            self.problem(
                fields["end"],
                f"{what} {values['id']} ends at {end}, past the end of the "
                f"article ({self.text_length} characters)",
            )
            return False
        return True
