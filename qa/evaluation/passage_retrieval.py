"""Passage retrieval on the labelled BBC questions: is the passage holding a gold statement found?

The labelled speaker questions (tests/data/statements) name every statement that answers them,
with exact offsets. A retrieved passage (chunk) is relevant when a gold statement starts inside
it; Recall@k is the share of questions with a relevant passage among the first k. Questions
without gold statements (absent topic or person) are left out: nothing there is relevant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa.evaluation.statement_set import LabelledStatement, SpeakerQuestion

__all__ = ["GoldSpan", "PassageQuery", "holds_gold", "passage_queries", "recall_at"]


@dataclass(frozen=True, kw_only=True)
class GoldSpan:
    """Where a gold statement starts: the file (relative to the corpus) and character offset."""

    path: str
    start: int


@dataclass(frozen=True, kw_only=True)
class PassageQuery:
    """A labelled question and the statements whose passages answer it."""

    qid: str
    question: str
    gold: tuple[GoldSpan, ...]


def passage_queries(
    questions: Sequence[SpeakerQuestion], labels: Mapping[str, LabelledStatement]
) -> list[PassageQuery]:
    """One query per labelled question with gold statements (ids ``b000``… by file order)."""
    out = []
    for i, q in enumerate(questions):
        if q.gold:
            gold = tuple(GoldSpan(path=labels[g].path, start=labels[g].start) for g in q.gold)
            out.append(PassageQuery(qid=f"b{i:03d}", question=q.question, gold=gold))
    return out


def holds_gold(path: str, start: int, end: int, gold: Sequence[GoldSpan]) -> bool:
    """Whether the passage ``path[start:end]`` holds the start of a gold statement."""
    return any(g.path == path and start <= g.start < end for g in gold)


def recall_at(
    ranked: Mapping[str, Sequence[tuple[str, int, int]]], queries: Sequence[PassageQuery], k: int
) -> float:
    """Share of `queries` with a gold-holding passage among the first `k` of ``ranked[qid]``
    (passages as ``(path, start, end)``); a query missing from `ranked` counts as a miss."""
    if not queries:
        return 0.0
    found = sum(
        any(holds_gold(p, s, e, q.gold) for p, s, e in ranked.get(q.qid, ())[:k])
        for q in queries
    )
    return found / len(queries)
