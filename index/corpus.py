"""The corpus: find article files under a folder and read them as `Article`s.

An article's identity is its path relative to the corpus root, with POSIX
separators. Reading never raises for a bad file: it returns a `Skipped`
naming the file and the reason, so callers can report it and carry on.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from glossator.index.frontmatter import FrontMatter, parse_front_matter
from glossator.index.sanitize import neutralise
from glossator.index.titles import MOST_NAV_LINES, display_title

#: Files larger than this are skipped unless the caller raises the limit.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Suffixes read as articles.
ARTICLE_SUFFIXES = (".txt", ".md")
#: The folder glossator keeps its own state in, inside the corpus.
STATE_DIRNAME = ".glossator"

_SNIFF_BYTES = 8192


class CorpusError(Exception):
    """A corpus-level problem: missing folder, an id outside the corpus."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article as glossator shows it.

    `text` is the whole file decoded and made terminal-safe; every offset in
    glossator (entities, spans, snippets) indexes into it.
    """

    id: str
    path: Path
    text: str
    title: str
    #: Offset in `text` where the body (everything after the title line) starts.
    body_start: int
    sha256: str
    size: int
    mtime_ns: int
    #: True when undecodable bytes were replaced with U+FFFD.
    decode_errors: bool = False
    #: The YAML front matter block at the top (date, source, url, author,
    #: title); `FrontMatter(0)` when there is none. Its text is kept in
    #: `text` (offsets stay file offsets) but is never shown as body.
    front_matter: FrontMatter = FrontMatter(0)

    @property
    def content_start(self) -> int:
        """Offset where what the reader shows starts: after any front matter."""
        return self.front_matter.body_start

    @property
    def body(self) -> str:
        """The text after the title line."""
        return self.text[self.body_start :]

    @property
    def words(self) -> int:
        """A whitespace word count of the whole text."""
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not read as an article, and why."""

    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ArticleFile:
    """A candidate article found on disk, before reading."""

    id: str
    #: Where the file is, as the folder scan found it (a string: building a
    #: `Path` for each of 100,000 files cost half of an update's scan).
    location: str
    size: int
    mtime_ns: int
    #: mtime of the sidecar next to the file (`<name>.yaml`), 0 when there is
    #: none, None when not looked at. Found in the same folder scan, so an
    #: update need not stat every article's sidecar path again.
    sidecar_mtime_ns: int | None = None

    @property
    def path(self) -> Path:
        """The file's path."""
        return Path(self.location)


def text_sha256(text: str) -> str:
    """The content hash glossator uses for `text`."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


#: One article file as a corpus scan finds it: (id, location, size,
#: mtime_ns, the mtime_ns of the sidecar beside it or 0), the fields of an
#: `ArticleFile` in order.
ScannedFile = tuple[str, str, int, int, int]


def find_article_files(root: Path) -> Iterator[ArticleFile]:
    """Yield every `*.txt` / `*.md` under `root`, in a stable order.

    Hidden folders (including `.glossator`) are skipped. Symlinks are
    followed only while they stay inside `root`, and a folder reached twice
    (a symlink loop) is walked once.
    """
    for found in scan_article_files(root):
        yield ArticleFile(*found)


def scan_article_files(root: Path) -> Iterator[ScannedFile]:
    """`find_article_files` as plain tuples: what an update compares with its
    manifest, with no object made for each of 100,000 unchanged files."""
    root = Path(root)
    try:
        real_root = root.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise CorpusError(f"corpus folder {root} not found; pass an existing folder") from exc
    if not real_root.is_dir():
        raise CorpusError(f"corpus {root} is not a folder; pass the folder that holds articles")
    seen_dirs: set[tuple[int, int]] = set()
    yield from _walk(real_root, real_root, "", seen_dirs)


def article_file(root: Path, article_id: str) -> ArticleFile | None:
    """The one file `article_id` names, as `find_article_files` would yield it.

    None when it is gone or would not be found by a scan: under a hidden
    folder, not `*.txt`/`*.md`, not a regular file, or a link leading out of
    the corpus. Lets an update look at just the files a watcher saw change.
    """
    parts = article_id.split("/")
    if (
        not article_id
        or any(not part or part.startswith(".") or part == ".." for part in parts)
        or not parts[-1].lower().endswith(ARTICLE_SUFFIXES)
    ):
        return None
    real_root = Path(root).resolve()
    location = os.path.join(real_root, *parts)
    try:
        if not is_inside(real_root, os.path.realpath(location)):
            return None
        st = os.stat(location)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return ArticleFile(article_id, location, st.st_size, st.st_mtime_ns)


def is_inside(real_root: Path, target: str) -> bool:
    root_s = str(real_root)
    return target == root_s or target.startswith(root_s.rstrip(os.sep) + os.sep)


def _walk(
    real_root: Path, folder: Path, prefix: str, seen: set[tuple[int, int]]
) -> Iterator[ScannedFile]:
    try:
        st = folder.stat()
    except OSError:
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return
    seen.add(key)
    try:
        with os.scandir(folder) as it:
            by_name = {e.name: e for e in it}
    except OSError:
        return
    # Every update walks the whole corpus: per entry, one stat for a file
    # and nothing else that costs a system call (a sidecar's only when it
    # exists); names are sorted as strings, not entries by a key.
    for name in sorted(by_name):
        if name.startswith("."):
            continue
        entry = by_name[name]
        try:
            if entry.is_symlink() and not is_inside(real_root, os.path.realpath(entry.path)):
                continue
            if not name.lower().endswith(ARTICLE_SUFFIXES):
                if entry.is_dir(follow_symlinks=True):
                    yield from _walk(real_root, Path(entry.path), f"{prefix}{name}/", seen)
                continue
            est = entry.stat(follow_symlinks=True)
        except OSError:
            continue
        if stat.S_ISREG(est.st_mode):
            sidecar = by_name.get(name + ".yaml")
            yield f"{prefix}{name}", entry.path, est.st_size, est.st_mtime_ns, _mtime(sidecar)
        elif stat.S_ISDIR(est.st_mode):  # a folder named like an article
            yield from _walk(real_root, Path(entry.path), f"{prefix}{name}/", seen)


def _mtime(entry: os.DirEntry[str] | None) -> int:
    if entry is None:
        return 0
    try:
        return entry.stat(follow_symlinks=False).st_mtime_ns
    except OSError:
        return 0


def decode(raw: bytes) -> tuple[str, bool] | None:
    """Decode article bytes to text, or None when they look binary.

    UTF-8 (BOM stripped) is the format; a UTF-16 file with a BOM is accepted
    too. Returns the text and whether bytes had to be replaced.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), False
        except UnicodeDecodeError:
            return raw.decode("utf-16", "replace"), True
    if b"\x00" in raw[:_SNIFF_BYTES]:
        return None
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace"), True


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_title(text: str) -> tuple[str, int]:
    """Return the title and the body's start offset (just after the first non-blank line).

    The title is display text (`titles.display_title`): a site's navigation
    line is passed over for the headline after it and a paragraph-long line is
    cut, but the body starts where it always did.
    """
    pos = 0
    length = len(text)
    lines: list[str] = []
    body_start = length
    while pos < length and len(lines) <= MOST_NAV_LINES:
        end = text.find("\n", pos)
        if end < 0:
            end = length
        line = text[pos:end].strip()
        if line:
            if not lines:
                body_start = min(end + 1, length)
            lines.append(line)
        pos = end + 1
    return display_title(lines), body_start


