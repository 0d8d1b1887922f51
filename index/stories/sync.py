"""What the story store holds for one article, read through the index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossator.index.manifest import ManifestEntry
from glossator.index.stories.signatures import signature
from glossator.index.stories.store import Facts

if TYPE_CHECKING:
    from glossator.index.corpus import Article
    from glossator.index.documents import DocumentBuilder
    from glossator.index.engine import SidecarFacts
    from glossator.index.indexer import Index


def stamp(entry: ManifestEntry) -> str:
    """What a stored row is checked against: the content hash and the
    sidecar's date and source (which change the incident records' dates)."""
    return f"{entry.sha256}|{entry.sidecar_meta}"


def facts_of(index: Index, article_id: str) -> Facts | None:
    """An article's signature, date and incident records; None when it
    cannot be read (the row is then dropped)."""
    try:
        article = index.article(article_id)
    except Exception:
        return None
    return facts_for(index.documents, article, index.documents.sidecar(article.id, None))


def facts_for(documents: DocumentBuilder, article: Article, sidecar: SidecarFacts) -> Facts:
    """The store's facts of an article already read."""
    date = sidecar.date or article.front_matter.date
    try:
        records = documents.incidents(article, date)
    except Exception:
        records = []
    return Facts(signature(article), date.isoformat() if date else None, records)
