"""Spans follow their quote when the article text changes; lost ones are kept."""

from __future__ import annotations

import yaml
from ann_support import Corpus

from glossator.annotations.anchor import reanchor
from glossator.annotations.model import Span


def _span(text: str, quote: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    return Span("s-1", start, end, quote, text[max(0, start - 32) : start], text[end : end + 32],
                "x", "", "a", "2026-01-01T00:00:00Z")  # fmt: skip


def test_moved_span_follows_its_quote(corpus: Corpus) -> None:
    store, aid, text = corpus.store, corpus.article_id, corpus.text
    start = text.index("Ain al-Asad base")
    span = store.add_span(aid, text, start, start + 16, "target")
    new_text = "UPDATE: corrected casualty figures.\n" + text
    moved = store.load(aid, new_text).spans[0]
    assert (moved.id, moved.orphaned) == (span.id, False)
    assert new_text[moved.start : moved.end] == "Ain al-Asad base"
    assert moved.start == start + 36


def test_edited_surroundings_still_anchor(corpus: Corpus) -> None:
    store, aid, text = corpus.store, corpus.article_id, corpus.text
    start = text.index("Ain al-Asad base")
    store.add_span(aid, text, start, start + 16, "target")
    new_text = text.replace("after the", "following an attack on the").replace(
        "hosting US", "hosting American"
    )
    (span,) = store.load(aid, new_text).spans
    assert new_text[span.start : span.end] == "Ain al-Asad base" and not span.orphaned
    assert span.prefix.endswith("following an attack on the ")


def test_deleted_quote_orphans_the_span_and_it_is_persisted(corpus: Corpus) -> None:
    store, aid, text = corpus.store, corpus.article_id, corpus.text
    start = text.index("weapons-laden truck")
    span = store.add_span(aid, text, start, start + 19, "vehicle", "check the plates")
    short = text.replace("A weapons-laden truck", "A vehicle")[:150]
    store.add_tags(aid, short, ["edited"])  # any save re-anchors and writes

    on_disk = yaml.safe_load(corpus.sidecar_path.read_text())
    (saved,) = on_disk["spans"]
    assert saved["orphaned"] is True and saved["id"] == span.id
    assert saved["quote"] == "weapons-laden truck" and saved["note"] == "check the plates"
    assert 0 <= saved["start"] <= saved["end"] <= len(short)
    loaded = store.load(aid, short)
    assert loaded.spans[0].orphaned

    # The quote coming back (an edit undone) brings the span back.
    restored = store.load(aid, text).spans[0]
    assert not restored.orphaned and (restored.start, restored.end) == (start, start + 19)


def test_repeated_quote_is_resolved_by_its_context() -> None:
    text = "In Basra the base was shelled at dawn. In Anbar the base was quiet all week."
    span = _span(text, "the base", occurrence=1)  # the Anbar one
    new_text = "A preamble the desk editor added later, some sixty characters. " + text
    first, second = new_text.index("the base"), new_text.rindex("the base")
    # Nearest-to-the-old-offset alone would pick the Basra occurrence.
    assert abs(first - span.start) < abs(second - span.start)
    assert reanchor([span], new_text)
    assert span.start == second and not span.orphaned
    assert span.prefix.endswith("In Anbar ")


def test_nearest_occurrence_wins_when_context_ties() -> None:
    text = "x the base y " * 5
    span = _span(text, "the base", occurrence=3)
    new_text = "ab" + text
    reanchor([span], new_text)
    assert span.start == span.end - 8 == text.index("the base", 39) + 2


def test_unchanged_text_changes_nothing() -> None:
    text = "alpha beta gamma"
    span = _span(text, "beta")
    assert not reanchor([span], text)
