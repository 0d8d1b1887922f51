"""Collecting the annotated articles of an export: the one loop the CLI and the reader share."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from glossator.annotations.records import ExportRecord, article_iri
from glossator.annotations.store import SidecarStore
from glossator.index.corpus import Article
from glossator.index.indexer import Index

#: Told about each article an export skips: its id and the first line of why.
Skipped = Callable[[str, str], object]


@dataclass(slots=True)
class ExportBatch:
    """The annotated articles collected for an export."""

    records: list[ExportRecord]
    problems: int
    """Articles skipped because they or their sidecars could not be read."""
    cancelled: bool = False


def collect_records(
    index: Index,
    store: SidecarStore,
    ids: list[str],
    *,
    tags: Collection[str] = (),
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
    skipped: Skipped,
    incidents_of: Callable[[Article], list[dict[str, Any]]] | None = None,
) -> ExportBatch:
    """The annotated articles among `ids` (only those with one of `tags`, if given).

    An article that cannot be read is counted in `problems` and told to
    `skipped`; the rest go on. `cancelled` stops the loop (an empty batch).
    `incidents_of` gives an article's incident log rows for the record.
    """
    records: list[ExportRecord] = []
    problems = 0
    wanted = set(tags)
    for done, article_id in enumerate(ids, 1):
        if cancelled is not None and cancelled():
            return ExportBatch([], problems, cancelled=True)
        try:
            article = index.article(article_id)
            sidecar = store.load(article_id, article.text)
        except Exception as exc:  # one bad article must not stop the export
            problems += 1
            skipped(article_id, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            continue
        if not sidecar.is_empty() and (not wanted or wanted & set(sidecar.tags)):
            source = article_iri(index.corpus.name, article.id)
            incidents: tuple[dict[str, Any], ...] = ()
            if incidents_of is not None:
                try:
                    incidents = tuple(incidents_of(article))
                except Exception as exc:  # the annotations still export
                    skipped(article_id, f"incidents unavailable: {exc}")
            records.append(
                ExportRecord(article.id, article.title, article.sha256, sidecar, source, incidents)
            )
        if progress is not None:
            progress(done, len(ids))
    return ExportBatch(records, problems)
