"""The `Backend` contract, run against both implementations: the embedded engine and Milvus
(milvus-lite: a local file, in-process).

Same upserts, deletes, re-indexing after a change, exact offsets, and the seed dev set with the
same top-5 passages in bm25 mode and an overlap of at least 0.8 in hybrid. Both backends index
the project's own analysis (`index.analysis`: English stemming, stop words): milvus-lite's
analyser has no English stemmer and would ignore stemming, so the Milvus backend hands it
terms already analysed (`index.milvus_backend.milvus_terms`).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.backend import row_hash
from index.embedder import embedding_text
from index.search import HybridIndex

pytest.importorskip("pymilvus", reason="the test extras install pymilvus and milvus-lite")

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
DEV = (REPO / ".." / "shared" / "eval" / "seeds_dev.jsonl").resolve()
BACKENDS = ["embedded", "milvus"]

Opener = Callable[..., HybridIndex]


@pytest.fixture
def open_index(tmp_path: Path, embedder) -> Iterator[Opener]:
    """Open (build/update) an index of a corpus on a backend; closes what it opened."""
    opened: list[HybridIndex] = []

    def _open(corpus: Path, backend: str, name: str = "idx") -> HybridIndex:
        uri = str(tmp_path / f"{name}.db") if backend == "milvus" else None
        ix = HybridIndex.open(corpus, tmp_path / name, embedder=embedder, backend=backend,
                              milvus_uri=uri)
        opened.append(ix)
        return ix

    yield _open
    for ix in opened:
        ix.close()


def _corpus(root: Path) -> Path:
    root.mkdir()
    (root / "a.txt").write_text(
        "Harbour cranes\n\nThe harbour cranes were repainted in orange this spring.\n\n"
        "Dockers said the new paint already flakes near the salt spray.\n", encoding="utf-8")
    (root / "b.txt").write_text(
        "Orchard frost\n\nA late frost damaged the apple blossom across the valley.\n\n"
        "Growers expect a smaller harvest and higher cider prices.\n", encoding="utf-8")
    (root / "c.txt").write_text(
        "Rail timetable\n\nThe night train to the coast will run twice a week.\n",
        encoding="utf-8")
    return root


def _ids(hits: list) -> list[str]:
    return [h.chunk_id for h in hits]


def _file_slice(corpus: Path, hit) -> str:
    with open(corpus / hit.path, encoding="utf-8", newline="") as f:
        return f.read()[hit.start : hit.end]


@pytest.mark.parametrize("backend", BACKENDS)
def test_upsert_and_delete_by_chunk_id(tmp_path, open_index, embedder, backend):
    corpus = _corpus(tmp_path / "corpus")
    ix = open_index(corpus, backend)
    b = ix.backend
    assert b.count() == len(ix.chunks) == 5
    assert set(b.stored()) == {c.chunk_id for c in ix.chunks}

    # upsert: a changed copy of a stored chunk replaces it, under the same id
    old = next(c for c in ix.chunks if "flakes" in c.text)
    new = type(old)(old.doc_id, old.path, old.title, old.heading, old.paragraph, old.start,
                    old.end, "Dockers praised the glossy varnish on the gantries.")
    b.upsert([new], embedder.encode([embedding_text(new)]))
    assert b.count() == 5
    assert b.stored()[old.chunk_id] == row_hash(new) != row_hash(old)
    assert [cid for cid, _ in b.keyword(["varnish"], 5)] == [old.chunk_id]
    assert b.keyword(["flake"], 5) == []
    assert b.dense(embedder.encode(["glossy varnish gantries"])[0], 1)[0][0] == old.chunk_id

    # delete: the id is gone from both sides and from the count
    b.delete([old.chunk_id, "no-such-chunk"])
    assert b.count() == 4 and old.chunk_id not in b.stored()
    assert b.keyword(["varnish"], 5) == []
    assert old.chunk_id not in [cid for cid, _ in b.dense(embedder.encode(["varnish"])[0], 10)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_reindex_after_a_change(tmp_path, open_index, backend):
    corpus = _corpus(tmp_path / "corpus")
    ix = open_index(corpus, backend)
    assert _ids(ix.search("cider prices", k=1, mode="bm25"))[0].startswith("b.txt@")
    ix.close()

    (corpus / "b.txt").write_text(
        "Orchard frost\n\nGrowers now expect a record pear crop.\n", encoding="utf-8")
    (corpus / "c.txt").unlink()
    (corpus / "d.txt").write_text("Ferry strike\n\nThe ferry crews walked out at dawn.\n",
                                  encoding="utf-8")
    ix = open_index(corpus, backend)
    assert ix.last_update.changed == ("b.txt",) and ix.last_update.removed == ("c.txt",)
    assert ix.backend.count() == len(ix.chunks)
    assert set(ix.backend.stored()) == {c.chunk_id for c in ix.chunks}
    for mode in ("bm25", "hybrid"):
        assert all("cider" not in h.text for h in ix.search("cider prices", k=5, mode=mode))
        top = ix.search("pear crop", k=1, mode=mode)[0]
        assert top.path == "b.txt" and _file_slice(corpus, top) == top.text
        assert ix.search("ferry crews", k=1, mode=mode)[0].path == "d.txt"
    assert all(h.path != "c.txt" for h in ix.search("night train coast", k=5, mode="bm25"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_offsets_are_exact(open_index, backend):
    ix = open_index(SEEDS, backend)
    for mode in ("bm25", "dense", "hybrid"):
        for q in ("what did Grushko say?", "troops at the border", "NATO response"):
            for h in ix.search(q, k=10, mode=mode):
                assert _file_slice(SEEDS, h) == h.text == ix.chunk(h.chunk_id).text
                assert h.citation == ix.chunk(h.chunk_id).citation


def _dev_questions() -> list[str]:
    if not DEV.is_file():
        return ["what did Grushko say?", "How many troops are at the border?",
                "Who is the US ambassador to Russia?"]
    return [json.loads(line)["question"] for line in DEV.read_text().splitlines() if line]


def test_seed_dev_set_same_passages_on_both_backends(open_index):
    emb = open_index(SEEDS, "embedded", "e")
    mil = open_index(SEEDS, "milvus", "m")
    for q in _dev_questions():
        assert _ids(mil.search(q, k=5, mode="bm25")) == _ids(emb.search(q, k=5, mode="bm25")), q
        assert _ids(mil.search(q, k=5, mode="dense")) == _ids(emb.search(q, k=5, mode="dense")), q
        a, b = _ids(mil.search(q, k=5, mode="hybrid")), _ids(emb.search(q, k=5, mode="hybrid"))
        assert len(set(a) & set(b)) / 5 >= 0.8, (q, a, b)
        hit = mil.search(q, k=1)[0]
        assert (hit.citation, hit.text) == (emb.chunk(hit.chunk_id).citation,
                                            emb.chunk(hit.chunk_id).text)


def test_stats_name_the_backend_and_collection(open_index):
    facts = open_index(SEEDS, "milvus").facts()
    assert facts["backend"] == "milvus" and facts["collection"].startswith("qa_seeds_")
    assert open_index(SEEDS, "embedded", "e").facts()["backend"] == "embedded"


def test_milvus_copy_follows_a_rebuilt_local_index(tmp_path, open_index):
    """A local index deleted and rebuilt against an old collection: the sync makes the
    collection hold exactly the new chunks (stale rows deleted, none duplicated)."""
    corpus = _corpus(tmp_path / "corpus")
    open_index(corpus, "milvus").close()
    shutil.rmtree(tmp_path / "idx")
    (corpus / "a.txt").unlink()
    ix = open_index(corpus, "milvus")
    assert set(ix.backend.stored()) == {c.chunk_id for c in ix.chunks}
    assert ix.backend.keyword(["harbour"], 5) == []
