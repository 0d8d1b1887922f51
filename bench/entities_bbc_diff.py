"""What a rule change does to the entities found over the BBC corpus.

    .venv/bin/python bench/entities_bbc_diff.py --save before.json
    ... change a rule ...
    .venv/bin/python bench/entities_bbc_diff.py --against before.json [--context 40]

`--save` writes every span the recogniser finds in each article of
../shared/corpora/bbc (sorted `*/*.txt`) to a JSON file; `--against` recognises
again and prints the spans added and gone, each with its label and the words
around it, then counts per label. Spans are compared as (start, end, label), so
a relabelled span shows as one gone and one added.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossator.index.entities import Recogniser  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc"

Span = tuple[int, int, str]


def corpus_spans(corpus: Path) -> tuple[dict[str, str], dict[str, list[Span]]]:
    """Each article's text and the spans recognised in it, by relative path."""
    recogniser = Recogniser.load()
    texts, spans = {}, {}
    for path in sorted(corpus.glob("*/*.txt")):
        name = path.relative_to(corpus).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        texts[name] = text
        spans[name] = [(e.start, e.end, e.label) for e in recogniser.recognise(text)]
    return texts, spans


def read_saved(path: Path) -> dict[str, list[Span]]:
    """Spans written by `--save`; exits with a one-line error when the file is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            str(name): [(int(s), int(e), str(label)) for s, e, label in rows]
            for name, rows in data.items()
        }
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        sys.exit(f"{path}: not a span file written by --save ({exc}); run --save first")


def show(text: str, span: Span, context: int) -> str:
    """The span in brackets with `context` characters either side, on one line."""
    start, end, _ = span
    left = text[max(0, start - context) : start]
    right = text[end : end + context]
    return f"{left}[{text[start:end]}]{right}".replace("\n", " ")


def main() -> None:
    """Save the corpus's spans, or compare them with a saved run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the spans of this run here")
    group.add_argument("--against", type=Path, help="compare this run with a saved one")
    parser.add_argument("--context", type=int, default=40, help="characters shown either side")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"{BBC} not found: the BBC corpus is needed for a span diff")
    if args.against is not None:
        before = read_saved(args.against)  # fail before the long recognition pass
    texts, spans = corpus_spans(BBC)
    if args.save is not None:
        args.save.write_text(json.dumps(spans), encoding="utf-8")
        print(f"{sum(map(len, spans.values()))} spans in {len(spans)} articles -> {args.save}")
        return
    added: Counter[str] = Counter()
    gone: Counter[str] = Counter()
    for name, now in spans.items():
        old = set(before.get(name, []))
        new = set(now)
        for sign, rows, tally in (("+", new - old, added), ("-", old - new, gone)):
            for span in sorted(rows):
                tally[span[2]] += 1
                print(f"{sign} {span[2]:8} {name}: {show(texts[name], span, args.context)}")
    print(f"\nadded {sum(added.values())}: {dict(added.most_common())}")
    print(f"gone {sum(gone.values())}: {dict(gone.most_common())}")


if __name__ == "__main__":
    main()
