"""What the analyst checks about an article: its date and source, and its incidents.

`ArticleChecks` is part of `Session` (kept in its own module so each stays
small). Every change is one locked read-modify-write through the sidecar
store, as tags and notes are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from glossator.annotations.checks import IncidentCheck, normalise_date, normalise_source
from glossator.annotations.incidents import (
    add_change,
    delete_change,
    reconcile,
    status_change,
    validated_fields,
)
from glossator.annotations.model import Sidecar

if TYPE_CHECKING:
    from glossator.annotations.store import SidecarStore
    from glossator.index.corpus import Article
    from glossator.index.indexer import Index

__all__ = ["ArticleChecks"]

Record = Mapping[str, Any]


class ArticleChecks:
    """Article metadata and incident checks, on top of the session's index and store."""

    index: Index
    store: SidecarStore

    # -- metadata -------------------------------------------------------------

    def set_article_date(self, article: Article, date: str | None) -> Sidecar:
        """Set the article's date (``YYYY-MM-DD``); None clears it. Raises InvalidValue."""
        value = "" if date is None else normalise_date(date)

        def change(sidecar: Sidecar) -> None:
            sidecar.date = value

        return self.store.edit(article.id, article.text, change)

    def set_article_source(self, article: Article, source: str | None) -> Sidecar:
        """Set who published the article; None clears it. Raises InvalidValue."""
        value = "" if source is None else normalise_source(source)

        def change(sidecar: Sidecar) -> None:
            sidecar.source = value

        return self.store.edit(article.id, article.text, change)

    # -- incidents ------------------------------------------------------------

    def extracted_incidents(self, article: Article) -> list[dict[str, Any]]:
        """The extractor's incidents of an article, as `Incident.to_dict()` values,
        from the index's cache. Dates resolve against the sidecar's date, else
        the front matter's."""
        return self.index.incidents(article)

    def checked_incidents(self, article: Article) -> list[dict[str, Any]]:
        """The article's effective incidents: extracted ones under the analyst's checks.

        Raises `SidecarError` when the sidecar cannot be read.
        """
        sidecar = self.store.load(article.id, article.text)
        return reconcile(article.text, self.extracted_incidents(article), sidecar.incidents)

    def _status(
        self,
        article: Article,
        record_id: str,
        record: Record | None,
        status: str,
        values: Mapping[str, Any] | None = None,
    ) -> tuple[IncidentCheck, Sidecar]:
        made: list[IncidentCheck] = []
        change = status_change(
            article.text, record_id, record, self.store.author,
            status=status, values=values, made=made,
        )  # fmt: skip
        sidecar = self.store.edit(article.id, article.text, change)
        return made[0], sidecar

    def confirm_incident(
        self, article: Article, record_id: str, extracted_record: Record | None = None
    ) -> tuple[IncidentCheck, Sidecar]:
        """Confirm an incident as the extractor has it (its values are kept from now on).

        `record_id` is a check's id, or an extracted record's, given as
        `extracted_record`. Returns the check and the saved sidecar.
        """
        return self._status(article, record_id, extracted_record, "confirmed")

    def reject_incident(
        self, article: Article, record_id: str, extracted_record: Record | None = None
    ) -> tuple[IncidentCheck, Sidecar]:
        """Say an incident is not one; the extractor's record stays hidden."""
        return self._status(article, record_id, extracted_record, "rejected")

    def edit_incident(
        self,
        article: Article,
        record_id: str,
        field: str,
        value: Any,
        extracted_record: Record | None = None,
    ) -> tuple[IncidentCheck, Sidecar]:
        """Correct one field (status ``edited``); raises InvalidValue for a bad value."""
        return self.edit_incident_fields(article, record_id, {field: value}, extracted_record)

    def edit_incident_fields(
        self,
        article: Article,
        record_id: str,
        values: Mapping[str, Any],
        extracted_record: Record | None = None,
    ) -> tuple[IncidentCheck, Sidecar]:
        """Correct several fields in one save (see `edit_incident`)."""
        checked = validated_fields(values)
        return self._status(article, record_id, extracted_record, "edited", checked)

    def add_incident(
        self, article: Article, start: int, end: int, fields: Mapping[str, Any]
    ) -> tuple[IncidentCheck, Sidecar]:
        """Record an incident the extractor missed, anchored to ``text[start:end]``."""
        made: list[IncidentCheck] = []
        change = add_change(
            article.text, start, end, validated_fields(fields), self.store.author, made
        )
        sidecar = self.store.edit(article.id, article.text, change)
        return made[0], sidecar

    def delete_incident_check(self, article: Article, check_id: str) -> Sidecar:
        """Undo a check: the extracted record, if any, is listed as extracted again."""
        return self.store.edit(article.id, article.text, delete_change(check_id))
