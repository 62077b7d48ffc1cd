"""Passage relevance on the labelled BBC questions: a passage holding a gold statement's start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.evaluation import (
    GoldSpan,
    PassageQuery,
    holds_gold,
    load_passage_set,
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


HELDOUT = Path(__file__).resolve().parents[2] / "data" / "retrieval_heldout"
BBC_FULL = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "bbc-full"
DEV_LIST = BBC_FULL.parent.parent / "eval" / "bbc_dev_articles.txt"


def test_the_held_out_set_loads_with_gold_in_its_own_articles_only():
    queries, articles = load_passage_set(HELDOUT)
    assert len(queries) == 32 and len(set(articles)) == len(articles) == 30
    assert all(q.gold for q in queries)
    assert {g.path for q in queries for g in q.gold} <= set(articles)
    assert queries[0].qid == "h000"


def test_the_held_out_gold_spans_are_the_files_text_and_outside_the_dev_articles():
    if not BBC_FULL.is_dir():
        pytest.skip("../shared/corpora/bbc-full is not there")
    _, articles = load_passage_set(HELDOUT)
    assert not set(articles) & set(DEV_LIST.read_text(encoding="utf-8").split())
    for line in (HELDOUT / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        with open(BBC_FULL / g["path"], encoding="utf-8", newline="") as f:
            assert f.read()[g["start"]:g["end"]] == g["text"]
