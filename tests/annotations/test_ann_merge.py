"""The three-way sidecar merge: the rules one by one, then a property test over
random edits on both sides (nothing lost, the same result from either side)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from ann_support import Corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.annotations.codec import read_sidecar
from glossator.annotations.dump import dump_sidecar
from glossator.annotations.merge import CONFLICT_SEPARATOR, merge_sidecars, merge_tags
from glossator.annotations.model import Note, Rating, Sidecar, Span, is_utc_timestamp
from glossator.annotations.yamlsafe import parse_node

NOW = "2026-12-02T12:00:00Z"
T0 = "2026-11-21T10:04:00Z"


def note(nid: str, text: str, review: str = "") -> Note:
    return Note(nid, "alice", T0, text, review)


def span(sid: str, label: str, note_text: str = "", start: int = 0) -> Span:
    return Span(sid, start, start + 4, "Iraq", "", "", label, note_text, "alice", T0)


def side(base: Sidecar, **changes: object) -> Sidecar:
    """A copy of ``base`` (lists copied too) with ``changes``."""
    lists: dict[str, object] = {
        "notes": list(base.notes),
        "spans": list(base.spans),
        "tags": list(base.tags),
    }
    return dataclasses.replace(base, **(lists | changes))  # type: ignore[arg-type]


BASE = Sidecar(
    article="a.txt",
    tags=["airstrike", "iraq"],
    notes=[note("n-0001", "first"), note("n-0002", "second")],
    spans=[span("s-0001", "place")],
)


def merged(base: Sidecar | None, ours: Sidecar, theirs: Sidecar) -> Sidecar:
    result, _ = merge_sidecars(base, ours, theirs, NOW)
    other, _ = merge_sidecars(base, theirs, ours, NOW)
    assert dump_sidecar(result) == dump_sidecar(other)
    _, problems = read_sidecar(parse_node(dump_sidecar(result)))
    assert problems == []
    return result


def test_tags_follow_the_set_rule() -> None:
    assert merge_tags(["a", "b", "c"], ["a", "c", "x"], ["a", "b", "y"]) == ["a", "x", "y"]
    assert merge_tags([], ["a"], ["a", "b"]) == ["a", "b"]


def test_edits_of_different_records_are_all_kept() -> None:
    ours = side(BASE, notes=[note("n-0001", "first, edited"), BASE.notes[1]])
    theirs = side(BASE, notes=[BASE.notes[0], note("n-0002", "second, edited")])
    result = merged(BASE, ours, theirs)
    assert [n.text for n in result.notes] == ["first, edited", "second, edited"]
    assert result.in_review() == []


def test_one_note_edited_on_both_sides_keeps_both_and_is_marked() -> None:
    ours = side(BASE, notes=[note("n-0001", "ours"), BASE.notes[1]])
    theirs = side(BASE, notes=[note("n-0001", "theirs"), BASE.notes[1]])
    result, marked = merge_sidecars(BASE, ours, theirs, NOW)
    assert marked == 1
    first = result.notes[0]
    assert first.text == f"ours\n\n{CONFLICT_SEPARATOR}\n\ntheirs"
    assert "both versions kept" in first.review


def test_a_span_label_changed_on_both_sides_keeps_one_and_names_the_other() -> None:
    ours = side(BASE, spans=[span("s-0001", "target")])
    theirs = side(BASE, spans=[span("s-0001", "actor")])
    result = merged(BASE, ours, theirs)
    (only,) = result.spans
    assert {only.label} | ({"actor"} if "'actor'" in only.review else {"target"}) == {
        "actor",
        "target",
    }
    assert only.review


def test_span_offsets_never_mix_the_two_sides() -> None:
    ours = side(BASE, spans=[span("s-0001", "place", start=10)])
    theirs = side(BASE, spans=[span("s-0001", "place", start=20)])
    (only,) = merged(BASE, ours, theirs).spans
    assert only.end == only.start + 4 and only.review


def test_deleted_on_one_side_and_untouched_on_the_other_is_deleted() -> None:
    ours = side(BASE, notes=[BASE.notes[1]])
    result = merged(BASE, ours, side(BASE))
    assert [n.id for n in result.notes] == ["n-0002"]


def test_deleted_on_one_side_and_edited_on_the_other_is_kept_and_marked() -> None:
    ours = side(BASE, notes=[BASE.notes[1]])
    theirs = side(BASE, notes=[note("n-0001", "edited"), BASE.notes[1]])
    result = merged(BASE, ours, theirs)
    assert result.notes[0].text == "edited" and "deleted on one machine" in result.notes[0].review


def test_the_later_rating_wins_and_the_other_is_kept_as_a_note() -> None:
    ours = side(BASE, rating=Rating("B", 2, "alice", "2026-12-01T09:00:00Z"))
    theirs = side(BASE, rating=Rating("D", 4, "bob", "2026-12-01T11:00:00Z"))
    result = merged(BASE, ours, theirs)
    assert result.rating is not None and result.rating.code == "D4"
    kept = result.notes[-1]
    assert "B2" in kept.text and "alice" in kept.text and "D4" in kept.text


def test_a_file_added_on_both_sides_merges_from_an_empty_base() -> None:
    ours = Sidecar(article="a.txt", tags=["x"], notes=[note("n-000a", "from ours")])
    theirs = Sidecar(article="a.txt", tags=["y"], notes=[note("n-000b", "from theirs")])
    result = merged(None, ours, theirs)
    assert result.tags == ["x", "y"] and len(result.notes) == 2


def test_a_review_cleared_on_one_side_stays_cleared() -> None:
    base = side(BASE, notes=[note("n-0001", "x", review="edited on two machines")])
    ours = side(base, notes=[note("n-0001", "x")])  # the analyst resolved it
    theirs = side(base, tags=["airstrike"])
    assert merged(base, ours, theirs).notes[0].review == ""


# -- the property --------------------------------------------------------------------

TAGS = ["a", "b", "c", "d", "e"]
TEXTS = st.sampled_from(["one", "two", "three", "line one\nline two"])


@st.composite
def edits(draw: st.DrawFn, base: Sidecar, who: str) -> Sidecar:
    """A random sequence of edits of ``base`` by one analyst."""
    out = side(base)
    for step in range(draw(st.integers(0, 8))):
        action = draw(
            st.sampled_from(["tag+", "tag-", "note+", "note~", "note-", "span~", "span-", "rate"])
        )
        if action == "tag+":
            out.tags = sorted(set(out.tags) | {draw(st.sampled_from(TAGS))})
        elif action == "tag-" and out.tags:
            out.tags.remove(draw(st.sampled_from(out.tags)))
        elif action == "note+":
            out.notes.append(Note(f"n-{who}{step}", who, T0, draw(TEXTS)))
        elif action == "note~" and out.notes:
            i = draw(st.integers(0, len(out.notes) - 1))
            out.notes[i] = dataclasses.replace(out.notes[i], text=draw(TEXTS))
        elif action == "note-" and out.notes:
            del out.notes[draw(st.integers(0, len(out.notes) - 1))]
        elif action == "span~" and out.spans:
            i = draw(st.integers(0, len(out.spans) - 1))
            out.spans[i] = dataclasses.replace(
                out.spans[i],
                label=draw(st.sampled_from(["place", "actor"])),
                start=draw(st.integers(0, 3)),
                end=draw(st.integers(4, 6)),
            )
        elif action == "span-" and out.spans:
            del out.spans[draw(st.integers(0, len(out.spans) - 1))]
        elif action == "rate":
            out.rating = Rating(
                draw(st.sampled_from("ABC")),
                draw(st.integers(1, 3)),
                who,
                f"2026-12-01T1{step}:00:00Z",
            )
    return out


@st.composite
def bases(draw: st.DrawFn) -> Sidecar:
    return Sidecar(
        article="a.txt",
        tags=sorted(draw(st.sets(st.sampled_from(TAGS)))),
        notes=[note(f"n-000{i}", draw(TEXTS)) for i in range(draw(st.integers(0, 3)))],
        spans=[span(f"s-000{i}", "place") for i in range(draw(st.integers(0, 3)))],
    )


@st.composite
def three_ways(draw: st.DrawFn) -> tuple[Sidecar, Sidecar, Sidecar]:
    base = draw(bases())
    return base, draw(edits(base, "a")), draw(edits(base, "b"))


def _survivors(base: Sidecar, one: Sidecar, other: Sidecar, kind: str) -> set[str]:
    """Ids of ``one``'s records that ``other`` did not delete."""
    before = {r.id: r for r in getattr(base, kind)}
    kept = {r.id for r in getattr(other, kind)}
    return {
        r.id for r in getattr(one, kind) if r.id in kept or r.id not in before or before[r.id] != r
    }


