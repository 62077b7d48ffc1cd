"""The embedder: the real model's vectors, the embed counter, a missing model, embedded text."""

from __future__ import annotations

import numpy as np
import pytest

from index.chunking import Chunk
from index.embedder import (
    ModelUnavailableError,
    SentenceTransformerEmbedder,
    embedding_text,
    text_hash,
)


def test_encode_shape_dtype_norm_and_counter(real_embedder):
    calls, texts = real_embedder.calls, real_embedder.texts_embedded
    vecs = real_embedder.encode(["NATO rejected the demands.", "Der Hund bellt.", ""])
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs[:2], axis=1), 1.0, atol=1e-5)
    assert real_embedder.calls == calls + 1 and real_embedder.texts_embedded == texts + 3


def test_encode_nothing_costs_nothing(real_embedder):
    texts = real_embedder.texts_embedded
    assert real_embedder.encode([]).shape == (0, 384)
    assert real_embedder.texts_embedded == texts


def test_similar_texts_are_closer(real_embedder):
    q, near, far = real_embedder.encode(
        ["Who is the US envoy in Moscow?", "The American ambassador to Russia is John Sullivan.",
         "Bananas are rich in potassium."]
    )
    assert float(q @ near) > float(q @ far) + 0.2


@pytest.mark.model  # imports sentence-transformers and torch before it finds no model
def test_missing_model_is_one_clear_line(tmp_path):
    emb = SentenceTransformerEmbedder(tmp_path / "no-such-model")
    with pytest.raises(ModelUnavailableError) as e:
        emb.encode(["text"])
    assert "\n" not in str(e.value) and "no-such-model" in str(e.value)
    assert emb.texts_embedded == 0


def test_embedding_text_has_context():
    c = Chunk("a.txt", "a.txt", "Talks fail", "Reaction", 3, 10, 20, "Paragraph.")
    assert embedding_text(c) == "Talks fail\nReaction\nParagraph."
    plain = Chunk("a.txt", "a.txt", "", None, 1, 0, 10, "Paragraph.")
    assert embedding_text(plain) == "Paragraph."
    assert text_hash(embedding_text(c)) != text_hash(embedding_text(plain))
