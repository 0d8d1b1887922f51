"""The Whoosh speed-ups are applied explicitly, and only to the Whoosh they fit.

Importing glossator patches nothing; `WhooshEngine` installs the patches
after checking `whoosh.__version__`. On any other version it says so in one
line and indexes and searches with stock Whoosh (checked in a subprocess,
so this process's already-patched Whoosh does not count).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from glossator.index.whoosh import speedups

_CHECK_STOCK = """
import sys
import whoosh
from whoosh import scoring
from whoosh.codec import whoosh3
from whoosh.filedb import structfile
stock = (whoosh3.W3FieldWriter.add_postings, structfile.BufferFile.__init__,
         scoring.BM25FScorer.__init__, whoosh3.W3PerDocReader._cached_reader)
def still_stock():
    return stock == (whoosh3.W3FieldWriter.add_postings, structfile.BufferFile.__init__,
                     scoring.BM25FScorer.__init__, whoosh3.W3PerDocReader._cached_reader)
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CHECK_STOCK + code], capture_output=True, text=True, timeout=120
    )


def test_supported_version_has_no_notice() -> None:
    assert speedups.SUPPORTED == (2, 7, 5)
    assert speedups.unsupported_notice((2, 7, 5)) is None
    notice = speedups.unsupported_notice((2, 8, 0))
    assert notice is not None and "\\n" not in notice
    assert "2.8.0" in notice and "2.7.5" in notice


def test_importing_glossator_patches_nothing() -> None:
    out = _run(
        "import glossator.index.indexer, glossator.index.whoosh.backend\n"
        "import glossator.index.whoosh.searcher, glossator.index.whoosh.speedups.scored\n"
        "import glossator.index.whoosh.speedups.segments, glossator.tui.cli\n"
        "assert still_stock(), 'patched on import'\n"
    )
    assert out.returncode == 0, out.stderr


def test_another_whoosh_version_gets_a_notice_and_the_stock_path(
    seeds: Path, tmp_path: Path
) -> None:
    out = _run(
        "whoosh.__version__ = (2, 8, 0)\n"
        "from glossator.index.indexer import Index\n"
        f"ix = Index({str(seeds)!r}, notice=print)\n"
        "assert not ix.engine.fast\n"
        "report = ix.update(workers=1)\n"
        "assert report.added == 5, report\n"
        "assert still_stock(), 'patched on another version'\n"
        "res = ix.searcher().search('militia*')\n"
        "assert res and res.total >= 1, res\n"
        "assert ix.searcher().search('militiaman').total == 1\n"
        "ix.reindex(['000_a527e38b797e7e70.txt'])\n"
        "from glossator.index import parallel\n"
        "parallel.PARALLEL_THRESHOLD = 2\n"
        f"bulk = Index({str(seeds)!r}, {str(tmp_path / 'bulk')!r}, notice=print)\n"
        "assert bulk.update(workers=2).added == 5\n"
        "assert bulk.searcher().search('militiaman').total == 1\n"
        "assert still_stock()\n"
    )
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if "whoosh" in line]
    # One line per index made.
    assert lines == [speedups.unsupported_notice((2, 8, 0))] * 2


def test_the_supported_version_is_patched_when_an_index_is_made(seeds: Path) -> None:
    out = _run(
        "from glossator.index.indexer import Index\n"
        f"ix = Index({str(seeds)!r}, notice=print)\n"
        "assert ix.engine.fast and not still_stock()\n"
    )
    assert out.returncode == 0, out.stderr
    assert "whoosh" not in out.stdout
