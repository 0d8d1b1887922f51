"""Import Whoosh without two modules it imports and never uses.

`whoosh.compat` imports `urllib.request` (and with it `http.client`,
`email` and `ssl`) for a `urlretrieve` nothing in Whoosh calls, and
`whoosh.reading` takes its one `cached_property` from the cached-property
package, which imports `asyncio`. On a `glossator search` process they
are about a fifth of its start. `import_whoosh()` imports Whoosh's core
with a stand-in for each that is not imported yet, then takes the
stand-ins out of `sys.modules`, so whoever imports either module later
gets the real one. A stand-in hands out the real module's attributes
(importing it then) for any name but the one Whoosh takes at import.
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


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    """`urllib.request.urlretrieve`, imported when called."""
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _stand_ins() -> dict[str, Callable[[], _StandIn]]:
    return {
        "urllib.request": lambda: _StandIn("urllib.request", urlretrieve=_urlretrieve),
        "cached_property": lambda: _StandIn(
            "cached_property", cached_property=functools.cached_property
        ),
    }


def import_whoosh() -> None:
    """Import `whoosh.compat` and `whoosh.reading` (which every Whoosh
    module imports) with stand-ins for the modules they never use."""
    if "whoosh.reading" in sys.modules:
        return
    placed: dict[str, _StandIn] = {}
    for name, make in _stand_ins().items():
        if name not in sys.modules:
            placed[name] = sys.modules[name] = make()
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.reading  # noqa: F401
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
