"""Does "the answering paragraph first" (`qa.passage_order.answer_first`) put the right passage
first? Recall@1 of the search order against the displayed order, on the seed dev set and on
SQuAD dev questions of the held-out articles (odd article numbers: scripts/compare_fusion.py's
split; nothing here is tuned: the order has no parameter).

    PYTHONPATH=$PWD .venv/bin/python scripts/eval_passage_order.py [--mode hybrid|bm25|dense]
        [--squad-sample 600] [--squad-dir DIR] [--json]

Each passage's score is its best sentence's (`qa.answer.best_sentence`, as answers choose it:
similarity, term overlap and the answer-type bonus); an article is a file and a title (SQuAD's
paragraphs of one Wikipedia article share theirs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
K = 5  # passages shown by default (qa ask -k)


def orders(index: Any, question: str, mode: str, embed: Any, idf: dict[str, float]
           ) -> tuple[list[Any], list[Any]]:
    """The top-K hits in search order and in the displayed order."""
    from index.keyword import tokenize
    from qa.answer import best_sentence
    from qa.passage_order import answer_first, article_key

    hits = index.search(question, k=K, mode=mode)
    scores = []
    for h in hits:
        got = best_sentence(index.documents[h.doc_id].text, h.start, h.end, question,
                            embed=embed, tokenize=tokenize, idf=idf)
        scores.append(got[1] if got else None)
    shown = answer_first(hits, [article_key(h.path, h.title) for h in hits], scores)
    return hits, shown


def recall1(pairs: Sequence[tuple[list[Any], list[Any]]], ok: Callable[[int, Any], bool]
            ) -> tuple[float, float, int, int]:
    """R@1 of search order, of displayed order, questions fixed, questions broken."""
    before = [bool(h) and ok(i, h[0]) for i, (h, _) in enumerate(pairs)]
    after = [bool(s) and ok(i, s[0]) for i, (_, s) in enumerate(pairs)]
    n = max(len(pairs), 1)
    fixed = sum(a and not b for a, b in zip(after, before, strict=True))
    broken = sum(b and not a for a, b in zip(after, before, strict=True))
    return sum(before) / n, sum(after) / n, fixed, broken


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", default="hybrid", choices=["hybrid", "bm25", "dense"])
    ap.add_argument("--squad-sample", type=int, default=600,
                    help="held-out SQuAD questions drawn (seed 0); 0 = all 5,173")
    ap.add_argument("--squad-dir", type=Path, default=None,
                    help="a folder with the SQuAD corpus in corpus/ and its index in idx/ (as "
                         "scripts/compare_fusion.py --cache C leaves in C/squad); default: "
                         "the user cache")
    ap.add_argument("--no-squad", action="store_true", help="the seed dev set only")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.keyword import tokenize
    from index.search import HybridIndex
    from qa.evaluation import load_dev_set, read_squad, squad_corpus_dir, write_jsonl_corpus
    from qa.evaluation.dev_set import _hits
    from qa.lexical import passage_idf

    out: dict[str, Any] = {"mode": a.mode}
    dev = [q for q in load_dev_set(SHARED / "eval" / "seeds_dev.jsonl") if q.need != "none"]
    with HybridIndex.open(ROOT / "seeds") as index:
        embed = None if a.mode == "bm25" else index.embed
        idf = passage_idf((c.text for c in index.chunks), tokenize)
        pairs = [orders(index, q.question, a.mode, embed, idf) for q in dev]

        def seed_ok(i: int, h: Any) -> bool:
            return any(_hits(h.path, h.text, g) for g in dev[i].gold)

        out["seeds"] = recall1(pairs, seed_ok)
    squad = SHARED / "benchmarks" / "squad" / "dev-v1.1.json"
    if a.no_squad:
        return _report(out, a.json)
    records, questions = read_squad(squad)
    held = [q for q in questions if int(q.doc_id.split("-")[0]) % 2 == 1]
    if a.squad_sample:
        held = random.Random(0).sample(held, min(a.squad_sample, len(held)))
    corpus = a.squad_dir / "corpus" if a.squad_dir else squad_corpus_dir(squad)
    write_jsonl_corpus(records, corpus)
    with HybridIndex.open(corpus, a.squad_dir / "idx" if a.squad_dir else None) as index:
        embed = None if a.mode == "bm25" else index.embed
        idf = passage_idf((c.text for c in index.chunks), tokenize)
        pairs = []
        for n, q in enumerate(held):
            pairs.append(orders(index, q.question, a.mode, embed, idf))
            if n % 100 == 0:
                print(f"squad {n}/{len(held)}", file=sys.stderr)

        def squad_ok(i: int, h: Any) -> bool:
            return bool(h.chunk_id.split("#", 1)[1].rsplit("@", 1)[0] == held[i].doc_id)

        out["squad-heldout"] = recall1(pairs, squad_ok)
        out["squad_questions"] = len(held)
    return _report(out, a.json)


def _report(out: dict[str, Any], as_json: bool) -> int:
    if as_json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"mode {out['mode']}: R@1 search order -> displayed order (fixed / broken)")
    for name in ("seeds", "squad-heldout"):
        if name in out:
            b, s, f, br = out[name]
            print(f"  {name:<14} {b:.4f} -> {s:.4f}  (+{f} / -{br})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
