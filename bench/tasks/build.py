"""Building indexes: glossator's pipeline, stock Whoosh, and the first search while indexing."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from bench.tasks.output import FIRST_QUERY, dir_bytes, emit, entity_cache_bytes

#: The first-search benchmark commits progress as often as the app does
#: (glossator/service/session.py passes batch_commit_seconds=1.0).
APP_BATCH_COMMIT_SECONDS = 1.0


def cmd_index(corpus: Path, index_dir: Path) -> None:
    """Glossator's full pipeline (read, entities, index) on a never-indexed corpus."""
    from glossator.index.indexer import Index

    started = time.perf_counter()
    ix = Index(corpus, index_dir=index_dir)
    report = ix.update()
    seconds = time.perf_counter() - started
    with ix.open().ix.searcher() as s:
        reader = s.reader()
        docs = s.doc_count()
        entity_terms = sum(
            1 for f in ("gpe", "person", "org") if f in s.schema for _ in reader.lexicon(f)
        )
        segments = len(ix.open().ix._segments()) if hasattr(ix.open().ix, "_segments") else None
    emit(
        {
            "seconds": seconds,
            "docs": docs,
            "changed": report.changed,
            "skipped": len(report.skipped),
            "entity_terms": entity_terms,
            "index_bytes": dir_bytes(index_dir),
            "entity_cache_bytes": entity_cache_bytes(index_dir),
            "segments": segments,
            "summary": report.summary(),
        }
    )


def cmd_stock(corpus: Path, index_dir: Path, stored: bool = False) -> None:
    """Stock Whoosh on the same files: StemmingAnalyzer text fields, one writer, no tuning.

    TEXT() alone would use StandardAnalyzer, which does not stem; the
    baseline is the stemming index a Whoosh user would build for search.
    `stored` keeps title and body for highlights (the search yardstick).
    """
    from whoosh import index as windex
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    from glossator.index.corpus import find_article_files

    started = time.perf_counter()
    files = list(find_article_files(corpus))
    index_dir.mkdir(parents=True, exist_ok=True)
    stem = StemmingAnalyzer()
    schema = Schema(
        id=ID(stored=True),
        title=TEXT(analyzer=stem, stored=stored),
        body=TEXT(analyzer=stem, stored=stored),
    )
    ix = windex.create_in(str(index_dir), schema)
    writer = ix.writer()
    for f in files:
        text = f.path.read_text("utf-8", "replace")
        title, _, body = text.strip().partition("\n")
        writer.add_document(id=f.id, title=title, body=body)
    writer.commit()
    seconds = time.perf_counter() - started
    emit({"seconds": seconds, "docs": len(files), "index_bytes": dir_bytes(index_dir)})


def cmd_first(corpus: Path, index_dir: Path) -> None:
    """Time from `Index(...)` until a search finds something, while indexing runs."""
    import glossator.index.whoosh.searcher  # noqa: F401  (imports are not what this measures)
    from glossator.index.indexer import Index

    reports: list[Any] = []
    errors: list[str] = []
    started = time.perf_counter()
    ix = Index(corpus, index_dir=index_dir)

    def work() -> None:
        try:
            reports.append(ix.update(batch_commit_seconds=APP_BATCH_COMMIT_SECONDS))
        except Exception as exc:  # reported, not raised: the figure is then missing
            errors.append(f"{type(exc).__name__}: {exc}")

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    searcher = ix.searcher()
    first = None
    polls = failures = 0
    while first is None:
        finished = not thread.is_alive()
        try:
            result = searcher.search(FIRST_QUERY)
        except Exception as exc:
            # Reported, then carried on with a new Searcher, as an app would
            # have to: the figure still says when results could appear.
            failures += 1
            if failures == 1:
                errors.append(
                    f"Searcher.search raised {type(exc).__name__}: {exc} at "
                    f"{time.perf_counter() - started:.2f} s; each time a new Searcher "
                    "was used, as an app would have to"
                )
            searcher = ix.searcher()
            result = None
        polls += 1
        if result and result.total > 0:
            first = time.perf_counter() - started
            first_total = result.total
        elif finished:
            break
        else:
            time.sleep(0.02)
    thread.join()
    done = time.perf_counter() - started
    emit(
        {
            "first_result_s": first,
            "first_total": first_total if first else 0,
            "update_done_s": done,
            "polls": polls,
            "failures": failures,
            "errors": [f"{failures} of {polls} polls failed. {e}" for e in errors],
            "docs": reports[0].total if reports else 0,
        }
    )
