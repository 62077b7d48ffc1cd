"""Where a hybrid query's time goes: per-stage wall and main-thread CPU ms per query.

Opens an index built by `scripts/bench` (default: its 10k-chunk corpus and tantivy index) and
times the bench's SQuAD questions as the bench does (3 warm-ups, then each question once),
with a timer around each stage: query terms, tantivy search, question embedding (and the
wait for OpenVINO's result), the int8 first pass and exact re-scoring of the dense side, the
cosines filled in for BM25-only candidates, fusion, lazy document reads and `Hit`
construction. Main-thread CPU
(`time.thread_time`) leaves out the model's own threads and what other processes take, so it
compares code on a busy machine better than wall time does.

With `--trees A,B` each tree (a checkout of this repository) runs in its own child process
(PYTHONPATH set to it), alternating for `--rounds` rounds, so a before/after comparison shares
the same load; medians over rounds are printed side by side with the ratio B / A (first and
last tree). Trees that differ in the index's fingerprints (`index.fingerprints`) need an index
each (`--index-dirs`, one per tree, each built by its tree), else one rebuilds it for itself.

Usage: scripts/time_query_stages.py [--corpus DIR --index-dir DIR] [--queries 200]
       [--profile] [--trees /work/main,/work/wt/NAME --rounds 3 [--index-dirs D1,D2]
       [--same-hits 600]]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOP_K = 10  # as scripts/bench
STAGES = (
    "query terms", "tantivy search", "embed question", "  model wait + output",
    "dense side (backend)",
    "  int8 first pass", "  dense top_k (DenseIndex)", "fusion incl. fill", "  cosine fill",
    "Hit construction", "  lazy document reads",
)


def _default_work() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("qa-index")) / "bench"


def _questions(count: int) -> list[str]:
    """The bench's questions: the same sample of SQuAD dev as `scripts/bench` times."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import SQUAD, squad_sentences_and_questions

    _, questions = squad_sentences_and_questions(SQUAD)
    return random.Random(11).sample(questions, min(count, len(questions)))


def measure(corpus: Path, index_dir: Path, count: int, profile: bool) -> dict[str, Any]:
    """Per-stage totals over the questions, in ms per query (wall and main-thread CPU)."""
    import index.search as search_module
    from index.embedder import default_embedder
    from index.search import HybridIndex

    queries = _questions(count)
    ix = HybridIndex.open(corpus, index_dir, embedder=default_embedder())
    for q in queries[:3]:  # warm-up, as the bench: model load, first pass, caches
        for mode in ("hybrid", "bm25", "dense"):
            ix.search(q, k=TOP_K, mode=mode)  # type: ignore[arg-type]
    totals: dict[str, list[float]] = {}

    def timed(owner: Any, name: str, label: str) -> None:
        inner: Callable[..., Any] | None = getattr(owner, name, None)
        if inner is None:
            return

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t, c = time.perf_counter(), time.thread_time()
            try:
                return inner(*args, **kwargs)
            finally:
                cell = totals.setdefault(label, [0.0, 0.0])
                cell[0] += time.perf_counter() - t
                cell[1] += time.thread_time() - c

        setattr(owner, name, wrapper)

    gen = ix._gen
    timed(search_module, "query_terms", "query terms")
    timed(gen.keyword(), "search", "tantivy search")
    if ix.embedder.variant.startswith("openvino"):
        import index.openvino_embedder as openvino_module

        timed(openvino_module, "_result", "  model wait + output")
    timed(ix.embedder, "encode", "embed question")
    timed(gen.dense(), "approximate", "  int8 first pass")
    timed(gen.dense(), "top_k", "  dense top_k (DenseIndex)")
    timed(ix.backend, "dense", "dense side (backend)")
    timed(ix, "_cosines", "  cosine fill")
    timed(search_module, "fuse", "fusion incl. fill")
    timed(ix.documents, "_read", "  lazy document reads")
    timed(ix, "_hit", "Hit construction")
    wall, cpu = [], []
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    for q in queries:
        t, c = time.perf_counter(), time.thread_time()
        ix.search(q, k=TOP_K, mode="hybrid")
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.thread_time() - c) * 1000)
    out: dict[str, Any] = {
        "queries": len(queries),
        "total": [statistics.fmean(wall), statistics.fmean(cpu)],
        "p50": [statistics.median(wall), statistics.median(cpu)],
        "stages": {k: [v[0] * 1000 / len(queries), v[1] * 1000 / len(queries)]
                   for k, v in totals.items()},
        "load_avg": os.getloadavg()[0],
    }
    if prof is not None:
        import io
        import pstats

        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(30)
        out["profile"] = buf.getvalue()
    ix.close()
    return out


def hits_digest(corpus: Path, index_dir: Path, count: int) -> dict[str, Any]:
    """A sha1 of every field of every `Hit` for `count` SQuAD questions (another sample than
    the timed one) in each mode and under other fusion settings: equal digests, same hits.
    Scores are rounded to 12 decimals: their last bits vary between processes."""
    import dataclasses
    import hashlib

    from index.embedder import default_embedder
    from index.fusion import MINMAX_FUSION, PREVIOUS_FUSION, Fusion
    from index.search import HybridIndex

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import SQUAD, squad_sentences_and_questions

    _, questions = squad_sentences_and_questions(SQUAD)
    queries = random.Random(5).sample(questions, count) + ["the", "what did he say"]
    settings: list[dict[str, Any]] = [
        {"mode": "hybrid", "k": 10}, {"mode": "bm25", "k": 10}, {"mode": "dense", "k": 10},
        {"k": 5, "fusion": dataclasses.replace(MINMAX_FUSION, bm25_weight=0.9)},
        {"k": 10, "fusion": PREVIOUS_FUSION}, {"k": 7, "alpha": 0.5}, {"k": 30, "depth": 20},
        {"k": 3, "fusion": Fusion("scores", bm25_weight=0.4, scale="zscore", fill_cosine=True)},
    ]
    digest = hashlib.sha1()
    lists = 0
    with HybridIndex.open(corpus, index_dir, embedder=default_embedder()) as ix:
        for setting in settings:
            for q in queries:
                for h in ix.search(q, **setting):
                    fields = {name: round(v, 12) if isinstance(v, float) else v
                              for name, v in dataclasses.asdict(h).items()}
                    digest.update(repr(sorted(fields.items())).encode())
                lists += 1
    return {"digest": digest.hexdigest(), "lists": lists}


