"""One sidecar file read on its own, outside a store: its bytes, safely, and
the Sidecar in them, every problem named with its line. The store, the
sync merge driver and ``glossator sync`` all read sidecars through here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from glossator.annotations.anchor import text_sha256
from glossator.annotations.errors import SidecarError
from glossator.annotations.fsio import read_untrusted

if TYPE_CHECKING:
    import yaml

    from glossator.annotations.model import Sidecar

__all__ = ["MAX_SIDECAR_BYTES", "parse_sidecar", "read_sidecar_file", "too_big"]

MAX_SIDECAR_BYTES = 2 * 1024 * 1024


def _yaml_problem(exc: yaml.YAMLError) -> str:
    import yaml

    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        where = f"line {mark.line + 1}: " if mark is not None else ""
        return f"{where}{problem}"
    return " ".join(str(exc).split())


def parse_sidecar(
    raw: bytes, path: Path, text: str | None = None, article_name: str | None = None
) -> Sidecar:
    """The Sidecar in ``raw`` (the bytes of ``path``); raises ``SidecarError``
    naming each problem with its line.

    With ``text`` span offsets are checked against it; with ``article_name``
    the ``article`` field must equal it.
    """
    # Here, not at the top: opening a store (as every search does) reads no
    # sidecar, and should not pay for importing and compiling PyYAML.
    import yaml

    from glossator.annotations.codec import read_sidecar
    from glossator.annotations.yamlsafe import parse_node

    try:
        document = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SidecarError(
            path,
            [f"line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"],
        ) from None
    try:
        root = parse_node(document)
    except yaml.YAMLError as exc:
        raise SidecarError(path, [_yaml_problem(exc)]) from None
    sha = text_sha256(text) if text is not None else None
    sidecar, problems = read_sidecar(root, sha, None if text is None else len(text), article_name)
    if problems:
        raise SidecarError(path, problems)
    return sidecar


def read_sidecar_file(path: Path, shown: Path | None = None) -> bytes | None:
    """The bytes of a sidecar file outside any store (a merge's versions, a
    file about to be committed), None when it does not exist.

    Raises ``SidecarError`` (naming ``shown``, default ``path``) when it is
    refused, unreadable or over ``MAX_SIDECAR_BYTES``.
    """
    name = shown or path
    try:
        raw = read_untrusted(path, MAX_SIDECAR_BYTES)
    except OSError as exc:
        raise SidecarError(name, [f"cannot read it: {exc.strerror or exc}"]) from None
    if raw is not None and len(raw) > MAX_SIDECAR_BYTES:
        raise SidecarError(name, [too_big(len(raw))])
    return raw


def too_big(size: int) -> str:
    """The one-line problem for a sidecar of ``size`` bytes, over the limit."""
    return f"the file is {size:,} bytes; a sidecar may be at most {MAX_SIDECAR_BYTES:,} bytes"
