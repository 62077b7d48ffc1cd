"""Answering without a model (mode "bm25"): the lexical scores on small strings, answers on a
synthetic corpus with embedding forbidden, and no torch import in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.keyword import tokenize
from qa.answer import (
    ANSWER_TYPE_BONUS,
    LEXICAL_ABSTAIN_THRESHOLD,
    LEXICAL_CORROBORATION_THRESHOLD,
    best_sentence,
    group_corroborating,
)
from qa.lexical import coverage, jaccard, jaccard_matrix, term_overlap, unknown_idf
from qa.quotes import Quote
from qa.retriever import Retriever

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

IDF = {"harbour": 3.0, "deal": 1.0, "sign": 2.0}


# ---------------------------------------------------------------- pure functions


def test_term_overlap_is_idf_weighted():
    assert term_overlap(["harbour", "deal"], ["deal", "sign"], IDF) == pytest.approx(1 / 4)
    assert term_overlap(["harbour", "deal"], ["harbour"], IDF) == pytest.approx(3 / 4)
    assert term_overlap(["harbour", "harbour"], ["harbour"], IDF) == 1.0  # distinct terms
    assert term_overlap([], ["harbour"], IDF) == 0.0


def test_coverage_weighs_terms_the_corpus_lacks_most():
    assert unknown_idf(IDF) == 3.0 and unknown_idf({}) == 1.0
    # "zebra" is not in the corpus: the text cannot be about it, so it weighs like the rarest.
    assert coverage(["harbour", "zebra"], ["harbour"], IDF) == pytest.approx(3 / 6)
    assert term_overlap(["harbour", "zebra"], ["harbour"], IDF) == pytest.approx(3 / 4)
    assert coverage(["deal", "zebra"], ["deal"], IDF) < LEXICAL_ABSTAIN_THRESHOLD


def test_jaccard_on_index_terms():
    a = tokenize("We will study the response carefully.")
    b = tokenize("They studied the responses carefully.")
    c = tokenize("Fares will rise by four percent in January.")
    assert jaccard(a, b) == 1.0  # stems and stop words make these the same statement
    assert jaccard(a, c) == 0.0
    assert jaccard([], a) == 0.0
    m = jaccard_matrix([a, b, c])
    assert np.allclose(m, m.T) and np.allclose(np.diag(m), 1.0)
    assert m[0, 1] == 1.0 and m[0, 2] == 0.0


words = st.lists(st.sampled_from(["harbour", "deal", "sign", "zebra", "quay", "vote"]),
                 max_size=6)


@settings(max_examples=60, deadline=None)
@given(words, words)
def test_lexical_scores_are_bounded(q: list[str], t: list[str]):
    c = coverage(q, t, IDF)
    assert 0.0 <= c <= 1.0
    assert coverage(q, q, IDF) == (1.0 if q else 0.0)
    assert 0.0 <= jaccard(q, t) == jaccard(t, q) <= 1.0


def test_best_sentence_without_a_model():
    text = ("Preamble.\n\nThe harbour deal was signed on Monday. Fishermen protested. "
            "The deal covers ten years.\n")
    start = text.index("The harbour")
    got = best_sentence(text, start, len(text) - 1, "When was the harbour deal signed?",
                        embed=None, tokenize=tokenize, idf=IDF)
    assert got is not None
    span, score, evidence = got
    assert span.text == "The harbour deal was signed on Monday."
    assert text[span.start : span.end] == span.text
    assert evidence == pytest.approx(1.0)  # the score adds the date bonus ("on Monday")
    assert score == pytest.approx(1.0 + ANSWER_TYPE_BONUS)


def test_group_corroborating_with_jaccard():
    def q(doc: str, start: int, text: str) -> Quote:
        return Quote(speaker="X", text=text, doc_id=doc, path=doc, start=start,
                     end=start + len(text), cue="said", confidence=0.9, kind="direct", paragraph=1)

    ranked = [(q("a", 0, "The new dam will protect the valley from floods"), "X"),
              (q("b", 0, "the dam would protect the valley against floods"), "X"),
              (q("c", 0, "Construction starts in spring"), "X")]
    sim = jaccard_matrix([tokenize(r[0].text) for r in ranked])
    groups = group_corroborating(ranked, sim, LEXICAL_CORROBORATION_THRESHOLD)
    assert [(g.quote.doc_id, [o.doc_id for o in g.corroborated_by]) for g in groups] == [
        ("a", ["b"]), ("c", [])]


# ---------------------------------------------------------------- answers without a model

ARTICLES = {
    "a_dam.txt": "Dam plan approved\n\nOlga Petrova, the chief engineer, said on Monday that "
                 "the new dam would protect the valley from floods.\n\nThe council will vote on "
                 "funding next week.\n",
    "b_valley.txt": "Valley dam gets green light\n\nThe new dam will protect the valley from "
                    "floods, engineer Olga Petrova said.\n\nPetrova also said that construction "
                    "would start in spring.\n",
    "c_tour.txt": "Orchestra tour announced\n\nMarek Nowak, the conductor, said the orchestra "
                  "would tour twelve cities.\n\nTickets go on sale in May.\n",
}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory, embedder) -> Retriever:
    corpus = tmp_path_factory.mktemp("lexical-corpus")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8", newline="")
    r = Retriever(corpus, tmp_path_factory.mktemp("lexical-index"), embedder=embedder)
    yield r
    r.index.close()


@pytest.fixture
def no_embedding(synthetic: Retriever, embedder, monkeypatch: pytest.MonkeyPatch) -> Retriever:
    """The synthetic retriever with every way to embed made to fail."""
    def boom(*_a: object, **_k: object) -> None:
        raise AssertionError("mode bm25 embedded something")

    monkeypatch.setattr(synthetic.index, "embed", boom)
    monkeypatch.setattr(embedder, "encode", boom)
    return synthetic


def test_bm25_speaker_answer_groups_near_duplicates(no_embedding: Retriever):
    a = no_embedding.ask("what did Petrova say?", mode="bm25").to_dict()
    assert a["answered"] and a["mode"] == "bm25" and a["speaker"]["name"] == "Olga Petrova"
    got = [(q["path"], [c["path"] for c in q["corroborated_by"]]) for q in a["quotes"]]
    assert got == [("a_dam.txt", ["b_valley.txt"]), ("b_valley.txt", [])]
    assert all(p["scores"]["dense"] is None for p in a["passages"])


def test_bm25_who_said_and_factoid(no_embedding: Retriever):
    a = no_embedding.ask("who said the orchestra would tour twelve cities?", mode="bm25")
    assert a.answered and a.speaker is not None and a.speaker.name == "Marek Nowak"
    a = no_embedding.ask("When will construction of the dam start?", mode="bm25")
    assert a.answered
    assert a.passages[0].answer is not None
    assert a.passages[0].answer.text == "Petrova also said that construction would start in spring."


def test_bm25_abstains_on_weak_lexical_evidence(no_embedding: Retriever):
    a = no_embedding.ask("What is the price of tickets for the football final?", mode="bm25")
    assert not a.answered and a.passages
    assert a.reason is not None and "covers" in a.reason
    assert "Tickets go on sale" in a.passages[0].text


def test_bm25_answer_keeps_the_json_format(synthetic: Retriever):
    lexical = synthetic.ask("what did Petrova say?", mode="bm25").to_dict()
    hybrid = synthetic.ask("what did Petrova say?", mode="hybrid").to_dict()
    assert set(lexical) == set(hybrid)
    assert set(lexical["passages"][0]) == set(hybrid["passages"][0])
    assert set(lexical["quotes"][0]) == set(hybrid["quotes"][0])


def test_bm25_ask_does_not_import_torch(tmp_path: Path, real_embedder):
    index_dir = tmp_path / "index"
    Retriever(SEEDS, index_dir, embedder=real_embedder).index.close()  # built with the model
    script = (
        "import os, sys\n"
        "from qa.retriever import Retriever\n"
        "r = Retriever(os.environ['QA_CORPUS'], os.environ['QA_INDEX_DIR'])\n"
        "a = r.ask('what did Grushko say?', mode='bm25').to_dict()\n"
        "assert a['answered'], a['reason']\n"
        "assert {q['path'][:3] for q in a['quotes']} | {c['path'][:3] for q in a['quotes']"
        " for c in q['corroborated_by']} >= {'003', '004'}, a['quotes']\n"
        "z = r.ask('What did Zelensky say?', mode='bm25')\n"
        "assert not z.answered\n"
        "r.ask('Who is the US ambassador to Russia?', mode='bm25')\n"
        "r.ask('who said the ball is in their court?', mode='bm25')\n"
        "loaded = {'torch', 'sentence_transformers', 'transformers'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    env = {**os.environ, "QA_INDEX_DIR": str(index_dir), "QA_CORPUS": str(SEEDS)}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=300, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-2000:]


@given(st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=6), max_size=8))
@settings(max_examples=200, deadline=None)
def test_jaccard_matrix_holds_each_pairs_jaccard(texts):
    got = jaccard_matrix(texts)
    n = len(texts)
    expected = np.eye(n, dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            expected[i, j] = expected[j, i] = jaccard(texts[i], texts[j])
    assert got.dtype == np.float32 and got.shape == (n, n)
    assert np.array_equal(got, expected)  # the same values, not merely close