def article_from_text(
    article_id: str,
    path: Path,
    text: str,
    size: int = 0,
    mtime_ns: int = 0,
    decode_errors: bool = False,
) -> Article:
    """Build an `Article` from already-decoded text (sanitising it)."""
    text = neutralise(normalise_newlines(text))
    meta = parse_front_matter(text) if text.startswith(("---", "\ufeff---")) else FrontMatter(0)
    start = meta.body_start
    if meta.title:
        # The title comes from the block; everything after it is body.
        title, body_start = meta.title, start
    else:
        title, rest = split_title(text[start:])
        body_start = start + rest
    return Article(
        id=article_id,
        path=path,
        text=text,
        title=title,
        body_start=body_start,
        sha256=text_sha256(text),
        size=size,
        mtime_ns=mtime_ns,
        decode_errors=decode_errors,
        front_matter=meta,
    )


def printable_name(article_id: str) -> str:
    """An id as text that can always be written out: bytes of a name that is
    not UTF-8 (lone surrogates here) become ``\\xNN``, so the file stays
    recognisable in a warning."""
    try:
        article_id.encode("utf-8")
    except UnicodeEncodeError:
        raw = article_id.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", "backslashreplace")
    return article_id


def name_problem(article_id: str) -> str | None:
    """Why a file with this id cannot be an article, or None when its name is fine.

    Ids are stored in the index, in sidecar names and in exports, all UTF-8,
    and a backslash is a folder separator to anyone opening the export on
    Windows, so the sidecar store refuses it. Such a file is skipped by
    name, never the corpus.
    """
    if printable_name(article_id) != article_id:
        return "the file name is not valid UTF-8; rename the file to index it"
    if "\\" in article_id:
        return "the file name holds a backslash, which glossator cannot store; rename the file"
    return None


def read_article(file: ArticleFile, max_bytes: int = DEFAULT_MAX_BYTES) -> Article | Skipped:
    """Read one candidate file; never raises for a bad file (nor a bad name)."""
    problem = name_problem(file.id)
    if problem is not None:
        return Skipped(printable_name(file.id), problem)
    if file.size > max_bytes:
        return Skipped(
            file.id,
            f"{file.size / 1048576:.1f} MB is over the {max_bytes / 1048576:.0f} MB limit "
            "(raise it with --max-size)",
        )
    try:
        with open(file.location, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        return Skipped(file.id, f"cannot read: {exc.strerror or exc}")
    if len(raw) > max_bytes:
        return Skipped(file.id, f"grew past the {max_bytes / 1048576:.0f} MB limit while reading")
    decoded = decode(raw)
    if decoded is None:
        return Skipped(file.id, "binary data (NUL bytes), not a text article")
    text, errors = decoded
    if not text.strip():
        return Skipped(file.id, "empty file")
    return article_from_text(file.id, file.path, text, len(raw), file.mtime_ns, errors)
