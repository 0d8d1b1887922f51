"""The armed-group name table: names as whole words, one name in two groups."""

from __future__ import annotations

from glossator.index.incidents.armed_groups import groups_named, parse_table

TABLE = parse_table(
    "# comment\nVelmora Liberation Front | VLF | Red Hand\nOstrin Guard | OG | VLF\n"
)


def test_names_are_whole_words_case_aside() -> None:
    assert groups_named("members of the red hand", TABLE) == {1}
    assert groups_named("VLF) fighters", TABLE) == {1, 2}
    assert groups_named("Redhand", TABLE) == frozenset()
    assert groups_named("vlfx", TABLE) == frozenset()
    assert groups_named(None, TABLE) == frozenset()


def test_the_bundled_table_knows_a_groups_other_names() -> None:
    assert groups_named("KKB") & groups_named("TPNPB-OPM")
    assert groups_named("Shene") & groups_named("Oromo Liberation Army")
    assert not groups_named("Shene") & groups_named("KKB")
