"""Derived data that callers store next to the index; the store does not know what it means.

Per document: values a caller computes per document (the QA layer's people and statements),
keyed by document content, so that a changed file invalidates exactly its own entry.
Per generation: files a caller derives from the whole corpus (the QA layer's speaker table,
statements, idf, statement vectors), in a folder named by the generation they were computed
from; a new generation (any document changed) has a new, empty folder.

    derived/<name>@<version>.json   {"format", "chunking", "entries": {doc_id: {"key", "value"}}}
    derived/<name>@<version>/<generation>/<file>   whatever the caller writes
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import multiprocessing.context
import os
import pickle
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from index import fingerprints
from index.atomic_files import atomic_write_bytes, json_bytes, read_json
from index.chunking import Chunk
from index.corpus import Document
from index.corpus_scan import Progress, text_sha1
from index.fingerprints import DERIVED_FORMAT

__all__ = ["JSONable", "Rebase", "generation_data_dir", "other_generation_data", "per_document",
           "save_generation_data"]

log = logging.getLogger(__name__)

JSONable = Any

Compute = Callable[[Document, list[Chunk]], JSONable]
# The value of a document computed for its copy under another name (`per_document`): the
# caller's value with the copy's id and path put in where the value holds the original's.
Rebase = Callable[[JSONable, Document], JSONable]

# Below this many documents to compute, one process does it (starting workers costs more than
# it saves); documents sent to a worker per task. Both hand-set: a bbc-full article's statements
# take ~17 ms of CPU (README "Indexing speed"), so a task is about half a second of work.
PARALLEL_MIN_DOCUMENTS = 64
DOCUMENTS_PER_TASK = 32

# How worker processes start. Never "fork": this process may run native thread pools
# (onnxruntime's, OpenVINO's TBB, gRPC's under the Milvus backend) and a forked child inherits
# their locks as they were, possibly held by a thread that does not exist in the child, and can
# wait on them forever. "forkserver" forks each worker from a server process started fresh
# (fork + exec) that has imported only the computation's module; it costs one
# interpreter start per process that computes, not one per worker as "spawn" would (README
# "Derived data in worker processes" has the measured costs).
START_METHOD = "forkserver"


def per_document(
    directory: Path,
    name: str,
    version: str,
    documents: Mapping[str, Document],
    chunks_of: Callable[[str], list[Chunk]],
    compute: Compute,
    locked: Callable[[], AbstractContextManager[None]],
    progress: Progress | None = None,
    rebase: Rebase | None = None,
) -> dict[str, JSONable]:
    """Per-document values of `compute`, cached in `directory` by document content; only new
    ones are computed, in worker processes when there are many (`compute` must then pickle).
    `locked` holds the index's writer lock while the cache file is replaced; `progress` hears
    ``(stage, done, total)`` with the stage named after the last part of `name`. With
    `rebase`, a document that is a copy of another under another name (all but its id and
    path the same: bbc-full holds 98) is not computed: the other's value, rebased, is its."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", f"{name}{version}"):
        raise ValueError(
            f"per_document name/version must be [A-Za-z0-9_.-]: {name!r} {version!r}"
        )
    path = directory / f"{name}@{version}.json"
    fp = fingerprints.chunking_fingerprint()
    keys = {doc_id: _doc_key(d) for doc_id, d in documents.items()}
    entries = _read_derived(path, fp)
    out: dict[str, JSONable] = {}
    todo = [d for d in documents if entries.get(d, {}).get("key") != keys[d]]
    if not todo and set(entries) == set(documents):
        return {d: entries[d]["value"] for d in documents}
    stage = name.rsplit(".", 1)[-1]
    copies = _copies(documents, todo) if rebase is not None else {}
    values = _compute_all(compute, [(documents[d], chunks_of(d)) for d in todo
                                    if d not in copies], stage, progress)
    if rebase is not None:
        for d, original in copies.items():
            values[d] = rebase(values[original], documents[d])
    for d in documents:
        if d in todo:
            value = values[d]
            try:  # round-trip so callers get exactly what a later load returns
                value = json.loads(json.dumps(value, ensure_ascii=False))
            except (TypeError, ValueError) as e:
                raise TypeError(
                    f"per_document {name!r}: value for {d} is not JSON: {e}"
                ) from None
            entries[d] = {"key": keys[d], "value": value}
        out[d] = entries[d]["value"]
    kept = {d: entries[d] for d in documents}
    with locked():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(
            path, json_bytes({"format": DERIVED_FORMAT, "chunking": fp, "entries": kept})
        )
    return out


def _copies(documents: Mapping[str, Document], todo: Sequence[str]) -> dict[str, str]:
    """Each document of `todo` that is a copy of an earlier one of `todo` (`_copy_key`), and
    that one's id."""
    first: dict[str, str] = {}
    out: dict[str, str] = {}
    for d in todo:
        original = first.setdefault(_copy_key(documents[d]), d)
        if original != d:
            out[d] = original
    return out


def _copy_key(doc: Document) -> str:
    """Content key of a document without its id and path: everything `compute` may read."""
    fields = {k: v for k, v in vars(doc).items() if k not in ("doc_id", "path")}
    return text_sha1(json.dumps(fields, sort_keys=True, ensure_ascii=False))


