"""The service's article checks: date and source, and confirming, correcting,
rejecting, adding and undoing incidents, saved like tags and notes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml

from glossator.annotations.errors import InvalidValue, NotFoundError
from glossator.annotations.store import SidecarStore
from glossator.service import Session

SEED = "000_a527e38b797e7e70.txt"


def test_date_and_source_are_set_cleared_and_refused_with_a_reason(session: Session) -> None:
    article = session.index.article(SEED)
    saved = session.set_article_date(article, "2024-01-16")
    saved = session.set_article_source(article, "  Reuters ")
    assert (saved.date, saved.source) == ("2024-01-16", "Reuters")
    data = yaml.safe_load(session.store.path_for(SEED).read_text("utf-8"))
    assert data["version"] == 2 and data["source"] == "Reuters"
    with pytest.raises(InvalidValue, match="YYYY-MM-DD"):
        session.set_article_date(article, "16 January")
    with pytest.raises(InvalidValue, match="control characters"):
        session.set_article_source(article, "\x1b]0;x\x07")
    cleared = session.set_article_source(article, None)
    assert cleared.source == "" and cleared.date == "2024-01-16"
    assert session.set_article_date(article, None).date == ""


def test_extracted_incidents_resolve_dates_against_the_sidecars_date(session: Session) -> None:
    article = session.index.article(SEED)
    found = session.extracted_incidents(article)
    assert found and all(r["sub_event_type"] for r in found)
    assert all(article.text[r["start"] : r["end"]] == r["sentence"] for r in found)
    assert not any(r["event_date"] for r in found)  # no date yet: "Tuesday" does not resolve
    session.set_article_date(article, "2024-01-19")
    dated = session.extracted_incidents(article)
    assert any(r["event_date"] == "2024-01-16" for r in dated)  # the Tuesday before


def test_confirm_edit_reject_add_and_undo(session: Session) -> None:
    article = session.index.article(SEED)
    first, second = session.checked_incidents(article)[:2]
    assert first["status"] == second["status"] == "extracted"

    check, _ = session.confirm_incident(article, first["id"], first)
    assert check.status == "confirmed" and check.id.startswith("i-")
    check, _ = session.edit_incident(article, check.id, "fatalities", "4")
    assert check.status == "edited" and check.fields["fatalities"] == 4
    with pytest.raises(InvalidValue, match="whole number"):
        session.edit_incident(article, check.id, "fatalities", "four")
    rejected, _ = session.reject_incident(article, second["id"], second)
    added, _ = session.add_incident(article, 0, 20, {"sub_event_type": "attack"})
    assert added.status == "added" and added.fields == {"sub_event_type": "Attack"}

    log = {r["id"]: r for r in session.checked_incidents(article)}
    assert log[check.id]["fatalities"] == 4 and log[check.id]["extracted_id"] == first["id"]
    assert log[rejected.id]["status"] == "rejected" and second["id"] not in log
    assert log[added.id]["sentence"] == article.text[:20]

    session.delete_incident_check(article, rejected.id)
    log = {r["id"]: r for r in session.checked_incidents(article)}
    assert log[second["id"]]["status"] == "extracted" and rejected.id not in log
    with pytest.raises(NotFoundError):
        session.delete_incident_check(article, rejected.id)
    with pytest.raises(NotFoundError):
        session.confirm_incident(article, "x-00000000")


def test_concurrent_checks_by_two_analysts_lose_nothing(session: Session, seeds: Path) -> None:
    article = session.index.article(SEED)
    records = session.checked_incidents(article)
    bob = Session(session.index, SidecarStore(seeds, author="bob"))
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def run(action: object) -> None:
        try:
            start.wait()
            action()  # type: ignore[operator]
        except BaseException as exc:  # reported below
            errors.append(exc)

    def alice_work() -> None:
        for n in range(10):
            session.add_incident(article, n, n + 5, {"injured": n})
        session.confirm_incident(article, records[0]["id"], records[0])

    def bob_work() -> None:
        for n in range(10):
            bob.tag(article, add=[f"t{n}"])
        bob.reject_incident(article, records[1]["id"], records[1])

    def carol_work() -> None:
        for n in range(5):
            session.set_article_source(article, f"source {n}")
            bob.add_note(article, f"note {n}")

    threads = [threading.Thread(target=run, args=(w,)) for w in (alice_work, bob_work, carol_work)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    sidecar = session.store.load(SEED, article.text)
    assert len([c for c in sidecar.incidents if c.status == "added"]) == 10
    assert {c.status for c in sidecar.incidents} == {"added", "confirmed", "rejected"}
    assert len(sidecar.tags) == 10 and len(sidecar.notes) == 5
    assert sidecar.source == "source 4"
