"""Precision and recall of the "sources differ" flags (issue 15) on the labelled same-speaker
statement pairs of tests/data/disagreement, per split (dev: the rules were tuned on it;
heldout: never looked at while tuning), per origin and per kind.

    .venv/bin/python scripts/eval_disagreement.py [--json] [-v] [--audit DIR]

-v lists every wrong or missed pair. Deterministic (no model), about a second. --audit DIR
extracts the statements of every article of DIR (e.g. ../shared/corpora/bbc-full: about 2.5
minutes) and prints every difference flagged between same-speaker statements of different
articles, for reading by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "disagreement"
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    from qa.disagreement import DIFFERENCE_KINDS
    from qa.evaluation.disagreement_set import LabelledPair, load_pairs, predict, score_pairs

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list wrong and missed pairs")
    ap.add_argument("--audit", type=Path, help="flag every same-speaker pair of this folder")
    args = ap.parse_args(argv)
    if args.audit:
        return audit(args.audit)
    pairs = load_pairs(DATA, ROOT, SHARED)

    def row(name: str, subset: Sequence[LabelledPair]) -> dict[str, object]:
        s = score_pairs(subset)
        return {"set": name, "pairs": s.pairs, "differing": s.differing, "flagged": s.flagged,
                "right": s.right, "wrong_kind": s.wrong_kind,
                "precision": round(s.precision, 3), "recall": round(s.recall, 3)}

    rows = []
    for split in ("dev", "heldout", "all"):
        in_split = [p for p in pairs if split in ("all", p.split)]
        rows.append(row(split, in_split))
        for origin in ("written", "paraphrased", "seeds", "bbc"):
            sub = [p for p in in_split if p.origin == origin]
            if sub:
                rows.append(row(f"{split}/{origin}", sub))
    for kind in DIFFERENCE_KINDS:
        rows.append(row(f"all/kind={kind}", [p for p in pairs if kind in p.kinds or not p.kinds]))
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'set':<22}{'pairs':>6}{'differ':>7}{'flagged':>8}{'right':>6}"
              f"{'precision':>10}{'recall':>8}")
        for r in rows:
            print(f"{r['set']:<22}{r['pairs']:>6}{r['differing']:>7}{r['flagged']:>8}"
                  f"{r['right']:>6}{r['precision']:>10.3f}{r['recall']:>8.3f}")
        print("(all/kind=K: the pairs labelled K plus every agreeing pair; precision there "
              "counts any flag on an agreeing pair against K)")
    if args.verbose:
        for p in pairs:
            got = predict(p)
            if bool(p.kinds) != bool(got) or (p.kinds and not set(p.kinds) & set(got)):
                print(f"[{p.split}] {p.id}: labelled {list(p.kinds)}, flagged {list(got)}\n"
                      f"    A {p.a.text}\n    B {p.b.text}", file=sys.stderr)
    return 0


def audit(folder: Path) -> int:
    """Print every difference flagged among the same-speaker statements of a folder."""
    from index.chunking import chunk_document
    from index.corpus import read_corpus
    from qa.disagreement import differences_among
    from qa.statements import corpus_statements, statements_of

    per_doc = {d.doc_id: statements_of(d, chunk_document(d)) for d in read_corpus(folder)}
    table, quotes = corpus_statements(per_doc)
    found = differences_among((q, table.canonical(q.speaker)) for q in quotes)
    seen: set[tuple[str, str]] = set()
    for diffs in found.values():
        for d in diffs:
            key = (min(d.this.citation, d.other.citation), max(d.this.citation, d.other.citation))
            if key not in seen:
                seen.add(key)
                print(f"{d.kind}: {d.this.text!r} ({d.this.citation}) vs {d.other.text!r} "
                      f"({d.other.citation})")
    print(f"{len(quotes)} statements of {len(per_doc)} articles; {len(seen)} pairs flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
