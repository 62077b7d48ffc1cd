"""all-MiniLM-L6-v2 through onnxruntime: embedding with no torch at query time.

Runs the cached ONNX export (`index.model_export`: fp32, or fused and quantised to int8 by
`INT8_RECIPE`); tokenising, batching and pooling are `index.batched_embedder`'s.
Variants: ``onnx-int8`` (~1.4x faster per core than fp32, and passes the gate; the default
where OpenVINO cannot run bf16, see `index.embedder_choice`) and ``onnx-fp32`` (float rounding
from torch). The gate: tests/index/test_onnx_embedder.py (cosine to torch >= 0.99 on each of
1,000 paragraphs) and the SciFact nDCG@10 comparison in README.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from index.batched_embedder import BatchedEmbedder, Feed, Runner, embed_threads
from index.embedder import ModelUnavailableError
from index.model_export import INT8_RECIPE, onnx_model_file

__all__ = ["ONNX_VARIANTS", "OnnxEmbedder"]

ONNX_VARIANTS: tuple[str, ...] = ("onnx-int8", "onnx-fp32")


class OnnxEmbedder(BatchedEmbedder):
    """An `Embedder` on onnxruntime: the same model and vectors (to the gate's tolerance) as
    `SentenceTransformerEmbedder`, no torch. Loads on first use."""

    variants = ONNX_VARIANTS
    runtime = "ONNX"

    def _recipe_of(self, variant: str) -> str:
        # How the int8 file is made: in the manifest, so a new recipe re-embeds (not for fp32).
        return INT8_RECIPE if variant == "onnx-int8" else ""

    def _open(self, model_dir: Path) -> Runner:
        try:
            import onnxruntime as ort
        except ImportError as e:
            raise ModelUnavailableError(
                f"ONNX embedder unavailable: {e} (install onnxruntime, or set QA_EMBEDDER=torch)"
            ) from None
        onnx_file = onnx_model_file(self.variant, model_dir, self.cache_root, self.name)
        try:
            options = ort.SessionOptions()
            options.log_severity_level = 3  # errors only: no warnings in the user's answers
            # Threads per model: onnxruntime's default (0: one per core) unless set, as
            # index.parallel_embed does so that N worker processes share the cores.
            options.intra_op_num_threads = embed_threads()
            # No busy-waiting of the worker threads after a run: on 2 cores they took the CPU
            # from what a query does next (the dense first pass, the keyword side). Under load,
            # 100k hybrid p50 went from 50-78 ms to 32-35 ms (README, "Dense search memory").
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            session = ort.InferenceSession(
                str(onnx_file), options, providers=["CPUExecutionProvider"]
            )
        except Exception as e:  # a damaged cache is one clear line
            raise ModelUnavailableError(
                f"cannot load the ONNX embedding model {onnx_file}: {e} (delete the file to"
                " export it again)"
            ) from None
        out = session.get_outputs()[0].shape
        if isinstance(out[-1], int) and out[-1] != self.dimension:
            raise ModelUnavailableError(
                f"ONNX model {onnx_file} has dimension {out[-1]}, expected {self.dimension}"
            )
        inputs = {i.name for i in session.get_inputs()}

        def run(feeds: Sequence[Feed]) -> Iterator[np.ndarray]:
            for feed in feeds:
                yield session.run(None, {k: v for k, v in feed.items() if k in inputs})[0]

        return run
