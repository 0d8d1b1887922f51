"""YAML -> Sidecar: a strict reader that reports every problem with its line
(the writer, which produces stable, diff-friendly YAML, is `annotations.dump`).

Written keys, in this order: ``version``, ``article``, ``article_sha256``,
``date``, ``source``, ``tags``, ``rating``, ``notes``, ``spans``,
``incidents``. ``tags``, ``notes``, ``spans`` and ``incidents`` are always
written (``[]`` when empty) so a sidecar shows what it can hold. Optional
keys are omitted when they hold their default: ``date``, ``source`` (empty),
``rating`` (none), in a rating ``by`` and ``rated`` (empty), in a note
``review`` (empty), in a span ``prefix``, ``suffix``, ``note``, ``review``
(empty) and ``orphaned`` (false), in an incident ``prefix``, ``suffix`` and
``orphaned``.
The reader accepts every omitted key as missing, and missing ``tags``,
``notes``, ``spans``, ``incidents`` and ``article_sha256`` as empty, for
hand-written files. Version 1 files (before ``date``, ``source`` and
``incidents``) are read as they always were; `annotations.codec_v2` reads
the keys version 2 added.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossator.annotations.codec_v2 import V2_KEYS, read_v2_keys
from glossator.annotations.errors import TagError
from glossator.annotations.model import (
    CREDIBILITY,
    READABLE_VERSIONS,
    RELIABILITY,
    SIDECAR_VERSION,
    Note,
    Rating,
    Sidecar,
    Span,
    is_utc_timestamp,
    normalise_label,
    normalise_tag,
)
from glossator.annotations.yamlsafe import TAG, scalar_value

__all__ = ["MAX_ITEMS", "read_sidecar"]

#: Most items one list of a sidecar (tags, notes, spans) may hold. Every
#: command stays well under a second per sidecar at this size; 100,000 tags
#: made a tag edit take over ten seconds and the reader's sidebar unusable.
MAX_ITEMS = 10_000

TOP_KEYS = ("version", "article", "article_sha256", "tags", "rating", "notes", "spans", *V2_KEYS)
NOTE_KEYS = ("id", "author", "created", "text", "review")
_NOTE_REQUIRED = ("id", "author", "created", "text")
SPAN_KEYS = (
    "id",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "label",
    "note",
    "author",
    "created",
    "orphaned",
    "review",
)
_SPAN_REQUIRED = ("id", "start", "end", "quote", "label", "author", "created")
_SHA256 = re.compile(r"[0-9a-f]{64}")
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


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _Reader:
    """Turns a node tree into a Sidecar, collecting problems instead of stopping."""

    def __init__(
        self, article_text_sha: str | None, text_length: int | None, article_name: str | None
    ) -> None:
        self.problems: list[str] = []
        self.article_name = article_name
        self.text_sha = article_text_sha
        self.text_length = text_length

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(f"line {_line(node)}: {message}")

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
        seen[value] = _line(node)
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

    def label(self, node: Node, what: str, normalise: Callable[[str], str]) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        try:
            return normalise(value)
        except TagError as exc:
            self.problem(node, str(exc))
            return None

    # -- the sidecar itself -------------------------------------------------------

    def sidecar(self, root: Node | None) -> Sidecar:
        result = Sidecar()
        if root is None:
            self.problems.append("line 1: the file is empty")
            return result
        if self.newer(root):
            return result
        fields = self.mapping(root, "the sidecar", TOP_KEYS)
        if fields is None:
            return result
        if not self.require(fields, root, "the sidecar", ("version", "article")):
            return result
        version = self.integer(fields["version"], "version")
        if version is not None and version not in READABLE_VERSIONS:
            self.problem(
                fields["version"],
                f"version {version} is not supported; this glossator reads versions "
                f"{', '.join(map(str, READABLE_VERSIONS))}",
            )
        result.version = version if version is not None else SIDECAR_VERSION
        article = self.text(fields["article"], "article", single_line=True)
        result.article = article or ""
        if article is not None and self.article_name is not None and article != self.article_name:
            self.problem(
                fields["article"],
                f"article is {article!r} but this sidecar sits next to "
                f"{self.article_name!r}; it belongs to another article",
            )
        if "article_sha256" in fields:
            sha = self.text(fields["article_sha256"], "article_sha256", optional=True)
            if sha and not _SHA256.fullmatch(sha):
                self.problem(
                    fields["article_sha256"], "article_sha256 must be 64 lower-case hex digits"
                )
            else:
                result.article_sha256 = sha or ""
        if "tags" in fields:
            tags = [self.label(n, "tag", normalise_tag) for n in self.items(fields["tags"], "tags")]
            result.tags = sorted({t for t in tags if t is not None})
        if "rating" in fields:
            result.rating = self.rating(fields["rating"])
        seen: dict[str, int] = {}
        if "notes" in fields:
            for n in self.items(fields["notes"], "notes"):
                note = self.note(n, seen)
                if note is not None:
                    result.notes.append(note)
        if "spans" in fields:
            for n in self.items(fields["spans"], "spans"):
                span = self.span(n, seen, result.article_sha256)
                if span is not None:
                    result.spans.append(span)
        read_v2_keys(self, fields, result, seen)
        return result

    def newer(self, root: Node) -> bool:
        """True (with the problem said) for a file of a newer format than this
        glossator's, whose keys mean what that glossator says: none are judged."""
        if not isinstance(root, MappingNode):
            return False
        for key, value in root.value:
            if key.value == "version" and isinstance(value, ScalarNode) and value.tag == TAG.INT:
                version = scalar_value(value)
                if isinstance(version, int) and version > SIDECAR_VERSION:
                    self.problem(
                        value,
                        f"version {version} is newer than this glossator reads (up to "
                        f"{SIDECAR_VERSION}); upgrade glossator to open it",
                    )
                    return True
        return False

    def rating(self, node: Node) -> Rating | None:
        if isinstance(node, ScalarNode) and node.tag == TAG.NULL:
            return None
        fields = self.mapping(node, "rating", ("reliability", "credibility", "by", "rated"))
        if fields is None or not self.require(
            fields, node, "rating", ("reliability", "credibility")
        ):
            return None
        letter = self.text(fields["reliability"], "rating reliability")
        number = self.integer(fields["credibility"], "rating credibility")
        ok = True
        if letter is not None and letter.upper() not in RELIABILITY:
            self.problem(
                fields["reliability"], f"rating reliability {letter!r} must be a letter A-F"
            )
            ok = False
        if number is not None and number not in CREDIBILITY:
            self.problem(fields["credibility"], f"rating credibility {number} must be a number 1-6")
            ok = False
        by = self.text(fields["by"], "rating by", single_line=True) if "by" in fields else ""
        rated = self.created(fields["rated"], "rating rated") if "rated" in fields else ""
        if letter is None or number is None or by is None or rated is None or not ok:
            return None
        return Rating(letter.upper(), number, by, rated)

    def note(self, node: Node, seen: dict[str, int]) -> Note | None:
        fields = self.mapping(node, "a note", NOTE_KEYS)
        if fields is None or not self.require(fields, node, "a note", _NOTE_REQUIRED):
            return None
        values = (
            self.identifier(fields["id"], "note id", seen),
            self.text(fields["author"], "note author", single_line=True),
            self.created(fields["created"], "note created"),
            self.text(fields["text"], "note text"),
        )
        review = self.review(fields, "note")
        if any(v is None for v in values) or review is None:
            return None
        note_id, author, created, text = (str(v) for v in values)
        return Note(note_id, author, created, text, review)

    def review(self, fields: dict[str, Node], what: str) -> str | None:
        """The optional ``review`` text of a note or span ("" when absent)."""
        if "review" not in fields:
            return ""
        return self.text(fields["review"], f"{what} review", optional=True)

    def span(self, node: Node, seen: dict[str, int], sidecar_sha: str) -> Span | None:
        fields = self.mapping(node, "a span", SPAN_KEYS)
        if fields is None or not self.require(fields, node, "a span", _SPAN_REQUIRED):
            return None
        values = self.anchored(fields, "span", seen, "created")
        values["label"] = self.label(fields["label"], "span label", normalise_label)
        for key in ("note", "review"):
            values[key] = (
                self.text(fields[key], f"span {key}", optional=True) if key in fields else ""
            )
        if any(v is None for v in values.values()):
            return None
        if not self.offsets_fit(fields, values, "span", sidecar_sha):
            return None
        return Span(**values)


def read_sidecar(
    root: Node | None,
    text_sha: str | None = None,
    text_length: int | None = None,
    article_name: str | None = None,
) -> tuple[Sidecar, list[str]]:
    """Build a Sidecar from a parsed node tree; returns it with a list of problems.

    With ``text_sha``/``text_length`` of the current article text, span offsets
    are checked against the text when the sidecar says it was measured on it.
    With ``article_name``, the ``article`` field must equal it. The Sidecar is
    only meaningful when the problem list is empty.
    """
    reader = _Reader(text_sha, text_length, article_name)
    sidecar = reader.sidecar(root)
    return sidecar, reader.problems
