"""Evaluation readers and metrics on a tiny BEIR folder and a small SQuAD sample."""

from __future__ import annotations

import json
import math
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.corpus import parse_file
from qa.evaluation import (
    EvalError,
    answer_in_sentence,
    compute_metrics,
    doc_ranking,
    read_beir_queries,
    read_qrels,
    read_squad,
    resolve_modes,
    write_jsonl_corpus,
)

REPO = Path(__file__).resolve().parents[3]
SQUAD = REPO.parent / "shared" / "benchmarks" / "squad" / "dev-v1.1.json"

DOCS = {
    "d1": ("Volcanic ash", "The eruption of the volcano covered the island villages in grey ash."),
    "d2": ("Harbour trade", "Fishing boats returned to the harbour after the storm passed."),
    "d3": ("Orchard season", "Apple growers reported a record harvest in the northern valleys."),
    "d4": ("Rail strike", "Train drivers walked out over pay, halting commuter services."),
    "d5": ("Chess final", "The young grandmaster won the championship with a bold sacrifice."),
}
QUERIES = {  # id -> (text, leaking metadata naming a wrong document)
    "q1": ("volcano eruption ash over villages", {"d5": [{"sentences": [0]}]}),
    "q2": ("grandmaster chess championship", {"d1": [{"sentences": [0]}]}),
    "q3": ("an unjudged query", {}),
}