@settings(max_examples=300, deadline=None)
@given(three_ways())
def test_merge_is_lossless_and_symmetric(case: tuple[Sidecar, Sidecar, Sidecar]) -> None:
    base, a, b = case
    result = merged(base, a, b)  # also checks merge(b, a) is the same and valid
    assert result.tags == merge_tags(base.tags, a.tags, b.tags)
    for kind in ("notes", "spans"):
        present = {r.id for r in getattr(result, kind)}
        wanted = _survivors(base, a, b, kind) | _survivors(base, b, a, kind)
        assert wanted <= present
        assert {i for i in present - wanted if not i.startswith("n-") or len(i) != 10} == set()
    # Every text either side wrote (changed from the base) is in the result.
    result_texts = "\n".join(n.text for n in result.notes)
    before = {n.id: n.text for n in base.notes}
    for one, other in ((a, b), (b, a)):
        for n in one.notes:
            if n.id in _survivors(base, one, other, "notes") and before.get(n.id) != n.text:
                assert n.text in result_texts
    if a.rating != b.rating:
        assert result.rating in [a.rating, b.rating]
        if a.rating and b.rating and base.rating not in (a.rating, b.rating):
            loser = b.rating if result.rating == a.rating else a.rating
            assert f"{loser.code} (" in result_texts  # kept as a note


