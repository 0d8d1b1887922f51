"""The Whoosh implementation of `glossator.index.engine`.

`backend.WhooshEngine` is the entry point (`Index` makes one by default).
`schema` and `analysis` define what is indexed and how text becomes terms;
`writer` and `bulk` write, `searcher`, `collect`, `hits` and `suggest` read.
`speedups/` holds glossator's faster replacements for Whoosh internals,
used only on the Whoosh version they were written for. Importing this
package changes nothing in Whoosh.
"""

from glossator.index.whoosh.imports import import_whoosh

import_whoosh()
