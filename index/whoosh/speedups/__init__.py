"""glossator's speed-ups to whoosh-reloaded, written against one version.

`patches` corrects and speeds up Whoosh internals in place; `segments`,
`scored`, `multiterm` and `postings` replace Whoosh's segment writing and
ranking for the queries and writes glossator makes most. All of them read
Whoosh's private structures, so they are used only on the version they were
written and tested for (`SUPPORTED`): `install()` checks the installed
version and patches nothing on another one, and the backend then takes the
stock path throughout. Tests compare every speed-up with stock Whoosh
(tests/index/test_whoosh_fixes.py, test_segments.py, test_scored.py,
test_multiterm.py).
"""

from __future__ import annotations

import whoosh

#: The whoosh-reloaded version the speed-ups are written for.
SUPPORTED: tuple[int, ...] = (2, 7, 5)


def installed_version() -> tuple[int, ...]:
    """The installed Whoosh's version, as a tuple of ints."""
    return tuple(int(part) for part in whoosh.__version__[:3])


def unsupported_notice(version: tuple[int, ...]) -> str | None:
    """The one-line notice for a Whoosh the speed-ups were not written for, else None."""
    if version == SUPPORTED:
        return None
    have = ".".join(map(str, version))
    want = ".".join(map(str, SUPPORTED))
    return (
        f"whoosh {have} is installed, glossator's speed-ups are for {want}; "
        "indexing and searching at stock speed"
    )


def install(version: tuple[int, ...] | None = None) -> str | None:
    """Apply the patches when the installed Whoosh (or `version`) is the
    supported one; returns None, or the notice saying why they were not."""
    notice = unsupported_notice(installed_version() if version is None else version)
    if notice is not None:
        return notice
    from glossator.index.whoosh.speedups import patches

    patches.apply()
    return None
