"""glossator: a keyboard-driven terminal reader for analysts.

The package has three layers, each importable on its own:
`glossator.annotations` (the sidecar model and store, exporters),
`glossator.index` (corpus, entities, the search engine and its index) and
`glossator.tui` (the Textual reader and the command line). Only
`glossator.tui` imports Textual.
"""

from __future__ import annotations

__version__ = "0.1.0"
