"""Every command of the reader, defined once.

Each `Command` feeds three places: the `Binding` that puts it on a key (with a
binding id, so `[keymap]` in the config file can move it), the command palette
(`ctrl+p`) and the help screen (`?`). Adding a command here is all it takes
for it to show up in all three. What a reader command needs before it applies
(an open article, a selection, ...) is data on the command, `needs`; the main
screen's `check_action` and the palette look the names up in
`screens/main.py`'s `REQUIREMENTS`. Dialog keys live here too (their `where`
is the dialog), so they can be remapped like the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Command:
    """One thing the user can do, and the key it starts on."""

    id: str
    """Binding id, used as the key in the config file's `[keymap]`."""
    key: str
    """Default key(s), Textual key names, comma-separated."""
    action: str
    """Action method name (without `action_`) on the widget in `where`."""
    description: str
    """Short label shown in the footer."""
    help: str
    """One sentence for the palette and the help screen."""
    where: str = "screen"
    """Which part of the app owns the binding: screen, article, list."""
    group: str = "General"
    """Heading on the help screen."""
    show: bool = True
    """Shown in the footer when it applies."""
    palette: bool = True
    """Offered in the command palette."""
    typing_safe: bool = False
    """Also works while the search box has focus (not a printable key)."""
    needs: tuple[str, ...] = ()
    """What must hold for the command to apply (names in the main screen's
    `REQUIREMENTS`, e.g. "article", "selection"); it is hidden otherwise."""


#: Requirement names used by several commands (see `Command.needs`).
SHOWN = "article"
"""The article view is open and on screen."""
EDITABLE = "editable"
"""An article is open and its sidecar can be saved."""
#: Group of the dialog keys, which the help screen leaves out.
DIALOGS = "Dialogs"

