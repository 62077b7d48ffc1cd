"""all-MiniLM-L6-v2 through OpenVINO in bfloat16: the fastest embedder on CPUs that compute in
bf16 (AVX-512 BF16 or AMX), with no torch.

OpenVINO reads the cached fp32 ONNX export (`index.model_export`) once, stores it as IR with
float16 weights, and compiles that for the CPU with ``INFERENCE_PRECISION_HINT=bf16``: a
question on a 1-thread model, batches on one stream per core. Compiled blobs are cached beside
the export (``openvino/`` in the export folder), so a cold start loads instead of compiling.
Tokenising, batching and pooling are `index.batched_embedder`'s. `openvino_capabilities`
says what the CPU can do, remembered on disk so that choosing the default variant does not
import OpenVINO on every call.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import platform
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

import numpy as np

from index.atomic_files import atomic_write_bytes
from index.batched_embedder import BatchedEmbedder, Feed, Runner, embed_threads
from index.embedder import ModelUnavailableError
from index.model_export import export_folder, model_cache_root, onnx_model_file

__all__ = ["OPENVINO_VARIANTS", "OpenVinoEmbedder", "openvino_capabilities"]

OPENVINO_VARIANTS: tuple[str, ...] = ("openvino-bf16",)
_PRECISION = {"openvino-bf16": "bf16"}
# The CPU capability a variant needs, as OpenVINO's OPTIMIZATION_CAPABILITIES names it.
NEEDS = {"openvino-bf16": "BF16"}
_MEMO = "openvino-cpu.json"
# How the model file is made (in the manifest: another recipe re-embeds): weights stored in
# float16 (`_fp16_weights`).
RECIPE = "fp16w"
# Longest one-text call run as a question, on the LATENCY model (hand-set: SQuAD questions are
# ~15 word pieces, BBC chunks 128 on average).
QUESTION_PIECES = 64


def _one_line(error: BaseException) -> str:
    """OpenVINO's errors span many lines (a C++ trace); the user gets the first 300 chars."""
    return " ".join(str(error).split())[:300]  # 300: hand-set, one terminal line or so


def _cpu_identity() -> str:
    """The CPU's model name and feature flags (Linux), else what `platform` says: a new CPU
    (a moved VM) must not reuse another CPU's remembered capabilities."""
    with suppress(OSError):
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            wanted = [ln for ln in f.read().splitlines() if ln.startswith(("model name", "flags"))]
        if wanted:
            return hashlib.sha1("\n".join(sorted(set(wanted))).encode()).hexdigest()[:16]
    return f"{platform.machine()}|{platform.processor()}"


def openvino_capabilities(cache_root: Path | None = None) -> tuple[str, ...] | None:
    """OpenVINO's OPTIMIZATION_CAPABILITIES of the CPU (e.g. "FP32", "BF16", "INT8"), or None
    when openvino is not installed or does not import.

    Remembered in ``<model cache>/openvino-cpu.json`` against the openvino package (its
    ``__init__.py`` path and mtime) and the CPU (`_cpu_identity`): importing openvino costs
    ~0.17 s, which a BM25-only `qa ask` would otherwise pay to learn the default variant.
    """
    try:
        spec = importlib.util.find_spec("openvino")
        if spec is None or spec.origin is None:
            return None
        key = [spec.origin, Path(spec.origin).stat().st_mtime_ns, _cpu_identity()]
    except (ImportError, ValueError, OSError):  # ValueError: a module without a spec
        return None
    memo = (cache_root or model_cache_root()) / _MEMO
    with suppress(OSError, ValueError):
        known = json.loads(memo.read_text(encoding="utf-8"))
        if isinstance(known, dict) and known.get("key") == key:
            caps = known.get("capabilities")
            return None if caps is None else tuple(str(c) for c in caps)
    caps_list: list[str] | None
    try:
        import openvino as ov

        caps_list = [str(c) for c in ov.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")]
    except Exception:  # a broken install or no CPU plugin: not usable, and said once
        caps_list = None
    with suppress(OSError):
        memo.parent.mkdir(parents=True, exist_ok=True)
        record = {"key": key, "capabilities": caps_list}
        atomic_write_bytes(memo, json.dumps(record).encode("utf-8"))
    return None if caps_list is None else tuple(caps_list)


def _fp16_weights(core: Any, onnx_file: Path, folder: Path) -> Path:
    """The fp32 export saved as OpenVINO IR with float16 weights (``model-fp16w.xml``/``.bin``
    in `folder`), made once: the compiled model then holds half the weight bytes (a process
    with the model peaked at 170-196 MB against 256-269 MB from the fp32 file). bf16 compute
    rounds more than fp16 storage does. Written aside and renamed, under a file lock."""
    import openvino as ov
    from filelock import FileLock

    target = folder / f"model-{RECIPE}.xml"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder / "lock")):
        if target.is_file():
            return target
        tmp = folder / f".{target.stem}.{os.getpid()}.{secrets.token_hex(3)}.xml"
        ov.save_model(core.read_model(str(onnx_file)), str(tmp), compress_to_fp16=True)
        os.replace(tmp.with_suffix(".bin"), target.with_suffix(".bin"))
        os.replace(tmp, target)  # the .xml last: its presence says the pair is complete
    return target


