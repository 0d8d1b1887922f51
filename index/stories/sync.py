"""What the story store holds for one article, read through the index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from glossator.index.manifest import ManifestEntry
from glossator.index.stories.signatures import signature
from glossator.index.stories.store import Facts

if TYPE_CHECKING:
    from glossator.index.corpus import Article
    from glossator.index.engine import SidecarFacts


class Documents(Protocol):
    """What the store needs of the document builder (named here, not
    imported, so the index's modules do not import each other in a loop)."""

    def incidents(
        self, article: Article, date: dt.date | None = None, entities: Any = None
    ) -> list[dict[str, Any]]:
        """An article's incident records."""
        ...

    def sidecar(self, article_id: str, notices: list[str] | None) -> SidecarFacts:
        """An article's sidecar facts."""
        ...


def stamp(entry: ManifestEntry) -> str:
    """What a stored row is checked against: the content hash and the
    sidecar's date and source (which change the incident records' dates)."""
    return f"{entry.sha256}|{entry.sidecar_meta}"


def facts_of(read: Callable[[str], Article], documents: Documents, article_id: str) -> Facts | None:
    """An article's signature, date and incident records; None when it
    cannot be read (the row is then dropped)."""
    try:
        article = read(article_id)
    except Exception:
        return None
    return facts_for(documents, article, documents.sidecar(article.id, None))


def facts_for(documents: Documents, article: Article, sidecar: SidecarFacts) -> Facts:
    """The store's facts of an article already read."""
    date = sidecar.date or article.front_matter.date
    try:
        records = documents.incidents(article, date)
    except Exception:
        records = []
    return Facts(signature(article), date.isoformat() if date else None, records)