def _compute_all(
    compute: Compute,
    work: Sequence[tuple[Document, list[Chunk]]],
    stage: str,
    progress: Progress | None,
) -> dict[str, JSONable]:
    """``{doc_id: compute(doc, chunks)}`` for `work`: in worker processes (one per core) when
    there is enough of it and a fresh process can import `compute`, else (or if the workers
    die) here; same values either way."""
    out: dict[str, JSONable] = {}
    if progress:
        progress(stage, 0, len(work))
    workers = min(_cores(), -(-len(work) // DOCUMENTS_PER_TASK))
    if workers > 1 and len(work) >= PARALLEL_MIN_DOCUMENTS and _importable(compute):
        tasks = [work[i : i + DOCUMENTS_PER_TASK] for i in range(0, len(work), DOCUMENTS_PER_TASK)]
        try:
            with ProcessPoolExecutor(max_workers=workers,
                                     mp_context=_worker_context(compute)) as pool:
                for task, values in zip(
                    tasks, pool.map(_compute_task, [compute] * len(tasks), tasks), strict=True
                ):
                    out.update(zip((doc.doc_id for doc, _ in task), values, strict=True))
                    if progress:
                        progress(stage, len(out), len(work))
            return out
        except BrokenProcessPool:
            # A worker runs the main script again (as __mp_main__); one that indexes at its top
            # level, with no `if __name__ == "__main__":`, kills its workers this way.
            log.warning("worker processes for %s died (is the script's main code under "
                        "`if __name__ == \"__main__\":`?); computing in this process", stage)
            out.clear()
    for i, (doc, chunks) in enumerate(work, 1):
        out[doc.doc_id] = compute(doc, chunks)
        if progress and (i % DOCUMENTS_PER_TASK == 0 or i == len(work)):
            progress(stage, i, len(work))
    return out


def _compute_task(compute: Compute, task: Sequence[tuple[Document, list[Chunk]]]) -> list[Any]:
    return [compute(doc, chunks) for doc, chunks in task]


def _worker_context(compute: Compute) -> multiprocessing.context.BaseContext:
    """The start method's context; with "forkserver", the server (if this call starts it)
    imports `compute`'s module once, so the workers forked from it do not each import it (they
    still run the parent's main script under another name, as every non-fork worker does: cheap
    once that module is loaded, 0.05 s of CPU for `qa`'s)."""
    context = multiprocessing.get_context(START_METHOD)
    module = getattr(compute, "__module__", None)
    if isinstance(context, multiprocessing.context.ForkServerContext) and isinstance(module, str):
        context.set_forkserver_preload([module])
    return context


def _cores() -> int:
    """CPU cores this process may run on (1 where the start method is unavailable: no worker
    processes)."""
    if START_METHOD not in multiprocessing.get_all_start_methods():
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _importable(compute: Compute) -> bool:
    """Whether a fresh process finds `compute` by pickle's reference to it (not a closure or a
    lambda, nor defined in `__main__`, which a worker may not have as the parent does)."""
    if getattr(compute, "__module__", None) == "__main__":
        return False
    try:
        pickle.dumps(compute)
    except (pickle.PicklingError, AttributeError, TypeError):
        return False
    return True


def _read_derived(path: Path, fp: str) -> dict[str, dict[str, Any]]:
    try:
        data = read_json(path)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        log.warning("derived data %s is unreadable (%s); recomputing", path.name, e)
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != DERIVED_FORMAT
        or data.get("chunking") != fp
        or not isinstance(data.get("entries"), dict)
    ):
        return {}
    return {k: v for k, v in data["entries"].items() if isinstance(v, dict) and "key" in v}


def _doc_key(doc: Document) -> str:
    """Content key of a document for derived data: id, title and text."""
    return text_sha1(f"{doc.doc_id}\0{doc.title}\0{doc.text}")


def generation_data_dir(directory: Path, name: str, version: str, generation: str) -> Path:
    """Where the files derived from `generation` under `name` and `version` live (may not
    exist yet)."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", f"{name}{version}{generation}"):
        raise ValueError(f"derived data name/version must be [A-Za-z0-9_.-]: {name!r} {version!r}")
    return directory / f"{name}@{version}" / generation


def other_generation_data(directory: Path, name: str, current: Path) -> list[Path]:
    """Folders of `name` for other generations or versions than `current`, newest first (a
    caller may reuse what they hold, e.g. vectors of statements that did not change)."""
    found = [p for p in directory.glob(f"{name}@*/*") if p.is_dir() and p != current]
    return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def save_generation_data(
    directory: Path,
    name: str,
    version: str,
    generation: str,
    files: Mapping[str, bytes],
    locked: Callable[[], AbstractContextManager[None]],
) -> Path:
    """Write `files` into the generation's folder, each atomically, under the writer lock; then
    remove the folders of `name` for other generations or versions that hold no file name the
    current folder lacks (so data computed only by some callers, like one embedder's vectors,
    stays reusable until the current generation has its own)."""
    target = generation_data_dir(directory, name, version, generation)
    with locked():
        target.mkdir(parents=True, exist_ok=True)
        for fname, data in files.items():
            atomic_write_bytes(target / fname, data)
        have = {p.name for p in target.iterdir()}
        for other in other_generation_data(directory, name, target):
            if {p.name for p in other.iterdir()} <= have:
                shutil.rmtree(other, ignore_errors=True)
        for folder in directory.glob(f"{name}@*"):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    return target