class OpenVinoEmbedder(BatchedEmbedder):
    """An `Embedder` on OpenVINO's CPU plugin; vectors within the gate of torch's (cosine >=
    0.99 per paragraph; bf16 measured 0.9999+, README "OpenVINO bf16"). Loads on first use.
    """

    variants = OPENVINO_VARIANTS
    runtime = "OpenVINO"

    def _recipe_of(self, variant: str) -> str:
        return RECIPE

    def _open(self, model_dir: Path) -> Runner:
        try:
            import openvino as ov
        except Exception as e:  # ImportError, or a broken native library
            raise ModelUnavailableError(
                f"{self.variant} embedder unavailable: {_one_line(e)} (install openvino, or set"
                " QA_EMBEDDER=onnx-int8)"
            ) from None
        caps = openvino_capabilities(self.cache_root)
        if caps is not None and NEEDS[self.variant] not in caps:
            raise ModelUnavailableError(
                f"{self.variant}: this CPU has no {NEEDS[self.variant]} support (OpenVINO"
                f" reports {', '.join(caps)}); set QA_EMBEDDER=onnx-int8"
            )
        onnx_file = onnx_model_file("fp32", model_dir, self.cache_root, self.name)
        cache_dir = export_folder(model_dir, self.cache_root, self.name) / "openvino"
        try:
            core = ov.Core()
            model_file = _fp16_weights(core, onnx_file, cache_dir)
            # Compiled models are cached (keyed by OpenVINO on the file, its config and the
            # device): a cold start then loads a blob instead of compiling from the ONNX file.
            with suppress(OSError):
                cache_dir.mkdir(parents=True, exist_ok=True)
                core.set_property({"CACHE_DIR": str(cache_dir)})
        except Exception as e:
            raise ModelUnavailableError(
                f"OpenVINO cannot prepare {onnx_file}: {_one_line(e)} (delete {cache_dir} to"
                " build it again)"
            ) from None
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
        streams = embed_threads() or cores or os.cpu_count() or 1  # threads 0: every core
        # question: one short text, LATENCY, on every core: on a quiet machine a 16-piece
        # question's `infer` took 2.2 ms (p50 of 200) on 2 threads against 3.9 ms on one
        # (onnx-int8: 3.3 ms; the question p50 column of `scripts/bench --embed-only`); one
        # thread costs less CPU under load (6 ms against 8-10), but a user waits for wall time.
        # Batches: THROUGHPUT, one stream of one thread per core, a request in flight on
        # each. Under load (5-6 on 2 cores), 600 BBC chunks ran at 101 chunks/s and 15 ms CPU
        # each against 50 chunks/s and 17 ms with one request on 2 threads
        # (scripts/compare_openvino.py, README "Indexing speed"). Each compiled on first use.
        configs: dict[str, dict[str, Any]] = {
            "question": {"PERFORMANCE_HINT": "LATENCY", "INFERENCE_NUM_THREADS": streams},
            "batches": {"PERFORMANCE_HINT": "THROUGHPUT", "NUM_STREAMS": streams,
                        "INFERENCE_NUM_THREADS": streams},
        }
        compiled: dict[str, tuple[list[Any], set[str]]] = {}

        def requests(kind: str) -> tuple[list[Any], set[str]]:
            """The infer requests of the model compiled as `kind`, and its input names."""
            if kind in compiled:
                return compiled[kind]
            config = {"INFERENCE_PRECISION_HINT": _PRECISION[self.variant], **configs[kind]}
            try:
                model = core.compile_model(str(model_file), "CPU", config)
                count = 1 if kind == "question" else streams
                made = [model.create_infer_request() for _ in range(count)]
            except Exception as e:  # a damaged cache or export is one clear line
                raise ModelUnavailableError(
                    f"cannot load the embedding model {onnx_file} in OpenVINO: {_one_line(e)}"
                    f" (delete {cache_dir} and the file to build them again)"
                ) from None
            out = model.outputs[0].get_partial_shape()
            if out[-1].is_static and out[-1].get_length() != self.dimension:
                raise ModelUnavailableError(
                    f"model {onnx_file} has dimension {out[-1]}, expected {self.dimension}"
                )
            compiled[kind] = (made, {i.get_any_name() for i in model.inputs})
            return compiled[kind]

        infer_lock = threading.Lock()  # infer requests are not safe to share

        def run(feeds: Sequence[Feed]) -> Iterator[np.ndarray]:
            with infer_lock:
                first = feeds[0]["input_ids"].shape if feeds else (0, 0)
                question = len(feeds) == 1 and first[0] == 1 and first[1] <= QUESTION_PIECES
                reqs, inputs = requests("question" if question else "batches")
                k = len(reqs)
                # Batch i runs on request i % k; its result is taken before that request
                # starts batch i + k, so results come back in order.
                for i, feed in enumerate(feeds):
                    if i >= k:
                        yield _result(reqs[i % k])
                    reqs[i % k].start_async({n: v for n, v in feed.items() if n in inputs})
                for i in range(max(0, len(feeds) - k), len(feeds)):
                    yield _result(reqs[i % k])

        return run


def _result(request: Any) -> np.ndarray:
    """The output of `request` once it is done, copied out of OpenVINO's buffer."""
    request.wait()
    hidden: np.ndarray = np.array(request.get_output_tensor(0).data, dtype=np.float32)
    return hidden
