"""scripts/ray_embed.py on a local Ray with 2 workers: the same vectors as embedding in-process."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import HashEmbedder

ray = pytest.importorskip("ray", reason="the test extras install ray[data]")

REPO = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("ray_embed", REPO / "scripts" / "ray_embed.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["ray_embed"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.model  # the slow tier: starting a local Ray takes 15-40 s here
def test_two_ray_workers_embed_every_chunk_once(monkeypatch):
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")  # a local test cluster: no token file
    script = _script()
    rows = script.chunk_rows(REPO / "seeds")
    # The workers import the fake embedder (tests/) and the engine (the repository) as pytest does.
    path = [str(REPO / "tests"), str(REPO), os.environ.get("PYTHONPATH", "")]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": os.pathsep.join(p for p in path if p)}})
    try:
        got = script.embed_rows(rows, workers=2, make=HashEmbedder).take_all()
    finally:
        ray.shutdown()
    assert sorted(r["chunk_id"] for r in got) == sorted(r["chunk_id"] for r in rows)
    want = dict(zip([r["chunk_id"] for r in rows],
                    HashEmbedder().encode([r["text"] for r in rows]), strict=True))
    for r in got:
        assert np.array_equal(np.asarray(r["vector"], dtype=np.float32), want[r["chunk_id"]])
