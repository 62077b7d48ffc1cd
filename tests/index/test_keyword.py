"""The keyword side: analyzer, query robustness, BM25 agreement with rank_bm25, add/delete.

Every engine (tantivy, bm25s, whoosh) is held to the same checks.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from index.chunking import Chunk, chunk_document
from index.corpus import Document, parse_file, read_corpus
from index.keyword import MAX_QUERY_TERMS, KeywordBackend, query_terms, tokenize
from index.keyword_engines import ENGINES, KeywordEngineError, backend, requested_engine

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SHARED = (REPO / ".." / "shared").resolve()


def test_tokenize_lowercases_stems_and_drops_stop_words():
    assert tokenize("What did the Ministers say about running talks?") == [
        "minist", "say", "run", "talk",
    ]


def test_acronyms_and_apostrophes():
    assert tokenize("U.S. and US") == ["us", "us"]
    assert tokenize("Russia’s demands") == tokenize("Russia's demand") == ["russia", "demand"]


def test_query_terms_are_distinct_and_capped():
    assert query_terms("talks talk TALKING") == ["talk"]
    many = " ".join(f"word{i}" for i in range(2000))
    assert len(query_terms(many)) == MAX_QUERY_TERMS


def _chunks(docs: list[Document], plain: bool = False) -> list[Chunk]:
    out = [c for d in docs for c in chunk_document(d)]
    return [dataclasses.replace(c, title="", heading=None) for c in out] if plain else out


@pytest.fixture(params=ENGINES)
def engine(request) -> type[KeywordBackend]:
    return backend(request.param)


@pytest.fixture(scope="module", params=ENGINES)
def seeds_keyword(request, tmp_path_factory) -> KeywordBackend:
    d = tmp_path_factory.mktemp("kw")
    cls = backend(request.param)
    cls.write(d, _chunks(list(read_corpus(SEEDS))), create=True)
    kw = cls.open(d)
    yield kw
    kw.close()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_user_text_searches_without_error(seeds_keyword, text):
    hits = seeds_keyword.search(query_terms(text), 10)
    assert len(hits) <= 10
    assert all(isinstance(cid, str) and score > 0 for cid, score in hits)


@pytest.mark.parametrize(
    "text",
    ['"NATO', "title:NATO", "NATO AND (Russia", "NOT OR AND", "Russia’s *?", "a:b:c ~2 ^3",
     "ambassador)", "{[(<"],
)
def test_query_syntax_is_plain_text(seeds_keyword, text):
    seeds_keyword.search(query_terms(text), 5)


def _overlap_with_rank_bm25(
    engine: type[KeywordBackend], chunks: list[Chunk], queries: list[list[str]], tmp: Path
) -> list[float]:
    engine.write(tmp, chunks, create=True)
    kw = engine.open(tmp, {"text": 1.0})
    ref = BM25Okapi([tokenize(c.text) for c in chunks], k1=1.2, b=0.75)
    ids = [c.chunk_id for c in chunks]
    overlaps = []
    for q in queries:
        scores = ref.get_scores(q)
        top = [ids[j] for j in np.argsort(-scores, kind="stable")[:10] if scores[j] > 0]
        if not top:
            continue
        got = [cid for cid, _ in kw.search(q, 10)]
        overlaps.append(len(set(top) & set(got)) / len(top))
    kw.close()
    return overlaps


def _queries_from(chunks: list[Chunk], every: int) -> list[list[str]]:
    qs = [query_terms(" ".join(c.text.split()[:8])) for c in chunks[::every]]
    return [q for q in qs if q]


def test_bm25_agrees_with_rank_bm25_on_seeds(engine, tmp_path):
    """Same tokens, same k1/b: top-10 sets agree (whoosh and tantivy keep field lengths in one
    byte, which can reorder near-ties; rank_bm25 floors negative idf; so not always identical)."""
    chunks = _chunks(list(read_corpus(SEEDS)), plain=True)
    overlaps = _overlap_with_rank_bm25(engine, chunks, _queries_from(chunks, 1), tmp_path)
    assert len(overlaps) >= 30
    assert float(np.mean(overlaps)) >= 0.9, overlaps


@pytest.mark.skipif(not (SHARED / "corpora" / "bbc").is_dir(), reason="../shared/corpora absent")
def test_bm25_agrees_with_rank_bm25_on_bbc(engine, tmp_path):
    chunks = _chunks(list(read_corpus(SHARED / "corpora" / "bbc")), plain=True)
    overlaps = _overlap_with_rank_bm25(engine, chunks, _queries_from(chunks, 13), tmp_path)
    print(f"\nBBC {engine.engine}: {len(overlaps)} queries, mean top-10 overlap "
          f"{np.mean(overlaps):.3f}")
    assert len(overlaps) >= 40
    assert float(np.mean(overlaps)) >= 0.9
    assert min(overlaps) >= 0.7


def _doc(name: str, title: str, *paras: str) -> Document:
    return parse_file(name, title + "\n\n" + "\n\n".join(paras) + "\n")[0]


def test_title_and_heading_count_but_less_than_text(engine, tmp_path):
    in_title = _doc("a.txt", "Zebras of the plains", "Animals graze here every morning quietly.")
    in_text = _doc("b.txt", "Animals", "Zebras graze here every morning quietly too.")
    engine.write(tmp_path, _chunks([in_title, in_text]), create=True)
    kw = engine.open(tmp_path)
    hits = kw.search(query_terms("zebras"), 5)
    kw.close()
    assert [cid.split("@")[0] for cid, _ in hits] == ["b.txt", "a.txt"]


@pytest.mark.parametrize("name", [e for e in ENGINES if backend(e).incremental])
def test_incremental_add_and_delete_by_document(name, tmp_path):
    engine = backend(name)
    a = _doc("a.txt", "Alpha", "The quokka smiled at the ranger.")
    b = _doc("b.txt", "Beta", "The wombat dug a burrow overnight.")
    engine.write(tmp_path, _chunks([a]), create=True)
    engine.write(tmp_path, _chunks([b]))
    kw = engine.open(tmp_path)
    assert kw.doc_count() == 2 and kw.search(query_terms("wombat"), 5)
    kw.close()
    engine.write(tmp_path, [], delete_docs=["a.txt"])
    kw = engine.open(tmp_path)
    assert kw.doc_count() == 1
    assert kw.search(query_terms("quokka"), 5) == []
    assert kw.chunk_ids() == {c.chunk_id for c in _chunks([b])}
    kw.close()


def test_an_engine_that_cannot_update_refuses_to(tmp_path):
    engine = backend("bm25s")
    assert not engine.incremental
    engine.write(tmp_path / "kw", _chunks([_doc("a.txt", "Alpha", "A quokka smiled.")]),
                 create=True)
    with pytest.raises(ValueError, match="rebuild"):
        engine.write(tmp_path / "kw", [], delete_docs=["a.txt"])


def test_engines_score_alike(tmp_path):
    """Same terms, same BM25 and field weights: every engine ranks the seeds alike, with
    scores within a few per cent (tantivy and whoosh quantise field lengths, bm25s does not)."""
    chunks = _chunks(list(read_corpus(SEEDS)))
    queries = _queries_from(chunks, 3)
    results = {}
    for name in ENGINES:
        backend(name).write(tmp_path / name, chunks, create=True)
        kw = backend(name).open(tmp_path / name)
        results[name] = [kw.search(q, 5) for q in queries]
        kw.close()
    for name in ENGINES:
        for ref, got in zip(results["whoosh"], results[name], strict=True):
            assert got[0][0] == ref[0][0] or abs(got[0][1] - ref[0][1]) < 0.05 * ref[0][1]
            assert got[0][1] == pytest.approx(ref[0][1], rel=0.05)


def test_engine_choice(monkeypatch):
    monkeypatch.delenv("QA_KEYWORD_ENGINE", raising=False)
    assert requested_engine(None) is None
    assert requested_engine("whoosh") == "whoosh"
    monkeypatch.setenv("QA_KEYWORD_ENGINE", "BM25S")
    assert requested_engine(None) == "bm25s"
    assert requested_engine("tantivy") == "tantivy"
    with pytest.raises(KeywordEngineError, match="choose one of"):
        requested_engine("lucene")
