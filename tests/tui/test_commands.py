"""One command table: bindings, palette, help and the user's keymap agree."""

from __future__ import annotations

from pathlib import Path

import yaml
from reader_pilot import AIRSTRIKE, open_first, search, settle, watch_first_entity
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from glossator.index.entities.watchlist import load_watchlist
from glossator.tui.app import make_app
from glossator.tui.commands import COMMANDS, DIALOGS, display_keys, help_rows
from glossator.tui.config import Config
from glossator.tui.screens.dialogs import ConfirmDialog, FormDialog
from glossator.tui.screens.info import HelpScreen
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.footer import ReaderFooter, key_width
from glossator.tui.widgets.sidebar import Sidebar

SSH_UNSAFE = {"ctrl+h", "ctrl+i", "ctrl+m", "ctrl+j", "ctrl+enter", "ctrl+s", "ctrl+q"}


def test_every_command_has_a_unique_id_and_a_safe_key():
    ids = [c.id for c in COMMANDS]
    assert len(ids) == len(set(ids))
    for command in COMMANDS:
        assert command.description and command.help
        keys = set(command.key.split(","))
        # A dialog may offer ctrl+s beside a safe key (the note's f2), never alone.
        assert keys - SSH_UNSAFE, command
        if command.group != DIALOGS:
            assert not keys & SSH_UNSAFE, command


def test_help_rows_follow_the_keymap():
    rows = list(help_rows({"annotate.add_tag": "f5"}))
    assert len(rows) == len([c for c in COMMANDS if c.group != DIALOGS])
    assert any(
        keys == "f5" and "Add tags" in text and binding == "annotate.add_tag"
        for _, keys, text, binding in rows
    )


async def test_help_and_palette_show_binding_ids_and_current_keys(app_factory):
    """Remapping needs the binding id and the key now: both are on screen."""
    from glossator.tui.config import Config
    from glossator.tui.screens.info import HelpScreen

    app = app_factory()
    app.config = Config(author="tester", keymap={"app.export": "e,f6"})
    app.keymap = dict(app.config.keymap)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        export = next(c for c in app.get_system_commands(app.screen) if c.title == "Export")
        assert "app.export" in export.help and "e f6" in export.help
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "app.export" in shown and "app.help" in shown and "e f6" in shown


async def test_palette_offers_the_reader_commands_that_apply(app_factory):
    app = app_factory()

    def titles() -> set[str]:
        return {c.title for c in app.get_system_commands(app.screen)}

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = titles()
        assert {"Search", "Export", "Help", "Quit"} <= before
        assert not {"Tag", "Hit", "Sidebar", "Annotate"} & before  # no article open
        await open_first(pilot, "airstrike")
        after = titles()
        assert {"Tag", "Hit", "Rate", "Note", "Sidebar"} <= after
        assert "Annotate" not in after  # nothing selected
        screen = app.screen
        for command in COMMANDS:
            if command.palette and command.where == "screen":
                assert (command.description in after) == screen.applies(command)


async def test_a_palette_command_runs_even_while_typing(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        tag = next(c for c in COMMANDS if c.id == "annotate.add_tag")
        await app._run_command(tag)
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)


