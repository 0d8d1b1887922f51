"""What an index is keyed by in the bench cache, and writable copies of corpora.

An index built for the search rows is kept in the cache folder under a key
made of its corpus (file names, sizes, mtimes) and the code it was built by
(`index/`, `annotations/`, the Whoosh version); `bench.suite` builds or
reuses it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def code_fingerprint() -> str:
    """A hash of the code an index depends on (index/ and annotations/)."""
    digest = hashlib.sha256()
    for folder in ("index", "annotations"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(REPO).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    try:
        from importlib.metadata import version

        digest.update(version("whoosh-reloaded").encode())
    except Exception:
        pass
    return digest.hexdigest()[:12]


def corpus_fingerprint(corpus: Path) -> str:
    """A hash of a corpus folder's file names, sizes and mtimes."""
    digest = hashlib.sha256(str(corpus.resolve()).encode())
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            st = os.stat(os.path.join(root, name))
            digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def copy_corpus(src: Path, dest: Path, files: int | None = None) -> Path:
    """A writable copy of a corpus (optionally only its first `files` articles, sorted)."""
    if files is None:
        shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".*"))
    else:
        from glossator.index.corpus import find_article_files

        for f in list(find_article_files(src))[:files]:
            target = dest / f.id
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f.path, target)
    for p in [dest, *dest.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dest
