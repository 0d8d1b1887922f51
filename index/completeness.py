"""Whether the index on disk is whole: a marker that a build is under way.

A rebuild starts from an empty index and fills it in commits; a build killed
part-way (or a damaged index replaced by an empty one) leaves an index that
opens and searches fine and simply lacks articles, so a search would report
a wrong "0 hits" with no sign of trouble. The marker is written before the
first article goes in and removed only when a whole update pass has been
saved, so its presence means "do not trust a search until `glossator index`
has run".
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["INCOMPLETE_FILE", "incomplete_problem", "mark_complete", "mark_incomplete"]

INCOMPLETE_FILE = "glossator-incomplete"


def mark_incomplete(index_dir: Path) -> None:
    """Record (durably) that the index in `index_dir` is being built from scratch."""
    fd = os.open(
        Path(index_dir) / INCOMPLETE_FILE,
        os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC,
        0o644,
    )
    try:
        os.write(fd, b"a build of this index has not finished; run glossator index\n")
        os.fsync(fd)
    finally:
        os.close(fd)


def mark_complete(index_dir: Path) -> None:
    """The last update pass was saved whole: searches can be trusted."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(Path(index_dir) / INCOMPLETE_FILE)


def incomplete_problem(index_dir: Path) -> str | None:
    """A one-line message when the index is half-built, else None."""
    if os.path.lexists(Path(index_dir) / INCOMPLETE_FILE):
        return (
            "the index is incomplete (a build was interrupted or the index was damaged): "
            "run glossator index"
        )
    return None
