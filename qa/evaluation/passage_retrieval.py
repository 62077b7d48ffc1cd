"""Passage retrieval on the labelled BBC questions: is the passage holding a gold statement found?

The labelled speaker questions (tests/data/statements) name every statement that answers them,
with exact offsets. A retrieved passage (chunk) is relevant when a gold statement starts inside
it; Recall@k is the share of questions with a relevant passage among the first k. Questions
without gold statements (absent topic or person) are left out: nothing there is relevant.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa.evaluation.statement_set import LabelledStatement, SpeakerQuestion

__all__ = [
    "GoldSpan",
    "PassageQuery",
    "holds_gold",
    "load_passage_set",
    "passage_queries",
    "recall_at",
]


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


def load_passage_set(folder: Path) -> tuple[list[PassageQuery], list[str]]:
    """A labelled passage set (tests/data/retrieval_heldout: ``questions.jsonl`` with gold ids
    into ``gold.jsonl``, and ``articles.txt``): its queries (ids ``h000``… by file order) and
    the articles it was written on. Gold spans are file offsets, as in the statement set."""
    rows = [json.loads(line) for line in
            (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    spans = {r["id"]: GoldSpan(path=r["path"], start=int(r["start"])) for r in rows}
    lines = (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    queries = [
        PassageQuery(qid=f"h{i:03d}", question=q["question"],
                     gold=tuple(spans[g] for g in q["gold"]))
        for i, q in enumerate(json.loads(line) for line in lines if line.strip())
    ]
    articles = (folder / "articles.txt").read_text(encoding="utf-8").split()
    return queries, articles


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
