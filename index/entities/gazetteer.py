"""Fixed-list matching (places, groups, known organisations, weapons) with Aho-Corasick.

Every fixed list goes into one automaton, so the text is scanned once. Word
boundaries come for free: the text and the keys are "normalised" by turning
every character that is not a letter or digit into a space (one for one, so
offsets do not move), and each key is stored with a space on both sides.
"Iraq’s", "Iran-backed" and "(Baghdad)" then all contain " Iraq ", " Iran ",
" Baghdad ", while "Iranian" does not contain " Iran ".
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import repeat

import ahocorasick

from glossator.index.entities import lexicon
from glossator.index.entities.model import Candidate, Layer

_PUNCT = "".join(
    chr(code)
    for code in [
        *range(0x21, 0x30),
        *range(0x3A, 0x41),
        *range(0x5B, 0x61),
        *range(0x7B, 0x7F),
        *range(0xA0, 0xC0),
        0xD7,
        0xF7,
        *range(0x2000, 0x2070),
        0x3000,
    ]
)
_SPACES = str.maketrans(_PUNCT + "\n\t\r", " " * (len(_PUNCT) + 3))
#: The same mapping as a regex: `str.translate` is quick on ASCII text but looks
#: every character up in a dict once one character is not ASCII ("£", "’"),
#: which made it ~10x slower than this substitution.
_PUNCT_CHAR = re.compile("[" + re.escape(_PUNCT + "\n\t\r") + "]")

#: A place directly after an Arabic article written with a hyphen is part of a
#: longer name ("al-Tanf", "Jurf al-Nasr"), never the bare place.
_ARTICLE_BEFORE = frozenset({"al-", "Al-", "el-", "El-", "as-", "ad-", "ar-", "ash-", "az-"})
#: `\b[A-Z]{4,}...` with the boundary checked after the first capital: a pattern
#: that starts with a character class lets the regex engine skip to the next
#: capital instead of testing `\b` at every position.
_ALL_CAPS = re.compile(r"[A-Z](?<=\b[A-Z])[A-Z]{3,}(?: [A-Z]{4,})?\b")


def normalise(text: str) -> str:
    """`text` with every non-alphanumeric character replaced by a space (same length)."""
    if text.isascii():
        return text.translate(_SPACES)
    return _PUNCT_CHAR.sub(" ", text)


def fold_case(text: str) -> str:
    """`text.lower()`, but never changing the length (so offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters grow when lower-cased (U+0130); those stay as they are.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def plural(phrase: str) -> str:
    """English plural of a phrase's last word ("ballistic missile" -> "ballistic missiles")."""
    if phrase.isupper():
        return phrase + "s"
    if phrase.endswith(("s", "sh", "ch", "x")):
        return phrase + "es"
    if phrase.endswith("y") and phrase[-2:-1] not in "aeiou":
        return phrase[:-1] + "ies"
    return phrase + "s"


def case_variants(name: str) -> Iterator[str]:
    """The name, plus forms with later capitalised words in lower case
    ("Islamic resistance in Iraq", "Badr organization"); at most 16 forms."""
    words = name.split(" ")
    togglable = [i for i, w in enumerate(words) if i > 0 and w[:1].isupper() and not w.isupper()]
    togglable = togglable[:4]
    for mask in range(1 << len(togglable)):
        out = list(words)
        for bit, index in enumerate(togglable):
            if mask >> bit & 1:
                out[index] = out[index][0].lower() + out[index][1:]
        yield " ".join(out)


def weapon_variants(term: str) -> Iterator[str]:
    """A weapon term as written, capitalised, and in the plural."""
    forms = {term, plural(term)}
    if not term[:1].isupper():
        forms |= {f[0].upper() + f[1:] for f in list(forms)}
    yield from forms


class PhraseMatcher:
    """One Aho-Corasick automaton over every fixed list."""

    def __init__(
        self, batches: Iterable[tuple[list[str], list[str], Layer]], places: Mapping[str, str]
    ) -> None:
        """`batches` are (names, labels, layer) lists; `places` maps place names to
        GPE/LOC/NORP and answers for names written in capitals ("ANBAR")."""
        self._automaton = ahocorasick.Automaton()
        self._places = places
        # A shared key goes to the higher layer, then to the earlier entry: so
        # fill the dict from the lowest layer and, within it, from the last
        # batch and the last name backwards, letting each later write win.
        ordered = sorted(enumerate(batches), key=lambda item: (item[1][2], -item[0]))
        best: dict[str, tuple[int, str, int]] = {}
        for _, (names, labels, layer) in ordered:
            # One normalise() over all names joined by NUL (which it keeps), the
            # keys padded with a space each side: the gazetteer has ~40,000
            # names and this is most of the recogniser's load time.
            keys = normalise(" " + " \0 ".join(names) + " ").split("\0")
            values = list(zip(map(len, names), labels, repeat(int(layer))))
            best.update(zip(reversed(keys), reversed(values), strict=True))
        add_word = self._automaton.add_word
        for key, value in best.items():
            add_word(key, value)
        self._automaton.make_automaton()

    def find(self, text: str, norm: str) -> list[Candidate]:
        """All fixed-list matches in `text` (`norm` is `normalise(text)`)."""
        out: list[Candidate] = []
        padded = " " + norm + " "
        needs_islamic_state = "Islamic State" not in text
        for end_pad, (length, label, layer) in self._automaton.iter(padded):
            # end_pad is the trailing space of the key, at text offset end_pad - 1.
            end = end_pad - 1
            start = end - length
            if (
                label in ("GPE", "LOC", "NORP")
                and text[max(0, start - 3) : start] in _ARTICLE_BEFORE
            ):
                continue
            if needs_islamic_state and length == 2 and text[start:end] == "IS":
                continue
            out.append(Candidate(start, end, label, Layer(layer)))
        # Datelines and headlines in capitals ("ANBAR: Two armed drones ...").
        for match in _ALL_CAPS.finditer(text):
            word = match.group()
            label = self._places.get(word.capitalize()) if " " not in word else None
            if label == "GPE" or label == "LOC":
                out.append(Candidate(match.start(), match.end(), label, Layer.LEXICON))
        return out


def build_matcher() -> PhraseMatcher:
    """The matcher over the gazetteer, known organisations/facilities and weapon terms."""
    places = lexicon.gazetteer()
    weapons = [form for term in lexicon.read_list("weapons.txt") for form in weapon_variants(term)]
    known: list[str] = []
    known_labels: list[str] = []
    for name, label in lexicon.known_names().items():
        for form in case_variants(name):
            forms = [form]
            # "al-Shabaab" and "Al-Shabaab": the article's case varies.
            if form[:3] in ("al-", "Al-"):
                forms.append(("Al-" if form[0] == "a" else "al-") + form[3:])
            known += forms
            known_labels += [label] * len(forms)
    batches = [
        (list(places), list(places.values()), Layer.LEXICON),
        (weapons, ["WEAPON"] * len(weapons), Layer.LEXICON),
        (known, known_labels, Layer.SPECIFIC),
    ]
    return PhraseMatcher(batches, places)


if __name__ == "__main__":  # pragma: no cover - a quick manual probe
    matcher = build_matcher()
    sample = sys.stdin.read()
    for cand in matcher.find(sample, normalise(sample)):
        print(cand.label, repr(sample[cand.start : cand.end]))
