"""One run of the suite: its options, scratch folder, subprocesses, corpora and indexes.

Each measurement runs in its own subprocess (`bench.child`), started one at
a time (the machine has two cores, and parallel runs would measure each
other); `Suite.child` starts one and reads back its figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import corpus_gen
from bench.cache import REPO, code_fingerprint, corpus_fingerprint
from bench.report import SKIP, Row
from bench.tasks.output import PREFIX

SITE = Path(__file__).resolve().parent / "_site"


class ChildFailed(Exception):
    """A benchmark subprocess exited without its figures."""


def log(message: str) -> None:
    """One timestamped progress line on stderr."""
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


class Suite:
    """One run of the suite: its options, scratch folder, built indexes and rows."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.quick: bool = args.quick
        self.only: set[str] = set(args.only)
        self.rows: list[Row] = []
        self.raw: dict[str, Any] = {}
        self.work = Path(tempfile.mkdtemp(prefix="glossator-bench-run-"))
        self.indexes: dict[str, tuple[Path, dict[str, Any], bool]] = {}
        self.code = code_fingerprint()
        self.cache_missing = self._cache_missing()

    # -- plumbing -----------------------------------------------------------

    def wants(self, *names: str) -> bool:
        return any(n in self.only for n in names)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        log(f"{row.section} / {row.name} / {row.size}: {row.result} {row.verdict}")

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(SITE), str(REPO), *filter(None, [env.get("PYTHONPATH")])]
        )
        env["GLOSSATOR_BENCH_SHIM"] = "1"
        # No run reads the developer's own config or cache.
        env["XDG_CACHE_HOME"] = str(self.work / "xdg-cache")
        env["GLOSSATOR_CONFIG"] = str(self.work / "config.toml")
        env.update(extra)
        return env

    def child(
        self, *argv: str, env: dict[str, str] | None = None, timeout: float | None = None
    ) -> dict[str, Any]:
        cmd = [sys.executable, "-m", "bench.child", *argv]
        out = subprocess.run(
            cmd,
            cwd=REPO,
            env=env or self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        for line in reversed(out.stdout.splitlines()):
            if line.startswith(PREFIX):
                return json.loads(line[len(PREFIX) :])
        tail = (out.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise ChildFailed(f"`bench.child {argv[0]}` exited {out.returncode}: {tail}")

    def _cache_missing(self) -> bool:
        out = subprocess.run(
            [sys.executable, "-c", "from bench.shims import cache_missing; print(cache_missing())"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        return out.stdout.strip() == "True"

    def stand_in_note(self) -> str:
        if not self.cache_missing:
            return ""
        return (
            "index.entities.cache is not in the tree yet: an in-memory stand-in "
            "cache was used, so writing the entity cache to disk is not counted"
        )

    def guarded(self, section: str, size: str, fn: Callable[[], None]) -> None:
        try:
            fn()
        except ChildFailed as exc:
            self.add(Row(section, "failed", size, "-", verdict=SKIP, note=str(exc)))
        except subprocess.TimeoutExpired as exc:
            self.add(
                Row(
                    section,
                    "timed out",
                    size,
                    "-",
                    verdict=SKIP,
                    note=f"{exc.cmd[3:5]} ran over {exc.timeout:.0f} s",
                )
            )
        except Exception as exc:  # the table must still print
            self.add(
                Row(
                    section,
                    "harness error",
                    size,
                    "-",
                    verdict=SKIP,
                    note=f"{type(exc).__name__}: {exc}",
                )
            )

    # -- corpora and indexes ---------------------------------------------------

    def corpus(self, label: str) -> Path | None:
        if label == "bbc":
            return corpus_gen.BBC if corpus_gen.BBC.is_dir() else None
        if label == "seeds":
            return corpus_gen.SEEDS
        as_path = Path(label)
        if os.sep in label or as_path.is_dir():
            return as_path.resolve() if as_path.is_dir() else None
        size = corpus_gen.parse_size(label)
        return corpus_gen.ensure_corpus(size, self.args.seed, log=log)

    def index_for(self, label: str, corpus: Path) -> tuple[Path, dict[str, Any], bool]:
        """A glossator index of `corpus`: built now (in a subprocess) or reused from the cache."""
        if label in self.indexes:
            return self.indexes[label]
        key = f"index-{corpus_fingerprint(corpus)}-{self.code}"
        final = corpus_gen.cache_root() / key
        info_file = final / "bench-build.json"
        if info_file.is_file() and not self.args.fresh:
            built = (final, json.loads(info_file.read_text()), True)
        else:
            log(f"indexing {label} ({corpus}) with glossator's full pipeline")
            corpus_gen.cache_root().mkdir(parents=True, exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix=".index-", dir=corpus_gen.cache_root()))
            data = self.child("index", str(corpus), str(scratch / "ix"), env=self.env())
            data["stand_in_cache"] = self.cache_missing
            (scratch / "ix" / "bench-build.json").write_text(json.dumps(data))
            shutil.rmtree(final, ignore_errors=True)
            os.rename(scratch / "ix", final)
            shutil.rmtree(scratch, ignore_errors=True)
            # Indexes of this corpus built by older index/ code are never reused.
            for old in final.parent.glob(f"index-{corpus_fingerprint(corpus)}-*"):
                if old != final:
                    shutil.rmtree(old, ignore_errors=True)
            built = (final, data, False)
        self.indexes[label] = built
        return built

    def stock_index_for(self, label: str, corpus: Path) -> Path:
        """A stock Whoosh index of `corpus` with stored text, built now or reused."""
        from importlib.metadata import version

        key = f"stock-{corpus_fingerprint(corpus)}-{version('whoosh-reloaded')}"
        final = corpus_gen.cache_root() / key
        if (final / "bench-build.json").is_file() and not self.args.fresh:
            return final
        log(f"indexing {label} with stock Whoosh (stored text, for the search yardstick)")
        corpus_gen.cache_root().mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".stock-", dir=corpus_gen.cache_root()))
        data = self.child("stock", str(corpus), str(scratch / "ix"), "--stored")
        (scratch / "ix" / "bench-build.json").write_text(json.dumps(data))
        shutil.rmtree(final, ignore_errors=True)
        os.rename(scratch / "ix", final)
        shutil.rmtree(scratch, ignore_errors=True)
        return final
