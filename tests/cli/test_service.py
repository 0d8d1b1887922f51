"""The service both front ends call, used as a script would: no terminal, no Textual."""

from __future__ import annotations

import pytest

from glossator.index.engine import QueryError
from glossator.service import Session

SEED = "000_a527e38b797e7e70.txt"


def test_retag_reports_each_change_and_a_dry_run_changes_nothing(session: Session) -> None:
    ids = sorted(session.index.manifest())
    dry = list(session.retag(ids, ["needs-followup"], [], dry_run=True))
    assert [c.article_id for c in dry] == ids and all(c.added == ("needs-followup",) for c in dry)
    assert all(not session.store.load(i).tags for i in ids)
    done = list(session.retag([SEED], ["needs-followup"], []))
    assert [(c.article_id, c.added, c.error) for c in done] == [(SEED, ("needs-followup",), None)]
    assert list(session.retag([SEED], ["needs-followup"], [])) == []  # already tagged
    assert session.searcher().article_ids("tag:needs-followup") == [SEED]  # re-indexed


def test_collect_keeps_annotated_articles_with_the_tags_asked_for(session: Session) -> None:
    article = session.index.article(SEED)
    session.tag(article, add=["airstrike"])
    session.add_note(session.index.article(sorted(session.index.manifest())[1]), "a note")
    ids = sorted(session.index.manifest())
    assert len(session.collect(ids).records) == 2
    only = session.collect(ids, tags={"airstrike"})
    assert [r.path for r in only.records] == [SEED] and only.problems == 0


def test_collect_skips_an_unreadable_article_and_says_which(session: Session) -> None:
    skipped: list[tuple[str, str]] = []
    batch = session.collect(["gone.txt", SEED], skipped=lambda i, why: skipped.append((i, why)))
    assert batch.problems == 1 and [i for i, _ in skipped] == ["gone.txt"]
    session.collect(["gone.txt"])
    assert any(e.kind == "export" and "gone.txt" in e.text for e in session.log)


def test_rate_takes_an_admiralty_code_and_refuses_anything_else(session: Session) -> None:
    article = session.index.article(SEED)
    assert session.rate(article, " b2 ").rating is not None
    with pytest.raises(ValueError, match="like B2"):
        session.rate(article, "Z9")
    assert session.rate(article, "").rating is None


def test_find_counts_facets_only_when_asked(session: Session) -> None:
    """The command line's plain output shows no facets, so it does not pay for them."""
    whole = session.find("Kirkuk")
    bare = session.find("Kirkuk", facets=False)
    assert not isinstance(whole, QueryError) and not isinstance(bare, QueryError)
    assert whole.facets and bare.facets == {}
    assert [h.article_id for h in bare.hits] == [h.article_id for h in whole.hits]
    assert bare.total == whole.total
