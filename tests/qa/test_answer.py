"""Answers end to end on the seeds (real index, real model): statements, abstaining, offsets,
the JSON format, and the dev set's figures."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa.answer import group_corroborating
from qa.dev_eval import load_dev_set, score_answer, summarize
from qa.quotes import Quote
from qa.retriever import Retriever

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
DEV = (REPO / ".." / "shared" / "eval" / "seeds_dev.jsonl").resolve()


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory, embedder) -> Retriever:
    r = Retriever(SEEDS, tmp_path_factory.mktemp("qa-index"), embedder=embedder)
    yield r
    r.index.close()


def _file(path: str) -> str:
    return (SEEDS / path).read_bytes().decode("utf-8")


def _check_offsets(a: dict) -> None:
    for p in a["passages"]:
        text = _file(p["path"])
        assert text[p["start"] : p["end"]] == p["text"]
        if p["answer"]:
            ans = p["answer"]
            assert text[ans["start"] : ans["end"]] == ans["text"]
            assert p["start"] <= ans["start"] < ans["end"] <= p["end"]
    for q in a["quotes"]:
        assert _file(q["path"])[q["start"] : q["end"]] == q["text"]
        for c in q["corroborated_by"]:
            assert c["path"] != q["path"]
            assert c["citation"].endswith(f"[{c['start']}:{c['end']}]")


def test_grushko_statements_from_both_articles(retriever: Retriever):
    a = retriever.ask("what did Grushko say?").to_dict()
    assert a["answered"] and a["speaker"]["name"] == "Alexander Grushko"
    cites = {q["path"][:3] for q in a["quotes"]}
    assert cites == {"003", "004"}
    texts = " ".join(q["text"] for q in a["quotes"])
    assert "told Interfax news agency that they will read and study the response" in texts
    assert "We will read it. Study it." in texts
    _check_offsets(a)


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_unknown_person_abstains(retriever: Retriever, mode: str):
    a = retriever.ask("What did Zelensky say?", mode=mode).to_dict()
    assert a["answered"] is False and "Zelensky" in a["reason"]
    assert a["passages"] and a["quotes"] == []


def test_json_format(retriever: Retriever):
    a = retriever.ask("Who is the US ambassador to Russia?", k=3).to_dict()
    assert json.loads(json.dumps(a)) == a
    assert set(a) == {"query", "mode", "corpus", "answered", "reason", "speaker", "passages",
                      "quotes"}
    assert a["corpus"] == str(SEEDS.resolve()) and a["mode"] == "hybrid"
    p = a["passages"][0]
    assert set(p) == {"rank", "score", "doc_id", "path", "title", "heading", "paragraph",
                      "start", "end", "text", "citation", "scores", "answer"}
    assert set(p["scores"]) == {"bm25", "bm25_rank", "dense", "dense_rank"}
    assert "John Sullivan" in " ".join((x["answer"] or {}).get("text", "")
                                       for x in a["passages"])
    _check_offsets(a)


def test_topic_and_corroboration(retriever: Retriever):
    a = retriever.ask("What did the NATO chief say about de-escalation?").to_dict()
    assert a["speaker"]["name"] == "Jens Stoltenberg"
    assert "de-escalate" in a["quotes"][0]["text"]
    _check_offsets(a)


def test_speakers_listing(retriever: Retriever):
    names = {s["name"]: s["statements"] for s in retriever.speakers()}
    assert names["Alexander Grushko"] == 3 and names["Antony Blinken"] > 5


def test_group_corroborating_needs_other_documents():
    def q(doc: str, start: int) -> Quote:
        return Quote("X", "t", doc, doc, start, start + 1, "said", 0.9, "direct", 1)

    vecs = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    ranked = [(q("a", 0), "X"), (q("a", 5), "X"), (q("b", 0), "X"), (q("c", 0), "X")]
    groups = group_corroborating(ranked, vecs @ vecs.T, 0.8)
    assert [len(g.corroborated_by) for g in groups] == [1, 0, 0]
    assert groups[0].corroborated_by[0].doc_id == "b"


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/eval/seeds_dev.jsonl is absent")
@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_dev_set(retriever: Retriever, mode: str):
    results = []
    for q in load_dev_set(DEV):
        a = retriever.ask(q.question, k=5, mode=mode).to_dict()
        _check_offsets(a)
        results.append(score_answer(q, a, _file, k=5))
    by_id = {r.id: r for r in results}
    figures = summarize(results)
    assert figures["recall@k (answerable)"] == 1.0, results
    for r in results:
        if r.quotes_recall is not None and r.id in {x.id for x in load_dev_set(DEV)
                                                     if x.need == "all"}:
            assert r.quotes_recall == 1.0, r
    assert by_id["d09"].answered is False