def _rows(result: dict[str, Any]) -> dict[str, list[float]]:
    rows = {"total (mean)": result["total"], "p50": result["p50"]}
    rows.update({k: result["stages"][k] for k in STAGES if k in result["stages"]})
    return rows


def _print_one(result: dict[str, Any]) -> None:
    print(f"{result['queries']} hybrid queries, load average {result['load_avg']:.1f}")
    print(f"{'stage (ms per query)':30s} {'wall':>8s} {'CPU':>8s}")
    for k, (w, c) in _rows(result).items():
        print(f"{k:30s} {w:8.3f} {c:8.3f}")
    if "profile" in result:
        print(result["profile"])


def _compare(trees: list[Path], args: argparse.Namespace) -> None:
    """Alternate child runs of each tree; print medians over rounds and the ratio."""
    runs: dict[Path, list[dict[str, Any]]] = {t: [] for t in trees}
    dirs = [Path(d) for d in args.index_dirs.split(",") if d] or [args.index_dir] * len(trees)
    if len(dirs) != len(trees):
        raise SystemExit("time_query_stages: give one --index-dirs entry per tree")
    if args.same_hits:
        digests: list[dict[str, Any]] = []  # one per tree and index (a tree may repeat)
        for tree, index_dir in zip(trees, dirs, strict=True):
            env = {**os.environ, "PYTHONPATH": str(tree)}
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--corpus",
                   str(args.corpus), "--index-dir", str(index_dir), "--same-hits",
                   str(args.same_hits)]
            done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True)
            if done.returncode:
                raise SystemExit(f"time_query_stages: {tree} failed:\n{done.stderr[-2000:]}")
            digests.append(json.loads(done.stdout.splitlines()[-1]))
            print(f"{tree} on {index_dir}: {digests[-1]['lists']} hit lists, "
                  f"sha1 {digests[-1]['digest']}")
        same = len({d["digest"] for d in digests}) == 1
        print("same hits in every tree" if same else "HITS DIFFER between trees")
        if not same:
            raise SystemExit(1)
    if args.rounds < 1:
        return
    for r in range(args.rounds):
        for tree, index_dir in zip(trees, dirs, strict=True):
            env = {**os.environ, "PYTHONPATH": str(tree)}
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--corpus",
                   str(args.corpus), "--index-dir", str(index_dir), "--queries",
                   str(args.queries)]
            done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True)
            if done.returncode:
                raise SystemExit(f"time_query_stages: {tree} failed:\n{done.stderr[-2000:]}")
            runs[tree].append(json.loads(done.stdout.splitlines()[-1]))
            print(f"round {r + 1}, {tree}: p50 {runs[tree][-1]['p50'][0]:.2f} ms",
                  file=sys.stderr)
    med = {t: {k: [statistics.median(_rows(x)[k][i] for x in rs) for i in (0, 1)]
               for k in _rows(rs[0])} for t, rs in runs.items()}
    a, b = trees[0], trees[-1]
    loads = [x["load_avg"] for rs in runs.values() for x in rs]
    print(f"median of {args.rounds} alternating rounds, {args.queries} queries each; "
          f"load average {min(loads):.1f}-{max(loads):.1f}")
    print(f"A = {a}\nB = {b}")
    print(f"{'stage (ms per query)':30s} {'A wall':>8s} {'B wall':>8s} {'B/A':>6s} "
          f"{'A CPU':>8s} {'B CPU':>8s} {'B/A':>6s}")
    for k in med[a]:
        (wa, ca), (wb, cb) = med[a][k], med[b].get(k, [float("nan")] * 2)
        print(f"{k:30s} {wa:8.3f} {wb:8.3f} {wb / wa if wa else 0:6.2f} "
              f"{ca:8.3f} {cb:8.3f} {cb / ca if ca else 0:6.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    work = _default_work()
    ap.add_argument("--corpus", type=Path, default=work / "corpus-10000")
    ap.add_argument("--index-dir", type=Path, default=work / "index-10000-tantivy")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--profile", action="store_true", help="also cProfile the timed queries")
    ap.add_argument("--trees", default="", help="comma-separated checkouts to compare")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--index-dirs", default="", help="with --trees: an index per tree")
    ap.add_argument("--same-hits", type=int, default=0, metavar="N",
                    help="first check that every tree returns the same hits (every field) for "
                         "N questions in 8 search settings")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"time_query_stages: no corpus at {args.corpus} (run scripts/bench --sizes 10000 "
              "--runs 1 first, or give --corpus/--index-dir)", file=sys.stderr)
        return 1
    if args.trees:
        _compare([Path(t).resolve() for t in args.trees.split(",") if t], args)
        return 0
    if args.same_hits:
        digest = hits_digest(args.corpus, args.index_dir, args.same_hits)
        print(json.dumps(digest) if args.child else digest)
        return 0
    result = measure(args.corpus, args.index_dir, args.queries, args.profile)
    if args.child:
        print(json.dumps(result))
    else:
        _print_one(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
