"""Retriever: the library entry point (here, what it keeps between questions)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fake_embedder import HashEmbedder

import qa.retriever
from qa import Retriever

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
QUESTION = "what did Stoltenberg say about Russia?"


@pytest.fixture()
def fresh(tmp_path: Path) -> tuple[Retriever, HashEmbedder]:
    embedder = HashEmbedder()
    r = Retriever(SEEDS, tmp_path / "index", embedder=embedder)
    yield r, embedder
    r.index.close()


def test_asking_again_embeds_nothing_new_and_answers_the_same(fresh):
    r, embedder = fresh
    first = r.ask(QUESTION)
    before = embedder.texts_embedded
    again = r.ask(QUESTION)
    # Only the search's own query vector is computed again; statements and contexts are kept.
    assert embedder.texts_embedded - before <= 2
    assert again.to_dict() == first.to_dict()


def test_kept_vectors_equal_fresh_ones_and_stay_bounded(fresh, monkeypatch):
    r, _ = fresh
    monkeypatch.setattr(qa.retriever, "EMBED_MEMO_SIZE", 3)
    texts = ["alpha beta", "gamma", "alpha beta", "delta epsilon", "zeta", "eta theta"]
    got = r._embed(texts)
    assert got.shape == (len(texts), r.index.embedder.dimension)
    np.testing.assert_allclose(got, r.index.embed(texts), atol=1e-6)
    assert len(r._memo) <= 3
    assert r._embed([]).shape == (0, r.index.embedder.dimension)
