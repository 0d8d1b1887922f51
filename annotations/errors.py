"""Exceptions raised by the annotations package.

Every message is one line that says what is wrong and what to do about it, so
the command line can print it as is and the app can show it in a toast.
"""

from __future__ import annotations

from pathlib import Path


class AnnotationError(Exception):
    """Base class for every error this package raises on purpose."""


class InvalidValue(AnnotationError, ValueError):
    """A value given to the store is not allowed (empty note, bad offsets ...)."""


class TagError(InvalidValue):
    """A tag or span label breaks the tag rules."""


class StoreError(AnnotationError):
    """A sidecar could not be locked or written; nothing on disk changed."""


class NotFoundError(AnnotationError, LookupError):
    """A note or span id does not exist in the sidecar."""


class ExportError(AnnotationError):
    """An export could not be produced or written."""


class SidecarError(AnnotationError):
    """A sidecar file that does not parse or validate.

    Such a file is never overwritten: the article's annotations are read-only
    until someone fixes or deletes it.
    """

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        #: One entry per problem, each starting with ``line N:`` when the
        #: problem has a place in the file.
        self.problems = list(problems) or ["unknown problem"]
        super().__init__(self._summary())

    def _summary(self) -> str:
        more = len(self.problems) - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return (
            f"{self.path}: {self.problems[0]}{extra}; "
            "fix or delete the file; glossator will not overwrite it"
        )

    def __str__(self) -> str:
        return self._summary()
