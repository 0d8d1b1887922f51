"""The entity labels: one registry, which everything else follows.

Adding a label means adding one `EntityLabel` here. The index then gets a
search field for it (`field`, in the Whoosh schema and among the fields a
query may name), facet counts for it, and the watchlist accepts it; an index
written with another set of labels is rebuilt on open, with a notice. What
the recogniser finds under the label, and how the reader styles it, are
written where those live (`entities/`, the reader's styles).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntityLabel:
    """One kind of named entity."""

    #: The label as recognised and shown: `PERSON`.
    name: str
    #: What it covers, in a few words (docs/entities.md has examples).
    covers: str

    @property
    def field(self) -> str:
        """The search field for the label: `PERSON` -> `person`."""
        return field_for(self.name)


#: OntoNotes names plus WEAPON, in the order glossator shows them.
ENTITY_LABELS: tuple[EntityLabel, ...] = (
    EntityLabel("PERSON", "people's names, without titles or roles"),
    EntityLabel("ORG", "organisations: militias, parties, ministries, agencies, media"),
    EntityLabel("NORP", "nationalities, religious and political groups"),
    EntityLabel("GPE", "countries, regions and administrative areas, cities"),
    EntityLabel("LOC", "non-political places: continents, seas, mountains, rivers"),
    EntityLabel("FAC", "named facilities, with the facility noun"),
    EntityLabel("DATE", "named days, months and years"),
    EntityLabel("TIME", "clock times"),
    EntityLabel("WEAPON", "munitions and weapon systems"),
    EntityLabel("CARDINAL", "quantities with what they count"),
)


def field_for(label: str) -> str:
    """The search field for an entity label: `PERSON` -> `person`."""
    return label.lower()


#: The label names, in order.
LABELS: tuple[str, ...] = tuple(label.name for label in ENTITY_LABELS)
#: The search field of each label, in the same order.
ENTITY_FIELDS: tuple[str, ...] = tuple(label.field for label in ENTITY_LABELS)
