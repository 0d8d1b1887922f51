"""The measurements themselves, each run in a fresh subprocess.

A fresh process per measurement keeps one run's caches (stemmer cache,
mapped index pages, the recogniser) out of the next, gives an honest peak
RSS, and is what an analyst starting `glossator` actually gets. Every command
prints one line `BENCHJSON {...}` with its figures; `bench.runner` reads it.

    python -m bench.child index CORPUS INDEX_DIR
    python -m bench.child stock CORPUS INDEX_DIR [--stored]
    python -m bench.child stock_search STOCK_INDEX QUERIES     (bench/stock_search.py)
    python -m bench.child first CORPUS INDEX_DIR
    python -m bench.child search CORPUS INDEX_DIR QUERIES_OUT [--per-class N] [--seed S]
    python -m bench.child incremental CORPUS INDEX_DIR
    python -m bench.child watching CORPUS INDEX_DIR     (bench/live.py)
    python -m bench.child fts5 CORPUS DB QUERIES
    python -m bench.child cold CORPUS INDEX_DIR
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

PREFIX = "BENCHJSON "
#: The first-search benchmark commits progress as often as the app does
#: (glossator/service/session.py passes batch_commit_seconds=1.0).
APP_BATCH_COMMIT_SECONDS = 1.0
FIRST_QUERY = "government"
QUERY_CLASSES = (
    "single",
    "and2",
    "phrase",
    "prefix",
    "field",
    "fuzzy",
    "phrase_common",
    "prefix_short",
)
#: Phrases of the most frequent words and two-letter prefixes: the costliest
#: ordinary queries (issue #17), always first in their classes.
COMMON_PHRASES = ('"last year"', '"also said"', '"the government"')
SHORT_PREFIXES = ("co*", "pr*", "st*")
#: Words this common (by rank of document frequency in the sample) make a
#: common phrase.
COMMON_RANK = 150

_WORD = re.compile(r"[A-Za-z]+")


def _proc_status() -> dict[str, float]:
    """Current anonymous vs file-backed (mapped index pages) RSS in MB, on Linux."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("RssAnon", "RssFile", "VmHWM"):
                    out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


class _OwnedPeak:
    """The peak of the memory the process owns (RssAnon), sampled every 20 ms.

    ru_maxrss counts mapped index pages too, which are the kernel's page cache,
    shared and reclaimable; the RSS target counts only what the process owns.
    """

    def __init__(self) -> None:
        self.mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="owned-rss", daemon=True)

    def start(self) -> None:
        if _proc_status().get("RssAnon") is not None:
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.sample()

    def sample(self) -> float:
        self.mb = max(self.mb, _proc_status().get("RssAnon", 0.0))
        return self.mb


OWNED_PEAK = _OwnedPeak()


