"""Helpers shared by the annotations tests: a tiny corpus with one article.

A uniquely named module rather than ``conftest`` so test modules can import
it without clashing with other layers' conftest files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from glossator.annotations.store import SidecarStore

ARTICLE_ID = "seeds/000_test.txt"
ARTICLE_TEXT = (
    "Iraq militiaman 'killed in airstrike' after attack on base hosting US troops\n"
    "A member of an Iraqi militia was reportedly killed in an airstrike on Tuesday, after the "
    "Ain al-Asad base hosting US and other foreign forces was struck twice in the space of "
    "24 hours.\nA weapons-laden truck belonging to an armed faction was hit as it travelled "
    "from Baghdad towards the western Iraqi province of Anbar.\n"
)


@dataclass
class Corpus:
    root: Path
    store: SidecarStore
    article_id: str
    text: str

    @property
    def sidecar_path(self) -> Path:
        return self.store.path_for(self.article_id)


def make_corpus(tmp_path: Path) -> Corpus:
    root = tmp_path / "corpus"
    (root / "seeds").mkdir(parents=True)
    (root / ARTICLE_ID).write_text(ARTICLE_TEXT, encoding="utf-8")
    return Corpus(root, SidecarStore(root, author="alice"), ARTICLE_ID, ARTICLE_TEXT)
