"""End to end: `glossator serve` driven in a real headless Chromium.

Playwright drives Debian's own `chromium` (`executable_path`; no browser is
downloaded). The page draws the terminal with xterm.js on a canvas, so the
text is read from xterm's buffer: textual-serve keeps its `Terminal` in a
local variable, and the init script below catches it as the page assigns it
(`this.terminal = new Terminal(...)`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_driver import Served, alive, descendants, needs_glossator, wait_until

pytestmark = [pytest.mark.e2e, needs_glossator]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)
pytest.importorskip("textual_serve", reason="textual-serve is not installed (.[serve])")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

#: A folder name that runs commands if any part of it reaches a shell unquoted.
HOSTILE = "seeds $(touch PWNED) ; 'q\" `touch PWNED2`"

#: Before the page's scripts run: keep the first object assigned to any `.terminal`.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    window.__glossatorTerminal = window.__glossatorTerminal || value;
  },
});
"""

#: The terminal's visible text, one line per row ("" until the page has one).
SCREEN = """() => {
  const term = window.__glossatorTerminal;
  if (!term) return "";
  const buffer = term.buffer.active;
  const rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Debian Chromium under Playwright; skips where it cannot start."""
    if CHROMIUM is None:
        pytest.skip("no Chromium to drive (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        try:
            launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        except sync_api.Error as exc:
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {str(exc).splitlines()[0]}")
        try:
            yield launched
        finally:
            launched.close()


def _wait_for_screen(page: Any, text: str, timeout: float = 60.0) -> str:
    """The screen once it shows `text`; on a timeout, fail showing the screen."""
    try:
        page.wait_for_function(
            f"text => ({SCREEN})().includes(text)", arg=text, timeout=timeout * 1000
        )
    except sync_api.TimeoutError:
        pytest.fail(f"{text!r} never appeared; the page shows:\n{page.evaluate(SCREEN)}")
    screen: str = page.evaluate(SCREEN)
    return screen


def test_search_and_open_an_article_in_a_browser(seeds: Path, tmp_path: Path, browser: Any) -> None:
    corpus = seeds.rename(tmp_path / HOSTILE)
    served = Served(corpus, tmp_path)
    try:
        url = served.wait_for_url()
        page = browser.new_page(viewport={"width": 1000, "height": 640})
        # The page asks Google for a web font: refused, so the test needs no network.
        page.route("**/fonts.googleapis.com/**", lambda route: route.abort())
        page.add_init_script(CATCH_TERMINAL)
        page.goto(url)
        _wait_for_screen(page, "5 articles indexed")

        page.locator(".xterm-helper-textarea").focus()
        page.keyboard.type("kirkuk")
        screen = _wait_for_screen(page, "1 hit")
        # The headline, not the site's navigation line above it (index/titles.py).
        assert "US strike in Iraq kills 5 militants preparing attack" in screen
        assert "Top News Arab News USA" not in screen
        assert "Iraq militiaman" not in screen  # an article without the word

        page.keyboard.press("Enter")  # to the hits
        _wait_for_screen(page, "⏎ Open")  # the footer once the hits have focus
        page.keyboard.press("Enter")  # open the one hit
        screen = _wait_for_screen(page, "575 words")
        assert "002_45e5cc2aff789250.txt" in screen
        readers = descendants(served.proc.pid)
        assert readers, "the browser session started no reader"
        page.close()  # closing the tab ends its reader
        wait_until(lambda: not any(alive(p) for p in readers), "the tab's reader to end")

        assert served.ctrl_c() == 0
    finally:
        served.kill()
    assert served.output().splitlines()[-1] == "stopped"
    # The folder name reached the reader whole, and no shell ran any of it.
    assert not list(tmp_path.glob("PWNED*"))
