"""The generated given-name list: what goes in, what stays out, and what it finds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from glossator.index.entities import Recogniser
from glossator.index.entities.build_first_names import MARKER, dictionary_names, select, write
from glossator.index.entities.lexicon import read_words


# Columns as in nam_dict.txt: gender, name from column 3, one frequency digit per
# country from column 30.
def _line(gender: str, name: str, digits: str) -> str:
    return f"{gender}  {name:<27}{digits}"


_SAMPLE = "\n".join(
    [
        "# a comment",
        _line("M", "Wondimu", "  5"),
        _line("F", "João", "6"),
        _line("M", "Will", "9"),
        _line("F", "Rare", "1"),
        _line("?", "Ali+Ali", "9"),
        _line("M", "Santa", "7"),
    ]
)


def test_dictionary_names_keep_common_single_names(tmp_path: Path) -> None:
    source = tmp_path / "nam_dict.txt"
    source.write_text(_SAMPLE, encoding="utf-8")
    assert dictionary_names(source, 3) == {"Wondimu", "João", "Will", "Santa"}


def test_select_drops_words_places_and_folds_accents() -> None:
    words = Counter({"will": 40, "joao": 0})
    got = select({"Wondimu", "João", "Will", "Santa", "Baghdad"}, words)
    # "Will" is a word, "Santa" starts many place names, "Baghdad" is a place.
    assert got == ["Joao", "João", "Wondimu"]


def test_write_keeps_the_hand_written_head(tmp_path: Path) -> None:
    target = tmp_path / "first_names.txt"
    target.write_text(f"# head\nAli Omar\n{MARKER}\nOld Names\n", encoding="utf-8")
    write(target, ["Joao", "Wondimu"])
    assert target.read_text(encoding="utf-8") == f"# head\nAli Omar\n{MARKER}\nJoao Wondimu\n"


def test_bundled_list_has_names_from_many_languages_but_no_words() -> None:
    names = read_words("first_names.txt")
    assert {"Svetlana", "Joachim", "Didier", "Ahmed"} <= names
    assert names.isdisjoint({"Will", "Grace", "May", "Santa", "The"})


def test_given_name_from_another_language_starts_a_person(recogniser: Recogniser) -> None:
    got = {(e.text, e.label) for e in recogniser.recognise("Svetlana Kuznetsova won.")}
    assert ("Svetlana Kuznetsova", "PERSON") in got
