"""An article found by its id: what a user typed, or an id read back from the index.

Both refuse anything that resolves outside the corpus: an id is untrusted
input, whether a user typed it or the index holds it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from glossator.index.corpus import (
    DEFAULT_MAX_BYTES,
    Article,
    ArticleFile,
    CorpusError,
    Skipped,
    is_inside,
    name_problem,
    read_article,
)


def resolve_article_id(root: Path, ref: str, cwd: Path | None = None) -> str:
    """Turn what a user typed (an id, or a path) into an article id under `root`.

    Refuses anything that resolves outside the corpus, so no command can be
    pointed at `../../etc/passwd`.
    """
    real_root = Path(root).resolve()
    candidates = []
    ref_path = Path(ref)
    if ref_path.is_absolute():
        candidates.append(ref_path)
    else:
        candidates.append(real_root / ref_path)
        candidates.append((cwd or Path.cwd()) / ref_path)
    for cand in candidates:
        real = Path(os.path.realpath(cand))
        if not is_inside(real_root, str(real)):
            continue
        if real.is_file():
            # Keep the name as reached through the corpus, so a symlinked
            # article keeps its own id.
            try:
                rel = Path(os.path.abspath(cand)).relative_to(Path(os.path.abspath(real_root)))
            except ValueError:
                rel = real.relative_to(real_root)
            return rel.as_posix()
    raise CorpusError(f"no article {ref!r} in corpus {root}; give a path inside the corpus")


def read_indexed(
    real_root: Path, article_id: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article | None:
    """The article of an id read back from the index, or None when it cannot
    be read. Cheaper than `load_article` (no search for what a user meant:
    one `realpath`), and just as strict: an id is untrusted input, and one
    that resolves outside the corpus reads nothing."""
    real = os.path.realpath(os.path.join(real_root, article_id))
    if not is_inside(real_root, real) or name_problem(article_id) is not None:
        return None
    try:
        st = os.stat(real)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):  # a fifo put in its place would block the read
        return None
    result = read_article(ArticleFile(article_id, real, st.st_size, st.st_mtime_ns), max_bytes)
    return None if isinstance(result, Skipped) else result


class IndexedTexts:
    """An article's text when its file still holds the content the index
    has (content hash `sha256`), else None: snippet offsets fit only that.
    Called as `texts(article_id, sha256)`; the corpus's real path is found
    once."""

    def __init__(self, corpus: Path, max_bytes: int) -> None:
        self._corpus = corpus
        self._max_bytes = max_bytes
        self._real_root: Path | None = None

    def __call__(self, article_id: str, sha256: str) -> str | None:
        if self._real_root is None:
            self._real_root = Path(os.path.realpath(self._corpus))
        article = read_indexed(self._real_root, article_id, self._max_bytes)
        return article.text if article is not None and article.sha256 == sha256 else None


def load_article(root: Path, article_id: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read the article with this id, raising `CorpusError` when it cannot be read."""
    rel = resolve_article_id(root, article_id)
    path = Path(root).resolve() / rel
    st = path.stat()
    result = read_article(ArticleFile(rel, str(path), st.st_size, st.st_mtime_ns), max_bytes)
    if isinstance(result, Skipped):
        raise CorpusError(f"{result.id}: {result.reason}")
    return result
