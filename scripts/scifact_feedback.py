"""SciFact: does pseudo-relevance feedback or another document representation lift the hybrid?

Replays the engine's hybrid (`index.fusion.fuse` with `DEFAULT_FUSION`, each side's top
`FUSION_DEPTH` chunks, true cosines filled in, documents scored by their best chunk) from one
index of SciFact, exact float32 cosines over the stored vectors, and scores nDCG@10 on train
(settings are picked there) and test (reported only). Variants, each a grid:

- ``rocchio``: dense-side feedback, q' = q + beta * mean(vectors of the first pass's top-k
  documents' best chunks), re-scored with one matrix product, then fused again;
- ``rm3``: keyword-side feedback, the top-k documents' term distribution (top m terms) mixed
  with the query's terms at weight lambda, searched as one weighted BM25 query;
- ``docs``: the dense side scored from a whole-document vector (title + abstract embedded as
  one text, truncated at the model's 256 word pieces) or the mean of a document's chunk
  vectors, alone or mixed with the chunk's own cosine.

    PYTHONPATH=$PWD .venv/bin/python scripts/scifact_feedback.py --index-dir DIR \
        [--cache DIR] [--only rocchio,rm3,docs] [--windows-index DIR2]

- ``--windows-index DIR2``: an index of the same corpus chunked at 100 words (built once by
  ``--build-windows DIR2``); each chunk's cosine becomes the best cosine of the windows that
  start inside it (the chunk's text seen in pieces within the model's trained length), the
  keyword side unchanged.

DIR is an index of ../shared/benchmarks/scifact (built if missing). Query vectors, BM25 lists
and document vectors are cached in --cache (default /tmp/qa-scifact-feedback).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SCIFACT = ROOT.parent / "shared" / "benchmarks" / "scifact"
sys.path.insert(0, str(ROOT))

from index.fusion import DEFAULT_FUSION, Fused, fuse  # noqa: E402
from index.keyword import query_terms, tokenize  # noqa: E402
from index.search import FUSION_DEPTH, HybridIndex  # noqa: E402
from qa.evaluation import compute_metrics, load_beir  # noqa: E402

BM25_CACHED = 1000  # BM25 list depth cached per query (fills need only the top FUSION_DEPTH)
ROCCHIO_K = (1, 2, 3, 5, 10)
ROCCHIO_BETA = (0.25, 0.5, 1.0, 2.0)
RM3_GRID = list(itertools.product((3, 10), (10, 30), (0.5, 0.8)))  # (docs, terms, lambda)
MIX = (0.25, 0.5, 0.75)


def doc_of(chunk_id: str) -> str:
    """The BEIR record id of a chunk id ``corpus.jsonl#<_id>@<start>``."""
    return chunk_id.split("#", 1)[1].rsplit("@", 1)[0]


def run_of(keys: Sequence[str], n: int = 100) -> dict[str, float]:
    """Chunk keys best first -> ``{doc: score}`` of the first `n` distinct documents."""
    order: dict[str, None] = {}
    for k in keys:
        order.setdefault(doc_of(k), None)
        if len(order) == n:
            break
    return {d: float(n - i) for i, d in enumerate(order)}


