"""Import Whoosh without three modules it imports and never uses.

`whoosh.compat` imports `urllib.request` (and with it `http.client`,
`email` and `ssl`) for a `urlretrieve` nothing in Whoosh calls;
`whoosh.reading` takes its one `cached_property` from the cached-property
package, which imports `asyncio`; `whoosh.query` imports the English
morphology, six large expressions compiled at import, for a `variations`
only the query parser's `~` suffix calls. On a `glossator search` process
they are about a fifth of its start. `import_whoosh()` imports Whoosh's
core with a stand-in for each that is not imported yet, then takes the
stand-ins out of `sys.modules`, so whoever imports one of them later gets
the real module. A stand-in hands out the real module's attributes
(importing it then) for any name but the one Whoosh takes at import, and
that one imports the real module when first called.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
from collections.abc import Callable
from typing import Any


class _StandIn(types.ModuleType):
    """A module in place of `real` while Whoosh imports; other names load `real`."""

    def __init__(self, real: str, **names: object) -> None:
        super().__init__(real)
        self.real = real
        for key, value in names.items():
            setattr(self, key, value)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system asking for `__path__`
            raise AttributeError(name)
        if sys.modules.get(self.real) is self:
            del sys.modules[self.real]
        return getattr(importlib.import_module(self.real), name)


def _on_call(module: str, name: str) -> Callable[..., Any]:
    """`module.name`, imported when first called."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def _stand_ins() -> dict[str, Callable[[], _StandIn]]:
    return {
        "urllib.request": lambda: _StandIn(
            "urllib.request", urlretrieve=_on_call("urllib.request", "urlretrieve")
        ),
        "cached_property": lambda: _StandIn(
            "cached_property", cached_property=functools.cached_property
        ),
        "whoosh.lang.morph_en": lambda: _StandIn(
            "whoosh.lang.morph_en", variations=_on_call("whoosh.lang.morph_en", "variations")
        ),
    }


def import_whoosh() -> None:
    """Import `whoosh.compat`, `whoosh.query` and `whoosh.reading` (which
    every Whoosh module glossator uses imports) with stand-ins for the
    modules they never use."""
    if "whoosh.reading" in sys.modules:
        return
    placed: dict[str, _StandIn] = {}
    for name, make in _stand_ins().items():
        if name not in sys.modules:
            placed[name] = sys.modules[name] = make()
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.query  # noqa: F401
        import whoosh.reading  # noqa: F401
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
