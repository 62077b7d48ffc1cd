"""Spot-check an extraction change: draw bbc-full articles outside every labelled/spot-checked
set, and dump their statements (run once per code version, e.g. with PYTHONPATH at each
worktree) so two dumps can be diffed by hand-reading.

  python scripts/spotcheck_statements.py draw --n 300 --seed 1010 --out LIST.jsonl
  PYTHONPATH=OLD python scripts/spotcheck_statements.py dump LIST.jsonl OLD.jsonl
  PYTHONPATH=NEW python scripts/spotcheck_statements.py dump LIST.jsonl NEW.jsonl
  python scripts/spotcheck_statements.py diff OLD.jsonl NEW.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from qa.evaluation.dev_articles import article_list, listed_articles
from qa.evaluation.near_copies import not_copies

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-full"
DATA = ROOT / "tests" / "data" / "statements"


def _excluded(out: Path) -> set[str]:
    """Held-out samples, earlier spot-check lists, articles reserved for future held-out samples
    (not `out` itself) and the dev articles."""
    listed = [f for pattern in ("heldout_sample*.jsonl", "spotcheck_articles*.jsonl",
                                "reserved_articles*.jsonl")
              for f in DATA.glob(pattern) if f.resolve() != out.resolve()]
    dev = ROOT.parent / "shared" / "eval" / "bbc_dev_articles.txt"
    return listed_articles(listed) | set(article_list(dev))


def draw(n: int, seed: int, out: Path, also: list[Path]) -> None:
    """Draw `n` articles outside `_excluded`, the path lists `also` names (one {"path": …} per
    line), and every byte-identical copy or near-copy (`qa.evaluation.near_copies`) of those."""
    excluded = _excluded(out)
    for f in also:
        excluded |= listed_articles([f])
    pool = not_copies(sorted(str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*.txt")),
                      excluded, CORPUS)
    if n > len(pool):
        sys.exit(f"error: {n} articles asked, {len(pool)} left outside every judged, "
                 "spot-checked, reserved and dev list and their copies")
    picked = sorted(random.Random(seed).sample(pool, n))
    out.write_text("".join(json.dumps({"path": p}) + "\n" for p in picked))
    print(f"{n} of {len(pool)} articles (seed {seed}) -> {out}")


def dump(articles: Path, out: Path) -> None:
    from index.chunking import chunk_document
    from index.corpus import parse_file
    from qa.quotes import extract_quotes

    rows = []
    for line in articles.read_text().splitlines():
        path = json.loads(line)["path"]
        try:
            text = (CORPUS / path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        doc = parse_file(path, text)[0]
        for q in extract_quotes(doc, chunk_document(doc)):
            rows.append({"path": path, "start": q.start, "end": q.end, "speaker": q.speaker,
                         "text": q.text})
    out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"{len(rows)} statements -> {out}")


def diff(old: Path, new: Path) -> None:
    def load(p: Path) -> dict[tuple[str, int, int], dict[str, object]]:
        return {(r["path"], r["start"], r["end"]): r
                for r in map(json.loads, p.read_text().splitlines())}
    a, b = load(old), load(new)
    for k in sorted(a.keys() | b.keys()):
        if k not in b:
            print("REMOVED", k[0], a[k]["speaker"], "|", a[k]["text"])
        elif k not in a:
            print("NEW", k[0], b[k]["speaker"], "|", b[k]["text"])
        elif a[k]["speaker"] != b[k]["speaker"]:
            print("CHANGED", k[0], a[k]["speaker"], "->", b[k]["speaker"], "|", b[k]["text"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--n", type=int, default=300)
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--exclude", type=Path, action="append", default=[],
                   help="another list of articles to leave out (one {\"path\": …} per line)")
    u = sub.add_parser("dump")
    u.add_argument("articles", type=Path)
    u.add_argument("out", type=Path)
    f = sub.add_parser("diff")
    f.add_argument("old", type=Path)
    f.add_argument("new", type=Path)
    args = ap.parse_args()
    if args.cmd == "draw":
        draw(args.n, args.seed, args.out, args.exclude)
    elif args.cmd == "dump":
        dump(args.articles, args.out)
    else:
        diff(args.old, args.new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
