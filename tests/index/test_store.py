"""The index store: location, incremental updates, crash safety, locks, corruption, derived data."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import HashEmbedder
from filelock import FileLock

from index.chunking import chunk_document
from index.keyword_engines import ENGINES
from index.search import HybridIndex
from index.store import (
    CorpusError,
    Generation,
    IndexStoreError,
    default_index_dir,
)

REPO = Path(__file__).resolve().parents[2]

ARTICLES = {
    "alpha.txt": (
        "Harbour talks resume in Portvale",
        [
            "The harbour authority met fishermen on Monday to discuss the new quotas.",
            "Officials said the quokka colony near the pier would be protected all year.",
            "Fishermen's leader Mara Ilves said the quotas were \"a fair start\".",
        ],
    ),
    "beta.txt": (
        "Storm closes mountain pass",
        [
            "Heavy snow closed the Kessel pass on Tuesday, stranding dozens of lorries.",
            "Rescue teams used a snowcat to reach drivers near the summit tunnel.",
        ],
    ),
    "gamma.md": (
        "# Library reopens after renovation",
        [
            "The city library reopened its doors after two years of renovation work.",
            "## Reading rooms",
            "Visitors praised the bright reading rooms and the restored glass dome.",
        ],
    ),
}


def write_article(root: Path, name: str, title: str, paras: list[str]) -> Path:
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8", newline="")
    return p


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for name, (title, paras) in ARTICLES.items():
        write_article(root, name, title, paras)
    return root


def file_text(root: Path, rel: str) -> str:
    with open(root / rel, encoding="utf-8", newline="") as f:
        return f.read()


def open_index(corpus: Path, idx: Path, embedder, **kw) -> HybridIndex:
    return HybridIndex.open(corpus, idx, embedder=embedder, **kw)


def docs_in(hits) -> set[str]:
    return {h.doc_id for h in hits}


# ----------------------------------------------------------------- location and bad input


def test_default_location_is_user_cache_keyed_by_absolute_path(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    a, b = tmp_path / "news", tmp_path / "other" / "news"
    a.mkdir()
    b.mkdir(parents=True)
    da, db = default_index_dir(a), default_index_dir(b)
    assert da.parent == tmp_path / "cache" / "qa-index"
    assert da.name.startswith("news-") and da != db
    monkeypatch.chdir(tmp_path)
    assert default_index_dir(Path("news")) == da


def test_default_index_dir_is_used_and_corpus_untouched(corpus, tmp_path, monkeypatch, embedder):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*"))
    ix = HybridIndex.open(corpus, embedder=embedder)
    assert ix.index_dir == default_index_dir(corpus)
    assert (ix.index_dir / "CURRENT").is_file()
    assert sorted(p.relative_to(corpus) for p in corpus.rglob("*")) == before
    ix.close()


@pytest.mark.parametrize("case", ["missing", "file", "empty", "binary-only"])
def test_bad_corpus_is_a_corpus_error(tmp_path, case, embedder):
    target = tmp_path / "c"
    if case == "file":
        target.write_text("not a folder")
    elif case == "empty":
        target.mkdir()
    elif case == "binary-only":
        target.mkdir()
        (target / "a.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(CorpusError) as e:
        HybridIndex.open(target, tmp_path / "idx", embedder=embedder)
    assert "\n" not in str(e.value) and str(target.name) in str(e.value)


def test_index_dir_inside_corpus_is_refused(corpus, embedder):
    with pytest.raises(IndexStoreError, match="inside the corpus"):
        HybridIndex.open(corpus, corpus / ".index", embedder=embedder)


def test_unusable_index_dir_is_a_clear_error(corpus, tmp_path, embedder):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    with pytest.raises(IndexStoreError, match="not a folder"):
        HybridIndex.open(corpus, blocker, embedder=embedder)
    with pytest.raises(IndexStoreError, match="cannot write"):
        HybridIndex.open(corpus, blocker / "idx", embedder=embedder)


# ----------------------------------------------------------------- incremental updates


def test_first_build_then_reopen_embeds_nothing(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    ix = open_index(corpus, idx, embedder)
    n = len(ix.chunks)
    assert ix.last_update.added == ("alpha.txt", "beta.txt", "gamma.md")
    assert ix.last_update.embedded == n == 7
    manifest = json.loads(next((idx / "generations").iterdir()).joinpath("manifest.json")
                          .read_text())
    assert manifest["model"] == {"name": embedder.name, "dimension": 384, "variant": "test"}
    st = (corpus / "beta.txt").stat()
    assert manifest["files"]["beta.txt"]["size"] == st.st_size
    assert manifest["files"]["beta.txt"]["mtime_ns"] == st.st_mtime_ns
    assert manifest["chunk_count"] == n
    ix.close()

    before = embedder.texts_embedded
    again = open_index(corpus, idx, embedder)
    assert again.last_update.embedded == 0 and not again.last_update.changed_anything
    assert again.last_update.generation == ix.last_update.generation
    assert embedder.texts_embedded == before
    os.utime(corpus / "beta.txt")  # a touch without a change is not a change
    assert open_index(corpus, idx, embedder).last_update.generation == ix.last_update.generation


def test_modified_file_only_its_new_text_is_embedded(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    open_index(corpus, idx, embedder).close()
    title, paras = ARTICLES["beta.txt"]
    write_article(corpus, "beta.txt", title, [*paras, "A yeti was reportedly sighted by the crew."])

    before = embedder.texts_embedded
    ix = open_index(corpus, idx, embedder)
    assert ix.last_update.changed == ("beta.txt",) and ix.last_update.added == ()
    assert ix.last_update.embedded == 1 and embedder.texts_embedded == before + 1
    for mode in ("bm25", "dense", "hybrid"):
        top = ix.search("yeti sighted", k=1, mode=mode)[0]
        assert top.doc_id == "beta.txt" and "yeti" in top.text
        assert top.text == file_text(corpus, "beta.txt")[top.start : top.end]
    ix.close()

    # A new title changes every embedded text of that file, and only of that file.
    write_article(corpus, "beta.txt", "Blizzard shuts alpine route", paras)
    ix = open_index(corpus, idx, embedder)
    assert ix.last_update.embedded == len(ix.chunks_of("beta.txt")) == 2
    assert ix.search("blizzard alpine", k=1, mode="bm25")[0].doc_id == "beta.txt"


def test_deleted_file_never_comes_back(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    ix = open_index(corpus, idx, embedder)
    assert "alpha.txt" in docs_in(ix.search("quokka colony pier", k=3, mode="bm25"))
    ix.close()
    (corpus / "alpha.txt").unlink()
    for _ in range(2):
        ix = open_index(corpus, idx, embedder)
        assert "alpha.txt" not in ix.documents
        assert all(c.doc_id != "alpha.txt" for c in ix.chunks)
        for mode in ("bm25", "dense", "hybrid"):
            assert "alpha.txt" not in docs_in(ix.search("quokka colony pier", k=10, mode=mode))
        ix.close()
    assert ix.last_update.embedded == 0


def test_renamed_file_reuses_its_vectors(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    open_index(corpus, idx, embedder).close()
    (corpus / "sub").mkdir()
    (corpus / "alpha.txt").rename(corpus / "sub" / "alpha.txt")
    ix = open_index(corpus, idx, embedder)
    assert ix.last_update.added == ("sub/alpha.txt",) and ix.last_update.removed == ("alpha.txt",)
    assert ix.last_update.embedded == 0
    hit = ix.search("quokka", k=1, mode="bm25")[0]
    assert hit.path == "sub/alpha.txt"
    assert hit.text == file_text(corpus, "sub/alpha.txt")[hit.start : hit.end]


@pytest.mark.parametrize("engine", ENGINES)
def test_previous_generation_survives_an_incremental_update(corpus, tmp_path, embedder, engine):
    """Unchanged keyword files are hard-linked into the new generation: the old one must
    still read exactly as before (whoosh and tantivy never rewrite a file in place)."""
    idx = tmp_path / "idx"
    first = open_index(corpus, idx, embedder, keyword_engine=engine)
    old_path = first._gen.path
    first.close()
    (corpus / "alpha.txt").unlink()
    write_article(corpus, "delta.txt", "Bridge repaired", ["Engineers repaired the old bridge."])
    second = open_index(corpus, idx, embedder)
    assert second._gen.path != old_path and second.facts()["keyword_engine"] == engine
    old = Generation.load(old_path)
    assert len(old.rows) == 7 and old.keyword().doc_count() == 7
    assert old.keyword().search(["quokka"], 5)
    assert second._gen.keyword().search(["quokka"], 5) == []
    old.close()


def test_open_reader_survives_its_generation_being_collected(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    reader = open_index(corpus, idx, embedder)
    old_path = reader._gen.path
    for name in ("delta.txt", "epsilon.txt"):  # two updates: the reader's generation goes
        write_article(corpus, name, name.title(), [f"A note about {name} and its bridge."])
        open_index(corpus, idx, embedder).close()
    assert not old_path.exists()
    assert reader.search("quokka colony", k=1, mode="bm25")[0].doc_id == "alpha.txt"
    assert reader.search("quokka colony", k=1, mode="dense")[0].doc_id == "alpha.txt"
    reader.close()


def test_keyword_engine_switch_rebuilds_the_keyword_side_only(
    corpus, tmp_path, embedder, monkeypatch
):
    monkeypatch.delenv("QA_KEYWORD_ENGINE", raising=False)
    idx = tmp_path / "idx"
    first = open_index(corpus, idx, embedder, keyword_engine="whoosh")
    expected = [h.chunk_id for h in first.search("harbour quotas", k=3, mode="bm25")]
    first.close()
    again = open_index(corpus, idx, embedder)  # remembered: no switch back to the default
    assert again.facts()["keyword_engine"] == "whoosh"
    assert not again.last_update.changed_anything
    again.close()
    for engine in ("tantivy", "bm25s"):
        monkeypatch.setenv("QA_KEYWORD_ENGINE", engine)
        ix = open_index(corpus, idx, embedder)
        assert ix.facts()["keyword_engine"] == engine
        assert ix.last_update.embedded == 0 and ix.last_update.rebuilt is None
        assert not (ix.last_update.added or ix.last_update.changed or ix.last_update.removed)
        assert [h.chunk_id for h in ix.search("harbour quotas", k=3, mode="bm25")] == expected
        ix.close()
    monkeypatch.setenv("QA_KEYWORD_ENGINE", "lucene")
    with pytest.raises(ValueError, match="unknown keyword engine 'lucene'"):
        open_index(corpus, idx, embedder)


def test_chunker_code_change_rechunks_but_reuses_vectors(corpus, tmp_path, embedder, monkeypatch):
    idx = tmp_path / "idx"
    open_index(corpus, idx, embedder).close()
    monkeypatch.setattr("index.fingerprints.chunking_fingerprint", lambda: "different-code")
    ix = open_index(corpus, idx, embedder)
    assert ix.last_update.rebuilt and "code changed" in ix.last_update.rebuilt
    assert ix.last_update.embedded == 0 and len(ix.chunks) == 7


def test_other_embedding_model_reembeds_everything(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    open_index(corpus, idx, embedder).close()
    other = HashEmbedder()
    other.name = "test/another-model"  # another model: same vectors, another name
    ix = open_index(corpus, idx, other)
    assert ix.last_update.rebuilt == "embedding model changed"
    assert ix.last_update.embedded == 7 and other.texts_embedded == 7
    assert ix.search("snowcat", k=1, mode="dense")[0].doc_id == "beta.txt"


# ----------------------------------------------------------------- corruption


def _current_gen(idx: Path) -> Path:
    return idx / "generations" / json.loads((idx / "CURRENT").read_text())["generation"]


def _corrupt(idx: Path, how: str) -> None:
    gen = _current_gen(idx)
    if how == "pointer":
        (idx / "CURRENT").write_text("{garbage")
    elif how == "pointer-to-nothing":
        (idx / "CURRENT").write_text('{"generation": "g999999-0-abc"}')
    elif how == "half-written":
        (gen / "manifest.json").unlink()
    elif how == "format":
        m = json.loads((gen / "manifest.json").read_text())
        m["format"] = 999
        (gen / "manifest.json").write_text(json.dumps(m))
    elif how == "vectors":
        data = (gen / "vectors.npy").read_bytes()
        (gen / "vectors.npy").write_bytes(data[: len(data) // 2])
    elif how == "chunks":
        (gen / "chunk-strings.json").write_text('{"docs": [1, 2')
    elif how == "codes":  # same size, wrong header: only the shape check can catch it
        data = bytearray((gen / "vectors-int8.npy").read_bytes())
        data[10:20] = b"garbage!!!"
        (gen / "vectors-int8.npy").write_bytes(bytes(data))
    elif how == "keyword":  # each engine's table of contents (whoosh, tantivy, bm25s)
        tocs = [*(gen / "keyword").glob("*.toc"), *(gen / "keyword").glob("meta.json"),
                *(gen / "keyword").glob("chunk_ids.json")]
        assert tocs
        for p in tocs:
            p.write_bytes(b"\x00garbage")
    elif how == "segment-truncated":
        seg = max((p for p in (gen / "keyword").rglob("*") if p.is_file()),
                  key=lambda p: p.stat().st_size)
        seg.write_bytes(seg.read_bytes()[:100])
    elif how == "keyword-missing":
        shutil.rmtree(gen / "keyword")
        (gen / "keyword").mkdir()


@pytest.mark.parametrize(
    ("how", "engine"),
    [(how, "tantivy") for how in ("pointer", "pointer-to-nothing", "half-written", "format",
                                  "vectors", "chunks", "codes")]
    + [(how, engine) for how in ("keyword", "segment-truncated", "keyword-missing")
       for engine in ENGINES],
)
def test_corrupt_index_is_rebuilt_with_a_warning(corpus, tmp_path, embedder, caplog, how, engine):
    idx = tmp_path / "idx"
    open_index(corpus, idx, embedder, keyword_engine=engine).close()
    _corrupt(idx, how)
    with caplog.at_level(logging.WARNING, logger="index.store"):
        ix = open_index(corpus, idx, embedder)
    assert ix.last_update.rebuilt
    assert any("rebuilding" in r.getMessage() for r in caplog.records)
    if how == "format":
        assert "format" in ix.last_update.rebuilt
    if how.startswith(("keyword", "segment")):  # the manifest still names the chosen engine
        assert ix.facts()["keyword_engine"] == engine
    assert len(ix.chunks) == 7
    hit = ix.search("snowcat summit", k=1)[0]
    assert hit.doc_id == "beta.txt"
    assert hit.text == file_text(corpus, "beta.txt")[hit.start : hit.end]
    assert len(list((idx / "generations").iterdir())) == 1  # the broken one is collected
    ix.close()
    assert not open_index(corpus, idx, embedder).last_update.changed_anything


# ----------------------------------------------------------------- crash safety and locking

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from fake_embedder import HashEmbedder
    from index.search import HybridIndex

    corpus, idx, stage, marker, pause = sys.argv[1:6]

    def progress(s, done, total):
        if s == stage:
            Path(marker).write_text(s)
            time.sleep(float(pause))

    ix = HybridIndex.open(corpus, idx, embedder=HashEmbedder(), progress=progress)
    r = ix.last_update
    print(len(r.added), len(r.removed), r.embedded, len(ix.chunks), flush=True)
    """
)