async def test_keymap_from_the_config_moves_a_binding(seeds):
    app = make_app(
        seeds, Config(author="tester", keymap={"annotate.add_tag": "f5"}), show_timings=False
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("t")
        await settle(pilot)
        assert not isinstance(app.screen, FormDialog)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_footer_hides_what_does_not_apply(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.check_action("next_hit", ()) is False  # no article open
        assert screen.check_action("add_tag", ()) is False
        await open_first(pilot, "airstrike")
        assert screen.check_action("next_hit", ()) is True
        assert screen.check_action("annotate", ()) is False  # nothing selected


async def test_footer_drops_whole_keys_to_fit_80_columns(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("v", "right", "right", "v")
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        shown = {k.description for k in keys}
        assert {"Annotate", "Export", "Help"} <= shown
        assert all(k.region.right <= 80 for k in keys)


async def test_footer_names_keys_that_work_where_the_focus_is(app_factory):
    app = app_factory()

    def footer() -> dict[str, str]:
        return {k.description: k.key_display for k in app.screen.query(FooterKey)}

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # In the query box `?` types itself, and there is nothing to go back to.
        assert footer().get("Help") == "f1" and "Back" not in footer()
        await search(pilot, "airstrike")
        await pilot.press("enter")
        await settle(pilot)
        assert "Open" in footer()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert "Back" in footer()
        await pilot.press("escape")  # back to the article that was open
        await settle(pilot)
        assert isinstance(app.focused, ArticleView)
        await pilot.press("slash", "f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


def test_footer_keeps_help_when_almost_nothing_fits():
    keys = [
        FooterKey(c.key, display_keys(c).split()[0], c.description, c.action)
        for c in COMMANDS
        if c.show
    ]
    kept = ReaderFooter.fit(keys, [], 20)
    assert [k.description for k in kept if isinstance(k, FooterKey)][:1] == ["Hit"]
    assert "Help" in {k.description for k in kept if isinstance(k, FooterKey)}
    assert sum(key_width(k) for k in kept if isinstance(k, FooterKey)) <= 20


async def test_sidebar_jumps_to_a_span_and_deletes_it(app_factory, seeds):
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "airstrike")
        await pilot.press("v", *["right"] * 5, "v", "a")
        await settle(pilot)
        await pilot.press(*"place", "enter", "enter")
        await settle(pilot)
        span = yaml.safe_load((seeds / f"{AIRSTRIKE}.yaml").read_text("utf-8"))["spans"][0]
        sidebar = app.screen.query_one(Sidebar)
        sidebar.focus()
        index = next(i for i, o in enumerate(sidebar._options) if o.id and "span" in o.id)
        sidebar.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.selected_range() == (span["start"], span["end"])
        sidebar.focus()
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert yaml.safe_load((seeds / f"{AIRSTRIKE}.yaml").read_text("utf-8"))["spans"] == []


async def test_an_entity_goes_on_the_watchlist(app_factory, seeds: Path):
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "airstrike")
        await watch_first_entity(pilot)
        await settle(pilot, 0.1)
    entries, errors = load_watchlist(seeds / ".glossator" / "watchlist.yaml")
    assert not errors and len(entries) == 1


async def test_a_failed_worker_is_logged_and_shown_once(app_factory, seeds: Path):
    app = app_factory()
    shown: list[str] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "airstrike")

        def broken(name: str, label: str) -> Path:
            raise OSError("disk full")

        app.session.watch = broken  # type: ignore[method-assign]
        app.notify = lambda message, **kw: shown.append(message)  # type: ignore[method-assign]
        await watch_first_entity(pilot)
        await settle(pilot, 0.1)
        assert app.is_running
    failures = [e for e in app.session.log if e.kind == "watchlist"]
    assert len(failures) == 1 and "disk full" in failures[0].text
    assert len([m for m in shown if "disk full" in m]) == 1
    assert not (seeds / ".glossator" / "watchlist.yaml").exists()


def test_the_documented_config_example_loads(tmp_path):
    """docs/reader.md's example config is valid, documents every key, and
    remaps only binding ids that exist."""
    import re
    from pathlib import Path

    from glossator.tui.config import Config, load_config

    doc = (Path(__file__).resolve().parents[2] / "docs" / "reader.md").read_text("utf-8")
    section = doc[doc.index("## The config file") :]
    example = re.search(r"```toml\n(.*?)```", section, re.S)
    assert example is not None
    path = tmp_path / "config.toml"
    path.write_text(example.group(1), "utf-8")
    config = load_config(path)
    assert config.author == "alice" and config.theme == "nord"
    ids = {c.id for c in COMMANDS}
    assert config.keymap and set(config.keymap) <= ids
    for name in Config.__dataclass_fields__:
        assert f"`{name}`" in section or f"`[{name}]`" in section, name
