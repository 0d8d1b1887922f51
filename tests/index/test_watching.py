"""Following a corpus: which paths count, the filesystem check, `update_files`, the follower."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.index.indexer import Index
from glossator.index.watching import ChangedPaths, filesystem_type, watch_unavailable
from glossator.service import Session
from glossator.service.live import WATCH_ENV, WATCHING, CorpusChange, CorpusFollower

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:40 / /mnt/share rw,relatime shared:2 - nfs4 server:/export rw,vers=4.2
41 22 0:41 / /mnt/my\\040files rw - cifs //host/files rw
"""


def article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    article(root, "a.txt", "Alpha title\n\nThe harbour was quiet.\n")
    article(root, "world/b.md", "Beta title\n\nShips left the harbour.\n")
    return root


def test_classify_keeps_articles_and_sidecars_and_ignores_the_rest(corpus: Path) -> None:
    index_dir = corpus / "idx"
    for name in ("a.txt~", "notes.docx"):  # on disk, so plainly files
        (corpus / name).write_text("x", "utf-8")
    paths = [
        str(corpus / "a.txt"),
        str(corpus / "world" / "b.md.yaml"),  # a sidecar: its article changed
        str(corpus / ".glossator" / "index" / "MAIN_1.seg"),
        str(corpus / ".a.txt.yaml.k2j3h4g5.tmp"),  # a save's temporary file
        str(corpus / ".a.txt.yaml.lock"),
        str(corpus / ".a.txt.swp"),  # an editor's swap file
        str(corpus / "a.txt~"),
        str(corpus / "notes.docx"),
        str(corpus / "idx" / "x.txt"),  # inside a custom index folder
        str(corpus / ".hidden" / "c.txt"),
        "/elsewhere/d.txt",
    ]
    found = ChangedPaths.classify(paths, corpus, index_dir=index_dir)
    assert found.articles == {"a.txt", "world/b.md"}
    assert found.folders == set()


