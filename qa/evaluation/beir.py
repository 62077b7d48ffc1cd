"""Retrieval quality on a BEIR folder (e.g. SciFact): readers and the evaluation driver.

Query ``metadata`` is never read (in SciFact it leaks evidence ids).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.fusion import DEFAULT_FUSION
from qa.evaluation.metrics import (
    BEIR_MEASURES,
    EvalError,
    EvalResult,
    ModeResult,
    Progress,
    compute_metrics,
    resolve_modes,
    run_queries,
    search_options,
)

if TYPE_CHECKING:
    from index.search import Hit, HybridIndex

__all__ = ["evaluate_beir", "load_beir", "open_index", "chunks_needed", "read_beir_queries",
           "read_qrels"]


def read_beir_queries(path: Path) -> dict[str, str]:
    """``{query_id: text}`` from a BEIR ``queries.jsonl``; ``metadata`` is deliberately dropped."""
    if not path.is_file():
        raise EvalError(f"{path}: no such file (a BEIR folder needs queries.jsonl)")
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                qid, text = str(rec["_id"]), rec["text"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise EvalError(f"{path}:{lineno}: not a BEIR query (needs _id and text)") from None
            if not isinstance(text, str):
                raise EvalError(f"{path}:{lineno}: query text is not a string")
            out[qid] = text
    return out


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """``{query_id: {doc_id: relevance}}`` from a BEIR qrels TSV (header line, CRLF tolerated)."""
    if not path.is_file():
        raise EvalError(f"{path}: no such file (a BEIR folder needs qrels/<split>.tsv)")
    out: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) == 4:  # TREC style: qid 0 docid rel
                cols = [cols[0], cols[2], cols[3]]
            if len(cols) != 3:
                raise EvalError(f"{path}:{lineno}: expected query-id, corpus-id, score")
            qid, did, score = (c.strip() for c in cols)
            try:
                rel = int(score)
            except ValueError:
                if lineno == 1:  # the header line
                    continue
                raise EvalError(f"{path}:{lineno}: score {score!r} is not an integer") from None
            out.setdefault(qid, {})[did] = rel
    if not out:
        raise EvalError(f"{path}: no relevance judgements")
    return out



def chunks_needed(index: HybridIndex, docs: int) -> int:
    """How many chunk hits to ask for so that ~`docs` distinct documents come back (the 1.5 and
    20 of slack are hand-set, not calibrated)."""
    per_doc = len(index.chunks) / max(1, len(index.documents))
    return max(docs, min(len(index.chunks), int(docs * per_doc * 1.5) + 20))


def open_index(
    corpus: Path, index_dir: str | Path | None, embedder: Any, progress: Progress | None
) -> tuple[HybridIndex, float]:
    """Open (build or update) the index of an evaluation corpus: (index, seconds it took)."""
    from index.search import HybridIndex

    t0 = time.perf_counter()
    index = HybridIndex.open(corpus, Path(index_dir) if index_dir is not None else None,
                             embedder=embedder, progress=progress)
    return index, time.perf_counter() - t0


def load_beir(folder: str | Path, split: str) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
    """Check a BEIR folder and read the judged queries of `split`: (queries, qrels)."""
    root = Path(folder)
    if not root.is_dir():
        raise EvalError(f"{root}: not a folder")
    if not (root / "corpus.jsonl").is_file():
        raise EvalError(f"{root}: no corpus.jsonl (not a BEIR folder)")
    qrels = read_qrels(root / "qrels" / f"{split}.tsv")
    all_queries = read_beir_queries(root / "queries.jsonl")
    queries = {q: all_queries[q] for q in qrels if q in all_queries}
    if not queries:
        raise EvalError(f"{root}: no query of qrels/{split}.tsv is in queries.jsonl")
    return queries, {q: qrels[q] for q in queries}


def evaluate_beir(
    folder: str | Path,
    mode: str = "hybrid",
    split: str = "test",
    *,
    index_dir: str | Path | None = None,
    embedder: Any = None,
    progress: Progress | None = None,
    alpha: float | None = None,
    limit: int | None = None,
) -> EvalResult:
    """Evaluate a BEIR folder (corpus.jsonl, queries.jsonl, qrels/<split>.tsv).

    Only queries judged in the split are run (``limit`` keeps the first N of them).
    Metrics: nDCG@10, R@100, RR@10 (MRR@10) per mode. Hybrid nDCG@10/MRR@10 come from a search
    at the engine's default fusion depth (what users get); R@100 from a deeper search.
    """
    root = Path(folder)
    modes = resolve_modes(mode)
    queries, qrels = load_beir(root, split)
    if limit:
        queries = dict(list(queries.items())[:limit])
    qrels = {q: qrels[q] for q in queries}
    index, index_seconds = open_index(root, index_dir, embedder, progress)
    deep = chunks_needed(index, 100)
    top = chunks_needed(index, 10)
    results = []
    for m in modes:
        t0 = time.perf_counter()

        def search_deep(text: str, m: str = m) -> Sequence[Hit]:
            return index.search(text, k=deep, alpha=alpha, depth=deep,
                                **search_options(m, text, index))

        def search_top(text: str, m: str = m) -> Sequence[Hit]:
            # the engine's own depth
            return index.search(text, k=top, alpha=alpha, **search_options(m, text, index))

        run = run_queries(search_deep, queries, docs=100, progress=progress,
                          stage=f"querying {m}")
        metrics = compute_metrics(qrels, run, ("R@100",))
        if m.startswith("hybrid"):  # fusion depends on depth: score the top as users get it
            run = run_queries(search_top, queries, docs=10, progress=progress,
                              stage=f"querying {m} top")
        metrics.update(compute_metrics(qrels, run, ("nDCG@10", "RR@10")))
        metrics = {name: metrics[name] for name in BEIR_MEASURES}
        results.append(ModeResult(m, metrics, len(queries), time.perf_counter() - t0))
    return EvalResult(
        dataset=root.resolve().name,
        split=split,
        documents=len(index.documents),
        chunks=len(index.chunks),
        queries=len(queries),
        index_seconds=index_seconds,
        results=tuple(results),
        settings={"alpha": alpha, "fusion": DEFAULT_FUSION.label, "top_chunks": top,
                  "deep_chunks": deep},
    )
