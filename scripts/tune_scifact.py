"""Tune fusion and BM25 settings on SciFact **train** (never on test); print a ranked grid.

Each side is searched once per BM25 setting (deep rankings cached as JSON in the cache dir);
fusion variants are then replayed offline with the engine's own `index.fusion` functions, and
scored at document level (chunks merged by best rank) with `qa.evaluation.compute_metrics`.
Usage: scripts/tune_scifact [--split train] [--depth 300] [--top 25]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCIFACT = ROOT.parent / "shared" / "benchmarks" / "scifact"

Ranking = list[tuple[str, float]]
# BM25 settings: (title weight, heading weight, k1, b). The first is the engine's default.
BM25_SETTINGS: list[tuple[float, float, float, float]] = [
    (0.3, 0.3, 1.2, 0.75),
    (0.0, 0.0, 1.2, 0.75),
    (0.5, 0.5, 1.2, 0.75),
    (1.0, 1.0, 1.2, 0.75),
    (0.3, 0.3, 0.9, 0.4),
    (0.5, 0.5, 0.9, 0.4),
    (1.0, 1.0, 0.9, 0.4),
]
RRF_KS = (1, 5, 10, 20, 30, 40, 60, 100)
ALPHAS = tuple(round(a * 0.1, 1) for a in range(11))


def _bm25_key(s: tuple[float, float, float, float]) -> str:
    return "title={}_heading={}_k1={}_b={}".format(*s)


def collect(index: Any, queries: dict[str, str], depth: int, cache: Path,
            progress: Any) -> dict[str, dict[str, Ranking]]:
    """``{side: {qid: [(chunk_id, score), ...]}}`` for dense and every BM25 setting (cached)."""
    from index.keyword import OkapiBM25F

    runs: dict[str, dict[str, Ranking]] = {}
    if cache.is_file():
        runs = json.loads(cache.read_text())
    kw = index._gen.keyword()  # tuning only: swap the searcher's weights in place
    saved = (dict(kw.weights), kw._searcher)
    sides = ["dense"] + [_bm25_key(s) for s in BM25_SETTINGS]
    for side, setting in zip(sides, [None, *BM25_SETTINGS], strict=True):
        if side in runs and set(runs[side]) >= set(queries):
            continue
        mode = "dense" if setting is None else "bm25"
        if setting is not None:
            title, heading, k1, b = setting
            kw.weights = {"text": 1.0, "title": title, "heading": heading}
            kw._searcher = kw._ix.searcher(weighting=OkapiBM25F(K1=k1, B=b))
        out: dict[str, Ranking] = {}
        for i, (qid, text) in enumerate(queries.items(), 1):
            hits = index.search(text, k=depth, mode=mode, depth=depth)
            out[qid] = [(h.chunk_id, h.score) for h in hits]
            progress(side[:16], i, len(queries))
        runs[side] = out
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(runs))
    kw.weights, kw._searcher = saved
    return runs


def doc_of(chunk_id: str) -> str:
    """The BEIR record id of a chunk id ``corpus.jsonl#<_id>@<start>``."""
    return chunk_id.split("#", 1)[1].rsplit("@", 1)[0]


def to_docs(ranking: Sequence[tuple[str, float]]) -> Ranking:
    """Chunk ranking → document ranking (best chunk's score; first appearance order)."""
    seen: dict[str, float] = {}
    for cid, score in ranking:
        seen.setdefault(doc_of(cid), score)
    return list(seen.items())


def run_of(fused: Sequence[Any], docs: bool) -> dict[str, float]:
    """Fused list → ``{record_id: score}`` (strictly decreasing), at most 100 documents."""
    order: list[str] = []
    for f in fused:
        rid = f.key if docs else doc_of(f.key)
        if rid not in order:
            order.append(rid)
        if len(order) == 100:
            break
    return {rid: float(len(order) - i) for i, rid in enumerate(order)}


