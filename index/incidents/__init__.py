"""Incidents: violent events reported in an article, in ACLED's terms.

    >>> from glossator.index.entities import Recogniser
    >>> from glossator.index.incidents import extract_incidents
    >>> text = "A roadside bomb killed four soldiers near Baidoa on Thursday."
    >>> [i.sub_event_type for i in extract_incidents(text, Recogniser.load().recognise(text))]
    ['Remote explosive/landmine/IED']

Plain Python, offline, model-free, built on the entity recogniser's output.
See docs/incidents.md for the record shape, the rules and how to wire it in.
"""

from __future__ import annotations

from glossator.index.frontmatter import FrontMatter, parse_front_matter
from glossator.index.incidents.extract import (
    VERSION,
    IncidentExtractor,
    extract_incidents,
    sentences,
)
from glossator.index.incidents.model import SUB_EVENT_TYPES, EventDate, Incident, Precision

__all__ = [
    "SUB_EVENT_TYPES",
    "VERSION",
    "EventDate",
    "FrontMatter",
    "Incident",
    "IncidentExtractor",
    "Precision",
    "extract_incidents",
    "parse_front_matter",
    "sentences",
]
