"""Shared test fixtures and the two tiers.

Fast tier: `embedder` is a deterministic hash-seeded fake (tests/fake_embedder.py) and
`seeds_retriever` one session-wide index of the bundled seeds built with it. Slow tier: tests
that use `real_embedder` (all-MiniLM-L6-v2, loaded once) are marked `model` automatically;
others that need the model (a subprocess running `qa`) carry the mark themselves.
`./scripts/test -m "not model"` runs the fast tier only.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fake_embedder import HashEmbedder

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# ../shared beside the repository (dev questions, the BBC corpus, benchmarks); may be absent.
SHARED = (REPO / ".." / "shared").resolve()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the real model is in the slow tier."""
    for item in items:
        if "real_embedder" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def embedder() -> HashEmbedder:
    """The fast tier's embedder: deterministic hash-seeded vectors, no model."""
    return HashEmbedder()


@pytest.fixture(scope="session")
def real_embedder():
    """The process-wide real embedder (all-MiniLM-L6-v2); the model loads on first encode."""
    from index.embedder import default_embedder

    return default_embedder()


@pytest.fixture(scope="session")
def seeds_retriever(tmp_path_factory: pytest.TempPathFactory, embedder: HashEmbedder):
    """One index of the bundled seeds for the session, built with the fake embedder."""
    from qa import Retriever

    r = Retriever(SEEDS, tmp_path_factory.mktemp("seeds-index"), embedder=embedder)
    yield r
    r.index.close()


@pytest.fixture
def fake_default_embedder(monkeypatch: pytest.MonkeyPatch, embedder: HashEmbedder) -> HashEmbedder:
    """Make the engine's default embedder the fake (for code that opens indexes itself, as the
    `qa` command does in-process)."""
    monkeypatch.setattr("index.search.default_embedder", lambda: embedder)
    return embedder
