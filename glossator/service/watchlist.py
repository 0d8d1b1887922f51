"""Adding a name to the corpus watchlist without disturbing what the analyst wrote."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from glossator.index.locations import watchlist_path

if TYPE_CHECKING:
    from glossator.index.entities.watchlist import WatchEntry

# The watchlist modules are imported where they are used: they import PyYAML,
# which a session that only searches (every `glossator search`) never needs.

__all__ = ["add_watch_entry", "watch_entries"]


def add_watch_entry(
    corpus: Path, name: str, label: str, aliases: Iterable[str] = (), note: str = ""
) -> Path:
    """Add a name to the corpus watchlist (creating the file); returns its path.

    The entry is appended as text, so the analyst's comments and layout stay;
    a file that is not a valid watchlist is left alone (`WatchlistError`),
    and a name already there (in any case) is not added twice. The file is
    read with the hardened loader and written atomically, never through a link.
    """
    from glossator.index.entities.watchlist_edit import add_to_watchlist

    return add_to_watchlist(watchlist_path(corpus), name, label, aliases, note)


def watch_entries(corpus: Path) -> tuple[list[WatchEntry], list[str]]:
    """The corpus watchlist's entries, and one line per problem in the file
    (a file that does not load has no entries and one problem)."""
    from glossator.index.entities.watchlist import load_watchlist

    return load_watchlist(watchlist_path(corpus))