def write_beir(root: Path) -> Path:
    """A BEIR folder with CRLF qrels (header line) and leaking query metadata."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / "corpus.jsonl").open("w", encoding="utf-8") as f:
        for did, (title, text) in DOCS.items():
            f.write(json.dumps({"_id": did, "title": title, "text": text, "metadata": {}}) + "\n")
    with (root / "queries.jsonl").open("w", encoding="utf-8") as f:
        for qid, (text, meta) in QUERIES.items():
            f.write(json.dumps({"_id": qid, "text": text, "metadata": meta}) + "\n")
    (root / "qrels").mkdir(exist_ok=True)
    (root / "qrels" / "test.tsv").write_bytes(
        b"query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq2\td5\t1\r\n"
    )
    return root


# ---------------------------------------------------------------- readers


def test_qrels_header_and_crlf_are_handled(tmp_path: Path) -> None:
    root = write_beir(tmp_path / "beir")
    assert read_qrels(root / "qrels" / "test.tsv") == {"q1": {"d1": 1}, "q2": {"d5": 1}}


def test_qrels_bad_score_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("query-id\tcorpus-id\tscore\nq1\td1\tx\n")
    with pytest.raises(EvalError, match=r"bad.tsv:2: score 'x'"):
        read_qrels(bad)


def test_queries_keep_text_and_drop_leaking_metadata(tmp_path: Path) -> None:
    root = write_beir(tmp_path / "beir")
    queries = read_beir_queries(root / "queries.jsonl")
    assert queries == {q: text for q, (text, _) in QUERIES.items()}


@pytest.mark.parametrize("missing", ["queries.jsonl", "qrels/test.tsv"])
def test_missing_files_are_clear_errors(tmp_path: Path, missing: str) -> None:
    root = write_beir(tmp_path / "beir")
    (root / missing).unlink()
    with pytest.raises(EvalError, match="no such file"):
        (read_qrels if missing.startswith("qrels") else read_beir_queries)(root / missing)


def test_modes() -> None:
    assert resolve_modes("all") == ("bm25", "dense", "hybrid", "hybrid-rrf60")
    assert resolve_modes("hybrid-rrf60") == ("hybrid-rrf60",)
    assert resolve_modes("dense") == ("dense",)
    with pytest.raises(EvalError, match="unknown mode 'fast'"):
        resolve_modes("fast")


# ---------------------------------------------------------------- metrics


def test_metrics_match_hand_computed_values() -> None:
    qrels = {"q1": {"d1": 1, "d2": 1}, "q2": {"d5": 1}}
    # q1: relevant at ranks 2 and 4; q2 retrieves nothing (it still counts, as 0).
    run = {"q1": {"d3": 4.0, "d1": 3.0, "d4": 2.0, "d2": 1.0}, "q2": {}}
    m = compute_metrics(qrels, run, ("nDCG@10", "R@100", "RR@10", "R@1", "R@5"))
    ndcg_q1 = (1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3))
    assert m["nDCG@10"] == pytest.approx(ndcg_q1 / 2)
    assert m["RR@10"] == pytest.approx(0.25)
    assert m["R@100"] == pytest.approx(0.5)
    assert m["R@1"] == pytest.approx(0.0)
    assert m["R@5"] == pytest.approx(0.5)


def test_metrics_ignore_unjudged_queries_and_count_missing_ones() -> None:
    qrels = {"q1": {"d1": 1}, "q2": {"d2": 1}}
    run = {"q1": {"d1": 1.0}, "q9": {"d2": 1.0}}  # q9 is unjudged; q2 has no run at all
    assert compute_metrics(qrels, run, ("RR@10",)) == {"RR@10": pytest.approx(0.5)}


def _hit(doc_id: str) -> SimpleNamespace:
    return SimpleNamespace(doc_id=doc_id)


def test_doc_ranking_merges_chunks_by_best_rank() -> None:
    hits = [_hit("corpus.jsonl#b"), _hit("corpus.jsonl#a"), _hit("corpus.jsonl#b"), _hit("x.txt")]
    assert doc_ranking(hits) == {"b": 3.0, "a": 2.0, "x.txt": 1.0}
    assert list(doc_ranking(hits, limit=2)) == ["b", "a"]


@given(st.lists(st.sampled_from("abcdefgh"), max_size=40), st.integers(1, 10))
def test_doc_ranking_invariants(ids: list[str], limit: int) -> None:
    ranking = doc_ranking([_hit(f"c.jsonl#{i}") for i in ids], limit)
    first_seen = list(dict.fromkeys(ids))[:limit]
    assert list(ranking) == first_seen
    scores = list(ranking.values())
    assert all(a > b for a, b in zip(scores, scores[1:], strict=False))


def test_answer_in_sentence() -> None:
    assert answer_in_sentence((10, 30), [(12, "abc")])
    assert answer_in_sentence((10, 30), [(0, "x"), (27, "abc")])
    assert not answer_in_sentence((10, 30), [(28, "abcd")])
    assert not answer_in_sentence((10, 30), [])


# ---------------------------------------------------------------- SQuAD corpus


def _squad_json(path: Path) -> Path:
    ctx = "Ada wrote the first program. It ran on the Analytical Engine.\r\nIt was 1843."
    data = {
        "data": [
            {
                "title": "Ada_Lovelace",
                "paragraphs": [
                    {
                        "context": ctx,
                        "qas": [
                            {
                                "id": "x1",
                                "question": "What did Ada write?",
                                "answers": [{"answer_start": 14, "text": "first program"}],
                            },
                            {
                                "id": "x2",
                                "question": "When?",
                                "answers": [{"answer_start": ctx.index("1843"), "text": "1843"}],
                            },
                        ],
                    }
                ],
            }
        ]
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_squad_records_keep_offsets_valid_through_the_corpus_reader(tmp_path: Path) -> None:
    records, questions = read_squad(_squad_json(tmp_path / "sq.json"))
    assert [r["_id"] for r in records] == ["0-0"]
    assert records[0]["title"] == "Ada Lovelace"
    target = write_jsonl_corpus(records, tmp_path / "corpus")
    mtime = target.stat().st_mtime_ns
    assert write_jsonl_corpus(records, tmp_path / "corpus").stat().st_mtime_ns == mtime
    (doc,) = parse_file("corpus.jsonl", target.read_text(encoding="utf-8"))
    assert doc.record_id == "0-0"
    for q in questions:
        assert q.doc_id == doc.record_id
        for start, text in q.answers:
            assert doc.text[start : start + len(text)] == text


def test_bad_squad_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(EvalError, match="not a SQuAD"):
        read_squad(bad)


# ---------------------------------------------------------------- end to end (real index, model)


def test_evaluate_beir_end_to_end(tmp_path: Path, embedder) -> None:
    from qa.evaluation import evaluate_beir

    root = write_beir(tmp_path / "beir")
    stages: set[str] = set()
    result = evaluate_beir(
        root, "all", index_dir=tmp_path / "ix", embedder=embedder,
        progress=lambda stage, done, total: stages.add(stage),
    )
    assert result.documents == len(DOCS) and result.queries == 2  # q3 is not judged
    assert {"querying bm25", "querying dense", "querying hybrid",
            "querying hybrid-rrf60"} <= stages
    for mode in ("bm25", "dense", "hybrid", "hybrid-rrf60"):
        # Each query names its document unambiguously: a working pipeline ranks it first.
        assert result.metric(mode, "nDCG@10") == pytest.approx(1.0), mode
        assert result.metric(mode, "RR@10") == pytest.approx(1.0), mode
    d = json.loads(json.dumps(result.to_dict()))
    assert set(d["results"]) == {"bm25", "dense", "hybrid", "hybrid-rrf60"}
    assert d["settings"]["fusion"]  # which fusion the "hybrid" row is
    assert d["results"]["hybrid"]["nDCG@10"] == 1.0


def test_evaluate_beir_bad_input(tmp_path: Path) -> None:
    from qa.evaluation import evaluate_beir

    with pytest.raises(EvalError, match="not a folder"):
        evaluate_beir(tmp_path / "nope")
    root = write_beir(tmp_path / "beir")
    with pytest.raises(EvalError, match=r"qrels/dev.tsv: no such file"):
        evaluate_beir(root, split="dev")
    with pytest.raises(EvalError, match="unknown mode"):
        evaluate_beir(root, "fast")


@pytest.mark.skipif(not SQUAD.is_file(), reason="../shared/benchmarks/squad absent")
def test_squad_sample_paragraph_retrieval(tmp_path: Path, real_embedder) -> None:
    from qa.evaluation import evaluate_squad

    result = evaluate_squad(
        SQUAD, "all", articles=2, limit=120, corpus_dir=tmp_path / "corpus",
        index_dir=tmp_path / "ix", embedder=real_embedder, answer_sentence="qa",
    )
    assert result.documents == 103 and result.queries == 120
    for mode in ("bm25", "dense", "hybrid", "hybrid-rrf60"):
        m = result.results[[r.mode for r in result.results].index(mode)]
        print(mode, {k: round(v, 3) for k, v in {**m.metrics, **m.extra}.items()})
        assert 0 <= m.metrics["R@1"] <= m.metrics["R@5"] <= m.metrics["R@20"] <= 1
        assert m.metrics["R@5"] >= 0.6, mode
        # The QA layer's sentence choice must beat picking a sentence at random by far.
        assert m.extra["answer_sentence_n"] >= 0.6 * result.queries
        assert m.extra["answer_sentence_hit"] >= m.extra["answer_sentence_random"] + 0.2, mode


def test_cli_eval_json_and_bad_input(tmp_path: Path, fake_default_embedder) -> None:
    from typer.testing import CliRunner

    from qa.interfaces.cli import app

    root = write_beir(tmp_path / "beir")
    runner = CliRunner()
    ok = runner.invoke(app, ["eval", str(root), "--mode", "bm25", "--json",
                             "--index-dir", str(tmp_path / "ix")])
    assert ok.exit_code == 0, ok.output
    metrics = json.loads(ok.stdout)["results"]["bm25"]
    assert metrics["nDCG@10"] == 1.0 and metrics["R@100"] == 1.0 and metrics["RR@10"] == 1.0
    for args, message in [
        ([str(tmp_path / "none")], "not a folder"),
        ([str(root), "--mode", "fast"], "unknown mode 'fast'"),
        ([str(root), "--split", "dev"], "qrels/dev.tsv: no such file"),
        ([str(root), "--alpha", "1.5"], "--alpha must be between 0 and 1"),
    ]:
        bad = runner.invoke(app, ["eval", *args])
        assert bad.exit_code == 1
        assert message in bad.output and "Traceback" not in bad.output
        assert len(bad.output.strip().splitlines()) == 1
