"""Passage relevance on the labelled BBC questions: a passage holding a gold statement's start."""

from __future__ import annotations

from pathlib import Path

from qa.evaluation import (
    GoldSpan,
    PassageQuery,
    holds_gold,
    load_questions,
    load_statements,
    passage_queries,
    recall_at,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "statements"


def test_a_passage_holds_a_statement_that_starts_inside_it():
    gold = (GoldSpan(path="tech/001.txt", start=120),)
    assert holds_gold("tech/001.txt", 100, 200, gold)
    assert not holds_gold("tech/001.txt", 120 + 80, 300, gold)
    assert not holds_gold("tech/001.txt", 0, 120, gold)  # ends where the statement starts
    assert not holds_gold("tech/002.txt", 100, 200, gold)


def test_recall_counts_questions_with_a_gold_passage_in_the_first_k():
    qs = [PassageQuery(qid="b000", question="q", gold=(GoldSpan(path="a.txt", start=5),)),
          PassageQuery(qid="b001", question="r", gold=(GoldSpan(path="b.txt", start=50),))]
    ranked = {"b000": [("x.txt", 0, 9), ("a.txt", 0, 10)], "b001": [("b.txt", 40, 60)]}
    assert recall_at(ranked, qs, 1) == 0.5
    assert recall_at(ranked, qs, 2) == 1.0
    assert recall_at({}, qs, 5) == 0.0


def test_the_labelled_questions_with_gold_become_passage_queries():
    labels = {lab.id: lab for lab in load_statements(DATA / "statements.jsonl")}
    questions = load_questions(DATA / "questions.jsonl")
    queries = passage_queries(questions, labels)
    assert len(queries) == sum(1 for q in questions if q.gold) == 73
    first = next(q for q in questions if q.gold)
    assert queries[0].question == first.question
    assert {(g.path, g.start) for g in queries[0].gold} == {
        (labels[g].path, labels[g].start) for g in first.gold}
