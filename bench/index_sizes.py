"""Where an index folder's bytes go: files, Whoosh parts per field, sqlite tables.

    python -m bench.index_sizes INDEX_DIR [--corpus CORPUS]

Whoosh's parts are read from inside each segment's compound file: the term
table (`.trm`), the postings (`.pst`, split per field by each term's extent,
inlined postings counted with the term table), vectors (`.vps`) and the
per-document columns (`.<field>.col`: `_stored` is every stored field, the
`_lengths` columns the field lengths). The sqlite files are split per table
and index with the `dbstat` virtual table when sqlite has it.
"""

from __future__ import annotations

import argparse
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

MB = 1_000_000


#: Files kept one per segment, counted together by kind.
PER_SEGMENT = {
    ".seg": "whoosh segments (*.seg)",
    ".gpx": "prefix tables (*.gpx)",
    ".gpp": "pair tables (*.gpp)",
}


def file_sizes(index_dir: Path) -> dict[str, int]:
    """Bytes per file kind: the per-segment files by kind, every other file by name."""
    sizes: dict[str, int] = defaultdict(int)
    for path in index_dir.iterdir():
        if path.is_file():
            sizes[PER_SEGMENT.get(path.suffix, path.name)] += path.stat().st_size
    return dict(sizes)


def whoosh_parts(index_dir: Path) -> dict[str, int]:
    """Bytes per part of the Whoosh segments (see the module docstring)."""
    from whoosh import index as windex
    from whoosh.reading import SegmentReader

    ix = windex.open_dir(str(index_dir))
    parts: dict[str, int] = defaultdict(int)
    for seg in ix._segments():
        storage = seg.open_compound_file(ix.storage) if seg.is_compound() else ix.storage
        prefix = seg.make_filename("")
        for name in storage.list():
            if not name.startswith(prefix):
                continue
            ext = name[len(prefix) :]
            if ext not in (".trm", ".pst"):
                parts["columns " + ext.removesuffix(".col")] += storage.file_length(name)
            elif ext == ".trm":
                parts["term table (.trm)"] += storage.file_length(name)
        with SegmentReader(ix.storage, ix.schema, seg) as sr:
            for (fieldname, _text), info in _term_infos(sr):
                if not info.is_inlined():
                    # Whoosh 2.7.5's from_bytes leaves the length as a 1-tuple.
                    length = info.extent()[1]
                    parts[f"postings {fieldname}"] += (
                        length[0] if isinstance(length, tuple) else length
                    )
    return dict(parts)


def _term_infos(reader: object) -> Iterator[tuple[tuple[str, bytes], object]]:
    terms = reader._terms  # type: ignore[attr-defined]
    yield from terms.items()


def sqlite_tables(path: Path) -> dict[str, int]:
    """Bytes per table and index of one sqlite file (empty without dbstat)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
    except sqlite3.Error:
        return {}
    finally:
        db.close()
    return {name: int(size) for name, size in rows}


def corpus_bytes(corpus: Path) -> int:
    """Bytes of the article files (what the disk ratio divides by)."""
    return sum(
        p.stat().st_size
        for p in corpus.rglob("*")
        if p.suffix in (".txt", ".md") and not any(part.startswith(".") for part in p.parts)
    )


def report(index_dir: Path, corpus: Path | None = None) -> str:
    """The breakdown as plain-text lines."""
    lines = []
    files = file_sizes(index_dir)
    total = sum(files.values())
    base = corpus_bytes(corpus) if corpus else 0
    head = f"index folder {total / MB:.1f} MB"
    if base:
        head += f" = {total / base:.2f}x the {base / MB:.1f} MB of articles"
    lines.append(head)
    for name, size in sorted(files.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {name:40} {size / MB:8.2f} MB")
    lines.append("whoosh segments, by part:")
    for name, size in sorted(whoosh_parts(index_dir).items(), key=lambda kv: -kv[1]):
        if size:
            lines.append(f"  {name:40} {size / MB:8.2f} MB")
    for db in sorted(index_dir.glob("*.sqlite3")):
        lines.append(f"{db.name}, by table and index (dbstat):")
        for name, size in sorted(sqlite_tables(db).items(), key=lambda kv: -kv[1]):
            lines.append(f"  {name:40} {size / MB:8.2f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.index_sizes", description=__doc__)
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--corpus", type=Path, help="the corpus, for the ratio to its articles")
    args = parser.parse_args(argv)
    if not (args.index_dir / "glossator-meta.json").is_file():
        parser.error(f"{args.index_dir} is not a glossator index folder; give its path")
    print(report(args.index_dir, args.corpus))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
