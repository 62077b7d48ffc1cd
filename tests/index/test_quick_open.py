"""The quick open: files with their recorded size and mtime are not read; touched-unchanged
files are read once and remembered; a same-size change is caught by its new mtime, and a racily
recorded file is hashed even when its mtime did not move; documents are read on first use."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from index.corpus_scan import RACY_NS, StaleFileError
from index.search import HybridIndex

ARTICLES = {
    "alpha.txt": "Harbour talks resume\n\nThe harbour authority met fishermen on Monday.\n",
    "beta.txt": "Storm closes pass\n\nHeavy snow closed the Kessel pass on Tuesday.\n",
    "sub/gamma.txt": "Library reopens\n\nThe city library reopened after two years.\n",
}
PAST_NS = 1_600_000_000 * 10**9  # a fixed time long before any test run (Sept 2020)


def _write(root: Path, rel: str, text: str, mtime_ns: int | None = PAST_NS) -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8", newline="")
    if mtime_ns is not None:
        os.utime(p, ns=(mtime_ns, mtime_ns))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for rel, text in ARTICLES.items():
        _write(root, rel, text)
    return root


def _open(corpus: Path, idx: Path, embedder) -> HybridIndex:
    return HybridIndex.open(corpus, idx, embedder=embedder)


def test_an_up_to_date_index_reads_no_file_until_a_text_is_needed(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    _open(corpus, idx, embedder).close()
    with _open(corpus, idx, embedder) as ix:
        assert ix.snapshot.read == ()
        assert not ix.last_update.changed_anything
        assert ix.documents.read_count == 0  # type: ignore[attr-defined]
        assert ix.chunk_count == 3 and ix.facts()["documents"] == 3
        hits = ix.search("snow pass", k=1, mode="bm25")
        assert hits[0].doc_id == "beta.txt"
        assert hits[0].text == ARTICLES["beta.txt"][hits[0].start:hits[0].end]
        assert ix.documents.read_count == 1  # type: ignore[attr-defined]


def test_a_touched_unchanged_file_is_read_once_then_remembered(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    _open(corpus, idx, embedder).close()
    gen = (idx / "CURRENT").read_text()
    later = PAST_NS + 10**9 * 3600
    os.utime(corpus / "alpha.txt", ns=(later, later))
    with _open(corpus, idx, embedder) as ix:
        assert ix.snapshot.read == ("alpha.txt",)
        assert not ix.last_update.changed_anything and ix.last_update.embedded == 0
    assert (idx / "CURRENT").read_text() == gen  # nothing re-indexed
    with _open(corpus, idx, embedder) as ix:
        assert ix.snapshot.read == ()  # its new mtime is remembered (filestats.json)


def test_a_same_size_change_with_a_new_mtime_is_caught(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    _open(corpus, idx, embedder).close()
    new = ARTICLES["beta.txt"].replace("Kessel", "Morvan")
    assert len(new) == len(ARTICLES["beta.txt"])
    _write(corpus, "beta.txt", new, PAST_NS + 10**9)
    with _open(corpus, idx, embedder) as ix:
        assert ix.last_update.changed == ("beta.txt",)
        assert [h.doc_id for h in ix.search("Morvan", k=1, mode="bm25")] == ["beta.txt"]


def test_a_racily_recorded_file_is_hashed_even_with_the_same_mtime(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    now = time.time_ns()
    _write(corpus, "beta.txt", ARTICLES["beta.txt"], now)  # written as the index is built
    _open(corpus, idx, embedder).close()
    new = ARTICLES["beta.txt"].replace("Kessel", "Morvan")
    _write(corpus, "beta.txt", new, now)  # same size, same mtime: a change in the same tick
    with _open(corpus, idx, embedder) as ix:
        assert "beta.txt" in ix.snapshot.read
        assert ix.last_update.changed == ("beta.txt",)
    assert RACY_NS >= 10**9


def test_a_file_changed_after_open_is_never_sliced_with_old_offsets(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    _open(corpus, idx, embedder).close()
    with _open(corpus, idx, embedder) as ix:
        _write(corpus, "alpha.txt", "Other title\n\nSomething else entirely, and longer.\n")
        with pytest.raises(StaleFileError, match="changed on disk"):
            ix.chunks_of("alpha.txt")


def test_lazy_documents_equal_eagerly_read_ones(corpus, tmp_path, embedder):
    idx = tmp_path / "idx"
    legacy = corpus / "delta.txt"  # windows-1252: read later with the recorded encoding
    legacy.write_bytes("Transfer fee\n\nThe club paid \u00a315.8m for the striker.\n"
                       .encode("cp1252"))
    os.utime(legacy, ns=(PAST_NS, PAST_NS))
    with _open(corpus, idx, embedder) as first:
        eager = {d: (doc.title, doc.text, doc.meta) for d, doc in first.documents.items()}
        chunks = [(c.chunk_id, c.text, c.title) for c in first.chunks]
    with _open(corpus, idx, embedder) as ix:
        assert list(ix.documents) == list(eager)
        assert {d: (doc.title, doc.text, doc.meta) for d, doc in ix.documents.items()} == eager
        assert [(c.chunk_id, c.text, c.title) for c in ix.chunks] == chunks
        assert ix.documents["delta.txt"].encoding == "cp1252"
        assert "\u00a315.8m" in ix.documents["delta.txt"].text


def test_the_fast_folder_listing_equals_the_pathlib_one(tmp_path):
    from index.corpus import iter_source_files
    from index.folder import source_files

    root = tmp_path / "c"
    for rel in ("a.txt", "a-b.txt", "a/b.txt", "a/z/deep.md", "B.TXT", "x.markdown",
                "notes.csv", ".hidden.txt", ".git/x.txt", "sub/.h/y.txt", "sub/corpus.jsonl",
                "sub/q r.txt", "é.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("Title\n\nBody text.\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("Elsewhere\n\nBody.\n", encoding="utf-8")
    (root / "linked_dir").symlink_to(outside, target_is_directory=True)
    (root / "linked.txt").symlink_to(outside / "o.txt")
    assert source_files(root) == list(iter_source_files(root))
    assert "linked.txt" in [sf.path for sf in source_files(root)]
