"""Draw a held-out statement sample (issue 11): statements extracted from 40 bbc-full articles
outside the 80 labelled ones (random.Random(seed) shuffles the articles, then draws 64 of their
statements), written with empty judgements (`correct`, `note`: filled by hand) to --out.

    .venv/bin/python scripts/heldout_statement_sample.py --out /tmp/sample.jsonl
    .venv/bin/python scripts/heldout_statement_sample.py --seed 29 --exclude-seed 11 --out F

Seed 11 drew `tests/data/statements/heldout_sample.jsonl`; seed 29 with --exclude-seed 11
drew `heldout_sample_2.jsonl` from 40 articles outside both the 80 and seed 11's 40.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.statements import statements_of

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = 40  # articles drawn per sample (hand-set: enough for 60+ statements)
STATEMENTS = 64  # statements drawn per sample (issue 11 asks for at least 60)


def _articles(paths: list[str], seed: int) -> list[str]:
    """The articles a seed draws from: the first ARTICLES of `paths` shuffled by `seed`."""
    shuffled = list(paths)
    random.Random(seed).shuffle(shuffled)
    return shuffled[:ARTICLES]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--exclude-seed", type=int, action="append", default=[],
                    help="leave out the articles an earlier sample's seed drew from")
    args = ap.parse_args(argv)
    root = SHARED / "corpora" / "bbc-full"
    dev = set((SHARED / "eval" / "bbc_dev_articles.txt").read_text(encoding="utf-8").split())
    paths = sorted(str(p.relative_to(root)) for p in root.rglob("*.txt"))
    paths = [p for p in paths if p not in dev and p != "sport/199.txt"]  # 199: not UTF-8
    excluded = {a for s in args.exclude_seed for a in _articles(paths, s)}
    paths = [p for p in paths if p not in excluded]
    found = []
    for p in _articles(paths, args.seed):
        for d in parse_file(p, (root / p).read_text(encoding="utf-8")):
            found.extend((p, q) for q in statements_of(d, chunk_document(d))["quotes"])
    sample = sorted(random.Random(args.seed).sample(found, STATEMENTS),
                    key=lambda x: (x[0], x[1]["start"]))
    with open(args.out, "w", encoding="utf-8") as f:
        for p, q in sample:
            f.write(json.dumps({"path": p, "start": q["start"], "end": q["end"],
                                "speaker": q["speaker"], "kind": q["kind"], "cue": q["cue"],
                                "text": q["text"], "correct": None, "note": ""},
                               ensure_ascii=False) + "\n")
    print(f"{len(found)} statements in {ARTICLES} articles; {len(sample)} drawn to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