def _emit(data: dict[str, Any]) -> None:
    data["rss_now"] = _proc_status()
    if "RssAnon" in data["rss_now"]:
        data["rss_owned_peak_mb"] = OWNED_PEAK.sample()
    data["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    data["rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sys.stdout.write(PREFIX + json.dumps(data) + "\n")
    sys.stdout.flush()


def dir_bytes(path: Path) -> int:
    """Bytes of every file under `path`."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def _entity_cache_bytes(index_dir: Path) -> int:
    return sum(p.stat().st_size for p in index_dir.glob("entities.sqlite*") if p.is_file())


# -- indexing ---------------------------------------------------------------


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
    _emit(
        {
            "seconds": seconds,
            "docs": docs,
            "changed": report.changed,
            "skipped": len(report.skipped),
            "entity_terms": entity_terms,
            "index_bytes": dir_bytes(index_dir),
            "entity_cache_bytes": _entity_cache_bytes(index_dir),
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
    _emit({"seconds": seconds, "docs": len(files), "index_bytes": dir_bytes(index_dir)})


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
    _emit(
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


# -- queries ----------------------------------------------------------------


def _stop_words() -> frozenset[str]:
    from glossator.index.whoosh.analysis import STOP_WORDS

    return frozenset(STOP_WORDS)


def make_queries(samples: list[dict[str, Any]], per_class: int, seed: int) -> dict[str, list[str]]:
    """A fixed, seeded query list per class, drawn from sampled articles' words."""
    rng = random.Random(f"queries:{seed}")
    stops = _stop_words()
    bodies = [
        [
            w.lower()
            for w in _WORD.findall(d.get("body", ""))
            if len(w) >= 4 and w.lower() not in stops
        ]
        for d in samples
    ]
    bodies = [b for b in bodies if len(b) >= 10]
    stream = [w for b in bodies for w in b]
    df = Counter(w for b in bodies for w in set(b))
    distinct = sorted(w for w, n in df.items() if n >= 2) or sorted(df)
    out: dict[str, list[str]] = {c: [] for c in QUERY_CLASSES}
    for i in range(per_class):
        # Half the single words weighted by frequency (common, long posting
        # lists), half uniform over the vocabulary (mostly rare words).
        out["single"].append(rng.choice(stream) if i % 2 else rng.choice(distinct))
        b = rng.choice(bodies)
        a, c = rng.sample(range(len(b)), 2)
        out["and2"].append(f"{b[a]} {b[c]}")
        out["prefix"].append(rng.choice(stream)[: 3 + i % 2] + "*")
        w = rng.choice([x for x in stream if len(x) >= 6] or stream)
        k = rng.randrange(1, len(w))
        typo = w[:k] + w[k + 1 :] if i % 2 else w[:k] + rng.choice("aeiou") + w[k + 1 :]
        out["fuzzy"].append(typo + "~")
    for _ in range(per_class * 20):
        if len(out["phrase"]) >= per_class:
            break
        d = rng.choice(samples)
        words = _WORD.findall(d.get("body", ""))
        n = 2 + (rng.random() < 0.3)
        if len(words) <= n:
            continue
        j = rng.randrange(len(words) - n)
        seq = [w.lower() for w in words[j : j + n]]
        if all(len(w) >= 3 and w not in stops for w in seq):
            out["phrase"].append('"' + " ".join(seq) + '"')
    places = sorted(
        {
            v
            for d in samples
            for v in (d.get("entity_values") or {}).get("GPE", [])
            if v.replace(" ", "").isalpha()
        }
    )
    titles = [
        w.lower()
        for d in samples
        for w in _WORD.findall(d.get("title", ""))
        if len(w) >= 4 and w.lower() not in stops
    ]
    for i in range(per_class):
        if i % 2 and places:
            v = rng.choice(places).lower()
            out["field"].append(f'gpe:"{v}"' if " " in v else f"gpe:{v}")
        elif titles:
            out["field"].append(f"title:{rng.choice(titles)}")
    out["phrase_common"] = common_phrases(samples, per_class, seed)
    out["prefix_short"] = short_prefixes(stream, per_class, seed)
    return out


def common_phrases(samples: list[dict[str, Any]], per_class: int, seed: int) -> list[str]:
    """`COMMON_PHRASES`, then adjacent pairs of the sample's most frequent words.

    Stop words count as words here (users type "the government"), but a
    pair needs one word that is not a stop word to be a phrase at all.
    """
    rng = random.Random(f"queries-common-phrase:{seed}")
    stops = _stop_words()
    texts = [[w.lower() for w in _WORD.findall(d.get("body", ""))] for d in samples]
    df = Counter(w for words in texts for w in set(words) if len(w) >= 2)
    common = {w for w, _n in df.most_common(COMMON_RANK)}
    pairs = sorted(
        {
            (a, b)
            for words in texts
            for a, b in zip(words, words[1:], strict=False)
            if a in common and b in common and a != b and not (a in stops and b in stops)
        }
    )
    out = list(COMMON_PHRASES[:per_class])
    while len(out) < per_class and pairs:
        out.append('"{} {}"'.format(*pairs.pop(rng.randrange(len(pairs)))))
    return out


def short_prefixes(stream: list[str], per_class: int, seed: int) -> list[str]:
    """`SHORT_PREFIXES`, then two-letter prefixes weighted by how often words start so."""
    rng = random.Random(f"queries-short-prefix:{seed}")
    out = list(SHORT_PREFIXES[:per_class])
    while len(out) < per_class and stream:
        out.append(rng.choice(stream)[:2] + "*")
    return out


def _samples(ix: Any, count: int, seed: int) -> list[dict[str, Any]]:
    with ix.open().ix.searcher() as s:
        reader = s.reader()
        ids = sorted(t.decode() if isinstance(t, bytes) else t for t in reader.lexicon("id"))
        rng = random.Random(f"sample:{seed}")
        picked = rng.sample(ids, min(count, len(ids)))
        facets = reader.column_reader("facets")
        out = []
        for article_id in sorted(picked):
            docnum = s.document_number(id=article_id)
            if docnum is not None:
                doc = dict(reader.stored_fields(docnum))
                # The index stores no body: the query lists come from the file.
                doc["body"] = ix.article(article_id).text
                doc["entity_values"] = (facets[docnum] or ((), {}))[1]
                out.append(doc)
        return out


def typing_keystrokes(queries: list[str]) -> list[str]:
    """Every prefix of each query, as typed one key at a time."""
    return [q[:i] for q in queries for i in range(1, len(q) + 1)]


def cmd_search(corpus: Path, index_dir: Path, queries_out: Path, per_class: int, seed: int) -> None:
    """Latency per query class and per keystroke on a warm searcher."""
    from glossator.index.indexer import Index

    started = time.perf_counter()
    ix = Index(corpus, index_dir=index_dir)
    searcher = ix.searcher()
    searcher.search(FIRST_QUERY)
    open_s = time.perf_counter() - started
    queries = make_queries(_samples(ix, 400, seed), per_class, seed)
    typing = [q.replace('"', "") for q in queries["and2"][:3] + queries["phrase"][:2]]
    queries_out.write_text(json.dumps({"classes": queries, "typing": typing}, indent=1))
    # Warm-up: a few queries outside the measured lists.
    for q in ("minister", "market share", '"prime minister"', "uni*", "title:new", "tech~"):
        searcher.search(q)
    results: dict[str, Any] = {}
    for cls, qs in queries.items():
        times, totals, errors = [], [], []
        for q in qs:
            t = time.perf_counter()
            r = searcher.search(q, limit=20)
            times.append(time.perf_counter() - t)
            if r:
                totals.append(r.total)
            else:
                errors.append(f"{q}: {r.message}")
        results[cls] = {"times": times, "totals": totals, "errors": errors[:3], "queries": qs}
    keys = typing_keystrokes(typing)
    ktimes = []
    for q in keys:
        t = time.perf_counter()
        searcher.search(q, limit=20, as_you_type=True)
        ktimes.append(time.perf_counter() - t)
    worst = max(range(len(keys)), key=ktimes.__getitem__) if keys else None
    _emit(
        {
            "open_first_query_s": open_s,
            "classes": results,
            "typing_times": ktimes,
            "typing_worst": keys[worst] if worst is not None else None,
            "typing_queries": typing,
            "docs": ix.doc_count(),
            "index_bytes": dir_bytes(index_dir),
        }
    )


# -- changes ------------------------------------------------------------------


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
    _emit({"warm_update_changed": warm.changed, "edits": edits, "tags": tags, "notes": notes})


# -- SQLite FTS5 ----------------------------------------------------------------


def _fts_query(q: str) -> str | None:
    q = q.strip()
    if q.endswith("~") or q.startswith("gpe:"):
        return None
    if q.startswith("title:"):
        return f'title : "{q[6:]}"'
    if q.startswith('"'):
        return q
    if q.endswith("*"):
        return f'"{q[:-1]}"*'
    return " ".join(f'"{w}"' for w in q.split())


def cmd_fts5(corpus: Path, db: Path, queries_file: Path) -> None:
    """SQLite FTS5 (porter) on the same files: build rate and query latency with snippets."""
    import sqlite3

    from glossator.index.corpus import find_article_files

    started = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
        "tokenize='porter unicode61')"
    )
    n = 0
    with conn:
        for f in find_article_files(corpus):
            text = f.path.read_text("utf-8", "replace")
            title, _, body = text.strip().partition("\n")
            conn.execute("INSERT INTO docs VALUES (?, ?, ?)", (f.id, title, body))
            n += 1
    build = time.perf_counter() - started
    classes = json.loads(queries_file.read_text())["classes"]
    sql = (
        "SELECT id, snippet(docs, 2, '[', ']', '...', 24) FROM docs WHERE docs MATCH ? "
        "ORDER BY rank LIMIT 20"
    )
    times: list[float] = []
    per_class: dict[str, list[float]] = {}
    for cls, qs in classes.items():
        for q in qs:
            fq = _fts_query(q)
            if fq is None:
                continue
            t = time.perf_counter()
            try:
                conn.execute(sql, (fq,)).fetchall()
                conn.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (fq,)).fetchone()
            except sqlite3.OperationalError:
                continue
            times.append(time.perf_counter() - t)
            per_class.setdefault(cls, []).append(times[-1])
    conn.close()
    _emit(
        {
            "seconds": build,
            "docs": n,
            "times": times,
            "classes": per_class,
            "db_bytes": db.stat().st_size,
        }
    )


