"""What the reader shows of a story: disagreements between reports, their rows."""

from __future__ import annotations

from pathlib import Path

from story_fixtures import REPRINT, add_reprint

from glossator.service import Session
from glossator.service.stories import Report, disagreements, same_value
from glossator.tui.widgets.incident_table import event_row, event_rows
from glossator.tui.widgets.results import render_report


def test_same_value_forgives_case_dots_and_longer_names() -> None:
    assert same_value("actor1", "U.S.", "US")
    assert same_value("location", "Ain al-Asad base", "Ain Al-Asad air base")
    assert not same_value("location", "Baghdad", "Kirkuk")
    assert same_value("fatalities", 4, 4)
    assert not same_value("fatalities", 4, 5)


def test_disagreements_ignore_unstated_values_and_rejected_records() -> None:
    rows = [
        {"fatalities": 4, "location": "Baghdad", "actor1": "US", "status": "extracted"},
        {"fatalities": 8, "location": "Baghdad", "actor1": "U.S.", "status": "confirmed"},
        {"fatalities": None, "location": "", "actor1": "Israel", "status": "rejected"},
        {"fatalities": 4, "injured": 3, "location": "baghdad", "status": "edited"},
    ]
    assert disagreements(rows) == {"fatalities": [4, 8]}
    assert disagreements(rows[:1]) == {}


def test_event_rows_join_an_events_records_and_keep_the_others() -> None:
    rows = [
        {"article": "a", "id": "1", "event": "e-1", "fatalities": 4, "_order": 0},
        {"article": "b", "id": "2", "event": None, "fatalities": 1, "_order": 1},
        {"article": "c", "id": "3", "event": "e-1", "fatalities": 5, "_order": 2},
        {"article": "c", "id": "4", "event": "e-2", "fatalities": 0, "_order": 3},
    ]
    out = event_rows(rows)
    assert [r.get("id") for r in out] == ["1", "2", "4"]
    joined = out[0]
    assert joined["_reports"] == 2 and joined["fatalities"] == 5
    assert joined["_marks"] == {"killed": "≠4–5", "article": "2 reports"}
    assert event_row("e-1", rows[:1])["_marks"] == {"article": "a"}


def test_a_hostile_title_or_source_is_shown_literally() -> None:
    report = Report("x.txt", "[bold red]boom[/]\x1b[2J", "\x1b]52;c;AAAA\x07Reuters", "2024-01-02")
    text = str(render_report(report, matched=False))
    assert "[bold red]boom[/]" in text
    assert "\x1b" not in text and "\x07" not in text


def test_other_reports_say_what_differs(seeds: Path) -> None:
    add_reprint(seeds)
    session = Session.open(seeds)
    session.update(lambda done, total: None)
    (other,) = session.other_reports(REPRINT)
    assert other.report.article == "002_45e5cc2aff789250.txt" and other.reprint
    assert other.differs == ("killed 4 vs 5",)
    result = session.search("kirkuk")
    (row,) = session.story_rows(result.hits)
    assert {row.best.article_id, *(o.article for o in row.others)} == {
        REPRINT,
        "002_45e5cc2aff789250.txt",
    }
    assert row.matched == {o.article for o in row.others}
