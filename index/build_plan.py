"""What a new generation takes over from the current one, and why anything is rebuilt: the
rebuild rules of `IndexStore.update`, as pure functions of the current generation and the scan;
and `UpdateReport`, what an update did.

Files whose content, or the reading/chunking code, changed are chunked again ("fresh"); the
rows of the others are reused. The keyword index is updated in place only when the engine, its
settings and the chunking are the same; vectors are reused only when the model is the same.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from index import fingerprints
from index.chunk_table import ChunkRow
from index.corpus_scan import CorpusSnapshot
from index.embedder import Embedder
from index.fingerprints import FORMAT_VERSION
from index.generations import Generation, model_record, recorded_model
from index.keyword_engines import backend

__all__ = ["BuildPlan", "UpdateReport", "file_records", "plan_build", "rows_by_file"]


@dataclass(frozen=True, kw_only=True)
class BuildPlan:
    """The rules' verdict for one build."""

    chunking: str  # fingerprint of the reading/chunking code
    keyword: str  # fingerprint of the keyword engine's settings
    same_chunking: bool  # the current generation's rows may be reused
    same_model: bool  # its vectors may be reused
    incremental_keyword: bool  # its keyword index is updated in place (hard-linked copy)
    reason: str | None  # why everything is rebuilt or converted, if so
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    fresh: frozenset[str]  # files chunked again: added, changed, or all if chunking changed


@dataclass(frozen=True)
class UpdateReport:
    """What the last open/update did."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0
    rebuilt: str | None = None  # why everything was rebuilt (corrupt, format, code), if so
    skipped: tuple[str, ...] = ()  # unreadable corpus files
    generation: str = ""

    @classmethod
    def up_to_date(cls, snap: CorpusSnapshot, gen: Generation, started: float) -> UpdateReport:
        """The report of an open that found `gen` current for `snap` (nothing rebuilt)."""
        return cls(
            unchanged=len(snap.files),
            chunks=len(gen.rows),
            skipped=snap.skipped,
            generation=gen.name,
            seconds=time.monotonic() - started,
        )

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt)


def plan_build(
    snap: CorpusSnapshot,
    encoder: Embedder,
    prev: Generation | None,
    reason: str | None,
    engine: str,
) -> BuildPlan:
    """The plan for building `snap` over `prev` with `encoder` and `engine`; `reason` is why
    `prev` is unusable, if it is (kept as the report's reason before any other)."""
    chunk_fp = fingerprints.chunking_fingerprint()
    kw_fp = fingerprints.keyword_fingerprint(engine)
    old_files: dict[str, dict[str, Any]] = prev.files if prev else {}
    same_chunking = prev is not None and prev.manifest.get("chunking") == chunk_fp
    old_model = recorded_model(prev.manifest) if prev is not None else None
    same_model = old_model == model_record(encoder)
    if prev is not None and not same_chunking and reason is None:
        reason = "reading/chunking code changed"
    if prev is not None and prev.format != FORMAT_VERSION and reason is None:
        reason = f"index format {prev.format} converted to {FORMAT_VERSION} (no re-embedding)"
    if old_model is not None and not same_model and reason is None:
        new_model = model_record(encoder)
        if {**old_model, "variant": 0, "recipe": 0} == {**new_model, "variant": 0, "recipe": 0}:
            was, now = old_model["variant"], encoder.variant
            if was == now:  # the same variant made another way (a new int8 recipe)
                was = old_model.get("recipe", "recipe 1")
                now = new_model.get("recipe", "recipe 1")
            reason = f"embedder changed ({was} -> {now})"
        else:
            reason = "embedding model changed"

    added = tuple(p for p in snap.files if p not in old_files)
    removed = tuple(p for p in old_files if p not in snap.files)
    changed = tuple(
        p for p in snap.files if p in old_files and old_files[p].get("sha1") != snap.files[p].sha1
    )
    fresh = frozenset(
        p for p in snap.files if p not in old_files or p in changed or not same_chunking
    )
    incremental = (
        backend(engine).incremental
        and same_chunking
        and prev is not None
        and prev.engine == engine
        and prev.manifest.get("keyword") == kw_fp
    )
    return BuildPlan(chunking=chunk_fp, keyword=kw_fp, same_chunking=same_chunking,
                     same_model=same_model, incremental_keyword=incremental, reason=reason,
                     added=added, changed=changed, removed=removed, fresh=fresh)


def rows_by_file(prev: Generation) -> dict[str, list[ChunkRow]]:
    """The rows of `prev`, by corpus file, to reuse for unchanged files."""
    doc_file = {d: p for p, info in prev.files.items() for d in info.get("documents", [])}
    out: dict[str, list[ChunkRow]] = {}
    for row in prev.rows:
        out.setdefault(doc_file.get(row.doc_id, ""), []).append(row)
    return out


def file_records(
    snap: CorpusSnapshot,
    chunks_per_file: Mapping[str, int],
    prev: Generation | None,
    fresh: frozenset[str],
) -> dict[str, dict[str, Any]]:
    """The manifest's record of each file of `snap`, in path order (`chunks_per_file` has one
    entry per file)."""
    old_files: dict[str, dict[str, Any]] = prev.files if prev else {}
    return {
        p: {
            "size": snap.files[p].size,
            "mtime_ns": snap.files[p].mtime_ns,
            "sha1": snap.files[p].sha1,
            "encoding": snap.files[p].encoding,
            "documents": list(snap.doc_ids[p]),
            "chunks": chunks_per_file[p],
            "dated": _dated(p, snap, old_files, fresh),
        }
        for p in sorted(snap.files)
    }


def _dated(path: str, snap: CorpusSnapshot, old: Mapping[str, Any], fresh: frozenset[str]) -> int:
    """How many documents of a file have a publication date (kept from the last manifest for
    unchanged files, so that `qa stats` never needs to read them)."""
    recorded = old.get(path, {}).get("dated")
    if path not in fresh and isinstance(recorded, int):
        return recorded
    return sum(1 for d in snap.doc_ids[path] if snap.documents[d].published)
