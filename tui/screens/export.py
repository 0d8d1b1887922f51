"""The export dialog: what (annotations or the incident log), format, scope
and destination, with progress."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, ProgressBar, RadioSet, Static
from textual.worker import get_current_worker

from glossator.annotations.export import FILE_FORMATS, file_format_names
from glossator.annotations.incident_export import INCIDENT_FORMATS
from glossator.service import Session
from glossator.tui.commands import bindings
from glossator.tui.widgets.toggles import ChoiceButton, ChoiceSet, TickBox

SCOPES = (("article", "this article"), ("results", "current results"), ("corpus", "whole corpus"))
#: What the dialog exports, with its key and the file name it suggests.
WHATS = (("annotations", "a", "glossator-export"), ("incidents", "i", "glossator-incidents"))
#: The dialog's own letters, which no format may take.
OWN_KEYS = frozenset({"o", "p", "s", *(key for _, key, _ in WHATS)})


def format_keys(names: Sequence[str]) -> dict[str, str]:
    """One letter per export format, for the dialog: the first letter of its
    name, else the last, else any other (csv c, json j, jsonl l, md m, w3c w),
    so a new format in `FILE_FORMATS` gets a key without touching this file.
    `OWN_KEYS` are the dialog's own."""
    taken = set(OWN_KEYS)
    keys: dict[str, str] = {}
    for name in names:
        free = [ch for ch in (name[0], name[-1], *name[1:-1]) if ch.isalpha() and ch not in taken]
        if free:
            keys[name] = free[0]
            taken.add(free[0])
    return keys


def _keyed(label: str, key: str | None, prefix: bool = False) -> Text:
    """`label` with its key shown without colour: underlined in place, or in front."""
    text = Text(label)
    if key is None:
        return text
    if prefix:
        return Text.assemble((key, "bold underline"), " ", label)
    where = label.find(key)
    if where >= 0:
        text.stylize("bold underline", where, where + 1)
    return text


@dataclass(frozen=True, slots=True)
class ExportScope:
    """What the reader has open when the dialog starts."""

    article_id: str | None
    query: str | None
    what: str = "annotations"
    """What is chosen first: "annotations" or "incidents"."""
    scope: str | None = None
    """The scope chosen first (None: the narrowest there is)."""


