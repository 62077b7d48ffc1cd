"""The Milvus backend on milvus-lite: analysed terms survive Milvus' analyser, BM25 is the
embedded engines' (k1 1.2, b 0.75, exact lengths), and failures are one-line errors."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.analysis import query_terms, tokenize
from index.backend import BackendError
from index.search import HybridIndex

pytest.importorskip("pymilvus", reason="the test extras install pymilvus and milvus-lite")
from milvus_lite.analyzer.standard import StandardAnalyzer  # noqa: E402

from index.milvus_backend import MilvusBackend, collection_name, milvus_terms  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12), max_size=8))
def test_each_term_is_one_token_for_milvus_analyser(terms):
    """Whatever the terms (unicode, punctuation, digits), milvus-lite's standard analyser
    splits the string into exactly one token per term, and distinct terms stay distinct."""
    tokens = StandardAnalyzer().tokenize(milvus_terms(terms))
    assert len(tokens) == len(terms)
    assert len(set(tokens)) == len(set(terms))


def test_index_terms_pass_through_or_are_hashed():
    terms = tokenize("The £3bn deal, 5,000 jobs and 3.5% growth: Café owners said")
    spelled = milvus_terms(terms).split()
    safe = [t for t in terms if re.fullmatch(r"[a-z0-9]+", t)]
    assert safe and len(safe) < len(terms)  # "3.5" and "café" are not
    assert [t for t in spelled if t in terms] == safe
    assert all(re.fullmatch(r"[a-z0-9]+", t) for t in spelled)


def test_bm25_is_the_exact_length_engines(tmp_path, embedder):
    """Same terms, same Okapi BM25 (k1 1.2, b 0.75): on the text field, Milvus' scores equal
    bm25s' (exact lengths) to the fourth decimal. (tantivy keeps lengths in one byte; and on
    the sparse heading field milvus-lite counts chunks without a heading in N and avgdl, so the
    weighted sum differs slightly: test_backend compares passages there.)"""
    exact = HybridIndex.open(SEEDS, tmp_path / "e", embedder=embedder, keyword_engine="bm25s",
                             backend="embedded")
    mil = HybridIndex.open(SEEDS, tmp_path / "m", embedder=embedder, backend="milvus",
                           milvus_uri=str(tmp_path / "m.db"))
    exact.backend._gen.keyword().weights = mil.backend.weights = {"text": 1.0}
    try:
        for q in ("What did Blinken say the letter offers Russia?", "troops near the border",
                  "NATO response to Russian demands"):
            a = exact.backend.keyword(query_terms(q), 20)
            b = mil.backend.keyword(query_terms(q), 20)
            assert [cid for cid, _ in a] == [cid for cid, _ in b], q
            assert np.allclose([s for _, s in a], [s for _, s in b], atol=1e-4), q
    finally:
        exact.close()
        mil.close()


def test_unreachable_server_is_one_line_error():
    with pytest.raises(BackendError, match=r"^cannot reach Milvus at http://127\.0\.0\.1:1: "):
        MilvusBackend.connect("http://127.0.0.1:1", "qa_x", 384)


def test_missing_pymilvus_is_one_line_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pymilvus", None)
    with pytest.raises(BackendError, match=r"pip install 'qa-index\[milvus\]'"):
        MilvusBackend.connect(str(Path("unused.db")), "qa_x", 384)


def test_other_dimension_is_refused(tmp_path):
    uri = str(tmp_path / "d.db")
    MilvusBackend.connect(uri, "qa_dim", 8).close()
    with pytest.raises(BackendError, match="8-dimensional"):
        MilvusBackend.connect(uri, "qa_dim", 384)


def test_collection_names_are_valid_and_per_corpus():
    a, b = collection_name("/data/news archive"), collection_name("/other/news archive")
    assert a != b and a.startswith("qa_news_archive_")
    assert all(ch.isalnum() or ch == "_" for ch in a)
