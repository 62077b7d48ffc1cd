"""Which fusion a question gets (qa.fusion_choice), and that the Retriever searches with it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.fusion import DEFAULT_FUSION, MINMAX_FUSION
from qa import Retriever
from qa.fusion_choice import SPEAKER_BM25_WEIGHT, UNKNOWN_NAME_BM25_WEIGHT, fusion_for

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def none_unknown(text: str) -> list[str]:
    return []


def all_unknown(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("question", [
    "What did Grushko say?", "what did sergei lavrov say about NATO?",
    "How did Lavrov react to the US reply?", "Stoltenberg's comments on Russia"])
def test_a_speaker_question_leans_on_bm25(question):
    assert fusion_for(question, none_unknown) == replace(
        MINMAX_FUSION, bm25_weight=SPEAKER_BM25_WEIGHT)
    assert MINMAX_FUSION.bm25_weight < SPEAKER_BM25_WEIGHT


def test_a_name_the_corpus_does_not_hold_keeps_more_of_the_dense_side():
    asked: list[str] = []

    def unknown(text: str) -> list[str]:
        asked.append(text)
        return ["fergusn"]

    got = fusion_for("What did Alex Fergusn say?", unknown)
    assert asked == ["Alex Fergusn"]  # only the name is looked up, as typed
    assert got.bm25_weight == UNKNOWN_NAME_BM25_WEIGHT
    assert MINMAX_FUSION.bm25_weight <= UNKNOWN_NAME_BM25_WEIGHT <= SPEAKER_BM25_WEIGHT


@pytest.mark.parametrize("question", [
    "How many jobs did US firms add in January?", "Who is the US ambassador to Russia?",
    "Who said the hunting law is very clear?", "NATO expansion", "When was Griffin arrested?"])
def test_other_questions_get_the_default_fusion(question):
    assert fusion_for(question, all_unknown) is DEFAULT_FUSION


@given(st.text(max_size=80))
def test_any_text_gets_the_default_or_a_min_max_fusion(text):
    f = fusion_for(text, all_unknown)
    assert f is DEFAULT_FUSION or f == replace(MINMAX_FUSION, bm25_weight=f.bm25_weight)
    assert 0.0 <= f.bm25_weight <= 1.0


def test_the_retriever_searches_hybrid_with_the_questions_fusion(seeds_retriever):
    r: Retriever = seeds_retriever
    for q in ("what did Grushko say?", "what did Grushkoo say?",
              "Which agreement on military transparency should be modernized?"):
        expected = r.index.search(q, k=5, fusion=fusion_for(q, r.index.unknown_terms))
        assert [(h.chunk_id, h.score) for h in r.search(q, k=5)] == [
            (h.chunk_id, h.score) for h in expected]
        assert all(-1.0 <= h.score <= 1.0 + 1e-9 for h in r.search(q, k=5))
    # alpha still overrides, and other modes are untouched
    assert [h.chunk_id for h in r.search("what did Grushko say?", alpha=0.0)] == [
        h.chunk_id for h in r.index.search("what did Grushko say?", alpha=0.0)]
    assert [h.chunk_id for h in r.search("what did Grushko say?", mode="bm25")] == [
        h.chunk_id for h in r.index.search("what did Grushko say?", mode="bm25")]


def test_unknown_terms_are_the_query_words_no_passage_holds(seeds_retriever):
    idx = seeds_retriever.index
    assert idx.unknown_terms("Grushko") == []
    assert idx.unknown_terms("Grushkoo Lavrov") == ["grushkoo"]
