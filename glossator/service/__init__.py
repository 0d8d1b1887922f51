"""What glossator works on: one corpus, its index, searcher and sidecar store.

The one plain-Python layer under both front ends: the command line calls it
directly and the reader calls it from thread workers, so searching, loading,
tagging, noting, rating, exporting and watching are each written once. No
Textual here (an import contract and tests/test_import_hygiene.py check it).
Problems worth telling the user about go to `log`, which the reader's log
screen shows, never to the terminal.
"""

from __future__ import annotations

from glossator.service.editing import TagChange
from glossator.service.exports import ExportBatch
from glossator.service.session import (
    RESULT_LIMIT,
    ArticleBundle,
    LogEntry,
    Session,
)

__all__ = ["RESULT_LIMIT", "ArticleBundle", "ExportBatch", "LogEntry", "Session", "TagChange"]
