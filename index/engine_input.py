"""What the engine is given to index: documents, sidecar facts and bulk chunks.

The indexer turns article files into `Document`s (through a
`DocumentSource`, one per bulk worker) and an engine writes them; a bulk
worker hands back a `ChunkResult`. Split from `glossator.index.engine`, which
holds what an engine returns and the protocols it implements.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from glossator.index.corpus import Article, ArticleFile, Skipped
from glossator.index.manifest import ManifestEntry


@dataclass(frozen=True, slots=True)
class Document:
    """One article as the engine indexes it."""

    article: Article
    tags: tuple[str, ...]
    sidecar_mtime_ns: int
    #: Entity label -> what its search field holds: the distinct texts as
    #: written and the canonical names they count toward, in order of first
    #: mention, in `labels.LABELS` order; labels with no entity are left out.
    entities: dict[str, list[str]]
    #: Incident records as the extractor gives them (`Incident.to_dict()`).
    incidents: tuple[dict[str, Any], ...] = ()
    #: The article's date (the sidecar's, else the front matter's) and source.
    date: dt.date | None = None
    source: str | None = None
    #: The sidecar's own date and source (`SidecarFacts.signature`).
    sidecar_meta: str = ""
    #: Entity label -> its distinct canonical names (`Entity.name`), what
    #: facets count; None when they are the `entities` themselves.
    names: dict[str, list[str]] | None = None

    @property
    def facet_names(self) -> dict[str, list[str]]:
        """Entity label -> the distinct names counted in facets."""
        return self.entities if self.names is None else self.names


class SidecarFacts(NamedTuple):
    """What indexing takes from an article's sidecar."""

    tags: list[str]
    #: The sidecar's mtime, 0 when there is none.
    mtime: int
    #: The analyst's article date and source; they win over the front matter's.
    date: dt.date | None = None
    source: str | None = None
    #: The analyst's incident checks (`annotations.checks.IncidentCheck`):
    #: they win over the extractor's records in the search fields.
    checks: tuple[Any, ...] = ()

    @property
    def signature(self) -> str:
        """The date, source and incident checks as one string, for the manifest:
        a change re-indexes the article, as a tag change does."""
        if self.date is None and self.source is None and not self.checks:
            return ""
        signature = f"{self.date or ''}|{self.source or ''}"
        if self.checks:
            described = repr(
                [(c.id, c.status, c.start, c.end, sorted(c.fields.items())) for c in self.checks]
            )
            signature += "|" + hashlib.sha1(described.encode("utf-8")).hexdigest()[:16]
        return signature


NO_SIDECAR = SidecarFacts([], 0)


@dataclass
class ChunkResult:
    """What one bulk worker made of one chunk of files."""

    #: What the engine wrote for the chunk (Whoosh: its segments), committed
    #: by the engine in the parent process.
    written: list[object] = field(default_factory=list)
    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)
    #: Article id -> what the document source's `extras(article, facts)`
    #: made of it in the worker (the story store's signature), when it has one.
    extras: dict[str, object] = field(default_factory=dict)


class DocumentSource(Protocol):
    """Turns article files into documents; the bulk workers each get one."""

    @property
    def max_bytes(self) -> int:
        """Files larger than this are skipped."""
        ...

    def read(self, file: ArticleFile) -> Article | Skipped:
        """Read one file; never raises for a bad file."""
        ...

    def sidecar(self, article_id: str, notices: list[str] | None) -> SidecarFacts:
        """An article's tags, date and source, and its sidecar's mtime (0 when none)."""
        ...

    def document(self, article: Article, facts: SidecarFacts) -> Document:
        """The document to index for `article`."""
        ...
