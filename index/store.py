"""The on-disk index directory: where it lives, the writer lock, building and publishing
generations, the rebuild rules.

Layout of an index directory (never inside the corpus)::

    CURRENT                 {"generation": "g000003-..."}  replaced atomically (tmp, fsync, rename)
    filestats.json          size/mtime of files touched since CURRENT's scan, found unchanged
    lock                    filelock: one writer at a time
    generations/<name>/     immutable once published (`index.generations`)
        manifest.json       format, model, pipeline fingerprints, per-file size/mtime/sha1
        chunks.npy, chunk-hashes.npy, chunk-strings.json
                            the chunk table, one row per chunk (row i <-> vectors[i];
                            `index.chunk_table`; format 1 had chunks.json)
        vectors.npy         float32 (n, dim), L2-normalised
        vectors-int8.npy, vector-scales.npy
                            int8 codes of the vectors for the first pass of dense search
                            (`index.dense`; format 2)
        keyword/            keyword index: tantivy, bm25s or whoosh (manifest: keyword_engine);
                            an engine that updates in place starts from hard links to the
                            last generation's files (JSON metadata copied): they stay untouched
    derived/<name>@<version>.json   per-document data computed by callers (`index.derived`)

A build writes a new generation beside the current one and publishes it by replacing CURRENT,
so a crash (kill -9, Ctrl-C) at any point leaves the previous generation in use. Unchanged
files are neither re-chunked nor re-embedded; vectors are reused by a hash of the embedded text.
A corrupt or incompatible generation is detected on load and rebuilt with a warning.

The rules of what a build reuses, and its report, are `index.build_plan`; how vectors are
reused or embedded, `index.vector_reuse`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from index import derived, file_stats
from index.atomic_files import (
    atomic_write_bytes,
    fsync_path,
    fsync_tree,
    json_bytes,
    link_tree,
    read_json,
    write_json,
)
from index.build_plan import UpdateReport, file_records, plan_build, rows_by_file
from index.chunking import Chunk, chunk_document
from index.corpus import Document
from index.corpus_scan import CorpusError, CorpusSnapshot, Progress, resolve_corpus, scan_corpus
from index.dense import write_codes
from index.derived import JSONable
from index.embedder import Embedder
from index.fingerprints import FORMAT_VERSION
from index.generations import (
    ChunkRow,
    ChunkTable,
    Generation,
    StaleGeneration,
    chunk_of_row,
    file_sizes,
    model_record,
)
from index.keyword_engines import DEFAULT_ENGINE, ENGINES, backend
from index.vector_reuse import generation_vectors

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "CorpusError",
    "IndexStore",
    "IndexStoreError",
    "UpdateReport",
    "default_index_dir",
    # re-exported from the modules split off this one (index.corpus_scan, index.generations)
    "CorpusSnapshot",
    "Generation",
    "JSONable",
    "Progress",
    "chunk_of_row",
    "resolve_corpus",
    "scan_corpus",
]

log = logging.getLogger(__name__)

# How long a second writer waits for the lock before a clear error: hand-set (10 minutes, longer
# than building a corpus of a few thousand articles takes here).
DEFAULT_LOCK_TIMEOUT = 600.0


class IndexStoreError(RuntimeError):
    """The index directory cannot be used (unwritable, inside the corpus, locked too long)."""


def default_index_dir(corpus_root: Path) -> Path:
    """``<user cache dir>/qa-index/<corpus name>-<hash of its absolute path>``."""
    import platformdirs

    root = Path(corpus_root).resolve()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", root.name).strip("-.")[:40] or "corpus"
    digest = hashlib.sha1(str(root).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Path(platformdirs.user_cache_dir("qa-index")) / f"{slug}-{digest}"


@dataclass
class IndexStore:
    """An index directory: load the current generation, or build and publish a new one."""

    root: Path
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    progress: Progress | None = None

    @classmethod
    def at(
        cls,
        root: Path,
        corpus_root: Path,
        *,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        progress: Progress | None = None,
    ) -> IndexStore:
        """Check that `root` is usable as the index directory of `corpus_root`."""
        root = Path(root).expanduser().resolve()
        if root == corpus_root or corpus_root in root.parents:
            raise IndexStoreError(
                f"index directory {root} is inside the corpus {corpus_root}; choose another"
            )
        if root.exists() and not root.is_dir():
            raise IndexStoreError(f"index directory {root} exists and is not a folder")
        return cls(root, lock_timeout, progress)

    # ----------------------------------------------------------------- reading

    def _current_name(self) -> str | None:
        try:
            data = read_json(self.root / "CURRENT")
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as e:
            raise StaleGeneration(f"unreadable CURRENT pointer ({e})") from None
        name = data.get("generation") if isinstance(data, dict) else None
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9._-]+", name):
            raise StaleGeneration(f"bad CURRENT pointer {data!r}")
        return name

    def remembered_engine(self) -> str | None:
        """The keyword engine the current generation's manifest names, even if the generation
        is damaged (a rebuild keeps the user's choice); None if there is nothing to read."""
        try:
            name = self._current_name()
            m = read_json(self.root / "generations" / name / "manifest.json") if name else None
        except (StaleGeneration, OSError, ValueError):
            return None
        engine = m.get("keyword_engine") if isinstance(m, dict) else None
        return engine if engine in ENGINES else None

    def load_current(self) -> tuple[Generation | None, str | None]:
        """The current generation, or (None, reason) if there is none or it is unusable."""
        for _attempt in range(3):
            try:
                name = self._current_name()
                if name is None:
                    return None, None
                return Generation.load(self.root / "generations" / name), None
            except StaleGeneration as e:
                reason = str(e)
                # A writer may have just replaced CURRENT and collected our generation.
                with suppress(StaleGeneration):
                    if self._current_name() != name:
                        continue
                return None, reason
        return None, reason

    # ----------------------------------------------------------------- locking

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the writer lock; wait (with a message) for another writer, up to lock_timeout."""
        from filelock import FileLock, Timeout

        try:
            self.root.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.root / "lock"))
            try:
                lock.acquire(timeout=0)
            except Timeout:
                msg = f"another process is updating the index at {self.root}; waiting"
                log.warning(msg)
                if self.progress:
                    self.progress("waiting for lock", 0, 0)
                lock.acquire(timeout=self.lock_timeout)
        except Timeout:
            raise IndexStoreError(
                f"index at {self.root} stayed locked by another process for more than "
                f"{self.lock_timeout:g} s"
            ) from None
        except OSError as e:
            raise IndexStoreError(f"cannot write the index directory {self.root}: {e}") from None
        try:
            yield
        finally:
            lock.release()

    # ----------------------------------------------------------------- building

    def update(
        self,
        snap: CorpusSnapshot,
        encoder: Embedder,
        engine: str | None = None,
    ) -> tuple[Generation, UpdateReport]:
        """Bring the index up to date with `snap` (caller holds `locked()`); publish if needed.

        `engine` is the keyword engine (None: the current generation's, or the default); a
        change of engine rebuilds the keyword index only.
        """
        t0 = time.monotonic()
        prev, reason = self.load_current()
        if reason:
            log.warning("index at %s is unusable (%s); rebuilding", self.root, reason)
        if engine is None:
            engine = prev.engine if prev is not None else self.remembered_engine()
        engine = engine or DEFAULT_ENGINE
        if prev is not None and prev.is_current_for(snap, encoder, engine):
            return prev, UpdateReport.up_to_date(snap, prev, t0)
        try:
            gen, report = self._build(snap, encoder, prev, reason, t0, engine)
        except OSError as e:
            raise IndexStoreError(f"cannot write the index at {self.root}: {e}") from None
        finally:
            if prev is not None:
                prev.close()
        self._collect_garbage(keep={gen.name, prev.name if prev else gen.name})
        return gen, report

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(stage, done, total)

    def _build(
        self,
        snap: CorpusSnapshot,
        encoder: Embedder,
        prev: Generation | None,
        reason: str | None,
        t0: float,
        engine: str,
    ) -> tuple[Generation, UpdateReport]:
        plan = plan_build(snap, encoder, prev, reason, engine)
        old_rows = rows_by_file(prev) if prev is not None and plan.same_chunking else {}

        # 1. chunks, in canonical order (by file path, then file order)
        rows: list[ChunkRow] = []
        new_chunks: list[Chunk] = []
        per_file_count: dict[str, int] = {}
        paths = sorted(snap.files)
        for i, p in enumerate(paths, 1):
            if p in plan.fresh:
                chunks = [c for d in snap.doc_ids[p] for c in chunk_document(snap.documents[d])]
                new_chunks.extend(chunks)
                file_rows = [ChunkRow.of(c) for c in chunks]
            else:
                file_rows = old_rows.get(p, [])
            rows.extend(file_rows)
            per_file_count[p] = len(file_rows)
            if i % 200 == 0 or i == len(paths):
                self._progress("chunk", i, len(paths))

        name = self._new_generation_name(prev)
        gen_dir = self.root / "generations" / name
        gen_dir.mkdir(parents=True)
        try:
            # 2. keyword index: incremental from a hard-linked copy of the previous one
            kw_dir = gen_dir / "keyword"
            incremental = plan.incremental_keyword
            if incremental and prev is not None:
                link_tree(prev.path / "keyword", kw_dir)
                stale_docs = [
                    d
                    for p in (*plan.changed, *plan.removed)
                    for d in prev.files[p].get("documents", [])
                ]
                to_add: Iterable[Chunk] = new_chunks
            else:
                stale_docs = []
                to_add = [chunk_of_row(r, snap.documents) for r in rows]
            total = len(new_chunks) if incremental else len(rows)
            backend(engine).write(
                kw_dir,
                self._counted(to_add, "keyword index", total),
                stale_docs,
                create=not incremental,
            )
            fsync_tree(kw_dir)

            # 3. vectors: reuse by embedded-text hash, embed only the rest
            vectors, embedded = generation_vectors(
                rows, snap.documents, self._checked(encoder), encoder.dimension,
                prev if plan.same_model else None, self._progress,
            )
            with open(gen_dir / "vectors.npy", "wb") as f:
                np.save(f, vectors, allow_pickle=False)
                f.flush()
                os.fsync(f.fileno())
            write_codes(gen_dir, vectors)
            del vectors  # searches read them from disk (`index.dense`)

            # 4. chunk table and manifest, then publish
            table = ChunkTable.build(rows)
            table.write(gen_dir)
            seconds = time.monotonic() - t0
            manifest = {
                "format": FORMAT_VERSION,
                "generation": name,
                "corpus": str(snap.root),
                "model": model_record(encoder),
                "chunking": plan.chunking,
                "keyword": plan.keyword,
                "keyword_engine": engine,
                "ignore": snap.rules,
                "ignored": {f.path: f.reason for f in snap.ignored},
                "chunk_count": len(rows),
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "scanned_ns": snap.scanned_ns,
                "build_seconds": round(seconds, 3),
                "files": file_records(snap, per_file_count, prev, plan.fresh),
                # Sizes of this generation's own files: a truncated file is caught on load.
                "sizes": file_sizes(gen_dir),
            }
            write_json(gen_dir / "manifest.json", manifest)
            fsync_path(gen_dir)
            self._progress("publish", 0, 1)
            atomic_write_bytes(self.root / "CURRENT", json_bytes({"generation": name}))
            self._progress("publish", 1, 1)
        except BaseException:
            shutil.rmtree(gen_dir, ignore_errors=True)
            raise
        gen = Generation(gen_dir, manifest, table)
        gen.dense()  # open its vector files now (see `index.dense.DenseIndex`)
        gen.keyword().hold()  # hold its files from now on (see KeywordBackend.hold)
        report = UpdateReport(
            added=plan.added,
            changed=plan.changed,
            removed=plan.removed,
            unchanged=len(snap.files) - len(plan.added) - len(plan.changed),
            chunks=len(rows),
            embedded=embedded,
            seconds=seconds,
            rebuilt=plan.reason,
            skipped=snap.skipped,
            generation=name,
        )
        log.info(
            "index %s: %d added, %d changed, %d removed, %d chunks, %d embedded, %.1f s",
            name,
            len(plan.added),
            len(plan.changed),
            len(plan.removed),
            len(rows),
            embedded,
            seconds,
        )
        return gen, report

    # ----------------------------------------------------------------- known files

    def known_files(self, gen: Generation) -> tuple[dict[str, dict[str, Any]], int]:
        """What `gen` knows of each corpus file, and when its scan started (`index.file_stats`)."""
        return file_stats.known_files(self.root, gen)

    def remember_files(self, gen: Generation, snap: CorpusSnapshot) -> None:
        """Remember files this scan read and found unchanged (`index.file_stats`)."""
        file_stats.remember_files(self.root, gen, snap)

    def _counted(self, items: Iterable[Chunk], stage: str, total: int) -> Iterator[Chunk]:
        done = 0
        self._progress(stage, 0, total)
        for item in items:
            yield item
            done += 1
            if done % 500 == 0:
                self._progress(stage, done, total)
        self._progress(stage, done, total)

    @staticmethod
    def _checked(encoder: Embedder) -> Callable[[list[str]], np.ndarray]:
        """`encoder.encode` as float32, refusing a result of the wrong shape."""

        def encode(texts: list[str]) -> np.ndarray:
            vecs = np.asarray(encoder.encode(texts), dtype=np.float32)
            if vecs.shape != (len(texts), encoder.dimension):
                raise IndexStoreError(f"embedder returned shape {vecs.shape}")
            return vecs

        return encode

    def _new_generation_name(self, prev: Generation | None) -> str:
        seq = 0
        if prev is not None:
            m = re.match(r"g(\d+)-", prev.name)
            seq = int(m.group(1)) if m else 0
        return f"g{seq + 1:06d}-{os.getpid()}-{secrets.token_hex(3)}"

    def _collect_garbage(self, keep: set[str]) -> None:
        """Remove generations other than `keep` (current and previous), and stray temp files."""
        gens = self.root / "generations"
        for p in gens.iterdir() if gens.exists() else ():
            if p.name not in keep:
                shutil.rmtree(p, ignore_errors=True)
        for p in self.root.glob(".*.tmp"):
            with suppress(OSError):
                p.unlink()

    # ----------------------------------------------------------------- derived data

    def per_document(
        self,
        name: str,
        version: str,
        documents: Mapping[str, Document],
        chunks_of: Callable[[str], list[Chunk]],
        compute: Callable[[Document, list[Chunk]], JSONable],
        rebase: derived.Rebase | None = None,
    ) -> dict[str, JSONable]:
        """Per-document values of `compute`, cached by document content; only new ones computed
        (see `index.derived.per_document`, also for `rebase`)."""
        return derived.per_document(
            self.root / "derived", name, version, documents, chunks_of, compute, self.locked,
            self.progress, rebase,
        )
