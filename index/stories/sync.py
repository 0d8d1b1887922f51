"""What the story store holds for one article, read through the index."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from glossator.index.manifest import Manifest, ManifestEntry
from glossator.index.stories.rows import Facts
from glossator.index.stories.signatures import signature
from glossator.index.stories.store import StoryStore

if TYPE_CHECKING:
    from glossator.index.corpus import Article
    from glossator.index.engine_input import SidecarFacts


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


def facts_for(
    documents: Documents,
    article: Article,
    sidecar: SidecarFacts,
    records: list[dict[str, Any]] | None = None,
) -> Facts:
    """The store's facts of an article already read; `records` are its
    incident records when the caller has them (the document pass), else
    they are looked up."""
    date = sidecar.date or article.front_matter.date
    if records is None:
        try:
            records = documents.incidents(article, date)
        except Exception:
            records = []
    return Facts(
        signature(article),
        date.isoformat() if date else None,
        [_with_context(r, article) for r in records],
    )


def _with_context(record: dict[str, Any], article: Article) -> dict[str, Any]:
    """A record with what grouping reads beside it: the text of the other
    sentences merged into it (a headline's record gets its place from the
    body's lead), and whether it was read from the headline line."""
    spans = record.get("mentions") or []
    said = " ".join(
        article.text[s:e] for s, e in spans if isinstance(s, int) and isinstance(e, int)
    )
    extra: dict[str, Any] = {"mentioned": said} if said else {}
    if _start(record) < article.body_start:
        extra["headline"] = True
    return {**record, **extra} if extra else record


def _start(record: dict[str, Any]) -> int:
    start = record.get("start")
    return start if isinstance(start, int) else 1 << 62


def sync_stories(
    store: StoryStore,
    manifest: Manifest,
    read: Callable[[str], Article],
    documents: Documents,
    say: Callable[[str], None],
    only: Iterable[str] | None = None,
    ready: Mapping[str, object] | None = None,
) -> int:
    """Bring the story store (signatures, incident records) in step with
    the manifest; returns how many rows were written or dropped. A broken
    store gives a notice (and 0), never a failed update."""
    if only is not None:
        only = list(only)
        named = (i for i in only if i in manifest)
        wanted = {article_id: stamp(manifest[article_id]) for article_id in named}
    else:
        wanted = {article_id: stamp(entry) for article_id, entry in manifest.items()}
    done = ready or {}

    def facts(article_id: str) -> Facts | None:
        # The document pass (in this process or the bulk workers) made the
        # facts of the articles it indexed; the rest are read and signed here.
        found = done.get(article_id)
        return found if isinstance(found, Facts) else facts_of(read, documents, article_id)

    try:
        return store.sync(wanted, facts, only=only)
    except sqlite3.Error as exc:
        say(f"story store not updated ({exc}); `glossator index --rebuild` remakes it")
        return 0
