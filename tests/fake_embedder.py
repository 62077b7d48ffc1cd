"""A deterministic stand-in for the embedding model in the fast test tier.

Each word gets a unit vector seeded by a hash of the word; a text's vector is the normalised sum
of its words' vectors. So texts that share words are close and others are near-orthogonal, as
with a real model for the lexical part of similarity, at no model cost and the same on every
machine. Tests of what the real model understands (paraphrase, synonyms) are marked `model`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

DIMENSION = 384  # the real model's, so that index files have the same shapes


@lru_cache(maxsize=65536)
def _word_vector(word: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha1(word.encode("utf-8", "surrogatepass")).digest()[:8], "big")
    v = np.random.default_rng(seed).standard_normal(DIMENSION).astype(np.float32)
    return v / np.linalg.norm(v)


class HashEmbedder:
    """Hash-seeded bag-of-words vectors (see the module docstring); counts what it embeds."""

    name = "test/hash-seeded-words"
    dimension = DIMENSION
    variant = "test"  # the Embedder protocol: recorded in the manifest

    def __init__(self) -> None:
        self.calls = 0
        self.texts_embedded = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, shape (len(texts), 384), float32."""
        self.calls += 1
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for i, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower()) or [""]
            v = np.sum([_word_vector(w) for w in words], axis=0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
        self.texts_embedded += len(texts)
        return out