def test_merge_sidecar_leaves_ours_untouched_when_a_file_cannot_be_parsed(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text("")
    ours.write_text(dump_sidecar(BASE))
    theirs.write_text("version: 1\narticle: [unclosed\n")
    before = ours.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "glossator", "merge-sidecar", str(base), str(ours), str(theirs)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "(theirs)" in proc.stderr
    assert ours.read_bytes() == before


def test_merge_sidecar_writes_the_merge_into_ours(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text(dump_sidecar(BASE))
    ours.write_text(dump_sidecar(side(BASE, tags=["airstrike"])))
    theirs.write_text(dump_sidecar(side(BASE, tags=["airstrike", "iraq", "new"])))
    proc = subprocess.run(
        [sys.executable, "-m", "glossator", "merge-sidecar", str(base), str(ours), str(theirs)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "tags: [airstrike, new]" in ours.read_text()


# -- what the store records for the merge, and how a conflict is resolved ---------------


def test_a_rating_records_who_set_it_and_when(corpus: Corpus) -> None:
    saved = corpus.store.set_rating(corpus.article_id, corpus.text, "B", 2)
    assert saved.rating is not None and saved.rating.by == "alice"
    assert is_utc_timestamp(saved.rating.rated)


def test_editing_a_marked_note_or_span_resolves_it(corpus: Corpus) -> None:
    store, aid, text = corpus.store, corpus.article_id, corpus.text
    added = store.add_note(aid, text, "x")
    span_ = store.add_span(aid, text, 0, 4, "place")

    def mark(sidecar: Sidecar) -> None:
        for record in (*sidecar.notes, *sidecar.spans):
            record.review = "edited on two machines at once; both versions kept"

    assert len(store.edit(aid, text, mark).in_review()) == 2
    store.edit_note(aid, text, added.id, "x, checked")
    assert [r.id for r in store.edit_span(aid, text, span_.id, note="ok").in_review()] == []


def check(cid: str, status: str, fields: dict[str, object], start: int = 0) -> object:
    from glossator.annotations.checks import IncidentCheck

    return IncidentCheck(
        cid,
        status,
        start,
        start + 4,
        "Iraq",
        "",
        "",
        dict(fields),
        "alice",
        T0,  # type: ignore[arg-type]
    )


def test_incident_checks_merge_by_id_and_a_disagreement_is_marked() -> None:
    base = side(BASE, incidents=[check("i-0001", "confirmed", {"fatalities": 5})])
    ours = side(
        base,
        incidents=[
            check("i-0001", "edited", {"fatalities": 4}),
            check("i-0002", "added", {"sub_event_type": "Attack"}, start=10),
        ],
        date="2024-01-16",
    )
    theirs = side(
        base,
        incidents=[
            check("i-0001", "edited", {"fatalities": 6}),
            check("i-0003", "rejected", {}, start=20),
        ],
        source="Reuters",
    )
    result = merged(base, ours, theirs)
    by_id = {c.id: c for c in result.incidents}
    assert set(by_id) == {"i-0001", "i-0002", "i-0003"}
    first = by_id["i-0001"]
    # One side's whole judgement is kept, the other named for review.
    assert first.fields["fatalities"] in (4, 6) and first.status == "edited"
    assert first.review and str(10 - first.fields["fatalities"]) in first.review
    assert result.date == "2024-01-16" and result.source == "Reuters"


def test_an_article_date_set_differently_on_both_sides_keeps_the_other_as_a_note() -> None:
    ours = side(BASE, date="2024-01-16")
    theirs = side(BASE, date="2024-01-17")
    result = merged(BASE, ours, theirs)
    assert result.date in ("2024-01-16", "2024-01-17")
    assert any("2024-01-1" in n.text for n in result.notes if n.author == "glossator")
