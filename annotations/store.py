"""The sidecar store: load, validate and save the YAML file next to each article.

Every change is a read-modify-write under an exclusive lock (DESIGN.md section
4), so analysts editing the same article at the same moment keep each other's
work, and a sidecar that does not parse or validate is never overwritten.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import TypeVar

from glossator.annotations.anchor import Anchored, context_of, reanchor, text_sha256
from glossator.annotations.errors import InvalidValue, NotFoundError, SidecarError, StoreError
from glossator.annotations.fsio import (
    RefusedFile,
    atomic_write,
    exclusive_lock,
    read_untrusted,
    refuse_outside,
    remove_stale_temps,
)
from glossator.annotations.model import (
    SIDECAR_VERSION,
    Note,
    Rating,
    Sidecar,
    Span,
    default_author,
    new_id,
    normalise_label,
    normalise_tag,
    utc_now,
)
from glossator.annotations.sidecar_file import (
    MAX_SIDECAR_BYTES,
    parse_sidecar,
    read_sidecar_file,
    too_big,
)

__all__ = [
    "MAX_SIDECAR_BYTES",
    "SidecarError",
    "SidecarStore",
    "StoreError",
    "parse_sidecar",
    "read_sidecar_file",
]

_T = TypeVar("_T")
_READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


class SidecarStore:
    """Reads and writes the sidecars of one corpus.

    ``annotations_dir`` keeps sidecars out of a read-only corpus, mirroring its
    folder tree. ``author`` is recorded on new notes and spans (default:
    ``default_author()``).
    """

    def __init__(
        self, corpus_root: Path, annotations_dir: Path | None = None, author: str | None = None
    ) -> None:
        self.corpus_root = Path(corpus_root)
        self.annotations_dir = Path(annotations_dir) if annotations_dir is not None else None
        self.author = author or default_author()

    # -- paths --------------------------------------------------------------------

    def path_for(self, article_id: str) -> Path:
        """The sidecar file of an article id (a POSIX path relative to the corpus)."""
        rel = self._relative(article_id)
        return self._base().joinpath(*rel.parent.parts) / f"{rel.name}.yaml"

    @staticmethod
    def _relative(article_id: str) -> PurePosixPath:
        rel = PurePosixPath(article_id)
        if (
            not article_id
            or "\x00" in article_id
            or "\\" in article_id
            or rel.is_absolute()
            or ".." in rel.parts
            or rel.name in ("", ".")
        ):
            raise StoreError(
                f"article id {article_id!r} is not a path inside the corpus; "
                "use the path relative to the corpus folder, like seeds/000_x.txt"
            )
        return rel

    # -- reading ------------------------------------------------------------------

    def load(self, article_id: str, text: str | None = None) -> Sidecar:
        """The article's sidecar, or an empty one if there is no file yet.

        With ``text`` (the current article text) span offsets are checked
        against it and spans are re-anchored in memory if it has changed; the
        result then describes ``text``, as it would be saved. Raises
        ``SidecarError`` for a file that does not parse or validate.
        """
        sidecar = self._read(self.path_for(article_id), article_id, text)
        if text is not None:
            self._anchor(sidecar, text)
        return sidecar

    def _read(self, path: Path, article_id: str, text: str | None) -> Sidecar:
        name = PurePosixPath(article_id).name
        raw = self._read_bytes(path)
        if raw is None:
            return Sidecar(article=name)
        return parse_sidecar(raw, path, text, name)

    def _read_bytes(self, path: Path) -> bytes | None:
        try:
            refuse_outside(path, self._base())
            raw = read_untrusted(path, MAX_SIDECAR_BYTES)
        except RefusedFile as exc:
            raise SidecarError(path, [exc.strerror or str(exc)]) from None
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
        if raw is not None and len(raw) > MAX_SIDECAR_BYTES:
            raise SidecarError(path, [too_big(len(raw))])
        return raw

    def _base(self) -> Path:
        return self.annotations_dir if self.annotations_dir is not None else self.corpus_root

    @staticmethod
    def _anchor(sidecar: Sidecar, text: str) -> None:
        sha = text_sha256(text)
        anchored: list[Anchored] = [*sidecar.spans, *sidecar.incidents]
        stale = sidecar.article_sha256 != sha or any(
            s.orphaned or text[s.start : s.end] != s.quote for s in anchored
        )
        if stale:
            reanchor(anchored, text)
        sidecar.article_sha256 = sha

    # -- writing ------------------------------------------------------------------

    def edit(self, article_id: str, text: str, change: Callable[[Sidecar], None]) -> Sidecar:
        """Apply ``change`` to the sidecar on disk as one locked read-modify-write.

        Under an exclusive lock the file is re-read (a broken file raises
        ``SidecarError`` and is left alone), ``change`` mutates the Sidecar,
        spans are re-anchored on ``text`` and ``article_sha256`` set to its
        hash, and the result replaces the file atomically. Returns what was
        saved. Raises ``StoreError`` when the file cannot be locked or written;
        the old file is then unchanged. Exceptions from ``change`` propagate
        and nothing is written.
        """
        path = self.path_for(article_id)
        lock = path.parent / f".{path.name}.lock"
        try:
            refuse_outside(path, self._base())
            path.parent.mkdir(parents=True, exist_ok=True)
            with exclusive_lock(lock):
                remove_stale_temps(path)
                sidecar = self._read(path, article_id, text)
                change(sidecar)
                self._anchor(sidecar, text)
                sidecar.version = SIDECAR_VERSION  # an older file is migrated by this save
                from glossator.annotations.dump import dump_sidecar

                data = dump_sidecar(sidecar)
                self._check_before_write(path, article_id, data, text)
                atomic_write(path, data.encode("utf-8"))
        except OSError as exc:
            raise StoreError(self._os_problem(exc, path, lock)) from exc
        return sidecar

    @staticmethod
    def _os_problem(exc: OSError, path: Path, lock: Path) -> str:
        reason = exc.strerror or str(exc)
        if isinstance(exc, RefusedFile):
            return f"cannot save {path}: {reason} (nothing changed)"
        if exc.errno in _READ_ONLY_ERRNOS:
            return (
                f"cannot save {path}: {reason} (the folder is not writable); "
                "use --annotations-dir DIR to keep annotations elsewhere"
            )
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"cannot save {path}: {reason}; free some space and try again (nothing changed)"
        return f"cannot save {path}: {reason} (nothing changed)"

    @staticmethod
    def _check_before_write(path: Path, article_id: str, data: str, text: str) -> None:
        # Write only what this store can read back, so a bad value passed to
        # edit() can never turn a good sidecar into one the app refuses to open.
        from glossator.annotations.codec import read_sidecar
        from glossator.annotations.yamlsafe import parse_node

        _, problems = read_sidecar(
            parse_node(data), text_sha256(text), len(text), PurePosixPath(article_id).name
        )
        if problems:
            raise InvalidValue(f"not saved to {path}: the change is not valid: {problems[0]}")

    # -- thin wrappers over edit() ---------------------------------------------------
    # Creators return what they created; every other wrapper returns the saved Sidecar.

    def add_tags(self, article_id: str, text: str, tags: Iterable[str]) -> Sidecar:
        """Add tags (normalised first; raises TagError before touching the file)."""
        wanted = {normalise_tag(t) for t in tags}

        def change(sidecar: Sidecar) -> None:
            sidecar.tags = sorted(set(sidecar.tags) | wanted)

        return self.edit(article_id, text, change)

    def remove_tags(self, article_id: str, text: str, tags: Iterable[str]) -> Sidecar:
        """Remove tags; tags that are not there are ignored (another analyst may
        have removed them a moment ago)."""
        unwanted = {normalise_tag(t) for t in tags}

        def change(sidecar: Sidecar) -> None:
            sidecar.tags = [t for t in sidecar.tags if t not in unwanted]

        return self.edit(article_id, text, change)

    def set_rating(
        self, article_id: str, text: str, reliability: str | None, credibility: int | None
    ) -> Sidecar:
        """Set the Admiralty rating, e.g. ``("B", 2)``; ``(None, None)`` clears it."""
        rating: Rating | None = None
        if reliability is not None or credibility is not None:
            if reliability is None or credibility is None:
                raise InvalidValue(
                    "give both reliability and credibility, or neither to clear; "
                    "use F or 6 when one cannot be judged"
                )
            try:
                rating = Rating(reliability.strip().upper(), credibility, self.author, utc_now())
            except ValueError as exc:
                raise InvalidValue(str(exc)) from None

        def change(sidecar: Sidecar) -> None:
            sidecar.rating = rating

        return self.edit(article_id, text, change)

    def add_note(self, article_id: str, text: str, note_text: str) -> Note:
        """Add a note by this store's author; returns the new Note."""
        body = _note_body(note_text)
        created: list[Note] = []

        def change(sidecar: Sidecar) -> None:
            note = Note(new_id("n", sidecar.ids()), self.author, utc_now(), body)
            sidecar.notes.append(note)
            created.append(note)

        self.edit(article_id, text, change)
        return created[0]

    def edit_note(self, article_id: str, text: str, note_id: str, note_text: str) -> Sidecar:
        """Replace a note's text; raises NotFoundError for an unknown id."""
        body = _note_body(note_text)

        def change(sidecar: Sidecar) -> None:
            note = _need(sidecar.find_note(note_id), "note", note_id)
            note.text = body
            note.review = ""  # the analyst has looked at it: a merge conflict is resolved

        return self.edit(article_id, text, change)

    def delete_note(self, article_id: str, text: str, note_id: str) -> Sidecar:
        """Delete a note; raises NotFoundError for an unknown id."""

        def change(sidecar: Sidecar) -> None:
            sidecar.notes.remove(_need(sidecar.find_note(note_id), "note", note_id))

        return self.edit(article_id, text, change)

    def add_span(
        self, article_id: str, text: str, start: int, end: int, label: str, note: str = ""
    ) -> Span:
        """Label ``text[start:end]``; returns the new Span with quote and context filled."""
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise InvalidValue(
                f"span {start}-{end} is not a non-empty stretch of the "
                f"{len(text)}-character article"
            )
        tag = normalise_label(label)
        quote = text[start:end]
        prefix, suffix = context_of(text, start, end)
        created: list[Span] = []

        def change(sidecar: Sidecar) -> None:
            span = Span(
                new_id("s", sidecar.ids()),
                start,
                end,
                quote,
                prefix,
                suffix,
                tag,
                note.strip(),
                self.author,
                utc_now(),
            )
            sidecar.spans.append(span)
            created.append(span)

        self.edit(article_id, text, change)
        return created[0]

    def edit_span(
        self,
        article_id: str,
        text: str,
        span_id: str,
        label: str | None = None,
        note: str | None = None,
    ) -> Sidecar:
        """Change a span's label and/or note (None leaves it; ``note=""`` clears it)."""
        tag = normalise_label(label) if label is not None else None

        def change(sidecar: Sidecar) -> None:
            span = _need(sidecar.find_span(span_id), "span", span_id)
            if tag is not None:
                span.label = tag
            if note is not None:
                span.note = note.strip()
            span.review = ""  # looked at and edited: a merge conflict is resolved

        return self.edit(article_id, text, change)

    def delete_span(self, article_id: str, text: str, span_id: str) -> Sidecar:
        """Delete a span; raises NotFoundError for an unknown id."""

        def change(sidecar: Sidecar) -> None:
            sidecar.spans.remove(_need(sidecar.find_span(span_id), "span", span_id))

        return self.edit(article_id, text, change)


def _note_body(note_text: str) -> str:
    body = note_text.strip()
    if not body:
        raise InvalidValue("the note is empty; type some text")
    return body


def _need(found: _T | None, kind: str, item_id: str) -> _T:
    if found is None:
        raise NotFoundError(f"no {kind} {item_id!r} in this sidecar (deleted by someone else?)")
    return found
