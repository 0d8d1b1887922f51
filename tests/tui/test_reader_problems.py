"""Pilot tests: what the reader shows when something is wrong (a query that
does not parse, a malformed sidecar, a failed save, a read-only corpus,
hostile text), and that nothing is lost."""

from __future__ import annotations

from pathlib import Path

import yaml
from reader_pilot import AIRSTRIKE, open_first, search, settle

from glossator.tui.screens.dialogs import NoteDialog
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.search_pane import SearchPane


def sidecar(corpus: Path, article: str = AIRSTRIKE) -> dict:
    return yaml.safe_load((corpus / f"{article}.yaml").read_text("utf-8"))


async def test_a_query_that_does_not_parse_is_shown_inline(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "airstrike")
        await pilot.press(*' "unclosed')
        await settle(pilot, 0.05)
        pane = app.screen.query_one(SearchPane)
        assert pane.error and "quote" in pane.error
        # The last good results stay on screen.
        assert pane.result is not None and pane.result.total == 2
        assert pane.has_class("-error")


async def test_only_common_words_so_far_is_a_hint_not_an_error(app_factory):
    # "i" is where "iraq" starts, "the" where "the hague" does: not a mistake.
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.screen.query_one(SearchPane)
        await search(pilot, "i", type_it=True)
        status = str(pane.query_one("#search-status").render())
        assert "keep typing" in status and "✗" not in status
        assert not pane.has_class("-error")
        await pilot.press(*"raq")
        await settle(pilot, 0.05)
        assert pane.error is None and pane.result.total == 5
        # A common word is not indexed, and is no misspelling to correct.
        pane.set_query("")
        await search(pilot, "the", type_it=True)
        assert pane.result.total == 0 and pane.result.suggestion is None


async def test_no_hits_offers_a_suggestion_that_enter_accepts(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "airstrkie ")
        pane = app.screen.query_one(SearchPane)
        assert pane.result.total == 0 and pane.result.suggestion
        await pilot.press("enter")
        await settle(pilot, 0.05)
        assert pane.query_text.strip() == "airstrike"
        assert pane.result.total == 2


async def test_malformed_sidecar_makes_annotations_read_only(app_factory, seeds):
    (seeds / f"{AIRSTRIKE}.yaml").write_text("version: 1\ntags: [unclosed\n", "utf-8")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        screen = app.screen
        assert screen.bundle.sidecar is None and screen.bundle.sidecar_error
        notice = str(screen.query_one("#article-notice").render())
        assert "line" in notice
        assert screen.check_action("add_tag", ()) is False
        await pilot.press("t")
        await settle(pilot)
        assert screen is app.screen  # no dialog
        assert "unclosed" in (seeds / f"{AIRSTRIKE}.yaml").read_text("utf-8")
        assert any(e.kind == "sidecar" for e in screen.session.log)


async def test_failed_save_keeps_the_input(app_factory, seeds):
    # A folder where the sidecar's lock file goes: every save fails, as on a
    # read-only disk (tests may run as root, where permissions do not stop writes).
    (seeds / f".{AIRSTRIKE}.yaml.lock").mkdir()
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"keep", "enter", *"this", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.text == "keep\nthis"
        assert "not saved" in str(app.screen.query_one("#dialog-error").render())
        assert not (seeds / f"{AIRSTRIKE}.yaml").exists()


async def test_read_only_corpus_keeps_annotations_elsewhere(app_factory, seeds, tmp_path):
    annotations = tmp_path / "annotations"
    app = app_factory(annotations_dir=annotations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"mirrored", "enter")
        await settle(pilot)
    assert not (seeds / f"{AIRSTRIKE}.yaml").exists()
    assert "mirrored" in (annotations / f"{AIRSTRIKE}.yaml").read_text("utf-8")


async def test_problems_go_to_the_log_screen(app_factory, seeds):
    (seeds / "binary.txt").write_bytes(b"\x00\x01\x02" * 1000)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "l")
        await settle(pilot)
        body = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "binary.txt" in body


async def test_hostile_text_is_shown_literally(app_factory, seeds):
    hostile = "Hostile [bold red]markup[/] title\n[@click=app.quit]click me[/] \x1b[31mred\n"
    (seeds / "hostile.txt").write_text(hostile, "utf-8")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "hostile")
        view = app.screen.query_one(ArticleView)
        assert "[bold red]markup[/]" in view.text
        assert "[@click=app.quit]click me[/]" in view.text
        assert "\x1b" not in view.text
        rendered = "".join(view.render_line(y).text for y in range(4))
        assert "[@click=app.quit]" in rendered and "[bold red]" in rendered
        assert app.is_running
