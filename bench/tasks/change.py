"""An edit and a tag change on an indexed corpus, until each is searchable."""

from __future__ import annotations

import random
import time
from pathlib import Path

from bench.tasks.output import FIRST_QUERY, emit


def cmd_incremental(corpus: Path, index_dir: Path, rounds: int = 3) -> None:
    """One edited article, then one tag change, until each is searchable."""
    from glossator.index.corpus import find_article_files
    from glossator.index.indexer import Index

    ix = Index(corpus, index_dir=index_dir)
    warm = ix.update()
    searcher = ix.searcher()
    searcher.search(FIRST_QUERY)
    files = [f for f in find_article_files(corpus)]
    rng = random.Random("incremental")
    edits, tags, notes = [], [], []
    for n in range(rounds):
        f = rng.choice(files)
        word = f"zqxedit{n}word"
        with open(f.path, "a", encoding="utf-8") as fh:
            fh.write(f"\nA late addition mentions {word}.\n")
        t = time.perf_counter()
        rep = ix.update()
        up = time.perf_counter() - t
        r = searcher.search(word)
        total = time.perf_counter() - t
        edits.append(
            {"update_s": up, "total_s": total, "found": bool(r and r.total), "changed": rep.changed}
        )
    try:
        from glossator.annotations.store import SidecarStore
    except ImportError as exc:
        notes.append(f"tag change skipped: {exc}")
        SidecarStore = None  # noqa: N806
    if SidecarStore is not None:
        store = SidecarStore(corpus)
        for n in range(rounds):
            f = rng.choice(files)
            tag = f"benchtag{n}"
            text = ix.article(f.id).text
            t = time.perf_counter()
            store.add_tags(f.id, text, [tag, f"bench-check-{n}"])
            t_side = time.perf_counter() - t
            ix.reindex([f.id])
            t_re = time.perf_counter() - t
            r = searcher.search(f"tag:{tag}")
            total = time.perf_counter() - t
            # Correctness, not timing: tags may hold '-' (kataib-hezbollah).
            hy = searcher.search(f"tag:bench-check-{n}")
            tags.append(
                {
                    "sidecar_s": t_side,
                    "reindex_s": t_re - t_side,
                    "total_s": total,
                    "found": bool(r and r.total),
                    "hyphen_found": bool(hy and hy.total),
                }
            )
    emit({"warm_update_changed": warm.changed, "edits": edits, "tags": tags, "notes": notes})
