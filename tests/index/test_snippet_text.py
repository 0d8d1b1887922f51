"""Snippets are cut from the article file, and only while it holds the indexed text."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from glossator.index.engine import SearchResult
from glossator.index.indexer import Index


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Strike on the depot\n\nA drone strike hit the fuel depot near Erbil on Monday.\n"
    )
    (corpus / "b.txt").write_text("Talks resume\n\nNegotiators met again in Geneva.\n")
    return corpus


def _search(ix: Index, query: str) -> SearchResult:
    result = ix.searcher().search(query, limit=5)
    assert isinstance(result, SearchResult), result
    return result


def test_index_keeps_no_copy_of_the_body(tmp_path: Path) -> None:
    ix = Index(_corpus(tmp_path), index_dir=tmp_path / "ix")
    ix.update()
    with ix.open().ix.searcher() as s:  # type: ignore[attr-defined]
        stored = list(s.all_stored_fields())
    assert stored and all("body" not in doc for doc in stored)
    (hit,) = _search(ix, "depot").hits
    (snip,) = hit.snippets[:1]
    text = (tmp_path / "corpus" / "a.txt").read_text()
    assert snip.text == text[snip.start : snip.start + len(snip.text)].replace("\n", " ")
    assert [snip.text[a:b] for a, b in snip.highlights] == ["depot"] * len(snip.highlights)
    assert snip.highlights


def test_changed_or_deleted_file_gives_no_snippet_until_reindexed(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    ix = Index(corpus, index_dir=tmp_path / "ix")
    ix.update()
    assert _search(ix, "depot").hits[0].snippets
    # Changed on disk, not yet re-indexed: the old offsets would cut other words.
    (corpus / "a.txt").write_text("Strike on the depot\n\nSomething else entirely, at length.\n")
    searcher = ix.searcher()
    result = searcher.search("depot", limit=5)
    assert isinstance(result, SearchResult)
    assert [h.article_id for h in result.hits] == ["a.txt"]
    assert result.hits[0].snippets == ()
    (corpus / "b.txt").unlink()
    gone = searcher.search("geneva", limit=5)
    assert isinstance(gone, SearchResult) and gone.hits[0].snippets == ()
    ix.update()
    assert _search(ix, "something").hits[0].snippets


def test_an_indexed_id_outside_the_corpus_reads_nothing(tmp_path: Path) -> None:
    import hashlib

    corpus = _corpus(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("Not an article\n\nprivate words\n")
    sha = hashlib.sha256(secret.read_text().encode()).hexdigest()
    (corpus / "link.txt").symlink_to(secret)
    ix = Index(corpus, index_dir=tmp_path / "ix")
    assert ix.indexed_text("../secret.txt", sha) is None
    assert ix.indexed_text(str(secret), sha) is None
    assert ix.indexed_text("link.txt", sha) is None
    text = (corpus / "a.txt").read_text()
    assert ix.indexed_text("a.txt", hashlib.sha256(text.encode()).hexdigest()) == text
    assert ix.indexed_text("a.txt", sha) is None


def test_a_fifo_in_place_of_an_indexed_article_never_blocks_a_search(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    ix = Index(corpus, index_dir=tmp_path / "ix")
    ix.update()
    (corpus / "a.txt").unlink()
    os.mkfifo(corpus / "a.txt")  # opening it for reading waits for a writer
    done: list[object] = []

    def search() -> None:
        result = ix.searcher().search("depot", limit=5)
        done.append(result)

    worker = threading.Thread(target=search, daemon=True)
    worker.start()
    worker.join(10)
    assert done, "the search blocked on a fifo"