# fmt: off
C = Command
COMMANDS: tuple[Command, ...] = (
    # The footer shows bindings in this order, so the most specific come first.
    C("article.next_hit", "n", "next_hit", "Hit", "Jump to the next search hit", group="Article",
      needs=(SHOWN, "hits")),
    C("article.prev_hit", "N", "prev_hit", "Prev hit", "Jump to the previous search hit",
      group="Article", show=False, needs=(SHOWN, "hits")),
    C("article.next_entity", "right_square_bracket", "next_entity", "Entity",
      "Jump to the next entity", group="Article", show=False, needs=(SHOWN, "entities")),
    C("article.prev_entity", "left_square_bracket", "prev_entity", "Prev entity",
      "Jump to the previous entity", group="Article", show=False, needs=(SHOWN, "entities")),
    C("article.next_incident", "right_curly_bracket", "next_incident", "Incident",
      "Jump to the next incident sentence (the status line names it)", group="Article",
      show=False, needs=(SHOWN, "incidents")),
    C("article.prev_incident", "left_curly_bracket", "prev_incident", "Prev incident",
      "Jump to the previous incident sentence", group="Article", show=False,
      needs=(SHOWN, "incidents")),
    C("article.select", "v", "select", "Select",
      "Start or end a selection; in between, arrows, w and B (by word) extend it. "
      "shift+arrows select too", group="Article", needs=(SHOWN,)),
    C("article.annotate", "a", "annotate", "Annotate",
      "Label the selected passage, with an optional note", group="Article",
      needs=(SHOWN, EDITABLE, "selection")),
    C("article.copy", "y", "copy", "Copy",
      "Copy the selection, else the article path (OSC 52, works over SSH)", group="Article",
      show=False, needs=(SHOWN,)),
    C("entity.wrong", "W", "entity_wrong", "Not entity",
      "Mark the entity under the cursor (or the sidebar's) as wrong, here or everywhere",
      group="Entities", show=False, needs=(SHOWN, "entity_here")),
    C("entity.relabel", "L", "entity_relabel", "Relabel",
      "Give the entity under the cursor (or the sidebar's) another label, here or everywhere",
      group="Entities", show=False, needs=(SHOWN, "entity_here")),
    C("entity.add", "M", "entity_add", "Add entity",
      "Mark the selected text as an entity the recogniser missed (label, here or everywhere)",
      group="Entities", show=False, needs=(SHOWN, "selection")),
    C("incident.confirm", "Y", "confirm_incident", "Confirm",
      "Confirm the incident under the cursor as the extractor read it", group="Incidents",
      show=False, needs=(SHOWN, EDITABLE, "incident_here")),
    C("incident.reject", "X", "reject_incident", "Reject",
      "Reject the incident under the cursor (not an incident, or not this one)",
      group="Incidents", show=False, needs=(SHOWN, EDITABLE, "incident_here")),
    C("incident.edit", "E", "edit_incident", "Edit incident",
      "Correct a field of the incident under the cursor", group="Incidents", show=False,
      needs=(SHOWN, EDITABLE, "incident_here")),
    C("incident.undo", "U", "undo_incident", "Undo check",
      "Drop your check of the incident under the cursor (back to what was extracted)",
      group="Incidents", show=False, needs=(SHOWN, EDITABLE, "incident_checked")),
    C("incident.add", "A", "add_incident", "Add incident",
      "Add an incident reported by the selected passage", group="Incidents", show=False,
      needs=(SHOWN, EDITABLE, "selection")),
    C("annotate.add_tag", "t", "add_tag", "Tag", "Add tags to the article (with completion)",
      group="Annotations", needs=(EDITABLE,)),
    C("annotate.remove_tag", "T", "remove_tag", "Untag", "Remove a tag from the article",
      group="Annotations", show=False, needs=(EDITABLE, "tags")),
    C("annotate.rate", "r", "rate", "Rate", "Rate the source (NATO Admiralty code, e.g. B2)",
      group="Annotations", needs=(EDITABLE,)),
    C("annotate.note", "c", "add_note", "Note", "Add a note to the article", group="Annotations",
      needs=(EDITABLE,)),
    C("annotate.date_source", "D", "date_source", "Date",
      "Set the article's date and source (incident dates resolve against the date)",
      group="Annotations", show=False, needs=(EDITABLE,)),
    C("search.facets", "f", "focus_facets", "Facets",
      "Move to the facet list (enter adds that filter to the query)", group="Search",
      needs=("search", "facets")),
    C("search.accept_suggestion", "ctrl+y", "accept_suggestion", "Use suggestion",
      "Search for the spelling suggestion instead", group="Search", typing_safe=True,
      needs=("search", "suggestion")),
    C("search.to_results", "down", "to_results", "Results", "From the query box to the results",
      group="Search", show=False, palette=False, typing_safe=True, needs=("in_query", "results")),
    C("search.clear", "ctrl+u", "clear_query", "Clear", "Empty the search box", group="Search",
      show=False, typing_safe=True),
    C("app.incidents", "i", "incidents", "Incidents",
      "List the incidents of the current results (of every article without a query)"),
    C("app.group_stories", "S", "group_stories", "Stories",
      "One row per story in the results and per event in the incidents view, or one per "
      "hit and incident", show=False),
    C("app.toggle_sidebar", "s", "toggle_sidebar", "Sidebar",
      "Show or hide the annotation sidebar", needs=("open",)),
    C("app.export", "e", "export", "Export",
      "Export annotations (csv, json, jsonl, md, W3C) or the incident log"),
    C("app.help", "question_mark,f1", "help", "Help",
      "Show every key and what it does (f1 while typing a query)", typing_safe=True),
    C("app.quit", "q", "quit", "Quit", "Leave glossator"),
    C("app.back", "escape", "back", "Back",
      "Back one level: cancel a selection, sidebar to article, article to the results; "
      "from the query box, back to where you were", typing_safe=True, needs=("way_back",)),
    C("app.next_pane", "tab", "next_pane", "Pane", "Move to the next pane", show=False,
      typing_safe=True),
    C("app.prev_pane", "shift+tab", "prev_pane", "Prev pane", "Move to the previous pane",
      show=False, typing_safe=True),
    C("app.focus_search", "slash", "focus_search", "Search", "Put the cursor in the search box",
      show=False),
    C("app.log", "l", "log", "Log", "Show problems found while indexing and saving", show=False),
    # Lists: enter is OptionList's own `select`; these put it in the footer.
    C("results.open", "enter", "select", "Open", "Open the highlighted article",
      where="results", group="Search", palette=False),
    C("results.story", "space", "toggle_story", "Reports",
      "Expand the highlighted story into its other reports, or collapse it", where="results",
      group="Search", palette=False),
    C("facets.add", "enter", "select", "Filter", "Add the highlighted facet to the query",
      where="facets", group="Search", palette=False),
    # Sidebar items
    C("sidebar.open", "enter", "select", "Go",
      "Jump to the span or entity mention (again for the next), edit the note or rating, "
      "or open the other report of the story",
      where="sidebar", group="Sidebar", palette=False),
    C("sidebar.edit", "m", "edit_item", "Edit", "Edit the note or span under the cursor",
      where="sidebar", group="Sidebar", palette=False),
    C("sidebar.delete", "x,delete", "delete_item", "Delete",
      "Delete the note, span or tag under the cursor (asks first)", where="sidebar",
      group="Sidebar", palette=False),
    C("sidebar.watch", "w", "watch_item", "Watch",
      "Add the entity under the cursor to the corpus watchlist", where="sidebar",
      group="Sidebar", palette=False),
    # The incidents view
    C("incidents.open", "enter", "select_cursor", "Open",
      "Open the article at the incident's sentence", where="incident-table", group="Incidents",
      palette=False),
    C("incidents.close", "q,escape", "close", "Back", "Back to where i was pressed",
      where="incidents", group="Incidents", palette=False),
    C("incidents.confirm", "y", "check('confirm')", "Confirm",
      "Confirm the highlighted incident as the extractor read it", where="incidents",
      group="Incidents"),
    C("incidents.reject", "x", "check('reject')", "Reject", "Reject the highlighted incident",
      where="incidents", group="Incidents"),
    C("incidents.edit", "e", "check('edit')", "Edit", "Correct a field of the highlighted incident",
      where="incidents", group="Incidents"),
    C("incidents.undo", "u", "check('undo')", "Undo",
      "Drop your check of the highlighted incident (back to what was extracted)",
      where="incidents", group="Incidents"),
    C("incidents.sort", "s", "sort", "Sort",
      "Sort by the next column (date, place, type, actors, weapon, killed, ...)",
      where="incidents", group="Incidents"),
    C("incidents.reverse", "S", "reverse", "Reverse", "Reverse the order", where="incidents",
      group="Incidents"),
    C("incidents.filter", "f", "filter", "Filter",
      "Show all incidents, the unchecked, the checked (confirmed, edited, added) or the rejected",
      where="incidents", group="Incidents"),
    C("incidents.events", "g", "events", "Per incident",
      "One row per event (the reports of one event together, disagreements marked ≠), "
      "or one per incident", where="incidents", group="Incidents"),
    C("incidents.reports", "v", "reports", "Reports",
      "Each report's values of the highlighted event, with its source (enter opens one)",
      where="incidents", group="Incidents"),
    C("incidents.export", "E", "export", "Export",
      "Export the incident log of this view (csv with ACLED's columns, json, jsonl, md)",
      where="incidents", group="Incidents"),
    C("incidents.help", "question_mark,f1", "help", "Help", "Show every key",
      where="incidents", group=DIALOGS, palette=False),
    # Moving
    # q goes back one level where there is one (as in mutt); in the list it quits.
    C("article.close", "q", "screen.back", "Back", "Close the article, back to the results",
      where="article", group="Article", show=False, palette=False),
    C("sidebar.close", "q", "screen.back", "Back", "Back to the article", where="sidebar",
      group="Sidebar", show=False, palette=False),
    C("move.down", "j", "line_down", "Down", "Cursor down a line", where="article",
      group="Moving", show=False, palette=False),
    C("move.up", "k", "line_up", "Up", "Cursor up a line", where="article", group="Moving",
      show=False, palette=False),
    C("move.word_right", "w", "cursor_word_right", "Word",
      "To the end of the word (ctrl+right too)", where="article", group="Moving", show=False,
      palette=False),
    C("move.word_left", "B", "cursor_word_left", "Word back",
      "To the start of the word (ctrl+left too)", where="article", group="Moving", show=False,
      palette=False),
    C("move.page_down", "space", "page_down", "Page down", "Page down", where="article",
      group="Moving", show=False, palette=False),
    C("move.page_up", "b", "page_up", "Page up", "Page up", where="article", group="Moving",
      show=False, palette=False),
    C("move.top", "g", "top", "Top", "Go to the top", where="article", group="Moving",
      show=False, palette=False),
    C("move.bottom", "G", "bottom", "Bottom", "Go to the bottom", where="article",
      group="Moving", show=False, palette=False),
    C("list.down", "j", "cursor_down", "Down", "Next item in a list", where="list",
      group="Moving", show=False, palette=False),
    C("list.up", "k", "cursor_up", "Up", "Previous item in a list", where="list",
      group="Moving", show=False, palette=False),
    # Dialogs: each shows its own keys in its footer, so they stay off the help screen.
    C("dialog.cancel", "escape", "cancel", "Cancel", "Close the dialog without saving",
      where="dialog", group=DIALOGS, palette=False),
    C("dialog.save", "ctrl+s,f2", "save", "Save", "Save the note", where="note",
      group=DIALOGS, palette=False),
    C("dialog.yes", "y,enter", "answer(True)", "Yes", "Answer yes", where="confirm",
      group=DIALOGS, palette=False),
    C("dialog.no", "n,escape", "answer(False)", "No", "Answer no", where="confirm",
      group=DIALOGS, palette=False),
    C("export.cancel", "escape", "cancel", "Cancel", "Close the export dialog (stops an export)",
      where="export", group=DIALOGS, palette=False),
    C("export.run", "enter", "run", "Export", "Start the export", where="export",
      group=DIALOGS, palette=False),
    C("export.annotations", "a", "what('annotations')", "Annotations",
      "Export annotations", where="export", group=DIALOGS, show=False, palette=False),
    C("export.incidents", "i", "what('incidents')", "Incident log",
      "Export the incident log (ACLED's columns in csv)", where="export", group=DIALOGS,
      show=False, palette=False),
    C("export.summary", "s", "summary", "Per event",
      "Export the incident log's per-event summary, or every incident", where="export",
      group=DIALOGS, show=False, palette=False),
    C("export.article", "1", "scope('article')", "Article", "Export this article",
      where="export", group=DIALOGS, show=False, palette=False),
    C("export.results", "2", "scope('results')", "Results", "Export the current results",
      where="export", group=DIALOGS, show=False, palette=False),
    C("export.corpus", "3", "scope('corpus')", "Corpus", "Export the whole corpus",
      where="export", group=DIALOGS, show=False, palette=False),
    C("export.overwrite", "o", "overwrite", "Overwrite", "Overwrite an existing file, or not",
      where="export", group=DIALOGS, show=False, palette=False),
    C("export.path", "p", "path", "Path", "Edit the file to write to", where="export",
      group=DIALOGS, show=False, palette=False),
    C("event-reports.close", "escape,q", "close", "Back", "Back to the incidents view",
      where="event-reports", group=DIALOGS, palette=False),
    C("info.close", "escape,q", "close", "Close", "Back to the reader", where="info",
      group=DIALOGS, palette=False),
    C("info.down", "j,down", "scroll(1)", "Down", "Scroll down a line", where="info",
      group=DIALOGS, show=False, palette=False),
    C("info.up", "k,up", "scroll(-1)", "Up", "Scroll up a line", where="info", group=DIALOGS,
      show=False, palette=False),
    C("info.page_down", "space,pagedown", "scroll(10)", "Page", "Scroll down a page",
      where="info", group=DIALOGS, show=False, palette=False),
    C("info.page_up", "b,pageup", "scroll(-10)", "Page up", "Scroll up a page", where="info",
      group=DIALOGS, show=False, palette=False),
)
del C
# fmt: on