# -- cold start -----------------------------------------------------------------

COLD_SCRIPT = r"""
import sys, time, json
t0 = time.perf_counter()
import glossator.tui.cli
from glossator.index.indexer import Index
import glossator.index.whoosh.searcher
t1 = time.perf_counter()
ix = Index(sys.argv[1], index_dir=sys.argv[2])
ix.open()
s = ix.searcher()
t2 = time.perf_counter()
r = s.search("government")
t3 = time.perf_counter()
print("BENCHJSON " + json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "query_s": t3 - t2,
                                  "total": r.total if r else 0}))
"""


def cmd_cold(corpus: Path, index_dir: Path) -> None:
    """Fresh interpreters: import, open the warm index, first query (median of 3)."""
    import statistics
    import subprocess

    runs = []
    env = {k: v for k, v in os.environ.items() if k != "GLOSSATOR_BENCH_SHIM"}
    for _ in range(3):
        t = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT, str(corpus), str(index_dir)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        wall = time.perf_counter() - t
        data = _parse(out.stdout)
        if data is None:
            _emit({"error": out.stderr.strip().splitlines()[-1:] or ["no output"]})
            return
        data["wall_s"] = wall
        runs.append(data)
    imp = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", COLD_SCRIPT, str(corpus), str(index_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    median = {
        k: statistics.median(r[k] for r in runs)
        for k in ("import_s", "open_s", "query_s", "wall_s")
    }
    _emit({"median": median, "runs": runs, "importtime": top_imports(imp.stderr)})


