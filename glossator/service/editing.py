"""What the analyst writes on an article: tags, the source rating, notes and spans.

`ArticleEdits` is part of `Session` (kept in its own module so each stays
small). Every change is one locked read-modify-write through the sidecar
store.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossator.annotations.errors import AnnotationError
from glossator.annotations.model import Note, Sidecar, Span
from glossator.index.corpus import CorpusError

if TYPE_CHECKING:
    from glossator.annotations.store import SidecarStore
    from glossator.index.corpus import Article
    from glossator.index.indexer import Index

__all__ = ["ArticleEdits", "TagChange"]

_RATING = re.compile(r"^\s*([A-Fa-f])\s*([1-6])\s*$")


@dataclass(frozen=True, slots=True)
class TagChange:
    """What a bulk tag change did (or would do) to one article."""

    article_id: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    error: str | None = None
    """Set when the article could not be read or its sidecar not saved."""


class ArticleEdits:
    """Tags, rating, notes and spans, on top of the session's index and store."""

    index: Index
    store: SidecarStore

    def tag(self, article: Article, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Sidecar:
        """Add and remove tags on one article; returns the saved sidecar."""
        add, remove = list(add), list(remove)
        sidecar = None
        if add:
            sidecar = self.store.add_tags(article.id, article.text, add)
        if remove:
            sidecar = self.store.remove_tags(article.id, article.text, remove)
        return sidecar if sidecar is not None else self.store.load(article.id, article.text)

    def retag(
        self,
        ids: Iterable[str],
        add: Collection[str],
        remove: Collection[str],
        *,
        dry_run: bool = False,
        index_wait: float = 10.0,
    ) -> Iterator[TagChange]:
        """Tag every article in `ids`, yielding one `TagChange` per article that changes.

        Articles already as asked are skipped silently; those that fail are
        yielded with `error` set and the rest go on. Once the loop is done the
        changed articles are re-indexed (unless `dry_run`), so consume it all;
        when another process holds the index for over `index_wait` seconds,
        that raises `IndexUnavailable` with every tag already saved (the
        next update of the index reads them from the sidecars).
        """
        changed: list[str] = []
        for article_id in ids:
            try:
                article = self.index.article(article_id)
                before = set(self.store.load(article_id, article.text).tags)
                after = (before | set(add)) - set(remove)
                if after == before:
                    continue
                if not dry_run:
                    self.tag(article, add, remove)
                changed.append(article_id)
                yield TagChange(
                    article_id, tuple(sorted(after - before)), tuple(sorted(before - after))
                )
            except (AnnotationError, CorpusError, OSError) as exc:
                yield TagChange(article_id, error=str(exc))
        if changed and not dry_run:
            self.index.reindex(changed, lock_wait=index_wait)

    def rate(self, article: Article, code: str) -> Sidecar:
        """Set the source rating from a NATO Admiralty code like `B2`; empty clears it.

        Raises `ValueError` for anything else.
        """
        raw = code.strip()
        if not raw:
            return self.store.set_rating(article.id, article.text, None, None)
        m = _RATING.match(raw)
        if m is None:
            raise ValueError(f"{raw!r} is not a letter A-F then a digit 1-6, like B2")
        return self.store.set_rating(article.id, article.text, m.group(1).upper(), int(m.group(2)))

    def add_note(self, article: Article, text: str) -> tuple[Note, Sidecar]:
        """Add a note about the article; returns it and the saved sidecar."""
        note = self.store.add_note(article.id, article.text, text)
        return note, self.store.load(article.id, article.text)

    def edit_note(self, article: Article, note_id: str, text: str) -> Sidecar:
        """Replace a note's text."""
        return self.store.edit_note(article.id, article.text, note_id, text)

    def label_span(
        self, article: Article, start: int, end: int, label: str, note: str = ""
    ) -> Sidecar:
        """Label the passage `article.text[start:end]`, with an optional note."""
        return self.add_span(article, start, end, label, note)[1]

    def add_span(
        self, article: Article, start: int, end: int, label: str, note: str = ""
    ) -> tuple[Span, Sidecar]:
        """Label a passage as `label_span` does; returns the new span and the saved sidecar."""
        span = self.store.add_span(article.id, article.text, start, end, label, note)
        return span, self.store.load(article.id, article.text)

    def edit_span(
        self, article: Article, span_id: str, label: str | None, note: str | None
    ) -> Sidecar:
        """Change a span's label and/or note (None leaves it as it is; "" clears the note)."""
        return self.store.edit_span(article.id, article.text, span_id, label, note)

    def delete(self, article: Article, kind: str, key: str) -> Sidecar:
        """Delete one annotation item: a `note` or `span`/`orphan` by id, or a `tag`."""
        if kind == "note":
            return self.store.delete_note(article.id, article.text, key)
        if kind in ("span", "orphan"):
            return self.store.delete_span(article.id, article.text, key)
        if kind == "tag":
            return self.store.remove_tags(article.id, article.text, [key])
        raise ValueError(f"cannot delete a {kind}")
