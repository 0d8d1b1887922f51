"""Pilot tests: drive the reader with keys and check what it shows and saves."""

from __future__ import annotations

from pathlib import Path

import yaml
from reader_pilot import AIRSTRIKE, open_first, search, settle
from textual.widgets import Input

from glossator.tui.screens.dialogs import FormDialog, NoteDialog
from glossator.tui.screens.main import MainScreen
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.facets import FacetList
from glossator.tui.widgets.results import ResultList
from glossator.tui.widgets.search_pane import SearchPane
from glossator.tui.widgets.status import StatusLine


def sidecar(corpus: Path, article: str = AIRSTRIKE) -> dict:
    return yaml.safe_load((corpus / f"{article}.yaml").read_text("utf-8"))


async def test_typing_a_query_lists_ranked_hits(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "airstrike", type_it=True)
        pane = app.screen.query_one(SearchPane)
        assert pane.result is not None and pane.result.total == 2
        ids = [h.article_id for h in app.screen.query_one(ResultList).hits]
        assert AIRSTRIKE in ids
        assert app.screen.query_one(FacetList).option_count > 0


async def test_opening_a_result_shows_article_hits_and_entities(app_factory, seeds):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.bundle is not None
        view = screen.query_one(ArticleView)
        assert view.text == screen.bundle.article.text
        assert view.has_focus and view.hits and view.entities
        await pilot.press("n")
        start, end = view.hits[0]
        assert view.cursor_offset == start
        assert view.text[start:end].lower().startswith("airstrike")
        await pilot.press("n", "N")
        assert view.cursor_offset == start
        await pilot.press("right_square_bracket")
        after = view.cursor_offset
        assert any(e.start == after for e in view.entities) and after > start
        await pilot.press("left_square_bracket")
        assert view.cursor_offset < after


async def test_narrow_screen_shows_search_or_article(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        assert (
            not app.screen.query_one(SearchPane).display
            or not app.screen.query_one(SearchPane).region.width
        )
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(SearchPane).region.width == 80
        assert app.screen.query_one(ResultList).has_focus


async def test_wide_screen_shows_three_panes(app_factory):
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "airstrike")
        widths = [
            app.screen.query_one(f"#{name}").region.width
            for name in ("search", "article", "sidebar")
        ]
        assert all(w > 20 for w in widths), widths


async def test_select_and_annotate_a_passage(app_factory, seeds):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        view = app.screen.query_one(ArticleView)
        await pilot.press("j", "v", *["right"] * 8, "v")
        picked = view.selected_range()
        assert picked is not None and picked[1] - picked[0] == 8
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("enter", "enter")  # no label: refused, back in the label box
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.focused is app.screen.query_one("#field-label", Input)
        assert "Label is needed" in str(app.screen.query_one("#dialog-error").render())
        await pilot.press(*"tar", "right", "enter", *"first", "space", *"strike", "enter")
        await settle(pilot)
        data = sidecar(seeds)
        (span,) = data["spans"]
        assert span["label"] == "target" and span["note"] == "first strike"
        text = app.screen.bundle.article.text
        assert text[span["start"] : span["end"]] == span["quote"]
        assert span["author"] == "tester"
        assert view.spans == [(span["start"], span["end"])]
        # The blank line the selection started on is not part of the passage.
        assert not text[span["start"]].isspace() and span["end"] - span["start"] < 8
        # Saved: the selection is gone and the status line says so.
        assert view.selected_range() is None
        assert app.screen.check_action("annotate", ()) is False
        line = app.screen.query_one(StatusLine)
        status = str(line.render())
        assert "passage labelled target" in status and f"{AIRSTRIKE}.yaml" in status
        # Longer than 80 columns: cut with an ellipsis, not wrapped out of sight.
        assert line.render_line(0).text.rstrip().endswith("…")


async def test_add_and_remove_a_tag(app_factory, seeds):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"needs-followup", "space", *"kataib", "enter")
        await settle(pilot)
        assert sidecar(seeds)["tags"] == ["kataib", "needs-followup"]
        status = str(app.screen.query_one(StatusLine).render())
        assert "tagged #needs-followup #kataib" in status
        # Re-indexed: the tag is searchable at once.
        await pilot.press("escape", "slash", "ctrl+u")
        await search(pilot, 'tag:"needs-followup"')
        assert app.screen.query_one(SearchPane).result.total == 1
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert sidecar(seeds)["tags"] == ["needs-followup"]


async def test_a_bad_tag_keeps_the_dialog_open_with_the_reason(app_factory, seeds):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"bad!tag", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#field-tags", Input).value == "bad!tag"
        assert "not allowed" in str(app.screen.query_one("#dialog-error").render())
        assert not (seeds / f"{AIRSTRIKE}.yaml").exists()


async def test_add_a_note_and_rate_the_source(app_factory, seeds):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"compare", "space", *"with", "enter", *"reuters", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("b", "2", "enter")
        await settle(pilot)
        data = sidecar(seeds)
        assert data["notes"][0]["text"] == "compare with\nreuters"
        rating = data["rating"]
        assert (rating["reliability"], rating["credibility"]) == ("B", 2)


async def test_a_changed_note_needs_a_second_escape_to_discard(app_factory, seeds):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("f2")  # empty: refused, the dialog stays
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        assert "empty" in str(app.screen.query_one("#dialog-error").render())
        await pilot.press(*"draft", "escape")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog) and app.screen.text == "draft"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert not (seeds / f"{AIRSTRIKE}.yaml").exists()


