"""Per-question SQuAD dev ranks through the engine, split by the halves the fusion replay uses.

`scripts/compare_fusion.py` tunes on the even-numbered SQuAD articles (every third question)
and reports on the odd ones; `scripts/eval_squad` reports all of dev. This runs the engine's
`HybridIndex.search` exactly as `evaluate_squad` does, writes each question's rank of its own
paragraph (`--out`, JSON lines), and prints R@1/R@5 per half so the two figures can be compared.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQUAD = ROOT.parent / "shared" / "benchmarks" / "squad" / "dev-v1.1.json"
TUNE_EVERY = 3  # as scripts/compare_fusion.py samples its tune half


def main(argv: list[str] | None = None) -> int:
    from index.search import QueryError
    from qa.evaluation import read_squad, squad_corpus_dir, write_jsonl_corpus
    from qa.evaluation.beir import chunks_needed, open_index
    from qa.evaluation.metrics import doc_ranking, search_options

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--index-dir", type=Path, required=True)
    p.add_argument("--modes", default="hybrid,bm25")
    p.add_argument("--out", type=Path, default=None, help="per-question ranks, JSON lines")
    args = p.parse_args(argv)
    records, questions = read_squad(SQUAD)
    folder = squad_corpus_dir(SQUAD)
    write_jsonl_corpus(records, folder)
    index, _ = open_index(folder, args.index_dir, None, None)
    k = chunks_needed(index, 20)
    rows = []
    even = [q for q in questions if int(q.doc_id.split("-", 1)[0]) % 2 == 0]
    tune = {q.qid for q in even[::TUNE_EVERY]}
    for q in questions:
        art = int(q.doc_id.split("-", 1)[0])
        row = {"qid": q.qid, "doc": q.doc_id, "half": "heldout" if art % 2 else "even",
               "tune": q.qid in tune}
        for m in args.modes.split(","):
            try:  # as evaluate_squad: a question with no searchable term finds nothing
                hits = index.search(q.question, k=k, **search_options(m, q.question, index))
            except QueryError:
                hits = []
            ranking = list(doc_ranking(hits, 20))
            row[m] = ranking.index(q.doc_id) + 1 if q.doc_id in ranking else None
        rows.append(row)
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    halves = (("all", rows), ("odd (held-out)", [r for r in rows if r["half"] == "heldout"]),
              ("even", [r for r in rows if r["half"] == "even"]),
              ("even, tune sample", [r for r in rows if r["tune"]]))
    for name, sel in halves:
        cells = []
        for m in args.modes.split(","):
            r1 = sum(r[m] == 1 for r in sel) / len(sel)
            r5 = sum(r[m] is not None and r[m] <= 5 for r in sel) / len(sel)
            cells.append(f"{m} R@1 {r1:.4f} R@5 {r5:.4f}")
        print(f"{name} ({len(sel)}): " + " · ".join(cells))
    first = args.modes.split(",")[0]
    misses: dict[str, list[int]] = {}
    for r in rows:
        misses.setdefault(r["doc"].split("-", 1)[0], [0, 0])
        misses[r["doc"].split("-", 1)[0]][0] += r[first] != 1
        misses[r["doc"].split("-", 1)[0]][1] += 1
    worst = sorted(misses.items(), key=lambda kv: -kv[1][0])[:5]
    print(f"articles with the most {first} rank-1 misses: " + ", ".join(
        f"{a} ({m}/{n} missed, R@1 {1 - m / n:.3f})" for a, (m, n) in worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
