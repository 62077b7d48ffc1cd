"""Scoring retrieval runs: documents ranked from chunk hits, ir_measures metrics, results.

Metrics come from `ir_measures` (pytrec_eval), never computed by hand. A document is the
retrieval unit: the chunk hits of one document are merged by their best rank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import ir_measures
from ir_measures import Qrel, ScoredDoc

from index.search import MODES as ENGINE_MODES
from index.search import Mode

if TYPE_CHECKING:
    from index.search import Hit, HybridIndex

__all__ = [
    "BEIR_MEASURES",
    "MODES",
    "PREVIOUS_HYBRID",
    "SQUAD_MEASURES",
    "EvalError",
    "EvalResult",
    "ModeResult",
    "Progress",
    "answer_in_sentence",
    "compute_metrics",
    "doc_ranking",
    "resolve_modes",
    "run_queries",
    "search_options",
]

# The engine's modes in the order evaluations report them (alphabetical: bm25, dense, hybrid).
MODES: tuple[Mode, ...] = tuple(sorted(ENGINE_MODES))
# A row of ``--mode all`` beside the engine's modes: hybrid with the fusion that was the default
# before issue 12 (`index.fusion.PREVIOUS_FUSION`, RRF k=60), so tables show what changed.
PREVIOUS_HYBRID = "hybrid-rrf60"
BEIR_MEASURES: tuple[str, ...] = ("nDCG@10", "R@100", "RR@10")
SQUAD_MEASURES: tuple[str, ...] = ("R@1", "R@5", "R@20", "RR@10")

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called while indexing and while querying."""

class EvalError(ValueError):
    """Unusable evaluation input (missing folder/file, bad format, unknown mode)."""


@dataclass(frozen=True)
class ModeResult:
    """Metrics of one retrieval mode over one query set."""

    mode: str
    metrics: Mapping[str, float]
    queries: int
    seconds: float
    extra: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class EvalResult:
    """The outcome of one evaluation run: collection facts and per-mode metrics."""

    dataset: str
    split: str
    documents: int
    chunks: int
    queries: int
    index_seconds: float
    results: tuple[ModeResult, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)

    def metric(self, mode: str, name: str) -> float:
        """One metric of one mode, e.g. ``result.metric("hybrid", "nDCG@10")``."""
        for r in self.results:
            if r.mode == mode:
                return r.metrics[name]
        raise KeyError(mode)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (what ``qa eval --json`` prints)."""
        d = asdict(self)
        d["results"] = {r.mode: _mode_dict(r) for r in self.results}
        d["settings"] = dict(self.settings)
        return d


def _mode_dict(r: ModeResult) -> dict[str, Any]:
    out: dict[str, Any] = {k: round(v, 4) for k, v in r.metrics.items()}
    out.update({k: round(v, 4) for k, v in r.extra.items()})
    out["queries"] = r.queries
    out["seconds"] = round(r.seconds, 2)
    return out


def resolve_modes(mode: str) -> tuple[str, ...]:
    """``"all"`` → every mode and `PREVIOUS_HYBRID`; a single valid one → itself; else EvalError."""
    every = (*MODES, PREVIOUS_HYBRID)
    if mode == "all":
        return every
    if mode not in every:
        raise EvalError(f"unknown mode {mode!r}: use one of {', '.join(every)} or all")
    return (mode,)


def search_options(
    row: str, question: str | None = None, index: HybridIndex | None = None
) -> dict[str, Any]:
    """`HybridIndex.search` keyword arguments for an evaluation row (a mode or PREVIOUS_HYBRID).

    Given the question and its index, the hybrid row fuses as the QA layer does for that
    question (`qa.fusion_choice.fusion_for`), so evaluations score what users get.
    """
    from index.fusion import PREVIOUS_FUSION
    from qa.fusion_choice import fusion_for

    if row == PREVIOUS_HYBRID:
        return {"mode": "hybrid", "fusion": PREVIOUS_FUSION}
    if row == "hybrid" and question is not None and index is not None:
        return {"mode": row, "fusion": fusion_for(question, index.unknown_terms)}
    return {"mode": row}



def doc_ranking(hits: Sequence[Hit], limit: int | None = None) -> dict[str, float]:
    """Merge chunk hits into documents by their best rank: ``{record_id: score}``, best first.

    Scores are strictly decreasing in first-appearance order (``n, n-1, ...``), which equals
    max-score merging for hits sorted by score and avoids ties in the metric library.
    """
    order: list[str] = []
    seen: set[str] = set()
    for h in hits:
        rid = h.doc_id.split("#", 1)[1] if "#" in h.doc_id else h.doc_id
        if rid not in seen:
            seen.add(rid)
            order.append(rid)
            if limit is not None and len(order) >= limit:
                break
    n = len(order)
    return {rid: float(n - i) for i, rid in enumerate(order)}


def compute_metrics(
    qrels: Mapping[str, Mapping[str, int]],
    run: Mapping[str, Mapping[str, float]],
    measures: Sequence[str] = BEIR_MEASURES,
) -> dict[str, float]:
    """Mean of each measure over every judged query (a query missing from `run` scores 0)."""
    parsed = [ir_measures.parse_measure(m) for m in measures]
    qrel_list = [Qrel(q, d, r) for q, docs in qrels.items() for d, r in docs.items()]
    run_list = [
        ScoredDoc(q, d, s) for q, docs in run.items() if q in qrels for d, s in docs.items()
    ]
    sums = dict.fromkeys(measures, 0.0)
    names = {str(p): m for p, m in zip(parsed, measures, strict=True)}
    for metric in ir_measures.iter_calc(parsed, qrel_list, run_list):
        sums[names[str(metric.measure)]] += metric.value
    n = len(qrels)
    return {m: sums[m] / n for m in measures}


def run_queries(
    search: Callable[[str], Sequence[Hit]],
    queries: Mapping[str, str],
    *,
    docs: int = 100,
    progress: Progress | None = None,
    stage: str = "querying",
) -> dict[str, dict[str, float]]:
    """Run every query; ``{query_id: {record_id: score}}`` with at most `docs` documents each.

    A query the engine rejects (e.g. nothing searchable in it) gets an empty ranking (scores 0).
    """
    from index.search import QueryError

    run: dict[str, dict[str, float]] = {}
    total = len(queries)
    for i, (qid, text) in enumerate(queries.items(), 1):
        try:
            run[qid] = doc_ranking(search(text), docs)
        except QueryError:
            run[qid] = {}
        if progress:
            progress(stage, i, total)
    return run


def answer_in_sentence(sentence: tuple[int, int], answers: Iterable[tuple[int, str]]) -> bool:
    """True when one gold answer span lies inside the sentence's [start, end)."""
    s, e = sentence
    return any(s <= a and a + len(t) <= e for a, t in answers)
