"""Fixtures of the CLI and REPL tests: the fast tier's fake model in-process, one seeds index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.interfaces.cli import app

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture(scope="module")
def fake_model(embedder) -> Iterator[None]:
    """In this process the `qa` command embeds with the fast tier's fake embedder (a module
    opts in with `pytestmark = pytest.mark.usefixtures("fake_model")`)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("index.search.default_embedder", lambda: embedder)
        yield


@pytest.fixture(scope="module")
def seeds_index(fake_model: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of the seeds for the whole module (built once, reused by every command)."""
    idx = tmp_path_factory.mktemp("seeds-index")
    result = CliRunner().invoke(app, ["index", str(SEEDS), "--index-dir", str(idx)])
    assert result.exit_code == 0, result.output
    return idx
