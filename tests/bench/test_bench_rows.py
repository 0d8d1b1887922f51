"""The memory and disk rows judge what their targets name.

Peak memory while searching is judged on the memory the process owns, not on
mapped index pages; the index size is judged as a multiple of the articles,
and only from 100,000 articles up.
"""

from __future__ import annotations

from pathlib import Path

from bench.report import MISS, OK
from bench.targets import corpus_text_bytes, index_size_row, searching_rss_row
from bench.tasks.output import OWNED_PEAK


def test_searching_memory_is_judged_on_owned_memory_not_mapped_pages() -> None:
    data = {"rss_mb": 609.0, "rss_owned_peak_mb": 190.0, "rss_now": {"RssFile": 434.0}}
    row = searching_rss_row(data, "100k")
    assert row.verdict == OK
    assert "190 MB owned" in row.result
    assert "total peak 609 MB" in row.result
    assert "434 MB mapped" in row.result
    over = searching_rss_row({**data, "rss_owned_peak_mb": 260.0}, "100k")
    assert over.verdict == MISS


def test_without_proc_only_the_total_is_shown_and_not_judged() -> None:
    row = searching_rss_row({"rss_mb": 609.0, "rss_now": {}}, "100k")
    assert row.verdict == ""
    assert "609 MB" in row.result


def test_owned_peak_samples_this_process() -> None:
    assert OWNED_PEAK.sample() > 0 or not Path("/proc/self/status").exists()


def test_index_size_is_a_multiple_of_the_article_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"x" * 600)
    (tmp_path / "a.txt.yaml").write_bytes(b"y" * 5000)  # sidecars are not articles
    (tmp_path / ".glossator").mkdir()
    (tmp_path / ".glossator" / "seg").write_bytes(b"z" * 5000)
    assert corpus_text_bytes(tmp_path) == 600
    big = index_size_row("100k", {"index_bytes": 1500, "docs": 100_000}, tmp_path)
    assert big.verdict == MISS
    assert "2.50x" in big.result
    fits = index_size_row("100k", {"index_bytes": 1200, "docs": 100_000}, tmp_path)
    assert fits.verdict == OK
    small = index_size_row("bbc", {"index_bytes": 6000, "docs": 2096}, tmp_path, 100)
    assert small.verdict == "" and small.target == ""
    assert "stock 0.0 MB" in small.result


def test_index_sizes_count_each_kind_of_per_segment_file_together(tmp_path: Path) -> None:
    from bench.index_sizes import file_sizes

    for name, size in [("A.seg", 100), ("B.seg", 50), ("A.gpx", 7), ("B.gpx", 3), ("A.gpp", 4)]:
        (tmp_path / name).write_bytes(b"x" * size)
    (tmp_path / "_MAIN_1.toc").write_bytes(b"t")
    assert file_sizes(tmp_path) == {
        "whoosh segments (*.seg)": 150,
        "prefix tables (*.gpx)": 10,
        "pair tables (*.gpp)": 4,
        "_MAIN_1.toc": 1,
    }
