"""The analyst's corrections of recognised entities, applied after recognition.

A correction names a text and what is wrong with it::

    corrections:
      - {text: Labour, wrong: GPE, label: ORG, scope: corpus}     # relabelled
      - {text: Downing Street, wrong: FAC, scope: corpus}         # not an entity
      - {text: Hodeida port, label: FAC, scope: article, article: yemen/0412.txt}

`wrong` alone says the text is not an entity (as that label, or as anything
when `wrong: any`); `label` says every mention of the text is that label
(added where nothing was found, relabelled where something else was).
`scope: article` limits it to one article (`article`, relative to the corpus);
for a text, an article's own correction wins over the corpus's. Matching is
on word boundaries, as written when the text has a capital letter ("Labour"
leaves "labour costs" alone) and in any case when it has none. A mention
strictly inside a longer entity ("Labour" in "Labour Party") leaves that
entity alone; any other overlap goes to the correction.
Corrections win over every layer, the watchlist included.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from glossator.index.entities.gazetteer import fold_case, normalise
from glossator.index.entities.model import LABELS, Entity

#: `wrong: any`: the text is no entity at all, whatever it was labelled.
ANY = "any"
SCOPES = ("corpus", "article")
KEYS = frozenset({"text", "wrong", "label", "scope", "article", "author", "added"})


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction as stored in the watchlist file."""

    text: str
    wrong: str | None = None
    """The label that is wrong (or `ANY`); None for a plain addition."""
    label: str | None = None
    """The right label; None when the text is no entity."""
    scope: str = "corpus"
    article: str | None = None
    author: str = ""
    added: str = ""
    line: int = 0
    position: int = field(default=-1, compare=False)
    """Its place in the file's list of corrections (0-based), for editing."""

    @property
    def id(self) -> str:
        """A short id from what the correction says (not who or when)."""
        what = f"{self.text}\x1f{self.wrong}\x1f{self.label}\x1f{self.scope}\x1f{self.article}"
        return hashlib.sha256(what.encode()).hexdigest()[:8]

    @property
    def key(self) -> str:
        """The text as matched: normalised, case folded unless in capitals."""
        return term_key(self.text)

    @property
    def target(self) -> tuple[str, str, str | None]:
        """What it corrects: a newer correction with the same target replaces it."""
        return (self.key, self.scope, self.article)

    @property
    def terms(self) -> tuple[str, str | None, str | None, str, str | None]:
        """The fields recognition depends on (for cache keys and staleness)."""
        return (self.text, self.wrong, self.label, self.scope, self.article)

    def describe(self) -> str:
        """One line for lists and messages."""
        where = f"in {self.article}" if self.scope == "article" else "everywhere"
        if self.label is None:
            was = "" if self.wrong in (None, ANY) else f" as {self.wrong}"
            return f"{self.text!r} is not an entity{was}, {where}"
        was = "" if self.wrong in (None, ANY) else f" (not {self.wrong})"
        return f"{self.text!r} is {self.label}{was}, {where}"

    def to_dict(self) -> dict[str, Any]:
        """The correction as written to the file (empty fields left out)."""
        out: dict[str, Any] = {"text": self.text}
        for name in ("wrong", "label", "scope", "article", "author", "added"):
            value = getattr(self, name)
            if value:
                out[name] = value
        return out


def term_key(text: str) -> str:
    """How a correction's text is matched: as written when it has a capital
    letter ("Labour" is not "labour costs"), in any case when it has none."""
    norm = normalise(text.strip())
    return norm if _capitalised(norm) else fold_case(norm)


def _capitalised(text: str) -> bool:
    return fold_case(text) != text


def _label(value: Any, name: str, where: str, allow_any: bool) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if value in LABELS or (allow_any and value == ANY):
        return str(value), None
    also = f" or {ANY}" if allow_any else ""
    return None, f"{where}: {name} {value!r} is not one of {' '.join(LABELS)}{also}"