def _child(corpus: Path, idx: Path, stage: str, marker: Path, pause: float) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")]),
           "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(corpus), str(idx), stage, str(marker), str(pause)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child exited early: {proc.communicate()}")
        assert time.monotonic() < deadline, "child never reached the stage"
        time.sleep(0.05)


@pytest.mark.parametrize("stage", ["keyword index", "embed", "publish"])
def test_sigkill_mid_build_leaves_previous_index_usable(corpus, tmp_path, embedder, stage):
    idx = tmp_path / "idx"
    first = open_index(corpus, idx, embedder)
    generation = first.last_update.generation
    expected = [h.chunk_id for h in first.search("harbour quotas", k=3, mode="bm25")]
    first.close()

    (corpus / "gamma.md").unlink()
    write_article(corpus, "delta.txt", "Bridge repaired", ["Engineers repaired the old bridge."])
    marker = tmp_path / "marker"
    proc = _child(corpus, idx, stage, marker, pause=120)
    try:
        _wait_for(marker, proc)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    # The half-built generation is never current: the old one loads as it was.
    old = Generation.load(_current_gen(idx))
    assert old.name == generation and len(old.rows) == 7
    old.close()
    ix = open_index(corpus, idx, embedder)
    assert ix.last_update.rebuilt is None  # updated from the old index, not from scratch
    assert ix.last_update.added == ("delta.txt",) and ix.last_update.removed == ("gamma.md",)
    assert [h.chunk_id for h in ix.search("harbour quotas", k=3, mode="bm25")] == expected
    assert ix.search("bridge engineers", k=1, mode="bm25")[0].doc_id == "delta.txt"
    assert len(list((idx / "generations").iterdir())) == 2  # new + previous; debris collected
    ix.close()


