"""The user's configuration: one typed model read from one TOML file.

The file is `$GLOSSATOR_CONFIG` when set (tests point it at a private
file), else `$XDG_CONFIG_HOME/glossator/config.toml` (default
`~/.config/glossator/config.toml`). glossator never writes it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """The config file cannot be used; the message says which key to fix."""


def config_path() -> Path:
    """Where the config file is read from."""
    env = os.environ.get("GLOSSATOR_CONFIG")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "glossator" / "config.toml"


@dataclass
class Config:
    """Settings from the config file; every key is optional."""

    #: Name recorded on notes and spans; else $GLOSSATOR_AUTHOR, else the login name.
    author: str | None = None
    #: Folder mirroring the corpus tree for sidecars, for corpora you cannot write.
    annotations_dir: str | None = None
    #: Where the index lives; default `<corpus>/.glossator/index`.
    index_dir: str | None = None
    #: Articles larger than this many megabytes are skipped with a warning.
    max_size_mb: float = 5.0
    #: Textual theme name for the reader.
    theme: str | None = None
    #: One row per story in the result list and per event in the incidents view.
    group_stories: bool = True
    #: Binding id -> comma-separated keys, e.g. {"article.next_hit" = "n,f3"}.
    keymap: dict[str, str] = field(default_factory=dict)

    @property
    def max_bytes(self) -> int:
        """`max_size_mb` in bytes."""
        return int(self.max_size_mb * 1024 * 1024)


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives the defaults."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from exc
    import tomllib  # here: without a config file (the usual case) it is not needed

    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config {path} is not valid TOML ({exc}); fix or move it") from exc
    known = {f.name: f for f in fields(Config)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"config {path}: unknown key '{key}'; known keys: {', '.join(known)}")
        values[key] = value
    for key in ("author", "annotations_dir", "index_dir", "theme"):
        if key in values and not isinstance(values[key], str):
            raise ConfigError(f"config {path}: '{key}' must be a string")
    if "max_size_mb" in values and (
        not isinstance(values["max_size_mb"], int | float) or values["max_size_mb"] <= 0
    ):
        raise ConfigError(f"config {path}: 'max_size_mb' must be a positive number")
    if "group_stories" in values and not isinstance(values["group_stories"], bool):
        raise ConfigError(f"config {path}: 'group_stories' must be true or false")
    keymap = values.get("keymap", {})
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        raise ConfigError(f"config {path}: [keymap] maps binding ids to key strings")
    return Config(**values)
