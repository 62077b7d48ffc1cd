"""Draw statements of one confidence band from already-read articles, for judging (issue 11).

Only articles already read while writing rules (the spot-check lists) are used, never a held-out
sample's or a reserved list's, nor the dev 80: these judgements are for writing and checking
rules, and spend no clean article. Articles are shuffled by --seed; every statement of an
article whose confidence is below --below (the classes the held-out samples find error-prone: a
quotation that only follows a paragraph about someone, 0.6; reported speech whose subject is a
pronoun, a role or an organisation, 0.7) is taken, whole articles at a time, until --n rows;
they are written in --parts files of whole articles, with empty judgements (`correct`, `note`,
`gold_speakers`). Articles of earlier judged files (`lowconf_*.jsonl`) are left out, so
each draw reads new ones.

    PYTHONPATH=$PWD .venv/bin/python scripts/draw_lowconf_sample.py --seed 7 --n 300 \
      --parts 5 --out /work/scratch/train

The other band, for a stratified precision estimate (tests/data/statements/README.md,
"Confidence strata"): --at-least 0.8 --below 2 takes the statements of 0.8 and above;
--per-article K takes at most K of an article's (chosen by --seed), so that the rows spread
over many articles; --exclude-near-copies also leaves out articles whose body largely repeats
a judged, sampled or labelled one (`qa.evaluation.near_copies`; off by default so that the
earlier draws stay reproducible).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.evaluation.dev_articles import article_list, listed_articles
from qa.evaluation.near_copies import not_copies
from qa.statements import statements_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-full"
DATA = ROOT / "tests" / "data" / "statements"


def _paths(pattern: str) -> set[str]:
    return listed_articles(DATA.glob(pattern))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=256)
    ap.add_argument("--parts", type=int, default=4)
    ap.add_argument("--below", type=float, default=0.8)
    ap.add_argument("--at-least", type=float, default=0.0)
    ap.add_argument("--per-article", type=int, default=0, help="at most K per article (0: all)")
    ap.add_argument("--exclude-near-copies", action="store_true")
    ap.add_argument("--out", type=Path, required=True, help="prefix: OUT_1.jsonl … OUT_k.jsonl")
    args = ap.parse_args(argv)
    dev = set(article_list(ROOT.parent / "shared" / "eval" / "bbc_dev_articles.txt"))
    clean = _paths("heldout_sample*.jsonl") | _paths("reserved_articles*.jsonl") | dev
    judged = _paths("lowconf_*.jsonl")
    spent = sorted(_paths("spotcheck_articles*.jsonl") - clean - judged)
    if args.exclude_near_copies:
        spent = not_copies(spent, clean | judged, CORPUS)
    rng = random.Random(args.seed)
    rng.shuffle(spent)
    articles: list[list[dict[str, object]]] = []
    total = 0
    for path in spent:
        if total >= args.n:
            break
        try:
            text = (CORPUS / path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        doc = parse_file(path, text)[0]
        rows = [{"path": path, "start": q["start"], "end": q["end"], "speaker": q["speaker"],
                 "kind": q["kind"], "cue": q["cue"], "confidence": q["confidence"],
                 "text": q["text"], "correct": None, "note": "", "gold_speakers": None}
                for q in statements_of(doc, chunk_document(doc))["quotes"]
                if args.at_least <= q["confidence"] < args.below]
        if 0 < args.per_article < len(rows):
            rows = sorted(rng.sample(rows, args.per_article), key=lambda r: r["start"])
        if rows:
            articles.append(rows)
            total += len(rows)
    per = -(-total // args.parts)
    part: list[dict[str, object]] = []
    k = 0
    for rows in articles:
        part.extend(rows)
        if len(part) >= per or rows is articles[-1]:
            k += 1
            out = Path(f"{args.out}_{k}.jsonl")
            out.write_text("".join(json.dumps(r) + "\n" for r in part))
            print(f"{len(part)} rows, {len({r['path'] for r in part})} articles -> {out}")
            part = []
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
