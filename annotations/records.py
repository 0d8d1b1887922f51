"""What an export is made of: one record per annotated article."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from glossator.annotations.model import Sidecar

__all__ = ["ExportRecord", "article_iri"]


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One article to export: its id (path), title, text hash and sidecar."""

    path: str
    title: str
    sha256: str
    sidecar: Sidecar
    source: str = ""
    """The article's IRI, the W3C export's `target.source` (see `article_iri`);
    empty: `urn:glossator:<path>`."""
    incidents: tuple[dict[str, Any], ...] = ()
    """The article's incident log rows (`glossator incidents --json` shape);
    the Markdown report shows them as a table."""


def article_iri(corpus: str, path: str, base: str | None = None) -> str:
    """An IRI for an article: `urn:glossator:<corpus>/<path>` (percent-encoded),
    or `base` followed by the path (say `https://archive.example/news/`)."""
    prefix = base if base is not None else f"urn:glossator:{quote(corpus, safe='')}/"
    return prefix + quote(path, safe="/")
