"""The effective incident log: the extractor's records under the analyst's checks."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.annotations.checks import FIELDS, STATUSES, IncidentCheck
from glossator.annotations.incidents import (
    add_change,
    delete_change,
    extracted_ids,
    reconcile,
    status_change,
)
from glossator.annotations.model import Sidecar

S1 = "A drone strike killed three soldiers in Jordan on Sunday."
S2 = "Separately, a roadside bomb wounded two police officers near Baidoa."
S3 = "Officials gave no further details."
TEXT = f"Headline\n{S1} {S2} {S3}\n"
STAMP = "2026-12-02T10:00:00Z"


def record(sentence: str, text: str = TEXT, **fields: Any) -> dict[str, Any]:
    """An extracted record in the shape of `Incident.to_dict()`."""
    start = text.index(sentence)
    out: dict[str, Any] = {
        "start": start, "end": start + len(sentence), "sentence": sentence,
        "sub_event_type": "Air/drone strike", "event_date_text": "Sunday",
        "event_date": "2024-01-28", "event_date_precision": "day", "actor1": None,
        "actor2": "soldiers", "location": "Jordan", "country": "Jordan", "latitude": None,
        "longitude": None, "weapon": "drone", "fatalities": 3, "injured": None, "mentions": [],
    }  # fmt: skip
    out.update(fields)
    return out


def checked(
    sidecar: Sidecar, text: str, rid: str, rec: dict[str, Any] | None, status: str, **values: Any
) -> IncidentCheck:
    made: list[IncidentCheck] = []
    status_change(text, rid, rec, "alice", status=status, values=values, made=made)(sidecar)
    return made[0]


def test_extracted_records_get_stable_ids_from_their_sentence() -> None:
    one = [record(S1), record(S2, sub_event_type="Remote explosive/landmine/IED")]
    again = [record(S1, fatalities=4), record(S2, weapon="IED")]
    assert extracted_ids(one) == extracted_ids(again)
    assert all(i.startswith("x-") and len(i) == 10 for i in extracted_ids(one))
    text = f"{S1}\n{S1}\n"
    twice = [record(S1, text), dict(record(S1, text), start=len(S1) + 1, end=2 * len(S1) + 1)]
    first, second = extracted_ids(list(reversed(twice)))[::-1]
    assert second == f"{first}-2"  # by position, whatever order they come in


def test_without_checks_every_record_is_extracted_in_text_order() -> None:
    log = reconcile(TEXT, [record(S2), record(S1)], [])
    assert [r["sentence"] for r in log] == [S1, S2]
    assert {r["status"] for r in log} == {"extracted"}
    assert set(log[0]) >= {"id", "start", "end", "sentence", *FIELDS, "status"}
    assert log[0]["notes"] is None and log[0]["extracted_id"] == log[0]["id"]


def test_a_confirmed_record_keeps_the_values_confirmed_when_the_extractor_changes() -> None:
    sidecar = Sidecar()
    rec = record(S1)
    rid = extracted_ids([rec])[0]
    check = checked(sidecar, TEXT, rid, rec, "confirmed")
    assert check.status == "confirmed" and check.quote == S1 and check.fields["fatalities"] == 3
    changed = [record(S1, fatalities=5, location="Tower 22", actor1="Kataib Hezbollah")]
    (row,) = reconcile(TEXT, changed, sidecar.incidents)
    assert row["id"] == check.id and row["extracted_id"] == rid and row["status"] == "confirmed"
    assert (row["fatalities"], row["location"], row["actor1"]) == (3, "Jordan", None)
    assert row["author"] == "alice" and row["updated"]


def test_the_analysts_edit_wins_and_an_edited_record_stays_edited_when_confirmed() -> None:
    sidecar = Sidecar()
    rec = record(S1)
    rid = extracted_ids([rec])[0]
    check = checked(sidecar, TEXT, rid, rec, "edited", fatalities=4, notes="per Pentagon")
    assert check.status == "edited"
    # The extracted id still finds the same check (no duplicate); confirming keeps "edited".
    again = checked(sidecar, TEXT, rid, rec, "confirmed")
    assert again is check and len(sidecar.incidents) == 1 and check.status == "edited"
    (row,) = reconcile(TEXT, [record(S1, fatalities=9)], sidecar.incidents)
    assert (row["status"], row["fatalities"], row["notes"]) == ("edited", 4, "per Pentagon")
    checked(sidecar, TEXT, check.id, None, "edited", fatalities=None)
    (row,) = reconcile(TEXT, [record(S1)], sidecar.incidents)
    assert row["fatalities"] is None  # "not stated" by the analyst beats the extractor's 3


def test_a_rejected_record_stays_rejected_and_hides_its_extracted_counterpart() -> None:
    sidecar = Sidecar()
    rec = record(S2)
    check = checked(sidecar, TEXT, extracted_ids([rec])[0], rec, "rejected")
    log = reconcile(TEXT, [record(S1), record(S2, fatalities=1)], sidecar.incidents)
    assert [(r["sentence"], r["status"]) for r in log] == [(S1, "extracted"), (S2, "rejected")]
    assert log[1]["id"] == check.id
    delete_change(check.id)(sidecar)
    log = reconcile(TEXT, [record(S1), record(S2)], sidecar.incidents)
    assert [r["status"] for r in log] == ["extracted", "extracted"]


def test_a_check_whose_counterpart_vanished_stays_with_its_own_fields() -> None:
    sidecar = Sidecar()
    rec = record(S1)
    checked(sidecar, TEXT, extracted_ids([rec])[0], rec, "edited", injured=1)
    (row,) = reconcile(TEXT, [], sidecar.incidents)
    assert row["status"] == "edited" and row["extracted_id"] is None
    assert (row["sentence"], row["fatalities"], row["injured"]) == (S1, 3, 1)
    assert row["event_date_precision"] == "day"


def test_an_added_incident_stands_beside_the_extracted_ones() -> None:
    sidecar = Sidecar()
    start = TEXT.index(S3)
    made: list[IncidentCheck] = []
    add_change(TEXT, start, start + len(S3), {"sub_event_type": "Attack"}, "bob", made)(sidecar)
    log = reconcile(TEXT, [record(S1)], sidecar.incidents)
    assert [(r["status"], r["sentence"]) for r in log] == [("extracted", S1), ("added", S3)]
    assert log[1]["sub_event_type"] == "Attack" and log[1]["fatalities"] is None
    # An extraction that later finds the same sentence is matched to it, the analyst's fields win.
    log = reconcile(TEXT, [record(S1), record(S3, sub_event_type="Armed clash")], sidecar.incidents)
    assert [(r["status"], r["sub_event_type"]) for r in log][1] == ("added", "Attack")
    assert len(log) == 2


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    sidecar = Sidecar()
    rec = record(S1)
    whole = checked(sidecar, TEXT, extracted_ids([rec])[0], rec, "confirmed")
    start = TEXT.index("three soldiers")
    made: list[IncidentCheck] = []
    add_change(TEXT, start, start + 14, {"fatalities": 1}, "bob", made)(sidecar)
    log = reconcile(TEXT, [rec], sidecar.incidents)
    assert [(r["id"], r["status"]) for r in log] == [(whole.id, "confirmed"), (made[0].id, "added")]
    assert log[1]["extracted_id"] is None and log[0]["extracted_id"] is not None


def test_checks_are_re_anchored_when_the_article_text_changes() -> None:
    sidecar = Sidecar()
    rec = record(S1)
    check = checked(sidecar, TEXT, extracted_ids([rec])[0], rec, "confirmed")
    edited = "Updated headline with more words\n\n" + TEXT.replace(S3, "")
    log = reconcile(edited, [record(S1, edited)], sidecar.incidents)
    assert len(log) == 1 and log[0]["id"] == check.id
    assert edited[log[0]["start"] : log[0]["end"]] == S1 and log[0]["start"] != check.start
    assert sidecar.incidents[0].start == check.start  # reconcile changes nothing it is given
    gone = reconcile("Nothing left of it.\n", [], sidecar.incidents)
    assert gone[0]["orphaned"] and gone[0]["sentence"] == S1 and gone[0]["status"] == "confirmed"


def test_an_unknown_id_without_a_record_is_not_found() -> None:
    import pytest

    from glossator.annotations.errors import InvalidValue, NotFoundError

    with pytest.raises(NotFoundError, match="no incident 'x-00000000'"):
        checked(Sidecar(), TEXT, "x-00000000", None, "confirmed")
    with pytest.raises(NotFoundError, match="no incident check 'i-1'"):
        delete_change("i-1")(Sidecar())
    stale = dict(record(S1), start=0)
    with pytest.raises(InvalidValue, match="list the incidents again"):
        checked(Sidecar(), TEXT, "x-1", stale, "confirmed")
    with pytest.raises(InvalidValue, match="not a non-empty stretch"):
        add_change(TEXT, 5, 5, {}, "bob", [])


sentences = [S1, S2, S3, "Headline"]


@st.composite
def scenario(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]], list[IncidentCheck]]:
    checks = []
    for n, sentence in enumerate(draw(st.lists(st.sampled_from(sentences), max_size=6))):
        start = TEXT.index(sentence)
        cut = draw(st.integers(1, len(sentence)))
        checks.append(
            IncidentCheck(f"i-{n}", draw(st.sampled_from(STATUSES)), start, start + cut,
                          sentence[:cut], "", "", {"injured": n}, "alice", STAMP)
        )  # fmt: skip
    text = draw(st.sampled_from([TEXT, TEXT.replace(S2, ""), "Intro.\n" + TEXT, "gone\n"]))
    extracted = [record(s, text) for s in draw(st.sets(st.sampled_from(sentences))) if s in text]
    return text, extracted, checks


@settings(max_examples=200, deadline=None)
@given(scenario())
def test_reconcile_never_loses_an_analyst_record(
    case: tuple[str, list[dict[str, Any]], list[IncidentCheck]],
) -> None:
    text, extracted, checks = case
    log = reconcile(text, extracted, checks)
    by_id = {r["id"]: r for r in log}
    assert len(by_id) == len(log)
    for check in checks:
        row = by_id[check.id]
        assert row["status"] == check.status and row["injured"] == check.fields["injured"]
    shown = {r["extracted_id"] for r in log if r["extracted_id"]}
    assert shown == set(extracted_ids(extracted))  # every extracted record, once
    assert len(log) == len(checks) + len(extracted) - sum(r["status"] != "extracted"
                                                          and r["extracted_id"] is not None
                                                          for r in log)  # fmt: skip


@pytest.mark.parametrize("value", ["4294967296", "12345678901234567890123456", 2**40])
def test_a_toll_past_what_the_index_holds_is_refused_in_one_line(value: object) -> None:
    from glossator.annotations.checks import MAX_COUNT, field_value
    from glossator.annotations.errors import InvalidValue

    assert field_value("fatalities", str(MAX_COUNT)) == MAX_COUNT
    with pytest.raises(InvalidValue, match="check for a typo") as caught:
        field_value("fatalities", value)
    assert "\n" not in str(caught.value)