class Replay:
    """Everything one SciFact index needs for offline replays: vectors, lists, qrels."""

    def __init__(self, index: HybridIndex, cache: Path) -> None:
        self.index = index
        self.V = np.asarray(index.vectors(), dtype=np.float32)
        self.ids = [index.chunks.chunk_id(i) for i in range(len(index.chunks))]
        self.row = {c: i for i, c in enumerate(self.ids)}
        self.splits = {s: load_beir(SCIFACT, s) for s in ("train", "test")}
        self.text = {q: t for s in self.splits.values() for q, t in s[0].items()}
        qids = list(self.text)
        self.qrow = {q: i for i, q in enumerate(qids)}
        tag = index.generation
        cache.mkdir(parents=True, exist_ok=True)
        qpath, bpath = cache / f"queries-{tag}.npy", cache / f"bm25-{tag}.json"
        if not qpath.is_file():
            np.save(qpath, index.embed([self.text[q][:4000] for q in qids]))
        if not bpath.is_file():
            bpath.write_text(json.dumps(
                {q: index.backend.keyword(query_terms(self.text[q]), BM25_CACHED) for q in qids}))
        self.Q = np.load(qpath)
        self.bm25: dict[str, list[tuple[str, float]]] = {
            q: [(k, s) for k, s in v] for q, v in json.loads(bpath.read_text()).items()}
        self._tf: dict[str, Counter[str]] = {}
        self._first: dict[str, list[str]] = {}  # the default hybrid per query (first pass)

    def top(self, scores: np.ndarray, n: int = FUSION_DEPTH) -> list[tuple[str, float]]:
        idx = np.argpartition(-scores, n)[:n]
        idx = idx[np.lexsort((idx, -scores[idx]))]
        return [(self.ids[i], float(scores[i])) for i in idx]

    def fused(self, bm25: Sequence[tuple[str, float]], cos: np.ndarray) -> list[Fused]:
        """The engine's default fusion of a BM25 list and chunk cosines."""
        return fuse(bm25[:FUSION_DEPTH], self.top(cos), DEFAULT_FUSION,
                    cosine=lambda keys: {k: float(cos[self.row[k]]) for k in keys})

    def ndcg(self, split: str, ranked: Callable[[str], Sequence[str]]) -> float:
        queries, qrels = self.splits[split]
        return compute_metrics(qrels, {q: run_of(ranked(q)) for q in queries},
                               ("nDCG@10",))["nDCG@10"]

    def cos(self, q: str) -> np.ndarray:
        return np.asarray(self.V @ self.Q[self.qrow[q]])

    def hybrid(self, q: str) -> list[str]:
        if q not in self._first:
            self._first[q] = [f.key for f in self.fused(self.bm25[q], self.cos(q))]
        return self._first[q]

    def feedback_chunks(self, q: str, k: int) -> list[str]:
        """The best chunk of each of the first pass's (default hybrid) top-k documents."""
        out: dict[str, str] = {}
        for key in self.hybrid(q):
            out.setdefault(doc_of(key), key)
            if len(out) == k:
                break
        return list(out.values())

    def rocchio(self, q: str, k: int, beta: float) -> list[str]:
        fb = self.V[[self.row[c] for c in self.feedback_chunks(q, k)]].mean(axis=0)
        q2 = self.Q[self.qrow[q]] + beta * fb
        cos = np.asarray(self.V @ (q2 / np.linalg.norm(q2)))
        return [f.key for f in self.fused(self.bm25[q], cos)]

    def rm3(self, q: str, k: int, m: int, lam: float) -> list[str]:
        terms = query_terms(self.text[q])
        rel: Counter[str] = Counter()
        fb = self.feedback_chunks(q, k)
        for c in fb:
            tf = self._tf.setdefault(c, Counter(tokenize(self.index.chunk(c).text)))
            n = sum(tf.values()) or 1
            for t, x in tf.items():
                rel[t] += x / n / len(fb)
        expansion = dict(rel.most_common(m))
        z = sum(expansion.values()) or 1.0
        weights = {t: lam / len(terms) for t in terms}
        for t, v in expansion.items():
            weights[t] = weights.get(t, 0.0) + (1 - lam) * v / z
        return [f.key for f in self.fused(weighted_bm25(self.index, weights), self.cos(q))]


def weighted_bm25(index: HybridIndex, weights: dict[str, float]) -> list[tuple[str, float]]:
    """BM25 top `FUSION_DEPTH` for a weighted OR of analysed terms (tantivy, field boosts)."""
    import tantivy

    kw: Any = index._gen.keyword()  # experiment only: the engine's searcher takes no weights
    schema, s = kw._ix.schema, kw.searcher()
    clauses = [
        (tantivy.Occur.Should, tantivy.Query.boost_query(
            tantivy.Query.term_query(schema, field, term, index_option="freq"), fw * w))
        for term, w in weights.items() for field, fw in kw.weights.items() if fw > 0]
    hits = s.search(tantivy.Query.boolean_query(clauses), limit=FUSION_DEPTH, count=False).hits
    return [(s.doc(a)["chunk_id"][0], float(score)) for score, a in hits]


def grid(r: Replay, name: str, settings: Sequence[tuple[Any, ...]],
         ranked: Callable[..., list[str]]) -> list[tuple[str, float, float]]:
    """Every setting on train; the best one also on test (the only test figure printed)."""
    train = {s: r.ndcg("train", lambda q, s=s: ranked(q, *s)) for s in settings}
    for s, v in train.items():
        print(f"  {name} {s}: train {v:.4f}", flush=True)
    best = max(train, key=lambda s: train[s])
    return [(f"{name} {best} (best on train)", train[best],
             r.ndcg("test", lambda q: ranked(q, *best)))]


