"""The annotation sidebar: tags, rating, notes, spans and entities of the open article."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from glossator.annotations.model import Sidecar
from glossator.index.labels import LABELS
from glossator.service.stories import OtherReport
from glossator.tui.commands import bindings
from glossator.tui.render import shown


def _line(*parts: tuple[str, str] | str) -> Content:
    # One line; the sidebar's CSS (text-wrap: nowrap) cuts it with an ellipsis.
    # Every part may come from a sidecar someone else edited, so control
    # characters are made visible before they reach the screen.
    safe = [shown(p) if isinstance(p, str) else (shown(p[0]), p[1]) for p in parts]
    return Content.from_rich_text(Text.assemble(*safe))


def _group_entities(entities: list[Any]) -> dict[str, dict[str, tuple[int, list[str]]]]:
    """Label -> canonical name -> (mentions, the other ways it was written),
    in order of first mention: "Tony Blair" -> (4, ["Blair"])."""
    grouped: dict[str, dict[str, tuple[int, list[str]]]] = {}
    for ent in entities:
        names = grouped.setdefault(ent.label, {})
        name = ent.name
        count, variants = names.get(name, (0, []))
        written = " ".join(ent.text.split())
        if written != name and written not in variants:
            variants.append(written)
        names[name] = (count + 1, variants)
    return grouped


class Sidebar(OptionList):
    """One list with a section per kind of annotation; `enter` jumps or edits."""

    BINDINGS: ClassVar[list[Any]] = bindings("sidebar") + bindings("list")

    @dataclass
    class ItemAction(Message):
        """The user acted on an item: `verb` is jump, edit, delete or watch."""

        verb: str
        kind: str
        """note, span, entity, tag or rating."""
        key: str
        """Note or span id, tag, or entity name (`Entity.name`: canonical)."""
        label: str = ""
        """The entity label (for watch)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.read_only_reason: str | None = None
        self._items: dict[str, tuple[str, str, str]] = {}
        self.reports: list[OtherReport] = []
        """The other reports of the open article's story (`show_reports`)."""
        self._shown_args: tuple[Sidecar | None, list[Any], str | None] | None = None

    def show(self, sidecar: Sidecar | None, entities: list[Any], reason: str | None) -> None:
        """Rebuild the list for an article; `reason` says why annotations are read-only."""
        self.read_only_reason = reason
        self._shown_args = (sidecar, entities, reason)
        keep = self.highlighted
        # The item under the cursor stays under it when items are added above.
        keep_id = self.highlighted_option.id if self.highlighted_option is not None else None
        options: list[Option] = []
        self._items = {}

        def head(title: str) -> None:
            options.append(Option(_line((title, "bold reverse")), disabled=True))

        def item(kind: str, key: str, prompt: Content, label: str = "") -> None:
            option_id = f"{kind}\x00{label}\x00{key}"
            self._items[option_id] = (kind, key, label)
            options.append(Option(prompt, id=option_id))

        def none(text: str) -> None:
            options.append(Option(_line(("  " + text, "dim")), disabled=True))

        if reason is not None:
            head(" READ-ONLY ")
            options.append(Option(Content(shown(reason)), disabled=True))
        head(" Tags (t/T) ")
        if sidecar is not None and sidecar.tags:
            for tag in sidecar.tags:
                item("tag", tag, _line("  #", (tag, "italic")))
        else:
            none("none")
        head(" Rating (r) ")
        if sidecar is not None and sidecar.rating is not None:
            r = sidecar.rating
            item("rating", r.code, _line("  ", (r.code, "bold"), " ", (r.meaning, "dim")))
        else:
            none("not rated")
        head(" Notes (c) ")
        if sidecar is not None and sidecar.notes:
            for note in sidecar.notes:
                item(
                    "note",
                    note.id,
                    _line("  ", note.text.replace("\n", " "), (f"  {note.author}", "dim")),
                )
        else:
            none("none")
        spans = [s for s in (sidecar.spans if sidecar else []) if not s.orphaned]
        orphans = [s for s in (sidecar.spans if sidecar else []) if s.orphaned]
        head(" Spans (v, a) ")
        if spans:
            for span in sorted(spans, key=lambda s: s.start):
                quote = span.quote.replace("\n", " ")
                extra = f" {span.note}" if span.note else ""
                prompt = _line(
                    "  ", (span.label, "bold"), " ", (f"“{quote}”", "italic"), (extra, "dim")
                )
                item("span", span.id, prompt)
        else:
            none("none")
        if orphans:
            head(" Orphaned spans (text changed) ")
            for span in orphans:
                item(
                    "orphan",
                    span.id,
                    _line("  ", (span.label, "bold"), " ", (f"“{span.quote}”", "italic strike")),
                )
        self._report_items(head, item)
        head(" Entities ")
        grouped = _group_entities(entities)
        if not grouped:
            none("none")
        for label in LABELS:
            names = grouped.get(label)
            if not names:
                continue
            options.append(Option(_line((f"  {label}", "bold underline")), disabled=True))
            for name, (count, variants) in names.items():
                suffix = f" ×{count}" if count > 1 else ""
                written = f" ({', '.join(variants)})" if variants else ""
                prompt = _line("   ", name, (suffix, "dim"), (written, "dim italic"))
                item("entity", name, prompt, label)
        self.set_options(options)
        ids = [o.id for o in options]
        if keep_id is not None and keep_id in ids:
            self.highlighted = ids.index(keep_id)
        elif keep is not None and keep < len(options):
            self.highlighted = keep

    def show_reports(self, reports: list[OtherReport]) -> None:
        """List the other reports of the article's story (above the entities)."""
        if reports == self.reports:
            return
        self.reports = list(reports)
        if self._shown_args is not None:
            self.show(*self._shown_args)

    def _report_items(
        self, head: Callable[[str], None], item: Callable[[str, str, Content], None]
    ) -> None:
        """The section of other reports: title, source, date and what differs."""
        if not self.reports:
            return
        head(f" Other reports of this story ({len(self.reports)}) ")
        for other in self.reports:
            report = other.report
            # Two lines: the title; then what differs (first: the sidebar is
            # narrow), how it relates, source and date.
            facts = ["reprint" if other.reprint else "same event"]
            facts += [f for f in (report.source, report.date) if f]
            differs = "; ".join(other.differs) + " · " if other.differs else ""
            second = _line("    ", (differs, "italic"), (" · ".join(facts), "dim"))
            prompt = Content("\n").join([_line("  ", (report.title, "bold")), second])
            item("report", report.article, prompt)

    def _current(self) -> tuple[str, str, str] | None:
        option = self.highlighted_option
        return self._items.get(option.id or "") if option is not None else None

    def _post(self, verb: str) -> None:
        current = self._current()
        if current is not None:
            kind, key, label = current
            self.post_message(self.ItemAction(verb, kind, key, label))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        current = self._current()
        if current is None:
            return
        verb = "edit" if current[0] in ("note", "rating") else "jump"
        self.post_message(self.ItemAction(verb, *current))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        current = self._current()
        kind = current[0] if current else None
        if action == "edit_item":
            return kind in ("note", "span", "orphan") and self.read_only_reason is None
        if action == "delete_item":
            return kind in ("note", "span", "orphan", "tag") and self.read_only_reason is None
        if action == "watch_item":
            return kind == "entity"
        if action == "select":
            return kind in ("note", "rating", "span", "entity", "report")
        return True

    def current_item(self) -> tuple[str, str, str] | None:
        """(kind, key, label) of the highlighted item, None on a heading."""
        return self._current()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()

    def action_edit_item(self) -> None:
        """Edit the note or span under the cursor."""
        self._post("edit")

    def action_delete_item(self) -> None:
        """Delete the note, span or tag under the cursor."""
        self._post("delete")

    def action_watch_item(self) -> None:
        """Add the entity under the cursor to the watchlist."""
        self._post("watch")

    def on_focus(self) -> None:
        if self.highlighted is None:
            self.action_first()
