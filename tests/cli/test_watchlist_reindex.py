"""A watchlist change re-indexes exactly the articles that mention what changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_cli import here, run

from glossator.index.entities import recogniser
from glossator.index.indexer import Index


def _watch(corpus: Path, body: str) -> None:
    path = corpus / ".glossator" / "watchlist.yaml"
    path.write_text(body, encoding="utf-8")


def _index(corpus: Path) -> str:
    out = run("index", "--quiet", str(corpus), check=True).stdout.decode()
    return out.strip().splitlines()[-1]


def _reindexed(summary: str) -> int:
    found = re.search(r"(\d+) re-indexed for the watchlist", summary)
    return int(found.group(1)) if found else 0


def _search(corpus: Path, query: str) -> dict[str, object]:
    # In this process: what is checked is what the index holds (`_index` and
    # `_entity`, which change it, start the real command).
    out = here("search", "--corpus", str(corpus), "--json", "--no-update", query, check=True)
    data: dict[str, object] = json.loads(out.stdout)
    return data


def _mentioning(corpus: Path, *names: str) -> int:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)
    return sum(1 for p in corpus.glob("*.txt") if pattern.search(p.read_text("utf-8")))


def test_each_watchlist_edit_reindexes_the_articles_it_names(seeds: Path) -> None:
    assert "5 added" in _index(seeds)
    assert _search(seeds, "person:kirkuk")["total"] == 0

    _watch(seeds, "- name: Kirkuk\n  label: PERSON\n")
    summary = _index(seeds)
    assert _reindexed(summary) == _mentioning(seeds, "Kirkuk") == 1
    assert "4 unchanged" in summary
    found = _search(seeds, "person:kirkuk")
    assert found["total"] == 1
    assert ["Kirkuk", 1] in found["facets"]["person"]  # type: ignore[index]

    # An alias added: the articles with the old or the new terms.
    _watch(seeds, "- name: Kirkuk\n  label: PERSON\n  aliases: [Biden]\n")
    assert _reindexed(_index(seeds)) == _mentioning(seeds, "Kirkuk", "Biden") == 2
    assert _search(seeds, "person:biden")["total"] == 1

    # A second entry: only the articles that name it.
    _watch(
        seeds,
        "- name: Kirkuk\n  label: PERSON\n  aliases: [Biden]\n- name: Hezbollah\n  label: PERSON\n",
    )
    assert _reindexed(_index(seeds)) == _mentioning(seeds, "Hezbollah") == 3
    assert _search(seeds, "person:hezbollah")["total"] == 3

    # A note changes nothing recognition sees.
    _watch(
        seeds,
        "- name: Kirkuk\n  label: PERSON\n  aliases: [Biden]\n  note: a test\n"
        "- name: Hezbollah\n  label: PERSON\n",
    )
    assert _reindexed(_index(seeds)) == 0

    # The watchlist removed: every article that named an entry goes back.
    (seeds / ".glossator" / "watchlist.yaml").unlink()
    assert _reindexed(_index(seeds)) == _mentioning(seeds, "Kirkuk", "Biden", "Hezbollah") == 3
    assert _search(seeds, "person:kirkuk")["total"] == 0
    assert "5 unchanged" in _index(seeds)


def test_a_new_recogniser_version_reindexes_everything(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = Index(seeds)
    assert ix.update().added == 5
    monkeypatch.setattr(recogniser, "VERSION", recogniser.VERSION + "-next")
    report = ix.update(workers=1)
    assert report.reindexed == 5 and report.unchanged == 0
    assert ix.update().reindexed == 0


def _entity(corpus: Path, *args: str) -> str:
    out = run("entity", *args, "--corpus", str(corpus), check=True).stdout.decode()
    return out.strip().splitlines()[-1]


def test_each_correction_reindexes_the_articles_it_applies_to(seeds: Path) -> None:
    _index(seeds)
    baghdad = _mentioning(seeds, "Baghdad")
    assert _search(seeds, "gpe:baghdad")["total"] == baghdad > 1

    saved = _entity(seeds, "wrong", "Baghdad", "--was", "GPE")
    assert f"{baghdad} articles re-indexed" in saved
    assert _search(seeds, "gpe:baghdad")["total"] == 0
    fix_id = saved.split()[1].rstrip(":")

    # One article: only that one is re-indexed, and its own correction wins there.
    one = sorted(p.name for p in seeds.glob("*.txt") if "Baghdad" in p.read_text("utf-8"))[0]
    saved = _entity(seeds, "relabel", "Baghdad", "--to", "PERSON", "--article", one)
    assert "1 article re-indexed" in saved
    found = _search(seeds, "person:baghdad")
    assert found["total"] == 1 and found["hits"][0]["id"] == one  # type: ignore[index]

    listed = json.loads(run("entity", "list", "--json", "--corpus", str(seeds)).stdout)
    assert [c["id"] for c in listed["corrections"]][0] == fix_id

    # Undo: the corpus-wide correction removed, its articles come back.
    assert f"{baghdad} articles re-indexed" in _entity(seeds, "remove", fix_id)
    assert _search(seeds, "gpe:baghdad")["total"] == baghdad - 1
    assert "5 unchanged" in _index(seeds)


def test_a_correction_into_a_newer_watchlist_is_refused(seeds: Path) -> None:
    (seeds / ".glossator").mkdir()
    body = "version: 9\nentries: []\n"
    _watch(seeds, body)
    done = run("entity", "wrong", "Baghdad", "--corpus", str(seeds))
    assert done.returncode == 1
    err = done.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "upgrade glossator" in err
    assert (seeds / ".glossator" / "watchlist.yaml").read_text("utf-8") == body
