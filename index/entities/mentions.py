"""Later mentions of a person found once: the full name again, or the
surname alone ("Sudani" after "Mohammed Shia al-Sudani")."""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _STOP_TOKENS

_ARTICLE = re.compile(r"^(?:al|Al|el|El)-")


def later_mentions(
    text: str, people: list[Candidate], lookup: Callable[[str], str | None]
) -> list[Candidate]:
    """Every mention of a found person's full name or surname ("Sudani", "Iravani").

    A mention is as trustworthy as the best span it came from, so a surname
    seen only in a fallback guess stays a fallback guess.
    """
    forms: dict[str, Layer] = {}

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
    return out
