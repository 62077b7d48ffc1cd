"""Per-document derived data computed in worker processes: the same values as in one process,
progress reported, unpicklable computations kept in the caller's process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from contextlib import nullcontext
from pathlib import Path

import pytest

from index import derived
from index.chunking import Chunk, chunk_document
from index.corpus import Document, parse_file


def _documents(n: int) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for i in range(n):
        text = f"Title {i}\n\n" + "\n\n".join(
            f"Paragraph {j} of article {i} says {'more ' * (i % 7)}things."
            for j in range(1 + i % 4)
        )
        for d in parse_file(f"a{i:03d}.txt", text):
            docs[d.doc_id] = d
    return docs


def _facts(doc: Document, chunks: list[Chunk]) -> dict[str, object]:
    return {"chunks": len(chunks), "words": sum(len(c.text.split()) for c in chunks),
            "title": doc.title}


def _pid(doc: Document, chunks: list[Chunk]) -> int:
    return os.getpid()


# A lock another thread of the parent holds while the workers start: what a native thread pool's
# mutex (onnxruntime, OpenVINO's TBB, gRPC) is to a worker. A forked worker inherits it held,
# by a thread it does not have, and waits forever; a worker that starts fresh sees it free.
_HELD = threading.Lock()


def _lock_is_free(doc: Document, chunks: list[Chunk]) -> bool:
    got = _HELD.acquire(timeout=0.05)  # hand-set: a free lock is taken at once
    if got:
        _HELD.release()
    return got


def _run(tmp: Path, docs: dict[str, Document], compute, name: str = "t.facts", progress=None):
    return derived.per_document(tmp, name, "1", docs, lambda d: chunk_document(docs[d]), compute,
                                nullcontext, progress)


def test_workers_give_the_values_one_process_gives(tmp_path: Path, monkeypatch):
    docs = _documents(150)
    seen: list[tuple[str, int, int]] = []
    parallel = _run(tmp_path / "p", docs, _facts, progress=lambda *a: seen.append(a))
    monkeypatch.setattr(derived, "PARALLEL_MIN_DOCUMENTS", 10**9)
    serial = _run(tmp_path / "s", docs, _facts)
    assert parallel == serial and list(parallel) == list(docs)
    assert seen[0] == ("facts", 0, 150) and seen[-1] == ("facts", 150, 150)
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)


@pytest.mark.skipif(derived._cores() < 2, reason="one core: no worker processes")
def test_many_documents_go_to_worker_processes(tmp_path: Path):
    pids = set(_run(tmp_path, _documents(derived.PARALLEL_MIN_DOCUMENTS), _pid).values())
    assert os.getpid() not in pids and len(pids) >= 1


@pytest.mark.skipif(derived._cores() < 2, reason="one core: no worker processes")
def test_workers_do_not_inherit_locks_other_threads_hold(tmp_path: Path):
    holding, done = threading.Event(), threading.Event()

    def hold() -> None:
        with _HELD:
            holding.set()
            done.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait()
    try:
        free = _run(tmp_path, _documents(derived.PARALLEL_MIN_DOCUMENTS), _lock_is_free)
    finally:
        done.set()
        holder.join()
    assert set(free.values()) == {True}


def test_few_documents_or_unpicklable_compute_stay_here(tmp_path: Path):
    few = _documents(derived.PARALLEL_MIN_DOCUMENTS - 1)
    assert set(_run(tmp_path / "few", few, _pid).values()) == {os.getpid()}
    many = _documents(derived.PARALLEL_MIN_DOCUMENTS + 5)
    calls: list[str] = []

    def local(doc: Document, chunks: list[Chunk]) -> int:  # a closure does not pickle
        calls.append(doc.doc_id)
        return os.getpid()

    assert set(_run(tmp_path / "local", many, local).values()) == {os.getpid()}
    assert len(calls) == len(many)


def test_only_computations_a_fresh_process_can_import_go_to_workers():
    def local(doc: Document, chunks: list[Chunk]) -> int:
        return 0

    def in_main(doc: Document, chunks: list[Chunk]) -> int:
        return 0

    in_main.__module__ = "__main__"
    assert derived._importable(_facts)
    assert not derived._importable(local) and not derived._importable(in_main)


@pytest.mark.skipif(derived._cores() < 2, reason="one core: no worker processes")
def test_a_script_without_a_main_guard_gets_its_values_in_one_process(tmp_path: Path):
    """Workers run the main script again; one that computes at its top level kills them, and
    the values are then computed in the script's process, with a warning."""
    (tmp_path / "facts_mod.py").write_text(textwrap.dedent("""
        import os

        def facts(doc, chunks):
            return [len(chunks), os.getpid()]
    """), encoding="utf-8")
    (tmp_path / "unguarded.py").write_text(textwrap.dedent("""
        import os, tempfile
        from contextlib import nullcontext
        from pathlib import Path
        from index import derived
        from index.chunking import chunk_document
        from index.corpus import parse_file
        from facts_mod import facts
        docs = {d.doc_id: d for i in range(70)
                for d in parse_file(f"a{i}.txt", f"T{i}\\n\\nBody {i}.\\n")}
        with tempfile.TemporaryDirectory() as t:
            out = derived.per_document(Path(t), "x", "1", docs,
                                       lambda d: chunk_document(docs[d]), facts, nullcontext)
        print("values", len(out), {v[1] for v in out.values()} == {os.getpid()})
    """), encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    path = os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, PYTHONPATH=path)
    run = subprocess.run([sys.executable, str(tmp_path / "unguarded.py")], capture_output=True,
                         text=True, env=env, timeout=300)
    assert run.stdout.strip() == "values 70 True", run.stderr
    assert "computing in this process" in run.stderr


def _ids(doc: Document, chunks: list[Chunk]) -> dict[str, object]:
    return {"doc": doc.doc_id, "title": doc.title, "chunks": [c.start for c in chunks]}


def test_a_copy_under_another_name_is_rebased_not_computed(tmp_path: Path):
    text = "Same story\n\nThe same words in both files.\n\nA second paragraph."
    docs = {d.doc_id: d for name, t in [("a/one.txt", text), ("b/two.txt", text),
                                        ("c/other.txt", text.replace("both", "all"))]
            for d in parse_file(name, t)}
    computed: list[str] = []

    def compute(doc: Document, chunks: list[Chunk]) -> dict[str, object]:
        computed.append(doc.doc_id)
        return _ids(doc, chunks)

    def rebase(value, copy: Document):
        return {**value, "doc": copy.doc_id}

    got = derived.per_document(tmp_path, "t.ids", "1", docs, lambda d: chunk_document(docs[d]),
                               compute, nullcontext, None, rebase)
    assert computed == ["a/one.txt", "c/other.txt"]
    assert got == {d: _ids(doc, chunk_document(doc)) for d, doc in docs.items()}
    # without a rebase every document is computed
    computed.clear()
    derived.per_document(tmp_path / "n", "t.ids", "1", docs, lambda d: chunk_document(docs[d]),
                         compute, nullcontext)
    assert computed == list(docs)
