"""Which embedder variant runs: $QA_EMBEDDER when set, else the fastest that passes the gate on
this machine (cosine >= 0.99 to torch on each of 1,000 BBC paragraphs,
tests/index/test_onnx_embedder.py; SciFact nDCG@10 within 0.005, README "Embedders").

Default: ``openvino-bf16`` where openvino imports and reports BF16 for the CPU (~1.6x
onnx-int8's chunks per CPU second here, README "OpenVINO bf16"), else ``onnx-int8``.
An index made by another variant is re-embedded once (the manifest says which).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from index.embedder import ModelUnavailableError, SentenceTransformerEmbedder
from index.onnx_embedder import ONNX_VARIANTS, OnnxEmbedder
from index.openvino_embedder import (
    NEEDS,
    OPENVINO_VARIANTS,
    OpenVinoEmbedder,
    openvino_capabilities,
)

__all__ = [
    "ALIASES",
    "FALLBACK_VARIANT",
    "PREFERRED_VARIANT",
    "VARIANTS",
    "choose_default",
    "default_variant",
    "embedder_for",
    "resolve_variant",
]

VARIANTS: tuple[str, ...] = (*OPENVINO_VARIANTS, *ONNX_VARIANTS, "torch")
ALIASES = {"onnx": "onnx-int8", "openvino": "openvino-bf16"}
PREFERRED_VARIANT = "openvino-bf16"
# Where OpenVINO cannot run bf16: onnx-int8 recipe 2, the fastest onnxruntime variant that
# passes the gate (worst paragraph 0.9944 when chosen, 0.9909 in a later run; SciFact dense
# 0.6497 / hybrid 0.7267 against torch's 0.6460 / 0.7276, README).
FALLBACK_VARIANT = "onnx-int8"


def choose_default(capabilities: Sequence[str] | None) -> str:
    """The default variant for a CPU whose OpenVINO capabilities are `capabilities` (None: no
    usable openvino)."""
    if capabilities is not None and NEEDS[PREFERRED_VARIANT] in capabilities:
        return PREFERRED_VARIANT
    return FALLBACK_VARIANT


def default_variant() -> str:
    """`choose_default` for this machine (see `openvino_capabilities`: remembered on disk)."""
    return choose_default(openvino_capabilities())


def resolve_variant(value: str | None = None) -> str:
    """The embedder variant: `value`, else $QA_EMBEDDER, else `default_variant()` (checked)."""
    chosen = (value if value is not None else os.environ.get("QA_EMBEDDER", "")).strip().lower()
    chosen = ALIASES.get(chosen, chosen) or default_variant()
    if chosen not in VARIANTS:
        names = ", ".join((*ALIASES, *VARIANTS))
        raise ModelUnavailableError(f"unknown embedder {chosen!r} (QA_EMBEDDER); use: {names}")
    return chosen


def embedder_for(
    variant: str | None = None,
) -> SentenceTransformerEmbedder | OnnxEmbedder | OpenVinoEmbedder:
    """A new embedder of `variant` (see `resolve_variant`); nothing is loaded yet."""
    chosen = resolve_variant(variant)
    if chosen == "torch":
        return SentenceTransformerEmbedder()
    if chosen in OPENVINO_VARIANTS:
        return OpenVinoEmbedder(variant=chosen)
    return OnnxEmbedder(variant=chosen)
