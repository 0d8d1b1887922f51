"""What every `glossator` sub-command starts from: its errors, config, corpus and session.

Kept apart from `cli.py` (the parsers and `main`) so the sub-commands and the
reader can raise `UsageError` and `Failure` without importing the parser
module back.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Imported where used: `glossator --help` and the reader's start-up should
# not pay for the index and the store before they need them.
if TYPE_CHECKING:
    from glossator.index.indexer import Index
    from glossator.service import Session
    from glossator.tui.config import Config


class UsageError(Exception):
    """Bad arguments: exit status 2."""


class Failure(Exception):
    """Anything else that stops a command: exit status 1."""


def error_line(message: str) -> None:
    """Write `glossator: message` on stderr.

    Messages name files and quote sidecars: untrusted, so made inert here,
    the one place every error line goes through.
    """
    from glossator.index.sanitize import neutralise

    sys.stderr.write(f"glossator: {neutralise(message)}\n")
    sys.stderr.flush()


def load_cli_config() -> Config:
    """The user's config; a broken config file stops the command."""
    from glossator.tui.config import ConfigError, load_config

    try:
        return load_config()
    except ConfigError as exc:
        raise Failure(str(exc)) from exc


def open_index(args: argparse.Namespace, corpus: Path, config: Config) -> Index:
    """The corpus's index, with the folders and size limit from the options or config."""
    from glossator.index.engine import IndexUnavailable
    from glossator.index.indexer import Index

    index_dir = args.index_dir or (Path(config.index_dir) if config.index_dir else None)
    ann_dir = args.annotations_dir or (
        Path(config.annotations_dir) if config.annotations_dir else None
    )
    max_bytes = int(args.max_size * 1048576) if args.max_size else config.max_bytes
    try:
        return Index(
            corpus, index_dir, annotations_dir=ann_dir, max_bytes=max_bytes, notice=error_line
        )
    except IndexUnavailable as exc:
        raise Failure(str(exc)) from exc


def open_session(index: Index, config: Config) -> Session:
    """The service over an index opened by `open_index`, saving as the configured author."""
    from glossator.annotations.store import SidecarStore
    from glossator.service import Session

    return Session(index, SidecarStore(index.corpus, index.annotations_dir, author=config.author))


def resolve_corpus(args: argparse.Namespace, hint: str | None = None) -> Path:
    """The corpus folder: `--corpus`, else the one `hint` (an article path)
    lies in, else the one the current folder lies in (`discover_corpus`).

    A corpus found by walking up is said on stderr, so a `.glossator` in
    a parent folder never takes over unnoticed.
    """
    from glossator.index.corpus import STATE_DIRNAME
    from glossator.index.locations import discover_corpus

    if getattr(args, "corpus", None) is not None:
        corpus = Path(args.corpus)
        if not corpus.is_dir():
            raise Failure(f"corpus folder {corpus} not found; pass an existing folder")
        return corpus
    if hint is not None and os.path.lexists(hint):
        # An article named by its path picks its own corpus, but only one
        # that is really there (a `.glossator` at or above its folder).
        found = discover_corpus(Path(hint))
        if (found.corpus / STATE_DIRNAME).is_dir():
            if found.walked:
                _say_corpus(found.corpus, Path(os.path.abspath(hint)).parent)
            return found.corpus
    found = discover_corpus(Path.cwd())
    if found.walked:
        _say_corpus(found.corpus, Path.cwd())
    return found.corpus


def _say_corpus(corpus: Path, start: Path) -> None:
    error_line(f"corpus {corpus} (found above {start}; pass --corpus DIR to choose another)")


def article_ref(ref: str, corpus: Path) -> str:
    """A user's article argument as something `resolve_article_id` understands.

    A path to an existing file must lead inside `corpus` once links and
    `..` are followed; anything else is refused here, whichever way the
    corpus was chosen.
    """
    if not os.path.lexists(ref):
        return ref
    real = os.path.realpath(ref)
    root = os.path.realpath(corpus)
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        raise Failure(
            f"{ref} is outside the corpus {corpus}; give an article inside it, "
            "or pass --corpus DIR for the corpus it belongs to"
        )
    return real


def named_article(args: argparse.Namespace, config: Any) -> tuple[Any, Any]:
    """The index and the article named by `args.article`; a missing one is a Failure."""
    from glossator.index.corpus import CorpusError
    from glossator.tui.render import shown_id

    corpus = resolve_corpus(args, hint=args.article)
    ref = article_ref(args.article, corpus)  # refused before the index is touched
    ix = open_index(args, corpus, config)
    try:
        return ix, ix.article(ref)
    except CorpusError as exc:
        raise Failure(shown_id(str(exc))) from exc


def guarded(action: Any) -> Any:
    """Run `action()`: bad values are usage errors, unreadable or unsaved files failures."""
    from glossator.annotations.errors import AnnotationError
    from glossator.tui.render import shown, shown_id

    try:
        return action()
    except ValueError as exc:  # InvalidValue included: the value given is at fault
        raise UsageError(shown(str(exc))) from exc
    except (AnnotationError, OSError) as exc:
        raise Failure(shown_id(str(exc))) from exc


def article_parser(
    sub: Any, common: Any, name: str, help: str, handler: Any, item: str | None = None
) -> argparse.ArgumentParser:
    """A sub-command on one article: ARTICLE, then ID when `item` names what it
    is the id of, then `--json` and the common options; `handler` runs it."""
    p: argparse.ArgumentParser = sub.add_parser(name, help=help)
    p.add_argument("article", help="article id or path")
    if item is not None:
        p.add_argument("id", help=item)
    p.add_argument("--json", action="store_true", help="machine-readable output (docs/cli.md)")
    p.set_defaults(handler=handler)
    common(p)
    return p
