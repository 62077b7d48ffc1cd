"""Choosing the embedder variant: OpenVINO bf16 where the CPU reports BF16, onnx-int8 otherwise,
$QA_EMBEDDER over both, and one clear line when OpenVINO is asked for but cannot run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from index.batched_embedder import THREADS_ENV, embed_threads
from index.embedder import ModelUnavailableError
from index.embedder_choice import (
    FALLBACK_VARIANT,
    PREFERRED_VARIANT,
    choose_default,
    default_variant,
    embedder_for,
    resolve_variant,
)
from index.onnx_embedder import OnnxEmbedder
from index.openvino_embedder import OpenVinoEmbedder, openvino_capabilities


def test_default_follows_the_cpu_capability():
    assert choose_default(None) == FALLBACK_VARIANT == "onnx-int8"  # no usable openvino
    assert choose_default(("FP32", "INT8", "BIN")) == FALLBACK_VARIANT  # no BF16 reported
    assert choose_default(("FP32", "BF16", "INT8")) == PREFERRED_VARIANT == "openvino-bf16"


def test_capabilities_are_probed_for_real_then_remembered(tmp_path: Path):
    pytest.importorskip("openvino")
    caps = openvino_capabilities(tmp_path)
    assert caps is not None and "FP32" in caps  # every CPU plugin computes in fp32
    memo = tmp_path / "openvino-cpu.json"
    record = json.loads(memo.read_text())
    assert record["capabilities"] == list(caps)
    # The memo is what later calls read: a CPU reported without BF16 falls back to onnx-int8.
    memo.write_text(json.dumps({**record, "capabilities": ["FP32", "INT8"]}))
    assert openvino_capabilities(tmp_path) == ("FP32", "INT8")
    assert choose_default(openvino_capabilities(tmp_path)) == FALLBACK_VARIANT
    # A memo of another openvino install or CPU is not trusted: probed again.
    memo.write_text(json.dumps({"key": ["elsewhere", 0, "cpu"], "capabilities": ["FP32"]}))
    assert openvino_capabilities(tmp_path) == caps


def test_no_openvino_means_onnx_int8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "openvino", None)  # `import openvino` now fails
    monkeypatch.setenv("QA_MODEL_CACHE", str(tmp_path))
    monkeypatch.delenv("QA_EMBEDDER", raising=False)
    assert openvino_capabilities(tmp_path) is None
    assert default_variant() == "onnx-int8" and resolve_variant() == "onnx-int8"
    assert type(embedder_for()) is OnnxEmbedder


def test_asked_for_openvino_that_cannot_run_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("QA_EMBEDDER", "openvino-bf16")
    assert resolve_variant() == "openvino-bf16"  # $QA_EMBEDDER picks it whatever the CPU
    monkeypatch.setitem(sys.modules, "openvino", None)
    emb = OpenVinoEmbedder(cache_root=tmp_path)
    with pytest.raises(ModelUnavailableError, match="install openvino") as e:
        emb.encode(["text"])
    assert "\n" not in str(e.value) and not emb.loaded


def test_openvino_bf16_on_a_cpu_without_bf16_is_one_line(tmp_path: Path):
    pytest.importorskip("openvino")
    openvino_capabilities(tmp_path)  # writes the memo with this machine's key
    memo = tmp_path / "openvino-cpu.json"
    record = json.loads(memo.read_text())
    memo.write_text(json.dumps({**record, "capabilities": ["FP32", "INT8"]}))
    emb = OpenVinoEmbedder(cache_root=tmp_path)
    with pytest.raises(ModelUnavailableError, match="no BF16 support.*onnx-int8") as e:
        emb.encode(["text"])
    assert "\n" not in str(e.value) and not emb.loaded


def test_threads_setting(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(THREADS_ENV, raising=False)
    monkeypatch.delenv("QA_ONNX_THREADS", raising=False)
    assert embed_threads() == 0  # the runtime's default: every core
    monkeypatch.setenv("QA_ONNX_THREADS", "3")  # the older name still counts
    assert embed_threads() == 3
    monkeypatch.setenv(THREADS_ENV, "1")
    assert embed_threads() == 1
    monkeypatch.setenv(THREADS_ENV, "two")
    with pytest.raises(ModelUnavailableError, match="whole number") as e:
        embed_threads()
    assert "\n" not in str(e.value)
