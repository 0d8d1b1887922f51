"""Stand-ins the benchmark installs in its subprocesses.

- While `glossator.index.entities.cache` does not exist yet, an in-memory `EntityCache`
  takes its place, so the pipeline can be measured at all. A fresh index
  misses every lookup anyway; what the stand-in leaves out is the cost of
  writing the cache to disk, and the report says so.
- With `GLOSSATOR_BENCH_NO_ENTITIES=1`, recognition returns no entities: the
  "text-only" run of glossator's own schema and analyzers.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

NO_ENTITIES = "GLOSSATOR_BENCH_NO_ENTITIES"


class MemoryEntityCache:
    """The `EntityCache` interface the indexer uses, held in a dict."""

    def __init__(self, path: Any = None) -> None:
        self.path = path
        self._data: dict[tuple[str, str], list[Any]] = {}

    def get(self, sha256: str, key: str) -> list[Any] | None:
        return self._data.get((sha256, key))

    def put(self, sha256: str, key: str, entities: Any) -> None:
        self._data[(sha256, key)] = list(entities)

    def close(self) -> None:
        self._data.clear()


def cache_missing() -> bool:
    """True when the real entity cache module cannot be imported."""
    try:
        importlib.import_module("glossator.index.entities.cache")
    except ModuleNotFoundError:
        return True
    return False


def install() -> None:
    """Install the stand-ins this process needs."""
    if cache_missing():
        mod = types.ModuleType("glossator.index.entities.cache")
        mod.EntityCache = MemoryEntityCache  # type: ignore[attr-defined]
        mod.__doc__ = "benchmark stand-in: in-memory entity cache"
        sys.modules["glossator.index.entities.cache"] = mod
        import glossator.index.entities

        glossator.index.entities.cache = mod  # type: ignore[attr-defined]
    if os.environ.get(NO_ENTITIES):
        from glossator.index.documents import DocumentBuilder
        from glossator.index.entities.recogniser import Recogniser

        Recogniser.recognise = lambda self, text: []  # type: ignore[method-assign]
        DocumentBuilder.entities = lambda self, article: []  # type: ignore[method-assign]
