"""The per-document cache of derived data: values a caller computes per document (the QA
layer's people and statements), stored next to the index and keyed by document content, so that
a changed file invalidates exactly its own entry. The store does not know what the values mean.

    derived/<name>@<version>.json   {"format", "chunking", "entries": {doc_id: {"key", "value"}}}
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from index import fingerprints
from index.atomic_files import atomic_write_bytes, json_bytes, read_json
from index.chunking import Chunk
from index.corpus import Document
from index.corpus_scan import text_sha1
from index.fingerprints import FORMAT_VERSION

__all__ = ["JSONable", "per_document"]

log = logging.getLogger(__name__)

JSONable = Any


def per_document(
    directory: Path,
    name: str,
    version: str,
    documents: Mapping[str, Document],
    chunks_of: Callable[[str], list[Chunk]],
    compute: Callable[[Document, list[Chunk]], JSONable],
    locked: Callable[[], AbstractContextManager[None]],
) -> dict[str, JSONable]:
    """Per-document values of `compute`, cached in `directory` by document content; only new
    ones are computed. `locked` holds the index's writer lock while the cache file is replaced."""
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
    for d in documents:
        if d in todo:
            value = compute(documents[d], chunks_of(d))
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
            path, json_bytes({"format": FORMAT_VERSION, "chunking": fp, "entries": kept})
        )
    return out


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
        or data.get("format") != FORMAT_VERSION
        or data.get("chunking") != fp
        or not isinstance(data.get("entries"), dict)
    ):
        return {}
    return {k: v for k, v in data["entries"].items() if isinstance(v, dict) and "key" in v}


def _doc_key(doc: Document) -> str:
    """Content key of a document for derived data: id, title and text."""
    return text_sha1(f"{doc.doc_id}\0{doc.title}\0{doc.text}")
