"""The seeded query lists the search rows measure, drawn from sampled articles."""

from __future__ import annotations

import random
import re
from collections import Counter
from typing import Any

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


def sample_articles(ix: Any, count: int, seed: int) -> list[dict[str, Any]]:
    """`count` articles picked with `seed`: stored fields, body text and entity values."""
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