def doc_rows(r: Replay, cache: Path) -> list[tuple[str, float, float]]:
    """Dense side from document vectors: the whole record embedded, or its chunks' mean."""
    records = [json.loads(line) for line in (SCIFACT / "corpus.jsonl").open(encoding="utf-8")]
    path = cache / f"records-{r.index.generation}.npy"
    if not path.is_file():
        np.save(path, r.index.embed([d["title"] + "\n" + d["text"] for d in records]))
    whole = np.load(path)
    drow = {d["_id"]: i for i, d in enumerate(records)}
    cdoc = np.array([drow[doc_of(c)] for c in r.ids])
    mean = np.zeros_like(whole)
    np.add.at(mean, cdoc, r.V)
    mean /= np.linalg.norm(mean, axis=1, keepdims=True)
    variants: dict[str, Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]] = {
        "record vector": lambda c, w, m: w,
        "chunks' mean vector": lambda c, w, m: m,
        "max(chunk, record)": np.maximum,  # type: ignore[dict-item]
    }
    for g in MIX:
        variants[f"chunk + {g} record"] = lambda c, w, m, g=g: (1 - g) * c + g * w
        variants[f"chunk + {g} chunks' mean"] = lambda c, w, m, g=g: (1 - g) * c + g * m
    rows = []
    for name, f in variants.items():
        def cos(q: str, f: Any = f) -> np.ndarray:
            qv = r.Q[r.qrow[q]]
            return np.asarray(f(r.cos(q), (whole @ qv)[cdoc], (mean @ qv)[cdoc]))

        def dense(q: str, cos: Any = cos) -> list[str]:
            return [k for k, _ in r.top(cos(q), 3 * FUSION_DEPTH)]

        def hybrid(q: str, cos: Any = cos) -> list[str]:
            return [f.key for f in r.fused(r.bm25[q], cos(q))]
        for side, ranked in (("dense", dense), ("hybrid", hybrid)):
            rows.append((f"{side}: {name}", r.ndcg("train", ranked), r.ndcg("test", ranked)))
            print(f"  {rows[-1][0]}: train {rows[-1][1]:.4f} test {rows[-1][2]:.4f}", flush=True)
    return rows


def window_rows(r: Replay, windows: HybridIndex) -> list[tuple[str, float, float]]:
    """Dense side: a chunk's cosine is the best of its windows' (windows from `windows`)."""
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for i in range(len(r.ids)):
        doc, _h, _p, start, end = r.index._gen.rows.location(i)
        spans.setdefault(doc, []).append((start, end, i))
    owner = np.zeros(len(windows.chunks), dtype=np.int64)
    for j in range(len(windows.chunks)):
        doc, _h, _p, start, _e = windows._gen.rows.location(j)
        owner[j] = min(spans[doc], key=lambda s: (not s[0] <= start < s[1], abs(s[0] - start)))[2]
    W = np.asarray(windows.vectors(), dtype=np.float32)

    def cos(q: str) -> np.ndarray:
        out = np.full(len(r.ids), -1.0, dtype=np.float32)
        np.maximum.at(out, owner, W @ r.Q[r.qrow[q]])
        return out

    def dense(q: str) -> list[str]:
        return [k for k, _ in r.top(cos(q), 3 * FUSION_DEPTH)]

    def hybrid(q: str) -> list[str]:
        return [f.key for f in r.fused(r.bm25[q], cos(q))]
    return [(f"{side}: best window of {len(windows.chunks)} (100 words)",
             r.ndcg("train", ranked), r.ndcg("test", ranked))
            for side, ranked in (("dense", dense), ("hybrid", hybrid))]


def build_windows(directory: Path, max_words: int = 100) -> None:
    """Index SciFact with chunks of at most `max_words` words (experiment only: the store's
    chunker is swapped in this process)."""
    import index.store
    from index.chunking import chunk_document

    index.store.chunk_document = lambda d: chunk_document(d, max_words=max_words)  # type: ignore
    HybridIndex.open(SCIFACT, directory).close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/qa-scifact-feedback"))
    ap.add_argument("--only", default="rocchio,rm3,docs")
    ap.add_argument("--windows-index", type=Path, default=None)
    ap.add_argument("--build-windows", type=Path, default=None, help="build DIR2 and stop")
    a = ap.parse_args(argv)
    if a.build_windows:
        build_windows(a.build_windows)
        return 0
    only = set(a.only.split(","))
    r = Replay(HybridIndex.open(SCIFACT, a.index_dir), a.cache)
    rows = [
        ("bm25", r.ndcg("train", lambda q: [k for k, _ in r.bm25[q]]),
         r.ndcg("test", lambda q: [k for k, _ in r.bm25[q]])),
        ("dense", r.ndcg("train", lambda q: [k for k, _ in r.top(r.cos(q), 300)]),
         r.ndcg("test", lambda q: [k for k, _ in r.top(r.cos(q), 300)])),
        ("hybrid (default fusion)", r.ndcg("train", r.hybrid), r.ndcg("test", r.hybrid)),
    ]
    if "rocchio" in only:
        rows += grid(r, "rocchio (k, beta)", list(itertools.product(ROCCHIO_K, ROCCHIO_BETA)),
                     r.rocchio)
    if "rm3" in only:
        rows += grid(r, "rm3 (k, terms, lambda)", RM3_GRID, r.rm3)
    if "docs" in only:
        rows += doc_rows(r, a.cache)
    if a.windows_index:
        rows += window_rows(r, HybridIndex.open(SCIFACT, a.windows_index))
    print(f"\n{len(r.ids)} chunks\n| variant | train nDCG@10 | test nDCG@10 |\n|---|---|---|")
    for name, train, test in rows:
        print(f"| {name} | {train:.4f} | {test:.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