def grid(runs: dict[str, dict[str, Ranking]], qrels: dict, queries: Sequence[str],
         depth: int) -> list[dict]:
    """Score every setting; each side is cut to `depth` chunks before fusion (as the engine)."""
    from index.fusion import reciprocal_rank_fusion, weighted_fusion
    from qa.evaluation import compute_metrics

    rows = []
    runs = {side: {q: r[:depth] for q, r in rs.items()} for side, rs in runs.items()}
    dense = runs["dense"]

    def score(name: str, run: dict[str, dict[str, float]], **cfg: Any) -> None:
        m = compute_metrics(qrels, run)
        rows.append({"config": name, **cfg, **{k: round(v, 4) for k, v in m.items()}})

    score("dense", {q: run_of(_single(dense[q]), False) for q in queries}, bm25="-", fusion="-")
    for s in BM25_SETTINGS:
        bm = runs[_bm25_key(s)]
        key = _bm25_key(s)
        score("bm25", {q: run_of(_single(bm[q]), False) for q in queries}, bm25=key, fusion="-")
        for level, k in itertools.product(("chunk", "doc"), RRF_KS):
            run = {}
            for q in queries:
                a, b = bm[q], dense[q]
                if level == "doc":
                    a, b = to_docs(a), to_docs(b)
                run[q] = run_of(reciprocal_rank_fusion([a, b], k=k), level == "doc")
            score("hybrid", run, bm25=key, fusion=f"rrf k={k} ({level})")
        for level, alpha in itertools.product(("chunk", "doc"), ALPHAS[1:-1]):
            run = {}
            for q in queries:
                a, b = bm[q], dense[q]
                if level == "doc":
                    a, b = to_docs(a), to_docs(b)
                run[q] = run_of(weighted_fusion(a, b, alpha), level == "doc")
            score("hybrid", run, bm25=key, fusion=f"weighted alpha={alpha} ({level})")
    return rows


def _single(ranking: Ranking) -> list[Any]:
    from index.fusion import Fused

    return [Fused(cid, s, (r,), (s,)) for r, (cid, s) in enumerate(ranking, 1)]


def main(argv: list[str] | None = None) -> int:
    import platformdirs

    from index.search import HybridIndex
    from qa.evaluation import read_beir_queries, read_qrels
    from qa.interfaces.progress import progress_bar

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=SCIFACT)
    ap.add_argument("--split", default="train")
    ap.add_argument("--depth", type=int, default=300, help="chunks per side collected")
    ap.add_argument("--fusion-depth", type=int, default=100,
                    help="chunks per side fused (HybridIndex.search's default depth)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--out", type=Path, default=None, help="write all rows as JSON")
    a = ap.parse_args(argv)
    if a.split == "test":
        print("tune: refusing to tune on the test split", file=sys.stderr)
        return 1
    qrels = read_qrels(a.dir / "qrels" / f"{a.split}.tsv")
    all_q = read_beir_queries(a.dir / "queries.jsonl")
    queries = {q: all_q[q] for q in qrels if q in all_q}
    with progress_bar() as progress:
        # whoosh: its searcher takes k1/b per query (tantivy's are compiled in), see `collect`.
        index = HybridIndex.open(a.dir, progress=progress, keyword_engine="whoosh")
        # Keyed by the index generation: a rebuilt index (new code or data) is searched afresh.
        cache = (Path(platformdirs.user_cache_dir("qa-index")) / "benchmarks"
                 / f"tune-{a.dir.resolve().name}-{a.split}-d{a.depth}"
                   f"-{index.last_update.generation}.json")
        runs = collect(index, queries, a.depth, cache, progress)
    rows = grid(runs, qrels, list(queries), a.fusion_depth)
    rows.sort(key=lambda r: -r["nDCG@10"])
    print(f"{a.split}: {len(queries)} queries; {len(index.chunks)} chunks")
    singles = [r for r in rows if r["config"] != "hybrid"]
    for r in singles + rows[: a.top]:
        print(f"{r['nDCG@10']:.4f}  R@100 {r['R@100']:.4f}  RR@10 {r['RR@10']:.4f}  "
              f"{r['config']:<7} {r['bm25']:<36} {r['fusion']}")
    if a.out:
        a.out.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
