"""Shared test fixtures: the real embedding model, loaded once for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# ../shared beside the repository (dev questions, the BBC corpus, benchmarks); may be absent.
SHARED = (REPO / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def embedder():
    """The process-wide real embedder (all-MiniLM-L6-v2); the model loads on first encode."""
    from index.embedder import default_embedder

    return default_embedder()