#: When the footer is too narrow, these go first, in this order (then keys
#: from the right). "command_palette" is the `^p palette` hint; `? Help` lists
#: everything that was dropped, so it stays.
FOOTER_DROP_ORDER = ("command_palette", "quit", "incidents", "back", "toggle_sidebar", "export")
FOOTER_KEEP = frozenset({"help"})

#: Help screen sections, in this order (dialog keys show in their own dialog's footer).
GROUPS = (
    "General",
    "Search",
    "Article",
    "Entities",
    "Annotations",
    "Incidents",
    "Sidebar",
    "Moving",
)

BY_ACTION: dict[str, Command] = {c.action: c for c in COMMANDS if c.where == "screen"}


def bindings(where: str) -> list[Binding]:
    """The `Binding`s of the commands owned by `where`."""
    return [
        Binding(c.key, c.action, c.description, show=c.show, id=c.id, tooltip=c.help)
        for c in COMMANDS
        if c.where == where
    ]


def commands_in(where: str) -> Iterator[Command]:
    """The commands owned by `where`."""
    return (c for c in COMMANDS if c.where == where)


_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
    "space": "space",
}


def display_keys(command: Command, keymap: Mapping[str, str] | None = None) -> str:
    """The key(s) of a command as a person reads them, after the user's keymap."""
    keys = (keymap or {}).get(command.id, command.key)
    return " ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def help_rows(keymap: Mapping[str, str] | None = None) -> Iterable[tuple[str, str, str, str]]:
    """(group, keys, help, binding id) for every command, in definition order."""
    for group in GROUPS:
        for c in COMMANDS:
            if c.group == group:
                yield c.group, display_keys(c, keymap), c.help, c.id


def palette_help(command: Command, keymap: Mapping[str, str] | None = None) -> str:
    """The palette's line under a command: what it does, its keys now and its
    binding id, so remapping it needs no source reading."""
    return f"{command.help} · key: {display_keys(command, keymap)} · [keymap] {command.id}"
