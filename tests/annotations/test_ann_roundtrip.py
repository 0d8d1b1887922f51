"""Any valid sidecar survives dump then load unchanged, and dumping is stable."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossator.annotations.checks import (
    FIELDS,
    STATUSES,
    SUB_EVENT_TYPES,
    IncidentCheck,
    normalise_source,
)
from glossator.annotations.codec import read_sidecar
from glossator.annotations.dump import dump_sidecar
from glossator.annotations.errors import InvalidValue, TagError
from glossator.annotations.model import (
    CREDIBILITY,
    RELIABILITY,
    Note,
    Rating,
    Sidecar,
    Span,
    normalise_tag,
)
from glossator.annotations.yamlsafe import parse_node


def _is_tag(raw: str) -> bool:
    try:
        normalise_tag(raw)
    except TagError:
        return False
    return True


tag_chars = st.characters(categories=["Ll", "Lu", "Lo", "Nd", "Mn"]) | st.sampled_from("-_/.")
tags = st.text(tag_chars, min_size=1, max_size=64).filter(_is_tag).map(normalise_tag)
one_line = st.text(min_size=1, max_size=30).filter(lambda s: "\n" not in s and s.strip() != "")
timestamps = st.datetimes().map(
    lambda d: d.isoformat(timespec="microseconds" if d.microsecond % 2 else "seconds") + "Z"
)
hex_ids = st.from_regex(r"[0-9a-f]{4}", fullmatch=True)
ratings = st.none() | st.builds(
    Rating,
    st.sampled_from(sorted(RELIABILITY)),
    st.sampled_from(sorted(CREDIBILITY)),
    st.just("") | one_line,
    st.just("") | timestamps,
)


@st.composite
def sidecars(draw: st.DrawFn) -> Sidecar:
    ids = draw(st.lists(hex_ids, unique=True, max_size=8))
    split = draw(st.integers(0, len(ids)))
    notes = [
        Note(f"n-{i}", draw(one_line), draw(timestamps), draw(st.text()), draw(st.text()))
        for i in ids[:split]
    ]
    spans = []
    for i in ids[split:]:
        start = draw(st.integers(0, 10**6))
        spans.append(
            Span(
                f"s-{i}", start, start + draw(st.integers(0, 500)), draw(st.text()),
                draw(st.text(max_size=32)), draw(st.text(max_size=32)), draw(tags),
                draw(st.text()), draw(one_line), draw(timestamps), draw(st.booleans()),
                draw(st.text()),
            )
        )  # fmt: skip
    incidents = [draw(incident_checks(f"i-{i}")) for i in draw(st.lists(hex_ids, max_size=4))]
    incidents = [c for c in incidents if c.id not in {n.id for n in notes} | {s.id for s in spans}]
    incidents = list({c.id: c for c in incidents}.values())
    return Sidecar(
        article=draw(one_line),
        article_sha256=draw(st.just("") | st.from_regex(r"[0-9a-f]{64}", fullmatch=True)),
        date=draw(
            st.just("") | st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")
        ),
        source=draw(st.just("") | line_values),
        tags=sorted(set(draw(st.lists(tags, max_size=6)))),
        rating=draw(ratings),
        notes=notes,
        spans=spans,
        incidents=incidents,
    )


def _is_line(raw: str) -> bool:
    try:
        normalise_source(raw)
    except InvalidValue:
        return False
    return True


line_values = st.text(min_size=1, max_size=40).filter(_is_line).map(normalise_source)
field_values: dict[str, st.SearchStrategy[object]] = {
    "sub_event_type": st.sampled_from(SUB_EVENT_TYPES),
    "event_date": st.sampled_from(["2024-01-16", "2024-W03", "2024-01", "2024", "1999-12-31"]),
    "latitude": st.floats(-90, 90),
    "longitude": st.floats(-180, 180),
    "fatalities": st.integers(0, 10**6),
    "injured": st.integers(0, 10**6),
    "notes": st.text().map(str.strip),
}


@st.composite
def incident_checks(draw: st.DrawFn, check_id: str) -> IncidentCheck:
    chosen = draw(st.lists(st.sampled_from(FIELDS), unique=True))
    fields = {
        name: draw(st.none() | field_values.get(name, line_values))
        for name in FIELDS
        if name in chosen
    }
    fields = {k: (None if v == "" else v) for k, v in fields.items()}
    start = draw(st.integers(0, 10**6))
    return IncidentCheck(
        check_id, draw(st.sampled_from(STATUSES)), start, start + draw(st.integers(0, 500)),
        draw(st.text()), draw(st.text(max_size=32)), draw(st.text(max_size=32)), fields,
        draw(one_line), draw(timestamps), draw(st.booleans()),
    )  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sidecars())
def test_dump_then_load_is_identity(sidecar: Sidecar) -> None:
    text = dump_sidecar(sidecar)
    loaded, problems = read_sidecar(parse_node(text))
    assert problems == []
    assert loaded == sidecar
    assert dump_sidecar(loaded) == text


def test_dump_is_readable_block_yaml() -> None:
    sidecar = Sidecar(
        article="000_x.txt",
        article_sha256="9b" * 32,
        tags=["airstrike", "kataib-hezbollah"],
        rating=Rating("B", 2),
        notes=[Note("n-4f1a", "alice", "2026-11-21T10:04:00Z", "Compare with Reuters.")],
        spans=[
            Span("s-9f3c", 175, 191, "Ain al-Asad base", "after the ", " hosting US", "target",
                 "", "alice", "2026-11-21T10:05:00Z")
        ],
    )  # fmt: skip
    assert dump_sidecar(sidecar) == (
        "version: 2\n"
        "article: 000_x.txt\n"
        f"article_sha256: {'9b' * 32}\n"
        "tags: [airstrike, kataib-hezbollah]\n"
        "rating: {reliability: B, credibility: 2}\n"
        "notes:\n"
        "  - id: n-4f1a\n"
        "    author: alice\n"
        "    created: 2026-11-21T10:04:00Z\n"
        "    text: Compare with Reuters.\n"
        "spans:\n"
        "  - id: s-9f3c\n"
        "    start: 175\n"
        "    end: 191\n"
        "    quote: Ain al-Asad base\n"
        "    prefix: 'after the '\n"
        "    suffix: ' hosting US'\n"
        "    label: target\n"
        "    author: alice\n"
        "    created: 2026-11-21T10:05:00Z\n"
        "incidents: []\n"
    )


def test_empty_sidecar_keeps_its_lists() -> None:
    assert dump_sidecar(Sidecar(article="a.txt")) == (
        "version: 2\narticle: a.txt\narticle_sha256: ''\ntags: []\nnotes: []\nspans: []\n"
        "incidents: []\n"
    )


def test_multiline_note_is_a_literal_block() -> None:
    sidecar = Sidecar(
        article="a.txt", notes=[Note("n-1", "bob", "2026-01-01T00:00:00Z", "one\ntwo\n")]
    )
    assert "    text: |\n      one\n      two\n" in dump_sidecar(sidecar)