def parse_correction(
    data: Any, line: int, where: str, position: int = -1
) -> tuple[Correction | None, str | None]:
    """A correction from its plain YAML data, or the one-line problem."""
    if not isinstance(data, dict):
        return None, f"{where}: a correction must be a mapping with text and wrong or label"
    unknown = set(data) - KEYS
    if unknown:
        return None, f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}"
    text = data.get("text")
    if not isinstance(text, str) or not text.strip() or "\n" in text:
        return None, f"{where}: 'text' must be a non-empty string on one line"
    wrong, problem = _label(data.get("wrong"), "wrong", where, allow_any=True)
    if problem is None:
        label, problem = _label(data.get("label"), "label", where, allow_any=False)
    if problem is not None:
        return None, problem
    if wrong is None and label is None:
        return None, f"{where}: give 'wrong' (not an entity) or 'label' (the right label)"
    scope = data.get("scope", "corpus")
    if scope not in SCOPES:
        return None, f"{where}: scope {scope!r} is not corpus or article"
    article = data.get("article")
    if scope == "article":
        if not isinstance(article, str) or not article.strip():
            return None, f"{where}: scope article needs 'article', the path inside the corpus"
        article = article.strip()
        if article.startswith("/") or ".." in article.split("/"):
            return None, f"{where}: article {article!r} must be a path inside the corpus"
    elif article is not None:
        return None, f"{where}: 'article' is only for scope article"
    author, added = data.get("author") or "", data.get("added") or ""
    correction = Correction(
        " ".join(text.split()),
        wrong,
        label,
        scope,
        article,
        str(author),
        str(added),
        line,
        position,
    )
    return correction, None


@dataclass
class CorrectionSet:
    """The corpus's corrections, ready to find and apply in one article."""

    corrections: list[Correction] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_article: dict[str, dict[str, Correction]] = {}
        self._corpus: dict[str, Correction] = {}
        for c in self.corrections:  # later ones win (adding replaces the same target)
            if c.scope == "article" and c.article is not None:
                self._by_article.setdefault(c.article, {})[c.key] = c
            else:
                self._corpus[c.key] = c
        self._exact = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
        self._terms: set[str] = set()
        for c in self.corrections:
            key = c.key
            if key in self._terms:
                continue
            self._terms.add(key)
            automaton = self._exact if _capitalised(key) else self._folded
            automaton.add_word(f" {key} ", key)
        for automaton in (self._exact, self._folded):
            if len(automaton):
                automaton.make_automaton()

    def __bool__(self) -> bool:
        return bool(self.corrections)

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of every correction text in `text`, on word boundaries."""
        if not self._terms:
            return []
        out: list[tuple[int, int, str]] = []
        padded = " " + normalise(text) + " "
        for automaton, haystack in ((self._exact, padded), (self._folded, None)):
            if not len(automaton):
                continue
            if haystack is None:
                haystack = fold_case(padded)
            for end_pad, key in automaton.iter(haystack):
                end = end_pad - 1
                out.append((end - (len(key) + 1) + 1, end, key))
        return out

    def for_article(
        self, article: str | None, text: str
    ) -> tuple[tuple[Correction, ...], list[tuple[int, int, str]]]:
        """The corrections that apply in this article (those whose text it
        mentions, its own winning), and the mentions."""
        if not self.corrections:
            return (), []
        own = self._by_article.get(article, {}) if article is not None else {}
        found = self.mentions(text)
        keys = {key for _s, _e, key in found}
        chosen: dict[str, Correction] = {}
        for key in keys:
            c = own.get(key) or self._corpus.get(key)
            if c is not None:
                chosen[key] = c
        ordered = tuple(chosen[k] for k in sorted(chosen))
        return ordered, [m for m in found if m[2] in chosen]

    def key_for(self, applied: Iterable[Correction]) -> str:
        """The cache-key part of the corrections applied to one article ("" for none)."""
        digest = hashlib.sha256()
        count = 0
        for c in applied:
            digest.update("\x1f".join(str(v) for v in c.terms).encode() + b"\n")
            count += 1
        return f"c{digest.hexdigest()[:12]}" if count else ""


def apply(
    text: str,
    entities: list[Entity],
    applied: tuple[Correction, ...],
    mentions: list[tuple[int, int, str]],
) -> list[Entity]:
    """`entities` with the corrections applied: sorted, non-overlapping."""
    if not applied:
        return entities
    by_key = {c.key: c for c in applied}
    removed = {c.key: c.wrong for c in applied if c.label is None}

    def is_wrong(e: Entity) -> bool:
        key = term_key(e.text)
        return key in removed and removed[key] in (None, ANY, e.label)

    kept = [e for e in entities if not is_wrong(e)]
    adds = sorted(
        ((s, e, by_key[k].label) for s, e, k in mentions if by_key[k].label is not None),
        key=lambda m: (-(m[1] - m[0]), m[0]),
    )
    if not adds:
        return kept
    placed: list[Entity] = []
    for start, end, label in adds:
        if any(p.start < end and start < p.end for p in placed):
            continue
        if any(e.start <= start and end <= e.end and (e.end - e.start) > end - start for e in kept):
            continue  # inside a longer entity: "Labour" in "Labour Party"
        kept = [e for e in kept if not (e.start < end and start < e.end)]
        placed.append(Entity(start, end, text[start:end], str(label)))
    return sorted(kept + placed, key=lambda e: e.start)
