"""The default offline recogniser: fixed lists + rules + the watchlist, merged."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from glossator.index.entities import lexicon
from glossator.index.entities.aliases import Canonicaliser
from glossator.index.entities.anchors import AnchorFinder
from glossator.index.entities.clubs import CUE_GROUPS as CLUB_CUE_GROUPS
from glossator.index.entities.clubs import ClubRules
from glossator.index.entities.context import CUE_GROUPS, ContextRules
from glossator.index.entities.corrections import Correction, CorrectionSet, apply
from glossator.index.entities.cue_rules import CUE_GROUPS as SPEECH_CUE_GROUPS
from glossator.index.entities.cue_rules import CueRules
from glossator.index.entities.gazetteer import PhraseMatcher, build_matcher, normalise
from glossator.index.entities.landforms import CUE_GROUPS as LANDFORM_CUE_GROUPS
from glossator.index.entities.landforms import LandformRules
from glossator.index.entities.mentions import later_mentions
from glossator.index.entities.merge import resolve
from glossator.index.entities.model import Candidate, Entity
from glossator.index.entities.name_words import _STOP_TOKENS
from glossator.index.entities.names import NameRules
from glossator.index.entities.org_context import CUE_GROUPS as ORG_CUE_GROUPS
from glossator.index.entities.org_context import OrgContextRules
from glossator.index.entities.org_names import CUE_GROUPS as ORG_NAME_CUE_GROUPS
from glossator.index.entities.org_names import OrgNameRules
from glossator.index.entities.peoples import CUE_GROUPS as PEOPLE_CUE_GROUPS
from glossator.index.entities.peoples import PeopleRules
from glossator.index.entities.places import CUE_GROUPS as PLACE_CUE_GROUPS
from glossator.index.entities.places import PlaceRules
from glossator.index.entities.rules import DATE_WORDS, QUANTITY_WORDS, QuantityRules
from glossator.index.entities.spread import org_mentions
from glossator.index.entities.titles import TitleRules, title_forms
from glossator.index.entities.watchlist import (
    WatchEntry,
    WatchlistMatcher,
    read_watchlist,
    watchlist_hash,
)
from glossator.index.entities.weapon_names import named_weapons

#: Bump when recognition output changes, so cached entities are recomputed.
VERSION = "140"


#: The data files recognition depends on (index/data/ is shared with other modules).
DATA_FILES = (
    "gazetteer.tsv.gz",
    "known_names.tsv",
    "weapons.txt",
    "titles.txt",
    "first_names.txt",
    "given_names.txt",
    "count_nouns.txt",
    "count_modifiers.txt",
    "weapon_modifiers.txt",
)


@cache
def _data_fingerprint() -> str:
    """A hash of the data files' contents, so cached entities follow edits to the lists."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update((lexicon.DATA_DIR / name).read_bytes())
    return digest.hexdigest()[:8]


def cache_key_for(watchlist: Iterable[WatchEntry]) -> str:
    """The `Recogniser.cache_key` of a recogniser with this watchlist, without
    building one (which loads every bundled list)."""
    return f"v{VERSION}-{_data_fingerprint()}-{watchlist_hash(watchlist)}"


@dataclass(frozen=True)
class _Static:
    matcher: PhraseMatcher
    anchors: AnchorFinder
    quantities: QuantityRules
    titles: TitleRules
    names: NameRules
    context: ContextRules
    places: PlaceRules
    orgs: OrgContextRules
    clubs: ClubRules
    org_names: OrgNameRules
    cues: CueRules
    landforms: LandformRules
    peoples: PeopleRules
    lookup: Callable[[str], str | None]


