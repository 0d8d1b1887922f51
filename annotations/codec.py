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

from yaml.nodes import MappingNode, Node, ScalarNode

from glossator.annotations.codec_v2 import V2_KEYS, read_v2_keys
from glossator.annotations.model import (
    CREDIBILITY,
    READABLE_VERSIONS,
    RELIABILITY,
    SIDECAR_VERSION,
    Note,
    Rating,
    Sidecar,
    Span,
    normalise_label,
    normalise_tag,
)
from glossator.annotations.yaml_reader import MAX_ITEMS, NodeReader
from glossator.annotations.yamlsafe import TAG, scalar_value

__all__ = ["MAX_ITEMS", "read_sidecar"]


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


class _Reader(NodeReader):
    """Turns a node tree into a Sidecar, collecting problems instead of stopping."""

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
        # A file name may hold a line break; the check against the name below
        # is what keeps the field honest, so only an empty one is refused here.
        article = self.text(fields["article"], "article")
        if article is not None and not article.strip():
            self.problem(fields["article"], "article must be the article's file name, not empty")
            article = None
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
