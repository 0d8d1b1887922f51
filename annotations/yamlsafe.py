"""A YAML reader that can only build plain data, for files other people edit.

Sidecars are hand-editable and may come from anywhere (a git pull, a shared
folder), so reading one must never run code or blow up memory. On top of the
safe loader this refuses, with the line of the offence:

- anchors and aliases (``&a`` / ``*a``): sidecars never need them and they are
  how "billion laughs" files expand a few bytes into gigabytes;
- explicit tags other than the plain YAML types (``!!python/...``, ``!!binary``);
- duplicate mapping keys, which YAML would otherwise resolve silently to the
  last value, and merge keys (``<<``);
- nesting deeper than ``MAX_DEPTH``.

The C parser (libyaml) is used when PyYAML was built with it; nodes are
composed here, in Python, so the checks above run as events arrive and a bad
file is refused before it is expanded.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.error import MarkedYAMLError
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["MAX_DEPTH", "TAG", "RefusedYAML", "parse_node", "plain_data", "scalar_value"]

MAX_DEPTH = 16


class TAG:
    """The resolved tags of the plain YAML types."""

    STR = "tag:yaml.org,2002:str"
    INT = "tag:yaml.org,2002:int"
    FLOAT = "tag:yaml.org,2002:float"
    BOOL = "tag:yaml.org,2002:bool"
    NULL = "tag:yaml.org,2002:null"
    TIMESTAMP = "tag:yaml.org,2002:timestamp"
    SEQ = "tag:yaml.org,2002:seq"
    MAP = "tag:yaml.org,2002:map"
    MERGE = "tag:yaml.org,2002:merge"


_PLAIN_TAGS = frozenset(
    {TAG.STR, TAG.INT, TAG.FLOAT, TAG.BOOL, TAG.NULL, TAG.TIMESTAMP, TAG.SEQ, TAG.MAP}
)

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RefusedYAML(MarkedYAMLError):
    """Valid YAML that a sidecar may not contain."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class _GuardedLoader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader with composition replaced by a checked one."""

    def get_single_node(self) -> Node | None:
        self.get_event()  # stream start
        node: Node | None = None
        if not self.check_event(StreamEndEvent):
            self.get_event()  # document start
            node = self._compose(0)
            self.get_event()  # document end
        if not self.check_event(StreamEndEvent):
            event = self.get_event()
            raise RefusedYAML(
                "a second YAML document (---); a sidecar holds exactly one", event.start_mark
            )
        self.get_event()
        return node

    def _compose(self, depth: int) -> Node:
        # Any: the C parser's events carry its own Mark type, the same in use.
        event: Any = self.peek_event()
        if isinstance(event, AliasEvent):
            raise RefusedYAML(
                f"alias *{event.anchor} is not allowed; write the value out in full",
                event.start_mark,
            )
        if event.anchor is not None:
            raise RefusedYAML(f"anchor &{event.anchor} is not allowed; remove it", event.start_mark)
        if depth >= MAX_DEPTH:
            raise RefusedYAML(f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
        tag = event.tag
        begin: Any = event.start_mark
        finish: Any = event.end_mark
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            raise RefusedYAML(
                f"tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; "
                "sidecars hold plain text, numbers, lists and mappings",
                event.start_mark,
            )
        if isinstance(event, ScalarEvent):
            self.get_event()
            if tag is None:
                tag = self.resolve(ScalarNode, event.value, event.implicit)
            elif tag == "!":  # the non-specific tag: a quoted-style string
                tag = TAG.STR
            return ScalarNode(tag, event.value, begin, finish, style=event.style)
        if isinstance(event, SequenceStartEvent):
            self.get_event()
            items = []
            while not isinstance(self.peek_event(), yaml.SequenceEndEvent):
                items.append(self._compose(depth + 1))
            end: Any = self.get_event()
            return SequenceNode(TAG.SEQ, items, begin, end.end_mark)
        if isinstance(event, MappingStartEvent):
            return self._compose_mapping(depth)
        raise RefusedYAML(f"unexpected {type(event).__name__}", event.start_mark)

    def _compose_mapping(self, depth: int) -> MappingNode:
        start: Any = self.get_event()
        pairs: list[tuple[Node, Node]] = []
        seen: dict[str, Any] = {}
        while not isinstance(self.peek_event(), yaml.MappingEndEvent):
            key = self._compose(depth + 1)
            if not isinstance(key, ScalarNode):
                raise RefusedYAML("a mapping key must be plain text", key.start_mark)
            if key.tag == TAG.MERGE:
                raise RefusedYAML("merge keys (<<) are not allowed", key.start_mark)
            if key.value in seen:
                raise RefusedYAML(
                    f"duplicate key {key.value!r} (first on line {seen[key.value].line + 1}); "
                    "keep one of them",
                    key.start_mark,
                )
            seen[key.value] = key.start_mark
            pairs.append((key, self._compose(depth + 1)))
        end: Any = self.get_event()
        return MappingNode(TAG.MAP, pairs, start.start_mark, end.end_mark)


def parse_node(text: str) -> Node | None:
    """Parse one YAML document into a node tree; raises ``yaml.YAMLError``.

    Returns None for an empty document. Node marks carry line numbers for
    error messages.
    """
    loader = _GuardedLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    except MarkedYAMLError as exc:
        # Newer libyaml stops deep nesting itself, before our check sees it;
        # say it the same way whichever parser caught it.
        if "maximum nesting depth" in (exc.problem or ""):
            raise RefusedYAML(f"nested deeper than {MAX_DEPTH} levels", exc.problem_mark) from None
        raise
    finally:
        loader.dispose()


_CONSTRUCTOR = yaml.SafeLoader("")


def scalar_value(node: ScalarNode) -> Any:
    """The Python value of a plain scalar (int, float, bool, None, str, datetime)."""
    return _CONSTRUCTOR.construct_object(node, deep=True)


def plain_data(node: Node | None) -> Any:
    """The plain Python value of a node tree from `parse_node` (dicts, lists, scalars).

    Aliases were refused and depth bounded while parsing, so this is linear in
    the file's size.
    """
    if node is None:
        return None
    if isinstance(node, ScalarNode):
        return scalar_value(node)
    if isinstance(node, SequenceNode):
        return [plain_data(item) for item in node.value]
    return {scalar_value(key): plain_data(value) for key, value in node.value}