@cache
def _static() -> _Static:
    """The parts that never change within a process, built on first use."""
    matcher = build_matcher()
    table = {**lexicon.gazetteer(), **lexicon.known_names()}
    norp_plurals = frozenset(n for n, label in table.items() if label == "NORP" and n.endswith("s"))
    titles = title_forms()
    cue_groups: dict[str, Iterable[str]] = {
        **CUE_GROUPS,
        **PLACE_CUE_GROUPS,
        **ORG_CUE_GROUPS,
        **CLUB_CUE_GROUPS,
        **ORG_NAME_CUE_GROUPS,
        **SPEECH_CUE_GROUPS,
        **LANDFORM_CUE_GROUPS,
        **PEOPLE_CUE_GROUPS,
    }
    anchors = AnchorFinder(titles, DATE_WORDS, QUANTITY_WORDS, cue_groups)
    return _Static(
        matcher,
        anchors,
        QuantityRules(norp_plurals),
        TitleRules(table.get),
        NameRules(table.get),
        ContextRules(table.get),
        PlaceRules(table.get),
        OrgContextRules(table.get),
        ClubRules(table.get),
        OrgNameRules(table.get),
        CueRules(table.get, titles),
        LandformRules(table.get),
        PeopleRules(table.get),
        table.get,
    )


def _drop_entourage_camps(
    text: str, found: list[Candidate], people: list[Candidate]
) -> list[Candidate]:
    """Drop "<surname> camp" facilities: "the Bush camp" is an entourage."""
    camps = [c for c in found if c.label == "FAC" and text.endswith(" camp", c.start, c.end)]
    if not camps:
        return found
    surnames = {text[p.start : p.end].split()[-1] for p in people}
    bad = {c for c in camps if text[c.start : c.end - 5].split()[-1] in surnames}
    return [c for c in found if c not in bad] if bad else found


#: A capitalised word and a space right before a span.
_CAPITALISED_BEFORE = re.compile(r"(?<![\w’'-])[A-Z][a-z]+ \Z")


def _drop_named_weapon_heads(text: str, found: list[Candidate]) -> list[Candidate]:
    """Drop a weapon word written with a capital after a capitalised word: it
    ends a name ("Sex Pistols", "Royal Gurkha Rifles", "Atomic Bomb"), while a
    weapon's model name goes before a lower-case head ("Katyusha rockets")."""
    bad = [
        c
        for c in found
        if c.label == "WEAPON"
        and text[c.start : c.end].split()[-1][:1].isupper()
        and not text[c.start : c.end].split()[-1].isupper()
        and _CAPITALISED_BEFORE.search(text, max(0, c.start - 30), c.start)
    ]
    return [c for c in found if c not in bad] if bad else found


#: A currency word after a demonym makes it part of a sum of money ("65
#: Canadian cents", "Swiss francs"), which is no entity of ours.
_CURRENCY_AFTER = re.compile(
    r" (?:cents?|dollars?|pounds?|euros?|francs?|pesos?|rupees?|yen|yuan|kroner|kronor|krona"
    r"|rand|roubles?|rubles?|lira|dinars?|rials?|riyals?|shillings?)\b"
)


def _drop_currency_demonyms(text: str, found: list[Candidate]) -> list[Candidate]:
    """Drop a NORP that names a currency: "Canadian dollars" is money."""
    bad = [c for c in found if c.label == "NORP" and _CURRENCY_AFTER.match(text, c.end)]
    return [c for c in found if c not in bad] if bad else found


#: A place before a treaty's word names the treaty, not a place of ours:
#: "the Kyoto Protocol", "a Kyoto-lite deal", "the Maastricht Treaty". (A
#: people before a tournament stays, as the gold has "[Belgian] Open".)
_TREATY_AFTER = re.compile(r"(?: Protocol| [Tt]reaty| Accords?|-lite\b)")


def _drop_treaty_places(text: str, found: list[Candidate]) -> list[Candidate]:
    """Drop a GPE that only names a treaty after it."""
    bad = [c for c in found if c.label == "GPE" and _TREATY_AFTER.match(text, c.end)]
    return [c for c in found if c not in bad] if bad else found


def _mtime(path: Path | None) -> int | None:
    if path is None:
        return None
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


