"""Fusing the keyword and dense rankings: reciprocal rank fusion and weighted score fusion.

`DEFAULT_FUSION` is what hybrid search uses (`fuse`); `MINMAX_FUSION` the default of the second
round (min-max 0.6, still the scale of `alpha` and of the QA layer's speaker questions);
`PREVIOUS_FUSION` the default before issue 12 (RRF k = 60).

Pure functions over rankings, i.e. ``[(key, score), ...]`` best first. Ties are broken
deterministically (see each function), so fused orders are reproducible.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "DEFAULT_FUSION",
    "MINMAX_FUSION",
    "PREVIOUS_FUSION",
    "RRF_K",
    "SCALES",
    "Fused",
    "Fusion",
    "fuse",
    "Ranking",
    "min_max",
    "reciprocal_rank_fusion",
    "scaler",
    "score_fusion",
    "weighted_fusion",
]

# The RRF constant of Cormack, Clarke and Buettcher (SIGIR 2009), whose paper fixed k = 60. On
# SciFact train (scripts/tune_scifact) k = 5 scored nDCG@10 0.726 against 0.716; 60 is kept as
# the published value that needs no tuning per corpus.
RRF_K = 60
Ranking = Sequence[tuple[str, float]]


@dataclass(frozen=True)
class Fused:
    """One fused item with its 1-based rank and score on each input ranking (None: absent)."""

    key: str
    score: float
    ranks: tuple[int | None, ...]
    scores: tuple[float | None, ...]


def _positions(rankings: Sequence[Ranking]) -> dict[str, list[tuple[int, float] | None]]:
    """key -> per ranking (rank, score) or None; a key repeated in one ranking keeps its best."""
    table: dict[str, list[tuple[int, float] | None]] = {}
    for i, ranking in enumerate(rankings):
        for rank, (key, score) in enumerate(ranking, 1):
            row = table.setdefault(key, [None] * len(rankings))
            if row[i] is None:
                row[i] = (rank, float(score))
    return table


def _fused(key: str, score: float, row: list[tuple[int, float] | None]) -> Fused:
    return Fused(
        key,
        score,
        tuple(p[0] if p else None for p in row),
        tuple(p[1] if p else None for p in row),
    )


def reciprocal_rank_fusion(rankings: Sequence[Ranking], k: int = RRF_K) -> list[Fused]:
    """RRF: score = sum over rankings of 1 / (k + rank). Only ranks matter, never scores.

    Ties: best single rank first, then the earlier ranking's rank, then the key.
    """
    table = _positions(rankings)
    out = [_fused(key, sum(1.0 / (k + p[0]) for p in row if p), row) for key, row in table.items()]
    inf = float("inf")

    def order(f: Fused) -> tuple[float | str, ...]:
        ranks = [r if r is not None else inf for r in f.ranks]
        return (-f.score, min(ranks), *ranks, f.key)

    return sorted(out, key=order)


def min_max(scores: Sequence[float]) -> list[float]:
    """Scale to [0, 1]; all-equal scores become 1 (they are all the best available)."""
    if not scores:
        return []
    lo, hi = min(scores), max(scores)
    if hi - lo <= 0:
        return [1.0] * len(scores)
    return [(s - lo) / (hi - lo) for s in scores]


def weighted_fusion(first: Ranking, second: Ranking, alpha: float) -> list[Fused]:
    """score = alpha * minmax(first) + (1 - alpha) * minmax(second); absent counts as 0.

    alpha=1 gives `first`'s order (then the items only `second` found), alpha=0 the
    reverse. Ties: rank in the heavier-weighted ranking, then the other, then the key.
    """
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    table = _positions([first, second])
    norm: list[dict[str, float]] = []
    for ranking in (first, second):
        seen: dict[str, float] = {}
        values = min_max([float(s) for _, s in ranking])
        for (key, _), value in zip(ranking, values, strict=True):
            seen.setdefault(key, value)
        norm.append(seen)
    out = [
        _fused(key, alpha * norm[0].get(key, 0.0) + (1 - alpha) * norm[1].get(key, 0.0), row)
        for key, row in table.items()
    ]
    inf = float("inf")
    lead = 0 if alpha >= 0.5 else 1

    def order(f: Fused) -> tuple[float, float, float, str]:
        ranks = [r if r is not None else inf for r in f.ranks]
        return (-f.score, ranks[lead], ranks[1 - lead], f.key)

    return sorted(out, key=order)


SCALES: tuple[str, ...] = ("minmax", "zscore", "dbsf", "raw")


def scaler(scores: Sequence[float], how: str) -> Callable[[float], float]:
    """A map of one ranking's raw scores onto a common scale, fitted on that ranking.

    ``minmax``: [lo, hi] -> [0, 1]. ``zscore``: (s - mean) / std. ``dbsf`` (distribution-based
    score fusion, as in Qdrant): [mean - 3 std, mean + 3 std] -> [0, 1], clipped. A ranking
    with no spread maps every score to 1 (all are the best available). ``raw``: the score as it
    is (for scores already on a fixed scale, such as cosine similarity).
    """
    if how not in SCALES:
        raise ValueError(f"unknown scale {how!r}; use one of {', '.join(SCALES)}")
    vals = [float(s) for s in scores]
    if how == "raw":
        return lambda s: s
    if not vals:
        return lambda s: 0.0
    if how == "minmax":
        lo, hi = min(vals), max(vals)
        return (lambda s: 1.0) if hi - lo <= 0 else (lambda s: (s - lo) / (hi - lo))
    mean = sum(vals) / len(vals)
    std = math.sqrt(sum((v - mean) ** 2 for v in vals) / len(vals))
    if std <= 0:
        return lambda s: 1.0
    if how == "zscore":
        return lambda s: (s - mean) / std
    lo, width = mean - 3 * std, 6 * std
    return lambda s: min(1.0, max(0.0, (s - lo) / width))


def score_fusion(
    rankings: Sequence[Ranking],
    weights: Sequence[float],
    how: str | Sequence[str] = "minmax",
    fill: Sequence[Mapping[str, float] | None] | None = None,
    limit: int | None = None,
) -> list[Fused]:
    """score = sum_i weights[i] * scale_i(score_i): scores put on one scale, then weighed.

    Each ranking's scale is fitted on its own scores (`scaler`); `how` names one scale for all
    rankings or one per ranking. An item a ranking lacks takes
    its true score from ``fill[i]`` when given (e.g. the cosine of a BM25-only candidate, which
    the index can compute), else that ranking's lowest scaled value. Ties: rank in the
    heaviest-weighted ranking, then the other rankings in order, then the key. `limit`: only
    the first `limit` items are returned (the same as slicing the whole list, made for fewer).
    """
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    table = _positions(rankings)
    fills = list(fill) if fill is not None else [None] * len(rankings)
    hows = [how] * len(rankings) if isinstance(how, str) else list(how)
    if len(hows) != len(rankings):
        raise ValueError("one scale per ranking")
    scale = [scaler([s for _, s in r], h) for r, h in zip(rankings, hows, strict=True)]
    floor = [min((f(s) for _, s in r), default=0.0) for f, r in zip(scale, rankings, strict=True)]
    out: list[tuple[str, float, list[tuple[int, float] | None]]] = []
    for key, row in table.items():
        total = 0.0
        for i, p in enumerate(row):
            if p is not None:
                v = scale[i](p[1])
            elif fills[i] is not None and key in fills[i]:  # type: ignore[operator]
                v = scale[i](fills[i][key])  # type: ignore[index]
            else:
                v = floor[i]
            total += weights[i] * v
        out.append((key, total, row))
    lead = max(range(len(weights)), key=lambda i: (weights[i], -i)) if weights else 0
    inf = float("inf")

    def order(item: tuple[str, float, list[tuple[int, float] | None]]) -> tuple[float | str, ...]:
        key, total, row = item
        ranks = [p[0] if p else inf for p in row]
        return (-total, ranks[lead] if ranks else 0, *ranks, key)

    # Keys are distinct, so the order is total: the `limit` smallest are the sorted list's head.
    best = sorted(out, key=order) if limit is None else heapq.nsmallest(limit, out, key=order)
    return [_fused(key, total, row) for key, total, row in best]


@dataclass(frozen=True)
class Fusion:
    """How hybrid search combines the BM25 and dense rankings (see `fuse`).

    ``rrf``: reciprocal rank fusion with constant `rrf_k`. ``scores``: `score_fusion` of the
    sides' scores on scale `scale` (the dense side on `dense_scale` when given, e.g. ``raw``
    cosines), BM25 weighted `bm25_weight` and dense ``1 - bm25_weight``; with `fill_cosine`, a
    candidate only BM25 found takes its true cosine on the dense side. With `evidence_depth`
    > 0, hybrid search re-orders a question's fused top `evidence_depth` by their answer
    evidence (`index.evidence`: best sentence weighted `sentence_weight`, word pairs
    `pair_weight`); a query that is not a question (`index.analysis.is_question`) is not.
    """

    method: str = "rrf"
    rrf_k: int = RRF_K
    bm25_weight: float = 0.5
    scale: str = "minmax"
    fill_cosine: bool = False
    dense_scale: str | None = None
    evidence_depth: int = 0
    sentence_weight: float = 0.0
    pair_weight: float = 0.0

    def __post_init__(self) -> None:
        if self.method not in ("rrf", "scores"):
            raise ValueError(f"unknown fusion method {self.method!r}; use rrf or scores")
        for scale in (self.scale, self.dense_scale or self.scale):
            if scale not in SCALES:
                raise ValueError(f"unknown scale {scale!r}; use one of {', '.join(SCALES)}")
        if not 0.0 <= self.bm25_weight <= 1.0:
            raise ValueError(f"bm25_weight must be between 0 and 1, got {self.bm25_weight}")
        if self.evidence_depth < 0 or self.sentence_weight < 0 or self.pair_weight < 0:
            raise ValueError("evidence depth and weights must not be negative")

    @property
    def label(self) -> str:
        """A short name for tables, e.g. ``rrf k=60`` or ``minmax+cos bm25=0.4``."""
        if self.method == "rrf":
            return f"rrf k={self.rrf_k}"
        fill = "+cos" if self.fill_cosine else ""
        dense = f"/{self.dense_scale}" if self.dense_scale else ""
        evidence = (f" +evidence {self.evidence_depth}:{self.sentence_weight:g}/"
                    f"{self.pair_weight:g}" if self.evidence_depth else "")
        return f"{self.scale}{dense}{fill} bm25={self.bm25_weight:g}{evidence}"


def fuse(
    bm25: Ranking,
    dense: Ranking,
    fusion: Fusion,
    cosine: Callable[[Sequence[str]], Mapping[str, float]] | None = None,
    limit: int | None = None,
) -> list[Fused]:
    """Fuse the two sides as `fusion` says; `cosine(keys)` gives true cosines for filling.
    `limit`: at most that many, best first (score fusion then builds no more)."""
    if fusion.method == "rrf":
        return reciprocal_rank_fusion([bm25, dense], k=fusion.rrf_k)
    fill: list[Mapping[str, float] | None] = [None, None]
    if fusion.fill_cosine and cosine is not None:
        dense_keys = {key for key, _ in dense}
        fill[1] = cosine([key for key, _ in bm25 if key not in dense_keys])
    w = fusion.bm25_weight
    scales = (fusion.scale, fusion.dense_scale or fusion.scale)
    return score_fusion([bm25, dense], [w, 1.0 - w], scales, fill, limit)


# The hybrid default before issue 12: RRF with the constant of Cormack et al. (2009).
PREVIOUS_FUSION = Fusion("rrf", rrf_k=RRF_K)
# MINMAX_FUSION, the hybrid default of rounds 1 and 2: min-max score fusion, BM25 weight 0.6.
# Chosen by scripts/compare_fusion.py
# (README, "Fusion"): each family's setting picked on the train splits by its worst gain over the
# better single side (SQuAD dev tune articles; SciFact train earlier, scripts/tune_scifact: 0.6
# best there too), then compared on held-out sets. On SQuAD held-out articles R@1 0.834 / R@5
# 0.959 (BM25 0.814 / 0.947; RRF k=60 0.779 / 0.944); seed dev set R@1 0.75 = BM25's (RRF 0.625).
# z-score at 0.6 was level on the worst case (the seeds bind both at +0) and 0.0006 ahead on
# train; min-max is kept because its scores are bounded (1.0 = best on both sides), which
# `Hit.score` shows users. The learned combinations were best on SQuAD but lost a seed question.
# Re-measured on the shipped engine (tantivy, new analyser; README "Fusion re-measured"): SQuAD
# held-out R@1 0.8336 / R@5 0.9590, still the best train worst gain of the rescaling fusions;
# BM25 min-max + raw cosine (dense_scale="raw", 0.3) was ahead on train and SQuAD but 0.08
# behind BM25's R@1 on the labelled BBC questions (min-max 0.6: 0.055 behind), so it stayed.
# Third round (README "Fusion, third round"): the QA layer gives speaker questions their own
# min-max weight (`qa.fusion_choice`), which removed the BBC loss, and SciFact was measured; on
# the int8 embedder's lists (scripts/compare_fusion.py question), both with that speaker rule,
# BM25 min-max + raw cosine (BM25 weight 0.3, BM25-only candidates given their true cosine,
# `DEFAULT_FUSION`; scores at most 1, about -0.7 at the least) tied min-max 0.6 on the worst
# tune gain (+0, the BBC dev R@1 equal to BM25's) and had the larger gains on every other tune
# cell (SciFact train nDCG@10 0.7341 vs 0.7321, SQuAD tune R@1 0.7804 vs 0.7765, R@5 0.9500 vs
# 0.9461), so it became the default. Held out: SQuAD R@1 0.8357, R@5 0.9611; SciFact test 0.7284.
MINMAX_FUSION = Fusion("scores", bm25_weight=0.6, scale="minmax")
# Fourth round (README "Fusion, fourth round: answer evidence"): the fused top 20 re-ordered by
# answer evidence (`index.evidence`), best sentence 0.3, word pairs 0.3. Chosen on the SQuAD tune
# sample of the even articles only (1,799 questions; /tmp replay of `fuse` + `index.evidence`
# over scripts/compare_fusion.py's cached lists): R@1 0.7799 -> 0.8199, R@5 0.9494 -> 0.9561;
# depth 10 gives the same R@1 and R@5 0.9544, depth 5 R@1 0.815 (no change past rank 5); the
# weight grid 0.2-0.5 x 0-0.4 is a plateau at R@1 0.81-0.82. Questions only: on SciFact train
# (claims, never questions) the evidence lowered hybrid nDCG@10 0.7321 -> 0.7300 through the
# engine; gating by `is_question` changes nothing on the SQuAD tune sample.
DEFAULT_FUSION = Fusion("scores", bm25_weight=0.3, scale="minmax", fill_cosine=True,
                        dense_scale="raw", evidence_depth=20, sentence_weight=0.3,
                        pair_weight=0.3)
