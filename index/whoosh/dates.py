"""`date:` in a query: the article's date when the value is a date, else the DATE entity text.

`date:[2024-01-01 TO 2024-01-31]`, `date:2024-01` and `date:20240116` search
the article's date (the sidecar's, else the front matter's; the `published`
field); `date:tuesday` still searches the dates the recogniser found in the
text (the `date` entity field).
"""

from __future__ import annotations

import re
from typing import Any

from whoosh.qparser import Plugin, syntax

#: The field that holds the article's date.
PUBLISHED = "published"
_DATE_LIKE = re.compile(r"^\d{4}(?:-?\d{2}(?:-?\d{2})?)?$")


def _date_like(text: object) -> bool:
    return text is None or (isinstance(text, str) and _DATE_LIKE.match(text.strip()) is not None)


class ArticleDatePlugin(Plugin):  # type: ignore[misc]
    """Sends date-shaped `date:` values to the article date field."""

    def filters(self, parser: Any) -> list[tuple[Any, int]]:
        # After the fields plugin (100) has given each node its field name.
        return [(self.do_dates, 110)]

    def do_dates(self, parser: Any, group: Any) -> Any:
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.do_dates(parser, node)
            elif getattr(node, "fieldname", None) == "date":
                if isinstance(node, syntax.RangeNode):
                    if (node.start or node.end) and _date_like(node.start) and _date_like(node.end):
                        node.set_fieldname(PUBLISHED, override=True)
                elif isinstance(node, syntax.WordNode) and _date_like(node.text):
                    node.set_fieldname(PUBLISHED, override=True)
        return group
