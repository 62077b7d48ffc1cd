"""`qa index --backend milvus --milvus-uri FILE`, then `qa ask` / `qa stats` with no flags: the
same statements and citations as the embedded engine (milvus-lite, a local file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qa.interfaces.cli import app

pytest.importorskip("pymilvus", reason="the test extras install pymilvus and milvus-lite")

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "seeds"
QUESTIONS = ["what did Grushko say?", "Who is the US ambassador to Russia?"]


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    for name in ("QA_BACKEND", "QA_MILVUS_URI", "QA_MILVUS_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def comparable(answer: dict[str, Any]) -> dict[str, Any]:
    """What must not depend on the backend: speaker, statements with citations, passages'
    citations and texts. Raw BM25 scores may differ (tantivy stores field lengths in one
    byte), so they and the scores built on them are left out."""
    return {
        "speaker": answer["speaker"],
        "quotes": [(q["speaker"], q["text"], q["citation"], q["cue"]) for q in answer["quotes"]],
        "passages": [(p["citation"], p["text"], p["answer"]) for p in answer["passages"]],
    }


def answers(index_dir: Path, mode: str = "hybrid") -> list[dict[str, Any]]:
    out = []
    for q in QUESTIONS:
        code, stdout, err = run("ask", q, "--json", "-c", str(SEEDS), "--index-dir",
                                str(index_dir), "--mode", mode)
        assert code == 0, err
        out.append(comparable(json.loads(stdout)))
    return out


def test_milvus_index_answers_as_the_embedded_one(tmp_path, fake_default_embedder, monkeypatch):
    monkeypatch.setenv("QA_MILVUS_TOKEN", "tok-never-shown")
    code, out, err = run("index", str(SEEDS), "--index-dir", str(tmp_path / "m"),
                         "--backend", "milvus", "--milvus-uri", str(tmp_path / "seeds.db"))
    assert code == 0, err
    code, _, err = run("index", str(SEEDS), "--index-dir", str(tmp_path / "e"))
    assert code == 0, err
    for mode in ("hybrid", "bm25"):
        got, want = answers(tmp_path / "m", mode), answers(tmp_path / "e", mode)
        assert got == want
    assert got[0]["speaker"]["name"].endswith("Grushko") and got[0]["quotes"]

    code, out, err = run("stats", "-c", str(SEEDS), "--index-dir", str(tmp_path / "m"))
    assert code == 0, err
    lines = dict(line.split(None, 1) for line in out.splitlines()
                 if line.startswith(("backend", "collection")))
    assert lines["backend"].strip() == "milvus"
    assert lines["collection"].strip().startswith("qa_seeds_")
    assert "tok-never-shown" not in out + err


def test_unreachable_milvus_is_one_line_error(tmp_path, fake_default_embedder):
    code, _, err = run("index", str(SEEDS), "--index-dir", str(tmp_path / "m"),
                       "--backend", "milvus", "--milvus-uri", "http://127.0.0.1:1")
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 1 and len(lines) == 1, err
    assert lines[0].startswith("qa: error: cannot reach Milvus at http://127.0.0.1:1")


@pytest.mark.model
def test_real_model_grushko_same_statements_and_citations(tmp_path, real_embedder):
    """The issue's check, with all-MiniLM-L6-v2: the same answer from both backends."""
    from qa import Retriever

    got = {}
    for backend in ("embedded", "milvus"):
        r = Retriever(SEEDS, tmp_path / backend, embedder=real_embedder, backend=backend,
                      milvus_uri=str(tmp_path / "seeds.db") if backend == "milvus" else None)
        got[backend] = [comparable(r.ask(q).to_dict()) for q in QUESTIONS]
        r.index.close()
    assert got["milvus"] == got["embedded"]
    assert got["milvus"][0]["quotes"]