async def test_export_refuses_to_overwrite_unless_told(app_factory, seeds, tmp_path):
    app = app_factory()
    dest = tmp_path / "out.csv"
    async with app.run_test(size=(80, 24)) as pilot:
        app.export_dir = tmp_path
        await open_first(pilot, "airstrike")
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"airstrike", "enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        box = app.screen.query_one("#export-path", Input)
        box.value = str(dest)
        await pilot.press("enter")
        await settle(pilot, 0.1)
        assert dest.exists() and "airstrike" in dest.read_text("utf-8")
        dest.write_text("keep me", "utf-8")
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(dest)
        await pilot.press("enter")
        await settle(pilot, 0.1)
        assert dest.read_text("utf-8") == "keep me"
        assert "already exists" in str(app.screen.query_one("#export-status").render())
        app.screen.query_one("#export-force").value = True
        await pilot.press("enter")
        await settle(pilot, 0.1)
        assert "airstrike" in dest.read_text("utf-8")


async def test_a_facet_narrows_the_query_in_one_key(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "iraq")
        await pilot.press("tab", "f")
        facets = app.screen.query_one(FacetList)
        assert facets.has_focus
        await pilot.press("enter")
        await settle(pilot, 0.05)
        pane = app.screen.query_one(SearchPane)
        assert ':"' in pane.query_text
        assert pane.result.total >= 1


async def test_reaching_the_end_of_the_list_loads_more_hits(app_factory, tmp_path, monkeypatch):
    import glossator.tui.widgets.search_pane as search_pane

    monkeypatch.setattr(search_pane, "FIRST_PAINT", 4)
    monkeypatch.setattr(search_pane, "RESULT_LIMIT", 8)
    monkeypatch.setattr(search_pane, "MORE", 8)
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(20):
        # Different bodies: copies of one would be one story, one row.
        body = f"A convoy was hit. Word{i} alpha{i} beta{i} gamma{i}."
        (corpus / f"{i:02d}.txt").write_text(f"Convoy report {i}\n\n{body}\n", "utf-8")
    app = app_factory(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "convoy")
        results = app.screen.query_one(ResultList)
        assert results.option_count == 8
        assert "more at the end" in str(app.screen.query_one("#search-status").render())
        await pilot.press("enter", "end")
        await settle(pilot, 0.05)
        assert results.option_count == 16
        assert results.highlighted == 7  # the cursor stays on the hit it was on
        await pilot.press("end")
        await settle(pilot, 0.05)
        assert results.option_count == 20
        assert "more at the end" not in str(app.screen.query_one("#search-status").render())


async def test_w_and_B_select_whole_words(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        view = app.screen.query_one(ArticleView)
        text = app.screen.bundle.article.text
        await pilot.press("v", "w", "w", "w", "B", "v")  # past the quote mark, and back
        picked = view.selected_range()
        assert picked is not None
        assert text[picked[0] : picked[1]] == "Iraq militiaman"


async def test_escape_leaves_the_search_box_so_q_quits(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "drone", type_it=True)
        assert app.screen.query_one("#query").has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(ResultList).has_focus
        await pilot.press("q")
        await settle(pilot)
        assert app.screen.query_one("#query").value == "drone"
        assert not app.is_running


async def test_every_export_choice_is_one_key(app_factory, seeds, tmp_path):
    """Format by its letter, scope by 1 2 3, o to overwrite, p for the path,
    arrows that choose as they move, enter to export: no shift+tab or space."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.export_dir = tmp_path
        await open_first(pilot, "airstrike")
        await pilot.press("t", *"airstrike", "enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen

        def chosen(name: str) -> str:
            pressed = dialog.query_one(f"#export-{name}").pressed_button
            return pressed.id.split("-", 1)[1]

        await pilot.press("m")
        assert chosen("format") == "md"
        await pilot.press("right")
        assert chosen("format") == "w3c"
        await pilot.press("l")
        assert chosen("format") == "jsonl"
        await pilot.press("1")
        assert chosen("scope") == "article"
        await pilot.press("3")
        assert chosen("scope") == "corpus"
        await pilot.press("o")
        assert dialog.query_one("#export-force").value
        await pilot.press("o")
        assert not dialog.query_one("#export-force").value
        # In the path box, letters are the path's; enter exports.
        await pilot.press("j", "p")
        box = app.screen.query_one("#export-path", Input)
        assert box.has_focus and box.value == "glossator-export.json"
        dest = tmp_path / "one.json"
        await pilot.press("ctrl+u", *str(dest), "enter")
        await settle(pilot, 0.1)
        assert dest.exists() and "airstrike" in dest.read_text("utf-8")


async def test_a_new_query_starts_at_its_best_hit(app_factory):
    # 001 is the best hit of "militia" and the second row of "strike" (002 is
    # first): the cursor must not follow 001 from one query to the next, or
    # enter, enter after typing opens what an earlier keystroke ranked first.
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "militia")
        results = app.screen.query_one(ResultList)
        assert results.highlighted_option.id == "001_5395cbd962320f37.txt"
        await search(pilot, "strike")
        assert [h.article_id for h in results.hits][:2] == [
            "002_45e5cc2aff789250.txt",
            "001_5395cbd962320f37.txt",
        ]
        assert results.highlighted == 0
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.screen.bundle.article.id == "002_45e5cc2aff789250.txt"