def test_classify_maps_sidecars_in_an_annotations_folder(corpus: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    found = ChangedPaths.classify(
        [str(notes / "world" / "b.md.yaml"), str(corpus / "a.txt.yaml")],
        corpus,
        annotations_dir=notes,
    )
    # With an annotations folder, a stray .yaml beside the article is not its sidecar.
    assert found.articles == {"world/b.md"}


def test_classify_names_a_folder_moved_in_or_out(corpus: Path) -> None:
    # A vanished path that was no article may have been a folder: the
    # update then looks for indexed articles under it (usually none).
    (corpus / "fresh").mkdir()
    found = ChangedPaths.classify([str(corpus / "fresh"), str(corpus / "gone")], corpus)
    assert found.folders == {"fresh", "gone"}


def test_filesystem_type_and_network_refusal(tmp_path: Path) -> None:
    assert filesystem_type(Path("/mnt/share/corpus"), MOUNTINFO) == "nfs4"
    assert filesystem_type(Path("/mnt/my files/x"), MOUNTINFO) == "cifs"
    assert filesystem_type(Path("/home/a"), MOUNTINFO) == "ext4"
    reason = watch_unavailable(Path("/mnt/share/corpus"), MOUNTINFO)
    assert reason is not None and "network filesystem (nfs4)" in reason
    assert watch_unavailable(Path("/home/a"), MOUNTINFO) is None


def test_update_files_adds_edits_and_deletes_only_what_it_is_told(corpus: Path) -> None:
    ix = Index(corpus)
    ix.update()
    article(corpus, "c.txt", "Gamma title\n\nA zebrafish surfaced.\n")
    with open(corpus / "a.txt", "a", encoding="utf-8") as fh:
        fh.write("A walrus arrived.\n")
    (corpus / "world" / "b.md").unlink()
    report = ix.update_files(["c.txt", "a.txt", "world/b.md", "never-there.txt", ".x/y.txt"])
    assert (report.added, report.updated, report.deleted) == (1, 1, 1)
    s = ix.searcher()
    assert [h.article_id for h in s.search("zebrafish").hits] == ["c.txt"]
    assert [h.article_id for h in s.search("walrus").hits] == ["a.txt"]
    assert s.search("ships").total == 0
    # Nothing changed: nothing written; a full update agrees nothing is left to do.
    assert ix.update_files(["a.txt", "c.txt"]).changed == 0
    assert ix.update().changed == 0


def test_update_files_takes_a_folder_as_every_article_under_it(corpus: Path) -> None:
    ix = Index(corpus)
    ix.update()
    article(corpus, "moved/one.txt", "One\n\nA narwhal.\n")
    article(corpus, "moved/deep/two.txt", "Two\n\nAnother narwhal.\n")
    report = ix.update_files([], folders=["moved"])
    assert report.added == 2
    for path in (corpus / "world").iterdir():
        path.unlink()
    (corpus / "world").rmdir()
    assert ix.update_files([], folders=["world"]).deleted == 1
    assert ix.update().changed == 0


def _follow(session: Session) -> tuple[CorpusFollower, list[CorpusChange], threading.Event]:
    changes: list[CorpusChange] = []
    seen = threading.Event()

    def on_change(change: CorpusChange) -> None:
        changes.append(change)
        seen.set()

    return CorpusFollower(session, on_change), changes, seen


def wait(ready: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.02)


def test_follower_indexes_a_new_file_and_a_saved_sidecar(corpus: Path) -> None:
    session = Session.open(corpus)
    session.update(lambda done, total: None)
    follower, changes, _ = _follow(session)
    assert follower.mode == WATCHING
    follower.start()
    assert follower.ready.wait(5)
    try:
        # A burst of writes to one file (an editor's save) ends as one searchable article.
        path = corpus / "late.txt"
        with open(path, "w", encoding="utf-8") as fh:
            for line in ("Late title\n", "\n", "An okapi was seen.\n"):
                fh.write(line)
                fh.flush()
        wait(lambda: session.find("okapi").total == 1, "the new article found")
        wait(lambda: any("late.txt" in c.articles for c in changes), "the change reported")
        session.store.add_tags("a.txt", session.index.article("a.txt").text, ["harbour-watch"])
        wait(lambda: session.find("tag:harbour-watch").total == 1, "the new tag found")
        wait(lambda: any("a.txt" in c.articles for c in changes), "the sidecar change reported")
    finally:
        follower.stop()
    assert not follower._thread.is_alive()


def test_follower_falls_back_to_rescanning_when_the_watch_limit_is_reached(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfiles

    def no_more_watches(*args: object, **kwargs: object) -> object:
        raise OSError("OS file watch limit reached. about [...]")

    monkeypatch.setattr(watchfiles, "watch", no_more_watches)
    session = Session.open(corpus)
    session.update(lambda done, total: None)
    modes: list[str] = []
    follower = CorpusFollower(session, lambda change: None, modes.append)
    follower.start()
    try:
        wait(lambda: bool(modes), "the switch to rescanning")
    finally:
        follower.stop()
    assert modes == ["rescanning every 5 s"]
    assert follower.why_not_watching is not None
    assert "max_user_watches" in follower.why_not_watching
    assert any("rescanning the corpus instead" in e.text for e in session.log)


def test_rescan_mode_finds_a_new_file_without_watching(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WATCH_ENV, "scan")
    session = Session.open(corpus)
    session.update(lambda done, total: None)
    follower, changes, seen = _follow(session)
    assert follower.mode == "rescanning every 5 s"
    follower.start()
    try:
        article(corpus, "late.txt", "Late\n\nA tapir was seen.\n")
        follower.poke()  # as the reader does when the terminal regains focus
        assert seen.wait(10), "no rescan"
    finally:
        follower.stop()
    assert changes[0].rescan and changes[0].report is not None and changes[0].report.added == 1
    assert session.find("tapir").total == 1


def test_many_live_updates_are_compacted_and_their_words_saved(corpus: Path) -> None:
    import json

    from glossator.index.spelling import SPELLING_FILE
    from glossator.index.whoosh.writer import MAX_SEGMENTS

    ix = Index(corpus)
    ix.update()
    for n in range(MAX_SEGMENTS + 3):
        with open(corpus / "a.txt", "a", encoding="utf-8") as fh:
            fh.write(f"Then quokka{n} appeared.\n")
        assert ix.update_files(["a.txt"]).updated == 1
    engine = ix.engine
    assert len(engine.ix.reader().leaf_readers()) > MAX_SEGMENTS  # type: ignore[attr-defined]
    saved = json.loads((ix.dir / SPELLING_FILE).read_text("utf-8"))
    assert "quokka0" not in saved  # kept in memory while edits come in...
    assert "quokka0" in ix.spelling_words()
    ix.compact()
    assert len(engine.ix.reader().leaf_readers()) <= MAX_SEGMENTS  # type: ignore[attr-defined]
    saved = json.loads((ix.dir / SPELLING_FILE).read_text("utf-8"))
    assert "quokka0" in saved  # ... and written out once things are quiet
    assert ix.searcher().search(f"quokka{MAX_SEGMENTS + 2}").total == 1