class ExportScreen(ModalScreen[str | None]):
    """Every choice is one key: a or i for annotations or the incident log, a
    format's letter, 1 2 3 for the scope, s for the incident log's per-event
    summary, o to overwrite, p for the path; or the arrows in a list, which
    choose as they move. enter exports from anywhere."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("export"),
        *(
            Binding(key, f"format('{name}')", name, show=False)
            for name, key in format_keys(file_format_names()).items()
        ),
    ]

    @dataclass
    class _Progress(Message):
        done: int
        total: int

    @dataclass
    class _Done(Message):
        written: int
        problems: int
        error: str | None
        dest: Path | None = None
        what: str = "annotations"

    def __init__(self, session: Session, scope: ExportScope, folder: Path) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.scope = scope
        self.folder = folder
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="export-box"):
            yield Label(Text("Export", style="bold"), classes="dialog-title")
            with ChoiceSet(id="export-what"):
                for name, key, _ in WHATS:
                    label = "incident log" if name == "incidents" else name
                    yield ChoiceButton(
                        _keyed(label, key), value=name == self.scope.what, id=f"what-{name}"
                    )
            yield Label("Format")
            keys = format_keys(file_format_names())
            with ChoiceSet(id="export-format"):
                for i, fmt in enumerate(file_format_names()):
                    yield ChoiceButton(_keyed(fmt, keys.get(fmt)), value=i == 0, id=f"fmt-{fmt}")
            yield Label("Scope")
            with ChoiceSet(id="export-scope"):
                wanted = (
                    self.scope.scope
                    if self.scope.scope and self._usable(self.scope.scope)
                    else None
                )
                first = True
                for n, (key, label) in enumerate(SCOPES, 1):
                    usable = self._usable(key)
                    chosen = key == wanted if wanted else usable and first
                    yield ChoiceButton(
                        _keyed(label, str(n), prefix=True),
                        value=chosen,
                        id=f"scope-{key}",
                        disabled=not usable,
                    )
                    first = first and not usable
            yield Label("Write to")
            stem = next(stem for name, _, stem in WHATS if name == self.scope.what)
            yield Input(f"{stem}.csv", id="export-path", compact=True)
            with Horizontal(id="export-row"):
                yield TickBox(_keyed("overwrite an existing file", "o"), id="export-force")
                yield TickBox(_keyed("summary: one row per event", "s"), id="export-summary")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-status")
            yield Static(
                Text(f"relative paths are under {self.folder}", style="dim"), id="export-folder"
            )
            yield Static(
                Text(
                    "a i: what · letter: format · 1 2 3: scope · o: overwrite · "
                    "s: per event · p: path · arrows choose · enter: export · escape: close",
                    style="dim",
                )
            )

    def _usable(self, key: str) -> bool:
        if key == "article":
            return self.scope.article_id is not None
        if key == "results":
            return bool(self.scope.query)
        return True

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self._what_changed()
        # Not the path box: there, letters would be typed instead of choosing.
        self.query_one("#export-format", ChoiceSet).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the path box every letter and digit is part of the path.
        typed = {"format", "scope", "overwrite", "path", "what", "summary"}
        if isinstance(self.focused, Input) and action in typed:
            return False
        return True

    def action_what(self, name: str) -> None:
        """Choose what to export: annotations or the incident log."""
        self.query_one("#export-what", ChoiceSet).choose([w for w, _, _ in WHATS].index(name))

    def action_format(self, name: str) -> None:
        """Choose an export format."""
        if self._choice("export-what") == "incidents" and name not in INCIDENT_FORMATS:
            self._status(
                f"the incident log exports to {', '.join(INCIDENT_FORMATS)}, not {name}",
                bold=True,
            )
            return
        self.query_one("#export-format", ChoiceSet).choose(file_format_names().index(name))

    def action_summary(self) -> None:
        """Tick or untick the incident log's per-event summary."""
        if self._choice("export-what") != "incidents":
            self._status("the per-event summary is for the incident log: i first", bold=True)
            return
        box = self.query_one("#export-summary", Checkbox)
        box.value = not box.value

    def action_scope(self, key: str) -> None:
        """Choose what to export."""
        index = [k for k, _ in SCOPES].index(key)
        if not self._usable(key):
            self._status(f"no {SCOPES[index][1]} to export", bold=True)
            return
        self.query_one("#export-scope", ChoiceSet).choose(index)

    def action_overwrite(self) -> None:
        """Tick or untick overwrite."""
        box = self.query_one("#export-force", Checkbox)
        box.value = not box.value

    def action_path(self) -> None:
        """Edit the path."""
        self.query_one("#export-path", Input).focus()

    def action_run(self) -> None:
        """Export with the choices made."""
        self._start(self.query_one("#export-path", Input).value)

    def _choice(self, radio_set: str) -> str:
        pressed = self.query_one(f"#{radio_set}", RadioSet).pressed_button
        return (pressed.id or "").split("-", 1)[1] if pressed is not None else ""

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "export-what":
            self._what_changed()
        elif event.radio_set.id == "export-format":
            self._suggest_path()

    def _what_changed(self) -> None:
        """The incident log has fewer formats, and a summary option."""
        incidents = self._choice("export-what") == "incidents"
        for name in file_format_names():
            self.query_one(f"#fmt-{name}", ChoiceButton).disabled = (
                incidents and name not in INCIDENT_FORMATS
            )
        if incidents and self._choice("export-format") not in INCIDENT_FORMATS:
            self.action_format(next(iter(INCIDENT_FORMATS)))
        self.query_one("#export-summary", Checkbox).display = incidents
        self._suggest_path()

    def _suggest_path(self) -> None:
        """Keep a suggested file name in step with what and the format."""
        box = self.query_one("#export-path", Input)
        path = Path(box.value)
        stems = {stem: name for name, _, stem in WHATS}
        if path.stem in stems:
            what = self._choice("export-what")
            stem = next(stem for name, _, stem in WHATS if name == what)
            suffix = FILE_FORMATS[self._choice("export-format")].suffix
            box.value = str(path.with_name(f"{stem}.{suffix}"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._start(event.value)

    def _start(self, value: str) -> None:
        if self.running:
            return
        value = value.strip()
        if not value:
            self._status("give a file to write to", bold=True)
            return
        dest = Path(value).expanduser()
        if not dest.is_absolute():
            dest = self.folder / dest
        scope = self._choice("export-scope") or "corpus"
        self.running = True
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        what = self._choice("export-what") or "annotations"
        self._status("collecting incidents…" if what == "incidents" else "collecting annotations…")
        force = self.query_one("#export-force", Checkbox).value
        summary = what == "incidents" and self.query_one("#export-summary", Checkbox).value
        self._export(what, self._choice("export-format"), scope, dest, force, summary)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(
        self, what: str, fmt: str, scope: str, dest: Path, force: bool, summary: bool
    ) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            self.post_message(self._Progress(done, total))

        try:
            if scope == "article" and self.scope.article_id:
                ids = [self.scope.article_id]
            else:
                ids = self.session.all_ids(self.scope.query if scope == "results" else None)
            if what == "incidents":
                written, problems = self.session.export_incident_log(
                    ids, fmt, dest, force, summary=summary, progress=progress,
                    cancelled=lambda: worker.is_cancelled,
                )  # fmt: skip
            else:
                written, problems = self.session.export(
                    ids, fmt, dest, force, progress=progress, cancelled=lambda: worker.is_cancelled
                )
        except Exception as exc:  # shown in the dialog
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.post_message(self._Done(0, 0, reason, what=what))
            return
        self.post_message(self._Done(written, problems, None, dest, what))

    def on_export_screen__progress(self, message: ExportScreen._Progress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_export_screen__done(self, message: ExportScreen._Done) -> None:
        self.running = False
        self.query_one(ProgressBar).display = False
        if message.error is not None:
            self._status(f"✗ {message.error}", bold=True)
            return
        extra = f"; {message.problems} skipped (see log)" if message.problems else ""
        noun = "incident" if message.what == "incidents" else "article"
        self.dismiss(
            f"exported {message.written} {noun}{'s' if message.written != 1 else ''} "
            f"to {message.dest}{extra}"
        )

    def _status(self, text: str, *, bold: bool = False) -> None:
        self.query_one("#export-status", Static).update(Text(text, style="bold" if bold else ""))

    def action_cancel(self) -> None:
        """Close (stops an export that is running)."""
        self.workers.cancel_group(self, "export")
        self.dismiss(None)
