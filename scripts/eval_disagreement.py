"""Precision and recall of the "sources differ" flags (issue 15) on the labelled same-speaker
statement pairs of tests/data/disagreement, per split (dev: the rules were tuned on it;
heldout: never looked at while tuning), per origin and per kind.

    .venv/bin/python scripts/eval_disagreement.py [--json] [-v]

-v lists every wrong or missed pair. Deterministic (no model), about a second.
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
    args = ap.parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
