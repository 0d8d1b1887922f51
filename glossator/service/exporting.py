"""Exporting from a session: annotations and the incident log, to a file.

`SessionExports` is part of `Session` (kept in its own module so each stays
small); the collecting loop itself is `collect_records`, shared with the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossator.annotations.errors import ExportError
from glossator.service.exports import ExportBatch, Skipped, collect_records
from glossator.service.incidents import IncidentLog, collect_incidents

if TYPE_CHECKING:
    from glossator.annotations.store import SidecarStore
    from glossator.index.corpus import Article
    from glossator.index.indexer import Index

__all__ = ["SessionExports"]

_LOG_CHUNK = 25


class SessionExports:
    """Annotation and incident-log exports, on top of the session's index and store."""

    index: Index
    store: SidecarStore

    if TYPE_CHECKING:  # provided by Session

        def add_log(self, kind: str, text: str) -> None: ...

        def incidents(self, article: Article, *, checked: bool = True) -> list[dict[str, Any]]: ...

    def incident_log(
        self,
        ids: Iterable[str],
        *,
        statuses: Iterable[str] = (),
        skipped: Skipped | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> IncidentLog:
        """The incident rows of these articles (only `statuses` when given)."""

        def log(article_id: str, reason: str) -> None:
            self.add_log("incidents", f"skipped {article_id}: {reason}")

        return collect_incidents(
            ids,
            lambda article_id: self.incidents(self.index.article(article_id)),
            statuses=statuses,
            skipped=skipped or log,
            cancelled=cancelled,
        )

    def collect(
        self,
        ids: list[str],
        *,
        tags: Collection[str] = (),
        progress: Callable[[int, int], object] | None = None,
        cancelled: Callable[[], bool] | None = None,
        skipped: Skipped | None = None,
    ) -> ExportBatch:
        """The annotated articles among `ids` (only those with one of `tags`, if given).

        An article that cannot be read is counted in `problems` and told to
        `skipped` (by default the log); the rest go on.
        """

        def log(article_id: str, reason: str) -> None:
            self.add_log("export", f"skipped {article_id}: {reason}")

        return collect_records(
            self.index,
            self.store,
            ids,
            tags=tags,
            progress=progress,
            cancelled=cancelled,
            skipped=skipped or log,
            incidents_of=self.incidents,
        )

    def export(
        self,
        ids: list[str],
        fmt: str,
        dest: Path,
        force: bool,
        progress: Callable[[int, int], object] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[int, int]:
        """Export the annotated articles among `ids` to `dest`; returns (written, problems).

        Raises `ExportError` (from annotations) when the file cannot be written,
        e.g. it exists and `force` is false.
        """
        if dest.exists() and not force:
            raise ExportError(f"{dest} already exists; tick 'overwrite' to replace it")
        batch = self.collect(ids, progress=progress, cancelled=cancelled)
        if batch.cancelled:
            return 0, batch.problems
        from glossator.annotations.export import export, write_export

        write_export(export(batch.records, fmt), dest, force=force)
        return len(batch.records), batch.problems

    def export_incident_log(
        self,
        ids: list[str],
        fmt: str,
        dest: Path,
        force: bool,
        *,
        summary: bool = False,
        progress: Callable[[int, int], object] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[int, int]:
        """Export the incident log of `ids` (or its per-event summary) to `dest`,
        as `glossator export --incidents` does; returns (incidents, problems).

        Articles are read in chunks so `progress` can report; raises `ExportError`
        when the file cannot be written, e.g. it exists and `force` is false.
        """
        if dest.exists() and not force:
            raise ExportError(f"{dest} already exists; tick 'overwrite' to replace it")
        rows: list[dict[str, Any]] = []
        problems = 0
        for at in range(0, len(ids), _LOG_CHUNK):
            if cancelled is not None and cancelled():
                return 0, problems
            log = self.incident_log(ids[at : at + _LOG_CHUNK], cancelled=cancelled)
            rows.extend(log.rows)
            problems += log.problems
            if progress is not None:
                progress(min(at + _LOG_CHUNK, len(ids)), len(ids))
        # The writers are imported here: a session that only searches (the
        # `glossator search` command) should not pay 25 ms for them.
        from glossator.annotations.export import write_export
        from glossator.annotations.incident_export import export_event_summaries, export_incidents

        render = export_event_summaries if summary else export_incidents
        write_export(render(rows, fmt), dest, force=force)
        return len(rows), problems
