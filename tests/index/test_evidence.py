"""Answer evidence: which of the best fused candidates holds the question in one sentence."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from index.analysis import query_terms, tokenize
from index.evidence import Evidence, evidence, order_by_evidence
from index.fusion import Fused


def _fused(keys, scores):
    pairs = enumerate(zip(keys, scores, strict=True))
    return [Fused(k, s, (i + 1, i + 1), (s, s)) for i, (k, s) in pairs]


def test_the_sentence_that_holds_the_question_wins_among_one_subject():
    q = query_terms("Which team won the Super Bowl in 2016?")
    shared = "The Super Bowl is a game. The team played in Santa Clara."
    answer = "The Super Bowl was played in 2016. The Broncos team won it."
    answer_in_one = "In 2016 the Broncos team won the Super Bowl."
    found = evidence(q, [shared, answer,
                         answer_in_one])
    assert found[2].sentence > found[1].sentence > found[0].sentence
    # "super bowl" is in every passage, so only the rarer terms weigh
    assert found[0].sentence < 0.5


def test_word_pairs_count_in_the_question_order():
    q = query_terms("Who founded the Royal Society?")
    found = evidence(q, ["The society was royal.",
                         "He founded the Royal Society in 1660."])
    assert found[0].pairs == 0.0 and found[1].pairs == 1.0


def test_order_by_evidence_moves_the_answer_up_and_keeps_the_rest_below():
    fused = _fused(["a", "b", "c", "d"], [0.9, 0.85, 0.5, 0.4])
    found = [Evidence(0.1, 0.0), Evidence(1.0, 1.0), Evidence(0.0, 0.0)]
    out = order_by_evidence(fused, found, 0.3, 0.3)
    assert [f.key for f in out] == ["b", "a", "c", "d"]
    assert out[-1].score == 0.4 / 1.6
    assert max(f.score for f in out) <= 1.0


@given(st.lists(st.floats(0, 1), min_size=1, max_size=12),
       st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), max_size=12))
def test_order_by_evidence_is_a_permutation_that_keeps_the_tail(scores, ev):
    scores = sorted(scores, reverse=True)
    fused = _fused([f"k{i}" for i in range(len(scores))], scores)
    found = [Evidence(s, p) for s, p in ev][: len(fused)]
    out = order_by_evidence(fused, found, 0.3, 0.3)
    assert sorted(f.key for f in out) == sorted(f.key for f in fused)
    assert [f.key for f in out[len(found):]] == [f.key for f in fused[len(found):]]
    assert all(a.score >= b.score for a, b in zip(out, out[1:], strict=False))


@given(st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta"]), max_size=6),
       st.lists(st.text(alphabet=st.sampled_from(list("alphbetx .!?,")), max_size=40),
                min_size=1, max_size=5))
def test_evidence_is_a_share(terms, texts):
    for e in evidence(terms, texts):
        assert 0.0 <= e.sentence <= 1.0 + 1e-9 and 0.0 <= e.pairs <= 1.0


@given(st.text(max_size=80), st.text(max_size=80))
def test_evidence_finds_the_terms_a_full_analysis_finds(question, text):
    # the string scans only decide which words are analysed: on stems that are prefixes of
    # their words (all but irregular ones), the best sentence holds what tokenize finds.
    low = text.lower()
    terms = [t for t in query_terms(question) if (t[:-1] if len(t) > 4 else t) in low]
    found = evidence(terms, [text, ""])[0]
    held = set(tokenize(text))
    if terms and all(t in held for t in terms) and not re.search(r"[.!?]", text):
        assert found.sentence == 1.0
