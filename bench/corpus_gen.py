"""A deterministic generator of BBC-style corpora at any size.

The BBC corpus (2,095 articles) is too small to show how glossator behaves on
the 10k-100k article folders analysts keep, so this module recombines it:

- each generated article takes a category (in the BBC's proportions) and a
  target length drawn from the lengths of that category's real articles, so
  the average stays near the BBC's ~385 words;
- its title joins the start of one real title to the end of another;
- its body is paragraphs of real sentences from that category; about one
  sentence in three is spliced (the start of one sentence, the rest of
  another sentence that shares a word), a first-order Markov step that makes
  new phrases without inventing grammar;
- proper names grow like a real archive's (Heaps' law): some capitalised
  words are replaced by pseudo-names from a pool that grows with the square
  root of the article count, so the term dictionary, and with it prefix and
  fuzzy query cost, grows with the corpus instead of staying at the BBC's.

Everything comes from `random.Random` seeded with (seed, size, article
number), so one size and seed always give byte-identical files. Generated
corpora are cached under the temp folder, keyed by size, seed, generator
version and a fingerprint of the source corpus, and written to a scratch
folder that is renamed into place only when complete.

    python -m bench.corpus_gen 10k            # prints the folder
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

#: Bumped whenever the output for a given size and seed changes.
GENERATOR_VERSION = 1
DEFAULT_SEED = 1729
REPO = Path(__file__).resolve().parent.parent
BBC = (REPO / ".." / "shared" / "corpora" / "bbc").resolve()
SEEDS = REPO / "seeds"

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"'£$0-9])")
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
_SLUG = re.compile(r"[^a-z0-9]+")
_CAPITALISED = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b")
_SYLLABLES = (
    "al ba ber cha da del do el fa gan ha hol ian ka kov lan li lo ma mar mi mo na nel no "
    "o pa per ra ren ri ro sa sen si so ta ter ti to va ver vi wa wen ya zu"
).split()


def parse_size(text: str) -> int:
    """`10k` -> 10000, `250` -> 250, `1m` -> 1000000."""
    t = text.strip().lower()
    mult = 1
    if t.endswith("k"):
        mult, t = 1000, t[:-1]
    elif t.endswith("m"):
        mult, t = 1_000_000, t[:-1]
    value = float(t) * mult
    if value < 1 or value != int(value):
        raise ValueError(f"size {text!r} is not a positive whole number of articles")
    return int(value)


def default_source() -> Path:
    """The BBC corpus when present, else the repository's five seed articles."""
    return BBC if BBC.is_dir() else SEEDS


def cache_root() -> Path:
    """Where generated corpora live (`$GLOSSATOR_BENCH_CACHE` overrides)."""
    env = os.environ.get("GLOSSATOR_BENCH_CACHE")
    return Path(env) if env else Path(tempfile.gettempdir()) / "glossator-bench"


@dataclass
class _Source:
    categories: list[str]
    weights: list[int]
    titles: dict[str, list[str]] = field(default_factory=dict)
    sentences: dict[str, list[str]] = field(default_factory=dict)
    lengths: dict[str, list[int]] = field(default_factory=dict)
    #: category -> word -> indexes of sentences containing it (for splicing).
    by_word: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    fingerprint: str = ""


def _source_files(source: Path) -> list[Path]:
    files = [
        p
        for p in source.rglob("*")
        if p.is_file()
        and p.suffix in (".txt", ".md")
        and not any(part.startswith(".") for part in p.relative_to(source).parts)
        and p.name not in ("SOURCE.md", "README.md", "LICENSE")
    ]
    return sorted(files, key=lambda p: p.relative_to(source).as_posix())


def load_source(source: Path) -> _Source:
    """Read a corpus folder into pools of titles and sentences per category."""
    files = _source_files(source)
    if not files:
        raise SystemExit(f"no articles under {source} to generate from")
    digest = hashlib.sha256()
    grouped: dict[str, list[Path]] = defaultdict(list)
    for p in files:
        rel = p.relative_to(source)
        grouped[rel.parts[0] if len(rel.parts) > 1 else "news"].append(p)
    src = _Source(categories=sorted(grouped), weights=[])
    for cat in src.categories:
        titles, sentences, lengths = [], [], []
        for p in grouped[cat]:
            raw = p.read_bytes()
            digest.update(p.relative_to(source).as_posix().encode() + b"\0" + raw)
            lines = raw.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
            body_lines = [ln.strip() for ln in lines if ln.strip()]
            if not body_lines:
                continue
            titles.append(body_lines[0])
            body = " ".join(body_lines[1:])
            lengths.append(max(len(body.split()), 40))
            sentences.extend(s for s in _SENTENCE_SPLIT.split(body) if len(s.split()) >= 4)
        if not sentences:
            continue
        src.weights.append(len(titles))
        src.titles[cat], src.sentences[cat], src.lengths[cat] = titles, sentences, lengths
        index: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(sentences):
            for w in set(_WORD.findall(s)):
                if w.islower():
                    index[w].append(i)
        src.by_word[cat] = {w: ids for w, ids in index.items() if len(ids) > 1}
    src.categories = [c for c in src.categories if c in src.sentences]
    src.fingerprint = digest.hexdigest()[:12]
    return src


