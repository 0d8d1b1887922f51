"""Fixtures for the reader's Pilot and snapshot tests."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.tui.app import GlossatorApp, make_app
from glossator.tui.config import Config


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{n: pyfuncitem.funcargs[n] for n in names}))
    return True


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """No timings on screen, so snapshots do not depend on the machine."""
    monkeypatch.setenv("GLOSSATOR_HIDE_TIMINGS", "1")


@pytest.fixture
def app_factory(seeds: Path) -> Callable[..., GlossatorApp]:
    """Build a reader on a private copy of seeds/ (author `tester`)."""

    def build(corpus: Path | None = None, **kwargs: object) -> GlossatorApp:
        config = Config(author="tester")
        kwargs.setdefault("export_dir", Path("/exports"))
        return make_app(corpus or seeds, config, show_timings=False, **kwargs)  # type: ignore[arg-type]

    return build