def top_imports(stderr: str, count: int = 8) -> list[tuple[str, float]]:
    """The top-level packages that cost the most cumulative import time (ms)."""
    per_pkg: dict[str, float] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        # Self time, summed per top-level package, wherever it was imported from.
        top = parts[2].strip().split(".")[0]
        per_pkg[top] = per_pkg.get(top, 0.0) + int(parts[0]) / 1000
    return sorted(per_pkg.items(), key=lambda kv: -kv[1])[:count]


def _parse(stdout: str) -> dict[str, Any] | None:
    for line in reversed(stdout.splitlines()):
        if line.startswith(PREFIX):
            return json.loads(line[len(PREFIX) :])
    return None


def main(argv: list[str]) -> int:
    cmd, *rest = argv
    OWNED_PEAK.start()
    if cmd == "index":
        cmd_index(Path(rest[0]), Path(rest[1]))
    elif cmd == "stock":
        cmd_stock(Path(rest[0]), Path(rest[1]), stored="--stored" in rest[2:])
    elif cmd == "stock_search":
        from bench.stock_search import cmd_stock_search

        _emit(cmd_stock_search(Path(rest[0]), Path(rest[1])))
    elif cmd == "first":
        cmd_first(Path(rest[0]), Path(rest[1]))
    elif cmd == "search":
        cmd_search(Path(rest[0]), Path(rest[1]), Path(rest[2]), int(rest[3]), int(rest[4]))
    elif cmd == "incremental":
        cmd_incremental(Path(rest[0]), Path(rest[1]))
    elif cmd == "watching":
        from bench.live import cmd_watching

        cmd_watching(Path(rest[0]), Path(rest[1]))
    elif cmd == "fts5":
        cmd_fts5(Path(rest[0]), Path(rest[1]), Path(rest[2]))
    elif cmd == "cold":
        cmd_cold(Path(rest[0]), Path(rest[1]))
    else:
        print(f"unknown benchmark command {cmd!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