def test_two_concurrent_builders_do_not_corrupt(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    open_index(corpus, idx, embedder).close()
    # A change that needs no embedding (same texts under a new name): the children never
    # load the model, so the test stays fast.
    (corpus / "beta.txt").rename(corpus / "beta2.txt")
    m1, m2 = tmp_path / "m1", tmp_path / "m2"
    first = _child(corpus, idx, "keyword index", m1, pause=1.5)
    _wait_for(m1, first)  # the first holds the lock now
    second = _child(corpus, idx, "never", m2, pause=0)
    out1, err1 = first.communicate(timeout=120)
    out2, err2 = second.communicate(timeout=120)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert out1.split() == ["1", "1", "0", "7"]
    assert out2.split() == ["0", "0", "0", "7"]  # it waited, then found the index current
    assert "waiting" in err2
    ix = open_index(corpus, idx, embedder)
    assert not ix.last_update.changed_anything
    expected = sorted(
        c.chunk_id for d in ix.documents.values() for c in chunk_document(d)
    )
    assert sorted(c.chunk_id for c in ix.chunks) == expected


def test_lock_held_too_long_is_a_clear_error_but_reading_still_works(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    open_index(corpus, idx, embedder).close()
    with FileLock(str(idx / "lock")):
        assert len(open_index(corpus, idx, embedder, lock_timeout=0.2).chunks) == 7
        write_article(corpus, "delta.txt", "Bridge", ["Engineers repaired the old bridge."])
        with pytest.raises(IndexStoreError, match="locked by another process"):
            open_index(corpus, idx, embedder, lock_timeout=0.2)
    assert open_index(corpus, idx, embedder).last_update.added == ("delta.txt",)


def test_up_to_date_open_and_bm25_search_do_not_import_torch(corpus, tmp_path, real_embedder):
    idx = tmp_path / "idx"
    open_index(corpus, idx, real_embedder).close()
    code = textwrap.dedent(
        f"""
        import sys
        from index.search import HybridIndex
        ix = HybridIndex.open({str(corpus)!r}, {str(idx)!r})
        hits = ix.search("quokka colony", k=2, mode="bm25")
        assert hits and hits[0].doc_id == "alpha.txt", hits
        assert ix.last_update.embedded == 0
        heavy = [m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules]
        print(heavy)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# ----------------------------------------------------------------- derived per-document data


def test_per_document_computes_only_new_content(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    seen: list[str] = []

    def compute(doc, chunks):
        seen.append(doc.doc_id)
        return {"paragraphs": len(chunks), "pair": (1, 2), "title": doc.title}

    ix = open_index(corpus, idx, embedder)
    got = ix.per_document("facts", "1", compute)
    assert sorted(seen) == ["alpha.txt", "beta.txt", "gamma.md"]
    assert got["beta.txt"] == {"paragraphs": 2, "pair": [1, 2], "title": ARTICLES["beta.txt"][0]}
    seen.clear()
    assert open_index(corpus, idx, embedder).per_document("facts", "1", compute) == got
    assert seen == []

    write_article(corpus, "beta.txt", "Storm closes mountain pass", ["Only one paragraph now."])
    (corpus / "alpha.txt").unlink()
    ix = open_index(corpus, idx, embedder)
    got = ix.per_document("facts", "1", compute)
    assert seen == ["beta.txt"]
    assert set(got) == {"beta.txt", "gamma.md"} and got["beta.txt"]["paragraphs"] == 1
    seen.clear()
    ix.per_document("facts", "2", compute)  # a new version recomputes everything
    assert sorted(seen) == ["beta.txt", "gamma.md"]
    assert not list(corpus.rglob("*.json"))


def test_per_document_bad_input(corpus, tmp_path, embedder):
    ix = open_index(corpus, tmp_path / "idx", embedder)
    with pytest.raises(TypeError, match="not JSON"):
        ix.per_document("bad", "1", lambda d, c: {1, 2})
    with pytest.raises(ValueError, match="name"):
        ix.per_document("../escape", "1", lambda d, c: 1)


def test_per_document_corrupt_cache_is_recomputed(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    ix = open_index(corpus, idx, embedder)
    ix.per_document("facts", "1", lambda d, c: len(c))
    (idx / "derived" / "facts@1.json").write_text("{not json")
    assert ix.per_document("facts", "1", lambda d, c: len(c)) == {
        "alpha.txt": 3, "beta.txt": 2, "gamma.md": 2,
    }


def test_vectors_are_plain_npy(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    ix = open_index(corpus, idx, embedder)
    vecs = np.load(_current_gen(idx) / "vectors.npy", allow_pickle=False)
    assert vecs.shape == (7, 384) and vecs.dtype == np.float32
    assert np.allclose(vecs, embedder.encode([_embed_text(c) for c in ix.chunks]), atol=1e-5)


def _embed_text(chunk) -> str:
    from index.embedder import embedding_text

    return embedding_text(chunk)


def _to_format_1(gen: Path) -> None:
    """Rewrite a generation as the format-1 code wrote it: chunks.json, float32 vectors only."""
    from index.chunk_table import ChunkTable
    from index.generations import file_sizes

    table = ChunkTable.load(gen)
    rows = [[r.doc_id, r.heading, r.paragraph, r.start, r.end, r.embed_hash] for r in table]
    for name in ("chunks.npy", "chunk-hashes.npy", "chunk-strings.json", "vectors-int8.npy",
                 "vector-scales.npy"):
        (gen / name).unlink()
    (gen / "chunks.json").write_text(json.dumps({"rows": rows}))
    m = json.loads((gen / "manifest.json").read_text())
    m["format"] = 1
    m["sizes"] = file_sizes(gen)
    (gen / "manifest.json").write_text(json.dumps(m))


def test_a_format_1_index_is_converted_without_re_embedding(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    ix = open_index(corpus, idx, embedder)
    before = [(h.chunk_id, h.score) for h in ix.search("harbour quotas", k=5)]
    ix.close()
    _to_format_1(_current_gen(idx))
    assert Generation.load(_current_gen(idx)).format == 1  # still readable
    calls = embedder.calls
    ix = open_index(corpus, idx, embedder)
    assert ix.last_update.embedded == 0 and embedder.calls == calls
    assert "format 1 converted" in (ix.last_update.rebuilt or "")
    assert ix._gen.format == 2 and (_current_gen(idx) / "vectors-int8.npy").is_file()
    assert [(h.chunk_id, h.score) for h in ix.search("harbour quotas", k=5)] == before
    ix.close()
    again = open_index(corpus, idx, embedder)
    assert not again.last_update.changed_anything
    again.close()
