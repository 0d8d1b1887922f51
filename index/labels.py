"""Entity labels and the index field each one is searched under."""

from __future__ import annotations

#: OntoNotes names plus WEAPON, in the order glossator shows them.
LABELS: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "NORP",
    "GPE",
    "LOC",
    "FAC",
    "DATE",
    "TIME",
    "WEAPON",
    "CARDINAL",
)


def field_for(label: str) -> str:
    """The search field for an entity label: `PERSON` -> `person`."""
    return label.lower()


ENTITY_FIELDS: tuple[str, ...] = tuple(field_for(label) for label in LABELS)
