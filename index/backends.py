"""Which `Backend` an index searches, how the choice is remembered, and keeping Milvus in step.

A user picks with ``qa index --backend milvus --milvus-uri URI`` or ``QA_BACKEND`` and
``QA_MILVUS_URI`` (a token only from ``QA_MILVUS_TOKEN``: never stored, never printed). The
choice is remembered in the index directory (``backend.json``), so later calls on the same
index use it without flags; ``--backend embedded`` switches back.

The local index stays the source of truth: manifest, chunk table and vectors (reused by text
hash) are built by `index.store` as for the embedded engine. The Milvus collection is a copy
kept in step by chunk id and a hash of each row's fields (`sync`): after a build, only new or
changed chunks are upserted and vanished ones deleted; an unchanged generation (recorded in
``backend.json``) skips even the comparison.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

import numpy as np

from index.atomic_files import atomic_write_bytes, json_bytes, read_json
from index.backend import Backend, BackendError, EmbeddedBackend, row_hash
from index.chunking import Chunk
from index.generations import Generation

__all__ = [
    "BACKENDS",
    "RECORD",
    "BackendChoice",
    "BackendName",
    "open_backend",
    "remembered_backend",
    "requested_backend",
    "resolve_backend",
    "sync",
]

BackendName = Literal["embedded", "milvus"]
BACKENDS: tuple[str, ...] = get_args(BackendName)
ENV_BACKEND = "QA_BACKEND"
ENV_URI = "QA_MILVUS_URI"
ENV_TOKEN = "QA_MILVUS_TOKEN"  # read when connecting; never written to disk or printed
RECORD = "backend.json"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, kw_only=True)
class BackendChoice:
    """A backend and, for Milvus, its URI (a server URL, or a local milvus-lite ``.db``)."""

    name: BackendName = "embedded"
    uri: str | None = None


def _checked(name: str, uri: str | None) -> BackendChoice:
    name = name.strip().lower()
    if name not in BACKENDS:
        raise BackendError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if name == "milvus":
        if not uri:
            raise BackendError(f"the milvus backend needs --milvus-uri (or ${ENV_URI})")
        return BackendChoice(name="milvus", uri=_absolute(uri))
    return BackendChoice(name="embedded")


def _absolute(uri: str) -> str:
    """A URL as it is; a local milvus-lite file as an absolute path (``./seeds.db`` must name
    the same file from any working directory later)."""
    return uri if _SCHEME.match(uri) else str(Path(uri).expanduser().resolve())


def requested_backend(name: str | None = None, uri: str | None = None) -> BackendChoice | None:
    """What the user asked for: the arguments, else $QA_BACKEND / $QA_MILVUS_URI, else None.

    A URI alone means Milvus.
    """
    name = name or os.environ.get(ENV_BACKEND) or None
    uri = uri or os.environ.get(ENV_URI) or None
    if name is None and uri is None:
        return None
    return _checked(name or "milvus", uri)


def remembered_backend(index_dir: Path) -> BackendChoice | None:
    """The choice recorded in `index_dir` (None: none, or unreadable)."""
    try:
        data = read_json(index_dir / RECORD)
        return _checked(str(data["backend"]), data.get("uri"))
    except (OSError, ValueError, KeyError, TypeError, BackendError):
        return None


def resolve_backend(index_dir: Path, explicit: BackendChoice | None) -> BackendChoice:
    """The backend to use: the explicit request, else the remembered one, else embedded."""
    return explicit or remembered_backend(index_dir) or BackendChoice()


def _record(index_dir: Path) -> dict[str, object]:
    try:
        data = read_json(index_dir / RECORD)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def open_backend(
    choice: BackendChoice,
    index_dir: Path,
    corpus_root: Path,
    generation: Generation,
    chunks: Sequence[Chunk],
    dimension: int,
    locked: Callable[[], AbstractContextManager[None]],
) -> Backend:
    """The backend of an opened index, with Milvus brought in step with `generation`.

    The choice is recorded in `index_dir` (under the writer lock) once it works.
    """
    if choice.name == "embedded":
        if _record(index_dir).get("backend") not in (None, "embedded"):
            with locked():
                atomic_write_bytes(index_dir / RECORD, json_bytes({"backend": "embedded"}))
        return EmbeddedBackend(generation, chunks)
    from index.milvus_backend import MilvusBackend, collection_name

    assert choice.uri is not None
    collection = collection_name(str(corpus_root))
    backend = MilvusBackend.connect(choice.uri, collection, dimension,
                                    token=os.environ.get(ENV_TOKEN) or None)
    wanted = {"backend": "milvus", "uri": choice.uri, "collection": collection,
              "generation": generation.name}
    rec = _record(index_dir)
    if rec == wanted and backend.count() == len(chunks):
        return backend
    with locked():
        sync(backend, chunks, generation.vectors())
        atomic_write_bytes(index_dir / RECORD, json_bytes(wanted))
    return backend


def sync(backend: Backend, chunks: Sequence[Chunk], vectors: np.ndarray) -> tuple[int, int]:
    """Make `backend` hold exactly `chunks` (row i has vector i): (upserted, deleted).

    Compares by chunk id and `row_hash`, so an unchanged chunk is never sent again.
    """
    stored = backend.stored()
    wanted = {c.chunk_id: i for i, c in enumerate(chunks)}
    gone = [cid for cid in stored if cid not in wanted]
    todo = [i for i, c in enumerate(chunks) if stored.get(c.chunk_id) != row_hash(c)]
    if gone:
        backend.delete(gone)
    for part in _parts(todo, 1000):
        backend.upsert([chunks[i] for i in part], np.asarray(vectors[part], dtype=np.float32))
    return len(todo), len(gone)


def _parts(items: list[int], size: int) -> Iterator[list[int]]:
    for b in range(0, len(items), size):
        yield items[b : b + size]
