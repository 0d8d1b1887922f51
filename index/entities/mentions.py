"""Later mentions of a person found once: the full name again, the surname
alone ("Sudani" after "Mohammed Shia al-Sudani"), or the given name alone
("Kim" after "Kim Clijsters", as sport and entertainment news write it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from glossator.index.entities import lexicon
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _STOP_TOKENS
from glossator.index.entities.shapes import whole_mentions

_ARTICLE = re.compile(r"^(?:al|Al|el|El)-")
#: A capitalised word after a given name: a longer name goes on ("Tony Adams"
#: after "Tony Blair"), which is not this person.
_NAME_GOES_ON = re.compile(r" [A-Z]")
#: A capitalised word before it: the end of another name ("Identity Cards
#: Bill", "Sweet Charity").
_NAME_BEFORE = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]* \Z")
_HONORIFIC_BEFORE = re.compile(r"(?<![\w’'-])(?:Mr|Mrs|Ms|Miss|Dr)\.? \Z")


@cache
def _given_names() -> frozenset[str]:
    return lexicon.read_words("first_names.txt") | lexicon.read_words("given_names.txt")


def _surname_alone(text: str, name: str) -> bool:
    """Whether the last word of a guessed name is also written alone: the
    guess is then a person named twice ("Steven Gerrard" ... "Gerrard"), not
    a name of something else ("Brit Awards", "Royal Opera House"). "Alone" is
    with no capitalised word before it but an honorific ("Mr Gerrard")."""
    surname = name.split()[-1]
    return any(
        not _NAME_BEFORE.search(text, max(0, pos - 30), pos)
        or _HONORIFIC_BEFORE.search(text, max(0, pos - 5), pos)
        for pos, _ in whole_mentions(text, surname)
    )


def later_mentions(
    text: str, people: list[Candidate], lookup: Callable[[str], str | None]
) -> list[Candidate]:
    """Every mention of a found person's full name or surname ("Sudani", "Iravani").

    A mention is as trustworthy as the best span it came from, so a surname
    seen only in a fallback guess stays a fallback guess.
    """
    forms: dict[str, Layer] = {}
    given_names = _given_names()
    #: Given names, a guess alone: only where no other name is around them.
    given_forms: set[str] = set()

    def add(form: str, layer: Layer) -> None:
        forms[form] = max(layer, forms.get(form, layer))

    for person in people:
        name = text[person.start : person.end]
        add(name, person.layer)
        surname = name.split()[-1]
        bare = _ARTICLE.sub("", surname)
        candidates = {surname, bare}
        if bare != surname:
            candidates |= {"al-" + bare, "Al-" + bare}
        for form in candidates:
            if len(form) > 2 and lookup(form) is None and form not in _STOP_TOKENS:
                add(form, person.layer)
        given = name.split()[0]
        if (
            len(name.split()) > 1
            and (person.layer > Layer.FALLBACK or _surname_alone(text, name))
            and given in given_names
            and len(given) > 2
            and lookup(given) is None
            and given not in _STOP_TOKENS
        ):
            given_forms.add(given)
    # Plain str.find per form: a per-article regex would be compiled afresh
    # for every article (the re cache is far smaller than a corpus).
    # A mention inside a longer name found for a person ("Blair" inside
    # "Tony Blair") lends that name its layer instead of cutting it.
    out = []
    for person in people:
        name = text[person.start : person.end]
        layer = max((forms.get(w, person.layer) for w in name.split()[1:]), default=person.layer)
        if layer > person.layer:
            out.append(Candidate(person.start, person.end, "PERSON", layer))
    for form, layer in forms.items():
        pos = text.find(form)
        while pos >= 0:
            end = pos + len(form)
            before, after = text[pos - 1 : pos], text[end : end + 1]
            # "Blair-era": hyphens separate words, but "Blair-Smith" is a name.
            joined = after == "-" and text[end + 1 : end + 2].isupper()
            if not (before.isalnum() or before == "-" or after.isalnum() or joined):
                out.append(Candidate(pos, end, "PERSON", layer))
            pos = text.find(form, end)
    for form in given_forms - forms.keys():
        for pos, end in whole_mentions(text, form):
            if (
                not _NAME_GOES_ON.match(text, end)
                and not _NAME_BEFORE.search(text, max(0, pos - 30), pos)
                and text[end : end + 1] != "-"
            ):
                out.append(Candidate(pos, end, "PERSON", Layer.FALLBACK))
    return out
