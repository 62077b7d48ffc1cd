"""Choosing the backend: flags, environment, the choice remembered by the index, the token."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.backend import BackendError
from index.backends import BackendChoice, remembered_backend, requested_backend
from index.search import HybridIndex

pytest.importorskip("pymilvus", reason="the test extras install pymilvus and milvus-lite")

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    for name in ("QA_BACKEND", "QA_MILVUS_URI", "QA_MILVUS_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def test_requested_from_arguments_then_environment(monkeypatch, tmp_path):
    assert requested_backend() is None
    assert requested_backend("embedded") == BackendChoice(name="embedded")
    monkeypatch.setenv("QA_MILVUS_URI", "http://milvus:19530")
    assert requested_backend() == BackendChoice(name="milvus", uri="http://milvus:19530")
    monkeypatch.chdir(tmp_path)
    local = requested_backend("milvus", "./x.db")
    assert local == BackendChoice(name="milvus", uri=str(tmp_path / "x.db"))


@pytest.mark.parametrize(("name", "uri", "needle"), [
    ("milvs", None, "unknown backend 'milvs'"),
    ("milvus", None, "needs --milvus-uri"),
])
def test_bad_choices_are_one_line_errors(monkeypatch, name, uri, needle):
    with pytest.raises(BackendError, match=needle):
        requested_backend(name, uri)


def test_choice_is_remembered_and_token_never_stored(tmp_path, embedder, monkeypatch):
    monkeypatch.setenv("QA_MILVUS_TOKEN", "secret-token-123")
    uri = str(tmp_path / "m.db")
    HybridIndex.open(SEEDS, tmp_path / "idx", embedder=embedder, backend="milvus",
                     milvus_uri=uri).close()
    assert remembered_backend(tmp_path / "idx") == BackendChoice(name="milvus", uri=uri)
    for p in (tmp_path / "idx").rglob("*"):
        assert not p.is_file() or b"secret-token-123" not in p.read_bytes(), p

    ix = HybridIndex.open(SEEDS, tmp_path / "idx", embedder=embedder)  # no flags: remembered
    assert ix.facts()["backend"] == "milvus" and "secret" not in str(ix.facts())
    ix.close()
    ix = HybridIndex.open(SEEDS, tmp_path / "idx", embedder=embedder, backend="embedded")
    assert ix.facts()["backend"] == "embedded"
    ix.close()
    assert remembered_backend(tmp_path / "idx") == BackendChoice(name="embedded")


def test_unreachable_milvus_keeps_the_local_index(tmp_path, embedder):
    HybridIndex.open(SEEDS, tmp_path / "idx", embedder=embedder).close()
    with pytest.raises(BackendError, match="cannot reach Milvus"):
        HybridIndex.open(SEEDS, tmp_path / "idx", embedder=embedder, backend="milvus",
                         milvus_uri="http://127.0.0.1:1")
    ix = HybridIndex.open(SEEDS, tmp_path / "idx", embedder=embedder)
    assert ix.facts()["backend"] == "embedded" and ix.search("Grushko", k=1)
    ix.close()