@dataclass
class Recogniser:
    """Finds entities in article text. Build with `Recogniser.load()`."""

    watchlist: list[WatchEntry] = field(default_factory=list)
    watchlist_errors: list[str] = field(default_factory=list)
    """Problems with the watchlist file, one line each; empty when it is fine."""
    watchlist_path: Path | None = None
    _watchlist_mtime: int | None = None
    corrections: list[Correction] = field(default_factory=list)
    """The analyst's corrections (watchlist version 2), applied after every layer."""

    def __post_init__(self) -> None:
        self._static = _static()
        self._watch = WatchlistMatcher(self.watchlist)
        self._canonical = Canonicaliser(self.watchlist)
        self._corrections = CorrectionSet(self.corrections)

    @classmethod
    def load(cls, watchlist: Path | None = None) -> Recogniser:
        """A recogniser with the bundled lists and, if given, the watchlist at that path
        (its entries and corrections)."""
        if watchlist is None:
            return cls()
        found = read_watchlist(watchlist)
        return cls(found.entries, found.errors, watchlist, _mtime(watchlist), found.corrections)

    def watchlist_changed(self) -> bool:
        """True when the watchlist file was edited, created or removed since loading;
        callers then `Recogniser.load(watchlist=...)` again."""
        return self.watchlist_path is not None and _mtime(self.watchlist_path) != (
            self._watchlist_mtime
        )

    @property
    def cache_key(self) -> str:
        """Identifies what this recogniser would output for a given text (for `EntityCache`)."""
        return cache_key_for(self.watchlist)

    def candidates(self, text: str) -> list[Candidate]:
        """Every span any layer proposes, before overlaps are resolved."""
        static = self._static
        norm = normalise(text)
        found = static.matcher.find(text, norm)
        context = static.context
        found += named_weapons(text, found, static.lookup)
        found += context.weapon_compounds(text, found)
        anchors = static.anchors.find(text)
        cues = anchors.cues
        dates = static.quantities.dates_and_times(text, anchors.dates)
        found += dates
        found += context.partial_dates(text, dates)
        found += context.relative_dates(text, cues)
        found += static.quantities.cardinals(text, anchors.quantities)
        found += static.titles.people_by_title(text, anchors.titles)
        found += static.names.sequences(text)
        found += static.orgs.backed_and_spokesman(text, cues)
        found += static.orgs.members_of(text, cues)
        found += static.orgs.spanish_plurals(text, cues)
        found += static.clubs.clubs(text, cues)
        found += static.org_names.ampersand_names(text, cues)
        found += static.org_names.owner_appositions(text, cues)
        found += static.org_names.papers(text, cues)
        found += static.org_names.channels(text, cues)
        found += static.org_names.apposed_names(text, cues)
        found += static.places.places(text, cues)
        found += static.landforms.find(text, cues)
        found += static.peoples.find(text, cues)
        found += static.places.after_locatives(text, cues)
        found += context.acronyms(text, found)
        found += static.cues.speakers(text, cues)
        found += static.cues.led_and_bylined(text, cues)
        found += static.cues.described(text, cues)
        found += static.cues.opening_appositions(text, cues)
        found += org_mentions(text, found, static.lookup, _STOP_TOKENS)
        people = [c for c in found if c.label == "PERSON"]
        found += later_mentions(text, people, static.lookup)
        found = _drop_entourage_camps(text, found, people)
        found = _drop_named_weapon_heads(text, found)
        found = _drop_currency_demonyms(text, found)
        found = _drop_treaty_places(text, found)
        found += self._watch.find(norm)
        return found

    def corrected(self, article: str | None, text: str) -> Corrected:
        """The corrections that apply to this article (its id, relative to the
        corpus; None for a text of no article) and the cache key they make."""
        applied, mentions = self._corrections.for_article(article, text)
        part = self._corrections.key_for(applied)
        return Corrected(applied, mentions, f"{self.cache_key}-{part}" if part else self.cache_key)

    def recognise(
        self, text: str, article: str | None = None, corrected: Corrected | None = None
    ) -> list[Entity]:
        """Entities in `text`, sorted by start and non-overlapping; offsets index `text`;
        each with its canonical name where it differs from the text (`aliases.py`).

        The corrections that apply in `article` win over every layer
        (`corrected`, when the caller already has it from `corrected()`);
        canonical names are given after them, to the corrected entities.
        """
        found = resolve(text, self.candidates(text))
        if self.corrections:
            if corrected is None:
                corrected = self.corrected(article, text)
            found = apply(text, found, corrected.applied, corrected.mentions)
        return self._canonical.apply(found)


@dataclass(frozen=True, slots=True)
class Corrected:
    """What corrections do to one article: which apply, where, and its cache key."""

    applied: tuple[Correction, ...]
    mentions: list[tuple[int, int, str]]
    key: str