def _pseudo_name(n: int) -> str:
    rng = random.Random(f"name:{n}")
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
    return word.capitalize()


def _splice(rng: random.Random, src: _Source, cat: str, sentence: str) -> str:
    words = [w for w in _WORD.findall(sentence) if w in src.by_word[cat]]
    if not words:
        return sentence
    pivot = rng.choice(words)
    other = src.sentences[cat][rng.choice(src.by_word[cat][pivot])]
    a = sentence.find(f" {pivot} ")
    b = other.find(f" {pivot} ")
    if a < 0 or b < 0 or other == sentence:
        return sentence
    return sentence[:a] + other[b:]


def _title(rng: random.Random, titles: list[str]) -> str:
    a = rng.choice(titles).split()
    b = rng.choice(titles).split()
    cut_a = rng.randint(1, max(1, len(a) - 1))
    cut_b = rng.randint(min(len(b) - 1, 1), max(1, len(b) - 1))
    title = " ".join(a[:cut_a] + b[cut_b:])[:90].strip()
    return title or " ".join(a)


def article(src: _Source, seed: int, size: int, n: int) -> tuple[str, str]:
    """The category and text of generated article number `n` of `size`."""
    rng = random.Random(f"{seed}:{size}:{n}")
    cat = rng.choices(src.categories, weights=src.weights)[0]
    sentences = src.sentences[cat]
    target = max(60, int(rng.choice(src.lengths[cat]) * rng.uniform(0.85, 1.15)))
    name_pool = 200 + int(40 * (n + 1) ** 0.5)
    paragraphs: list[str] = []
    words = 0
    while words < target:
        para = []
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            s = sentences[rng.randrange(len(sentences))]
            if rng.random() < 0.33:
                s = _splice(rng, src, cat, s)
            if rng.random() < 0.25:
                s = _CAPITALISED.sub(
                    lambda m: (
                        _pseudo_name(rng.randrange(name_pool)) if rng.random() < 0.5 else m.group()
                    ),
                    s,
                )
            para.append(s)
            words += len(s.split())
            if words >= target:
                break
        paragraphs.append(" ".join(para))
    title = _title(rng, src.titles[cat])
    return cat, title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _slug(title: str) -> str:
    return _SLUG.sub("-", title.lower()).strip("-")[:60] or "article"


def write_corpus(
    dest: Path, size: int, seed: int = DEFAULT_SEED, source: Path | None = None
) -> Path:
    """Write `size` generated articles under `dest` (which must not exist yet)."""
    src = load_source(source or default_source())
    dest.mkdir(parents=True)
    made: set[str] = set()
    for n in range(size):
        cat, text = article(src, seed, size, n)
        folder = dest / cat
        if cat not in made:
            folder.mkdir()
            made.add(cat)
        title = text.split("\n", 1)[0]
        (folder / f"{_slug(title)}-{n:06d}.txt").write_bytes(text.encode("utf-8"))
    return dest


def ensure_corpus(
    size: int, seed: int = DEFAULT_SEED, source: Path | None = None, log: object = None
) -> Path:
    """The cached generated corpus for (size, seed), generating it the first time."""
    source = (source or default_source()).resolve()
    files = _source_files(source)
    stamp = [str(source), str(len(files))]
    stamp += [f"{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files]
    src_key = hashlib.sha256("|".join(stamp).encode()).hexdigest()[:8]
    root = cache_root()
    final = root / f"corpus-{size}-s{seed}-g{GENERATOR_VERSION}-{src_key}"
    if (final / ".complete").is_file():
        return final
    root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".gen-{size}-", dir=root))
    try:
        if callable(log):
            log(f"generating {size} articles (seed {seed}) from {source} into {final}")
        write_corpus(scratch / "c", size, seed, source)
        (scratch / "c" / ".complete").write_text("ok\n")
        try:
            os.rename(scratch / "c", final)
        except OSError:
            if not (final / ".complete").is_file():
                shutil.rmtree(final, ignore_errors=True)
                os.rename(scratch / "c", final)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return final


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.corpus_gen", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("size", help="articles to generate: 500, 10k, 100k")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--source", type=Path, help="corpus to recombine (default: the BBC corpus)")
    p.add_argument("--out", type=Path, help="write here instead of the cache (must not exist)")
    args = p.parse_args(argv)
    size = parse_size(args.size)
    if args.out:
        print(write_corpus(args.out, size, args.seed, args.source))
    else:
        print(ensure_corpus(size, args.seed, args.source, log=lambda m: print(m, file=sys.stderr)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
