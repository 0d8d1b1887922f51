"""An article's title when it has no front matter: display text taken from its
first lines, never moving an offset.

The title is the first non-blank line, with two exceptions seen in pages saved
from news sites:

- a site's navigation line ("-Top News Arab News USA", "Home | World | Sport")
  is passed over for the next non-blank line, the headline;
- a first line as long as a paragraph (no headline, the story starts at once)
  is cut to its first sentence, or when that is still too long to its first
  clause or words, with an ellipsis where a sentence was cut.

Where the body starts does not change: it is after the first non-blank line,
as it always was (`split_title`). Only the display text differs.
"""

from __future__ import annotations

import re

#: Longer than this, a first line is a paragraph rather than a headline.
LONGEST = 120
#: A clause cut keeps at least this many characters.
SHORTEST_CLAUSE = 30
#: At most this many navigation lines are passed over.
MOST_NAV_LINES = 3

#: Characters a navigation line starts with, or separates its items by.
_NAV_LEADERS = "-|•»›·–—>"
_NAV_SEPARATORS = re.compile(r"\s[|•»›·/]\s")
#: Words of site menus (lower case).
MENU_WORDS = frozenset(
    "home news top latest world sport sports business politics opinion tech "
    "technology entertainment culture lifestyle health science video videos menu "
    "sections section search subscribe login sign in more local national "
    "international region regional breaking live trending usa us uk arab "
    "middle east africa asia europe americas".split()
)
#: The words before a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt sgt capt rep sen gov prof no vs etc jr sr".split()
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_CLAUSE_END = re.compile(r"[,;:]\s|\s[–—-]\s")


def _words(line: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’.&-]*", line)


def is_navigation(line: str) -> bool:
    """True for a site's menu line: a leading separator, several short items
    between separators, or only capitalised menu words with no sentence shape."""
    text = line.strip()
    # A line of punctuation alone ("---", an unclosed front-matter fence) is
    # no menu: a menu has items to choose.
    if not re.search(r"[^\W_]", text):
        return False
    if text[0] in _NAV_LEADERS:
        return True
    items = [item for item in re.split(_NAV_SEPARATORS, text) if item.strip()]
    if len(items) >= 3 and all(len(item.split()) <= 3 for item in items):
        return True
    words = _words(text)
    if not words or len(words) > 10 or re.search(r"[.!?,:;\"“”]", text):
        return False
    menu = sum(w.lower().strip(".") in MENU_WORDS for w in words)
    return all(w[0].isupper() for w in words) and menu * 2 >= len(words) and menu >= 2


def _sentence_end(line: str) -> int | None:
    """Where the line's first sentence ends (after its stop), if before the end."""
    for match in _SENTENCE_END.finditer(line):
        before = line[: match.start()].rsplit(None, 1)
        word = before[-1].lower().strip("\"'“‘(") if before else ""
        # "U.S." and "Mr." do not end a sentence; neither does a lone initial.
        if word in _ABBREVIATIONS or "." in word or len(word) == 1:
            continue
        return match.start() + 1
    return None


def shorten(line: str) -> str:
    """A paragraph-long line cut to its first sentence, else clause, else words."""
    if len(line) <= LONGEST:
        return line
    end = _sentence_end(line)
    if end is not None and end <= LONGEST:
        return line[:end].rstrip()
    head = line[: LONGEST + 1]
    clauses = [m.start() for m in _CLAUSE_END.finditer(head) if m.start() >= SHORTEST_CLAUSE]
    cut = clauses[0] if clauses else head.rstrip().rfind(" ")
    if cut < SHORTEST_CLAUSE:
        cut = LONGEST
    return line[:cut].rstrip(" ,;:–—-") + "…"


def display_title(lines: list[str]) -> str:
    """The title shown for an article whose first non-blank lines are `lines`
    (stripped, in order): the first one that is not navigation, shortened."""
    if not lines:
        return ""
    chosen = lines[0]
    for line in lines[: MOST_NAV_LINES + 1]:
        chosen = line
        if not is_navigation(line):
            break
    else:
        chosen = lines[0]
    return shorten(chosen)
