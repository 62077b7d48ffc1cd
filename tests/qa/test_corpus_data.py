"""The corpus data stored per index generation (`qa.corpus_data`): loaded instead of rebuilt,
answers identical with and without it, recomputed when a document changes."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import HashEmbedder

import qa.corpus_data
import qa.retriever
from qa import Retriever
from qa.corpus_data import NAME, data_version
from qa.statement_dates import date_statement

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
QUESTIONS = (
    "what did Stoltenberg say about Russia?",
    "what did Grushko say?",
    "who said that NATO would not compromise?",
    "How many troops are at the border?",
)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    return root


def _answers(r: Retriever) -> dict[str, object]:
    return {f"{q} {m}": r.ask(q, mode=m).to_dict() for q in QUESTIONS for m in ("hybrid", "bm25")}


def test_stored_data_is_loaded_not_recomputed(corpus, tmp_path, monkeypatch):
    first = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    first.prepare()
    expected = _answers(first)
    first.index.close()

    def no_derive(_index):
        raise AssertionError("corpus data derived again")

    monkeypatch.setattr(qa.corpus_data, "_derive", no_derive)
    embedder = HashEmbedder()
    again = Retriever(corpus, tmp_path / "idx", embedder=embedder)
    assert again.table.to_list() == first.table.to_list()
    assert again.quotes == first.quotes
    assert again._term_idf() == first._term_idf()
    assert _answers(again) == expected  # the stored data answers exactly as the computed
    statements = {q.text for q in again.quotes}
    assert embedder.texts_embedded > 0
    again.index.close()
    # No statement text was embedded at query time: their vectors come from the index.
    seen: list[str] = []
    embedder2 = HashEmbedder()
    orig = embedder2.encode
    embedder2.encode = lambda texts: (seen.extend(texts), orig(texts))[1]  # type: ignore[method-assign]
    third = Retriever(corpus, tmp_path / "idx", embedder=embedder2)
    third.ask(QUESTIONS[0])
    assert not statements & set(seen)
    third.index.close()


def test_answers_equal_with_stored_and_query_time_statement_vectors_and_terms(
        corpus, tmp_path, monkeypatch):
    stored = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    stored.prepare()
    with_store = _answers(stored)
    stored.index.close()
    # No statement found in the stored data: every vector and term list computed at query time.
    monkeypatch.setattr(Retriever, "_statement_row", lambda self, text: None)
    plain = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    assert _answers(plain) == with_store
    plain.index.close()


def test_a_changed_document_gets_new_data_and_reuses_old_vectors(corpus, tmp_path):
    idx = tmp_path / "idx"
    r = Retriever(corpus, idx, embedder=HashEmbedder())
    r.prepare()
    old_quotes = r.quotes
    old_folder = r.index.generation_data(NAME, data_version())
    r.index.close()
    assert (old_folder / qa.corpus_data.CORPUS_FILE).is_file()
    new = corpus / "005_new.txt"
    new.write_text("Ferry strike ends\n\nThe union leader Rosa Lindqvist said the ferries "
                   "would sail again on Friday after a pay deal.\n", encoding="utf-8")
    embedder = HashEmbedder()
    r2 = Retriever(corpus, idx, embedder=embedder)
    assert r2.index.last_update.added == ("005_new.txt",)
    folder = r2.index.generation_data(NAME, data_version())
    assert folder != old_folder and not (folder / qa.corpus_data.CORPUS_FILE).exists()
    quotes = r2.quotes  # recomputed for the new generation
    assert (folder / qa.corpus_data.CORPUS_FILE).is_file()
    assert any(q.doc_id == "005_new.txt" for q in quotes)
    assert [q for q in quotes if q.doc_id != "005_new.txt"] == old_quotes
    assert r2.table.resolve("Lindqvist") is not None
    before = embedder.texts_embedded
    r2.prepare()
    new_texts = {q.text for q in quotes if q.doc_id == "005_new.txt"}
    assert embedder.texts_embedded - before == len(new_texts)  # the others are reused
    vecs = qa.corpus_data.statement_vectors(r2.index, qa.corpus_data.corpus_data(r2.index))
    np.testing.assert_allclose(vecs, embedder.encode([q.text for q in quotes]), atol=1e-6)
    assert not old_folder.exists()  # collected once the new generation has all its files
    r2.index.close()


def test_stored_statement_dates_equal_the_computed_ones(corpus, tmp_path, monkeypatch):
    r = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    r.prepare()
    data = r._corpus_data()
    docs = r.index.documents
    assert len(data.said_on) == len(data.quotes) > 0
    assert any(d is not None and d.basis == "expression" for d in data.said_on)
    computed = {(q.doc_id, q.start, q.end): date_statement(
        docs[q.doc_id].text, q.start, q.end, docs[q.doc_id].published) for q in data.quotes}
    r.index.close()
    loaded = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    assert loaded._corpus_data().said_on == data.said_on  # decoded as encoded
    # Answering dates no statement again: every date of an answer is the stored one.
    monkeypatch.setattr(qa.retriever, "date_statements", lambda *a: pytest.fail("dated again"))
    for q in QUESTIONS[:3]:  # the speaker and who-said questions
        answer = loaded.ask(q, mode="bm25")
        assert answer.said_on and all(computed[k] == v for k, v in answer.said_on.items())
    loaded.index.close()


def test_statements_from_worker_processes_equal_those_computed_here(tmp_path, monkeypatch):
    """The per-document statements of 100 BBC articles (enough to go to worker processes, which
    start fresh and import `qa.statements` themselves) equal the single-process ones."""
    from contextlib import nullcontext

    from index import derived
    from index.chunking import chunk_document
    from index.corpus import read_corpus
    from qa.statements import STATEMENTS_VERSION, statements_of

    docs = {d.doc_id: d for d in read_corpus(SEEDS.parents[1] / "shared" / "corpora" / "bbc")}
    assert len(docs) >= derived.PARALLEL_MIN_DOCUMENTS
    chunks = {d: chunk_document(doc) for d, doc in docs.items()}

    def run(folder: str) -> dict[str, object]:
        return derived.per_document(tmp_path / folder, NAME, STATEMENTS_VERSION, docs,
                                    chunks.__getitem__, statements_of, nullcontext)

    workers = run("workers")
    monkeypatch.setattr(derived, "PARALLEL_MIN_DOCUMENTS", 10**9)
    assert run("here") == workers


def test_context_terms_are_stored_with_the_corpus_data_as_derived_alone(corpus, tmp_path,
                                                                        monkeypatch):
    # Deriving the corpus data analyses each chunk once for the idf and the context terms,
    # and stores both: the terms then load, equal to those derived on their own.
    r = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    data = qa.corpus_data.corpus_data(r.index)
    alone = qa.corpus_data._derive_context_terms(r.index, data, qa.corpus_data.tokenize)

    def no_derive(*_args):
        raise AssertionError("context terms derived again")

    monkeypatch.setattr(qa.corpus_data, "_derive_context_terms", no_derive)
    stored = qa.corpus_data.context_terms(r.index, data)
    assert len(data.quotes) > 10
    assert stored.vocab == alone.vocab
    assert stored.offsets.tolist() == alone.offsets.tolist()
    assert stored.ids.tolist() == alone.ids.tolist()
    r.index.close()


def test_statement_vectors_are_each_texts_whatever_order_they_are_embedded_in(corpus, tmp_path):
    # Statements are embedded longest first: each row must still be its own statement's vector.
    embedder = HashEmbedder()
    r = Retriever(corpus, tmp_path / "idx", embedder=embedder)
    data = qa.corpus_data.corpus_data(r.index)
    texts = [q.text for q in data.quotes]
    assert len(set(map(len, texts))) > 5
    vecs = qa.corpus_data.statement_vectors(r.index, data)
    assert np.allclose(vecs, HashEmbedder().encode(texts), atol=1e-6)
    assert qa.corpus_data._longest_first(["ab", "c", "de", "fgh"]) == ["fgh", "ab", "de", "c"]
    r.index.close()


def test_every_qa_module_the_derivation_imports_is_fingerprinted():
    """A change to any qa module that statements or corpus data import (directly or not) must
    re-derive stored data, so each one is in corpus_data's fingerprinted sources."""
    import ast
    from pathlib import Path

    from qa import corpus_data

    root = Path(corpus_data.__file__).parent
    seen: set[str] = set()
    todo = ["qa.statements", "qa.corpus_data"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse((root / f"{name.removeprefix('qa.')}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            todo += [n for n in names
                     if n.startswith("qa.") and (root / f"{n.removeprefix('qa.')}.py").exists()]
    assert seen - set(corpus_data._SOURCES) == set()


class _ThreadNoting(HashEmbedder):
    """The fake embedder, noting the thread each call ran in."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[str] = set()

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.threads.add(threading.current_thread().name)
        return super().encode(texts)


def test_vectors_embedded_while_deriving_equal_the_serial_ones(corpus, tmp_path):
    # `prepare` embeds the statement vectors in a thread while the rest of the corpus data is
    # derived; every stored file equals, byte for byte, what deriving the data and then
    # embedding (the path a question takes when nothing is stored) writes.
    serial = Retriever(corpus, tmp_path / "serial", embedder=HashEmbedder())
    data = qa.corpus_data.corpus_data(serial.index)
    qa.corpus_data.statement_vectors(serial.index, data)
    embedder = _ThreadNoting()
    overlapped = Retriever(corpus, tmp_path / "overlapped", embedder=embedder)
    overlapped.prepare()
    assert any(t.startswith("statement-vectors") for t in embedder.threads)  # in the thread
    want = serial.index.generation_data(NAME, data_version())
    got = overlapped.index.generation_data(NAME, data_version())
    names = sorted(p.name for p in want.iterdir())
    assert len(names) == 3 and sorted(p.name for p in got.iterdir()) == names
    for name in names:
        assert (got / name).read_bytes() == (want / name).read_bytes(), name
    assert len(overlapped.quotes) > 10
    serial.index.close()
    overlapped.index.close()


def test_a_failure_while_deriving_stops_the_embedding_and_writes_nothing(corpus, tmp_path,
                                                                         monkeypatch):
    # The embedding thread is told to stop (between encoder calls), the caller sees the
    # deriving thread's own error, and no file of the generation's data is written.
    r = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    started = threading.Event()
    stopped: list[bool] = []

    def embed_then_wait(index, texts, progress, stop):  # type: ignore[no-untyped-def]
        started.set()
        stopped.append(stop.wait(10))  # the deriving thread's failure sets it
        raise qa.corpus_data._Stopped

    def failing(*_args):
        assert started.wait(10)
        raise ValueError("bad chunk")

    monkeypatch.setattr(qa.corpus_data, "_vectors_file_of", embed_then_wait)
    monkeypatch.setattr(qa.corpus_data, "_derive_context_terms", failing)
    with pytest.raises(ValueError, match="bad chunk"):  # the deriving thread's, not _Stopped
        r.prepare()
    assert stopped == [True]
    assert not r.index.generation_data(NAME, data_version()).exists()
    r.index.close()


def test_a_copy_of_an_article_cites_itself(corpus, tmp_path):
    """A copy under another name is not extracted again (`qa.statements.rebased_statements`):
    its statements are the original's, each citing the copy, as extracting it would give."""
    from index.chunking import chunk_document
    from index.corpus import parse_file
    from qa.statements import rebased_statements, statements_of

    original = sorted(corpus.glob("*.txt"))[0]
    (corpus / "copy").mkdir()
    shutil.copy(original, corpus / "copy" / "same.txt")
    text = original.read_text(encoding="utf-8")
    a, b = parse_file(original.name, text)[0], parse_file("copy/same.txt", text)[0]
    assert rebased_statements(statements_of(a, chunk_document(a)), b) == statements_of(
        b, chunk_document(b))
    r = Retriever(corpus, tmp_path / "index", embedder=HashEmbedder())
    try:
        quotes = r._corpus_data().quotes
        mine = [(q.start, q.speaker) for q in quotes if q.doc_id == "copy/same.txt"]
        theirs = [(q.start, q.speaker) for q in quotes if q.doc_id == original.name]
        assert mine == theirs and mine
        assert all(q.path == "copy/same.txt" for q in quotes if q.doc_id == "copy/same.txt")
    finally:
        r.index.close()
