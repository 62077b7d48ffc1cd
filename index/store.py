"""The on-disk index directory: generations, manifest, atomic publication, lock, rebuild rules.

Layout of an index directory (never inside the corpus)::

    CURRENT                 {"generation": "g000003-..."}  replaced atomically (tmp, fsync, rename)
    lock                    filelock: one writer at a time
    generations/<name>/     immutable once published
        manifest.json       format, model, pipeline fingerprints, per-file size/mtime/sha1
        chunks.json         one row per chunk (row i <-> vectors[i])
        vectors.npy         float32 (n, dim), L2-normalised
        keyword/            whoosh index (unchanged segment files hard-linked from the last one)
    derived/<name>@<version>.json   per-document data computed by callers (see `per_document`)

A build writes a new generation beside the current one and publishes it by replacing CURRENT,
so a crash (kill -9, Ctrl-C) at any point leaves the previous generation in use. Unchanged
files are neither re-chunked nor re-embedded; vectors are reused by a hash of the embedded text.
A corrupt or incompatible generation is detected on load and rebuilt with a warning.
"""

from __future__ import annotations

import hashlib
import json
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
from typing import Any, Protocol

import numpy as np

from index import boilerplate, chunking, corpus, keyword
from index.chunking import Chunk, chunk_document
from index.corpus import Document, iter_source_files, parse_file, read_text
from index.embedder import embedding_text, text_hash
from index.keyword import WhooshKeywordIndex

__all__ = [
    "FORMAT_VERSION",
    "CorpusError",
    "CorpusSnapshot",
    "FileState",
    "Generation",
    "IndexStore",
    "IndexStoreError",
    "Progress",
    "UpdateReport",
    "VectorEncoder",
    "chunk_of_row",
    "default_index_dir",
    "resolve_corpus",
    "scan_corpus",
]

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
EMBED_BATCH = 256
DEFAULT_LOCK_TIMEOUT = 600.0

Progress = Callable[[str, int, int], None]
JSONable = Any


class CorpusError(ValueError):
    """The corpus path does not exist, is not a folder, or holds no readable article."""


class IndexStoreError(RuntimeError):
    """The index directory cannot be used (unwritable, inside the corpus, locked too long)."""


class VectorEncoder(Protocol):
    """What the store needs from an embedder (see `index.embedder.Embedder`)."""

    name: str
    dimension: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


# --------------------------------------------------------------------------- corpus scan


@dataclass(frozen=True)
class FileState:
    """What the manifest records about one corpus file."""

    size: int
    mtime_ns: int
    sha1: str


@dataclass(frozen=True)
class CorpusSnapshot:
    """The corpus as read now: files, their documents (in file order), unreadable files."""

    root: Path
    files: dict[str, FileState]
    documents: dict[str, Document]
    doc_ids: dict[str, tuple[str, ...]]  # file path -> its documents, in file order
    skipped: tuple[str, ...] = ()


def resolve_corpus(path: str | Path) -> Path:
    """The corpus folder as an absolute path; CorpusError if it is missing or not a folder."""
    p = Path(path).expanduser()
    if not p.exists():
        raise CorpusError(f"corpus not found: {p}")
    if not p.is_dir():
        raise CorpusError(f"corpus is not a folder: {p}")
    return p.resolve()


def scan_corpus(root: Path, progress: Progress | None = None) -> CorpusSnapshot:
    """Read and parse every article below `root`; unreadable files are skipped with a warning."""
    files: dict[str, FileState] = {}
    documents: dict[str, Document] = {}
    doc_ids: dict[str, tuple[str, ...]] = {}
    skipped: list[str] = []
    sources = list(iter_source_files(root))
    for i, sf in enumerate(sources, 1):
        try:
            text = read_text(sf.abspath)
        except (OSError, ValueError) as e:
            log.warning("%s", e)
            skipped.append(sf.path)
            continue
        docs = parse_file(sf.path, text)
        files[sf.path] = FileState(sf.size, sf.mtime_ns, _sha1(text))
        doc_ids[sf.path] = tuple(d.doc_id for d in docs)
        for d in docs:
            documents[d.doc_id] = d
        if progress and (i % 200 == 0 or i == len(sources)):
            progress("scan", i, len(sources))
    if not documents:
        raise CorpusError(f"no readable articles (.txt, .md, corpus.jsonl) in {root}")
    return CorpusSnapshot(root, files, documents, doc_ids, tuple(skipped))


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _source_fingerprint(*modules: Any) -> str:
    """A hash of the code that produced the stored data: a code change means re-derive."""
    h = hashlib.sha1(str(FORMAT_VERSION).encode())
    for m in modules:
        h.update(Path(m.__file__).read_bytes())
    return h.hexdigest()[:16]


def chunking_fingerprint() -> str:
    """Changes when reading or chunking code changes (then every file is re-chunked)."""
    return _source_fingerprint(corpus, boilerplate, chunking)


def keyword_fingerprint() -> str:
    """Changes when the keyword index code (analyzer, schema) changes (then it is rebuilt)."""
    return _source_fingerprint(keyword)


def default_index_dir(corpus_root: Path) -> Path:
    """``<user cache dir>/qa-index/<corpus name>-<hash of its absolute path>``."""
    import platformdirs

    root = Path(corpus_root).resolve()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", root.name).strip("-.")[:40] or "corpus"
    digest = hashlib.sha1(str(root).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Path(platformdirs.user_cache_dir("qa-index")) / f"{slug}-{digest}"


# --------------------------------------------------------------------------- atomic file I/O


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old or the new content, never a mix."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write_json(path: Path, obj: Any) -> None:
    with open(path, "wb") as f:
        f.write(_json_bytes(obj))
        f.flush()
        os.fsync(f.fileno())


def _read_json(path: Path) -> Any:
    return json.loads(path.read_bytes().decode("utf-8"))


# --------------------------------------------------------------------------- generations


@dataclass(frozen=True)
class ChunkRow:
    """A chunk as stored: its text is sliced from the document when the index is loaded."""

    doc_id: str
    heading: str | None
    paragraph: int
    start: int
    end: int
    embed_hash: str

    def to_json(self) -> list:
        return [self.doc_id, self.heading, self.paragraph, self.start, self.end, self.embed_hash]

    @classmethod
    def from_json(cls, row: list) -> ChunkRow:
        doc_id, heading, paragraph, start, end, embed_hash = row
        if not (isinstance(doc_id, str) and isinstance(start, int) and isinstance(end, int)):
            raise ValueError(f"bad chunk row {row!r}")
        return cls(doc_id, heading, int(paragraph), start, end, str(embed_hash))

    @classmethod
    def of(cls, chunk: Chunk) -> ChunkRow:
        return cls(
            chunk.doc_id,
            chunk.heading,
            chunk.paragraph,
            chunk.start,
            chunk.end,
            text_hash(embedding_text(chunk)),
        )


class StaleGeneration(Exception):
    """A generation that cannot be used (corrupt, half-written, other format)."""


@dataclass
class Generation:
    """One published, validated generation of the index (loaded lazily where costly)."""

    path: Path
    manifest: dict[str, Any]
    rows: list[ChunkRow]
    _vectors: np.ndarray | None = None
    _keyword: WhooshKeywordIndex | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return self.manifest["files"]

    @classmethod
    def load(cls, path: Path) -> Generation:
        """Read and validate a generation; StaleGeneration says why it cannot be used."""
        try:
            manifest = _read_json(path / "manifest.json")
        except FileNotFoundError:
            raise StaleGeneration(f"{path.name}: no manifest (half-written)") from None
        except (OSError, ValueError) as e:
            raise StaleGeneration(f"{path.name}: unreadable manifest ({e})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
            found = manifest.get("format") if isinstance(manifest, dict) else None
            raise StaleGeneration(f"index format {found!r}, this version reads {FORMAT_VERSION}")
        try:
            n = int(manifest["chunk_count"])
            dim = int(manifest["model"]["dimension"])
            if not isinstance(manifest["files"], dict):
                raise ValueError("files is not a mapping")
            sizes = manifest.get("sizes")
            if not isinstance(sizes, dict) or _file_sizes(path) != sizes:
                raise ValueError("files missing or of the wrong size (damaged or half-written)")
            data = _read_json(path / "chunks.json")
            rows = [ChunkRow.from_json(r) for r in data["rows"]]
            if len(rows) != n:
                raise ValueError(f"{len(rows)} chunk rows, manifest says {n}")
            vecs = np.load(path / "vectors.npy", mmap_mode="r", allow_pickle=False)
            if vecs.dtype != np.float32 or vecs.shape != (n, dim):
                raise ValueError(f"vectors {vecs.dtype} {vecs.shape}, expected ({n}, {dim})")
            kw = WhooshKeywordIndex.open(path / "keyword")
            kw.searcher()
            if kw.doc_count() != n:
                count = kw.doc_count()
                kw.close()
                raise ValueError(f"keyword index has {count} chunks, expected {n}")
        except StaleGeneration:
            raise
        except Exception as e:  # any damage at all means: rebuild, never a traceback
            raise StaleGeneration(f"{path.name}: {type(e).__name__}: {e}") from None
        return cls(path, manifest, rows, vecs, kw)

    def vectors(self) -> np.ndarray:
        """The chunk vectors (memory-mapped; row i is chunk i)."""
        if self._vectors is None:
            self._vectors = np.load(self.path / "vectors.npy", mmap_mode="r", allow_pickle=False)
        return self._vectors

    def keyword(self) -> WhooshKeywordIndex:
        """The whoosh index of this generation."""
        if self._keyword is None:
            self._keyword = WhooshKeywordIndex.open(self.path / "keyword")
        return self._keyword

    def close(self) -> None:
        if self._keyword is not None:
            self._keyword.close()
            self._keyword = None
        self._vectors = None

    def is_current_for(self, snap: CorpusSnapshot, encoder: VectorEncoder) -> bool:
        """True when nothing needs rebuilding for this corpus, code and model."""
        m = self.manifest
        return (
            m.get("chunking") == chunking_fingerprint()
            and m.get("keyword") == keyword_fingerprint()
            and m["model"].get("name") == encoder.name
            and m["model"].get("dimension") == encoder.dimension
            and set(self.files) == set(snap.files)
            and all(self.files[p].get("sha1") == st.sha1 for p, st in snap.files.items())
        )


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

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt)


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
            data = _read_json(self.root / "CURRENT")
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as e:
            raise StaleGeneration(f"unreadable CURRENT pointer ({e})") from None
        name = data.get("generation") if isinstance(data, dict) else None
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9._-]+", name):
            raise StaleGeneration(f"bad CURRENT pointer {data!r}")
        return name

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
        encoder: VectorEncoder,
    ) -> tuple[Generation, UpdateReport]:
        """Bring the index up to date with `snap` (caller holds `locked()`); publish if needed."""
        t0 = time.monotonic()
        prev, reason = self.load_current()
        if reason:
            log.warning("index at %s is unusable (%s); rebuilding", self.root, reason)
        if prev is not None and prev.is_current_for(snap, encoder):
            return prev, UpdateReport(
                unchanged=len(snap.files),
                chunks=len(prev.rows),
                skipped=snap.skipped,
                generation=prev.name,
                seconds=time.monotonic() - t0,
            )
        try:
            gen, report = self._build(snap, encoder, prev, reason, t0)
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
        encoder: VectorEncoder,
        prev: Generation | None,
        reason: str | None,
        t0: float,
    ) -> tuple[Generation, UpdateReport]:
        chunk_fp, kw_fp = chunking_fingerprint(), keyword_fingerprint()
        old_files: dict[str, dict[str, Any]] = prev.files if prev else {}
        same_chunking = prev is not None and prev.manifest.get("chunking") == chunk_fp
        same_model = prev is not None and prev.manifest["model"] == {
            "name": encoder.name,
            "dimension": encoder.dimension,
        }
        if prev is not None and not same_chunking and reason is None:
            reason = "reading/chunking code changed"
        if prev is not None and not same_model and reason is None:
            reason = "embedding model changed"

        added = tuple(p for p in snap.files if p not in old_files)
        removed = tuple(p for p in old_files if p not in snap.files)
        changed = tuple(
            p
            for p in snap.files
            if p in old_files and old_files[p].get("sha1") != snap.files[p].sha1
        )
        fresh = {p for p in snap.files if p not in old_files or p in changed or not same_chunking}

        # Rows of the previous generation, by file, to reuse for unchanged files.
        old_rows: dict[str, list[ChunkRow]] = {}
        if prev is not None and same_chunking:
            doc_file = {d: p for p, info in old_files.items() for d in info.get("documents", [])}
            for row in prev.rows:
                old_rows.setdefault(doc_file.get(row.doc_id, ""), []).append(row)

        # 1. chunks, in canonical order (by file path, then file order)
        rows: list[ChunkRow] = []
        new_chunks: list[Chunk] = []
        per_file_count: dict[str, int] = {}
        paths = sorted(snap.files)
        for i, p in enumerate(paths, 1):
            if p in fresh:
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
            incremental = (
                same_chunking and prev is not None and prev.manifest.get("keyword") == kw_fp
            )
            if incremental:
                _link_tree(prev.path / "keyword", kw_dir)
                stale_docs = [
                    d for p in (*changed, *removed) for d in old_files[p].get("documents", [])
                ]
                to_add: Iterable[Chunk] = new_chunks
            else:
                stale_docs = []
                to_add = [chunk_of_row(r, snap.documents) for r in rows]
            total = len(new_chunks) if incremental else len(rows)
            WhooshKeywordIndex.write(
                kw_dir,
                self._counted(to_add, "keyword index", total),
                stale_docs,
                create=not incremental,
            )
            _fsync_tree(kw_dir)

            # 3. vectors: reuse by embedded-text hash, embed only the rest
            vectors, embedded = self._vectors(rows, snap, encoder, prev if same_model else None)
            with open(gen_dir / "vectors.npy", "wb") as f:
                np.save(f, vectors, allow_pickle=False)
                f.flush()
                os.fsync(f.fileno())

            # 4. chunk table and manifest, then publish
            _write_json(gen_dir / "chunks.json", {"rows": [r.to_json() for r in rows]})
            seconds = time.monotonic() - t0
            manifest = {
                "format": FORMAT_VERSION,
                "generation": name,
                "corpus": str(snap.root),
                "model": {"name": encoder.name, "dimension": encoder.dimension},
                "chunking": chunk_fp,
                "keyword": kw_fp,
                "keyword_engine": "whoosh",
                "chunk_count": len(rows),
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "build_seconds": round(seconds, 3),
                "files": {
                    p: {
                        "size": snap.files[p].size,
                        "mtime_ns": snap.files[p].mtime_ns,
                        "sha1": snap.files[p].sha1,
                        "documents": list(snap.doc_ids[p]),
                        "chunks": per_file_count[p],
                    }
                    for p in paths
                },
                # Sizes of this generation's own files: a truncated file is caught on load.
                "sizes": _file_sizes(gen_dir),
            }
            _write_json(gen_dir / "manifest.json", manifest)
            _fsync_dir(gen_dir)
            self._progress("publish", 0, 1)
            atomic_write_bytes(self.root / "CURRENT", _json_bytes({"generation": name}))
            self._progress("publish", 1, 1)
        except BaseException:
            shutil.rmtree(gen_dir, ignore_errors=True)
            raise
        gen = Generation(gen_dir, manifest, rows, vectors, None)
        gen.keyword().searcher()  # hold its files from now on (see WhooshKeywordIndex.searcher)
        report = UpdateReport(
            added=added,
            changed=changed,
            removed=removed,
            unchanged=len(snap.files) - len(added) - len(changed),
            chunks=len(rows),
            embedded=embedded,
            seconds=seconds,
            rebuilt=reason,
            skipped=snap.skipped,
            generation=name,
        )
        log.info(
            "index %s: %d added, %d changed, %d removed, %d chunks, %d embedded, %.1f s",
            name,
            len(added),
            len(changed),
            len(removed),
            len(rows),
            embedded,
            seconds,
        )
        return gen, report

    def _counted(self, items: Iterable[Chunk], stage: str, total: int) -> Iterator[Chunk]:
        done = 0
        self._progress(stage, 0, total)
        for item in items:
            yield item
            done += 1
            if done % 500 == 0:
                self._progress(stage, done, total)
        self._progress(stage, done, total)

    def _vectors(
        self,
        rows: list[ChunkRow],
        snap: CorpusSnapshot,
        encoder: VectorEncoder,
        prev: Generation | None,
    ) -> tuple[np.ndarray, int]:
        out = np.zeros((len(rows), encoder.dimension), dtype=np.float32)
        known: dict[str, int] = {}
        old = prev.vectors() if prev is not None else out
        if prev is not None:
            known = {r.embed_hash: i for i, r in enumerate(prev.rows)}
        missing: dict[str, list[int]] = {}
        for i, r in enumerate(rows):
            j = known.get(r.embed_hash)
            if j is not None:
                out[i] = old[j]
            else:
                missing.setdefault(r.embed_hash, []).append(i)
        todo = list(missing.values())
        self._progress("embed", 0, len(todo))
        for b in range(0, len(todo), EMBED_BATCH):
            batch = todo[b : b + EMBED_BATCH]
            texts = [embedding_text(chunk_of_row(rows[idx[0]], snap.documents)) for idx in batch]
            vecs = np.asarray(encoder.encode(texts), dtype=np.float32)
            if vecs.shape != (len(texts), encoder.dimension):
                raise IndexStoreError(f"embedder returned shape {vecs.shape}")
            for idx, v in zip(batch, vecs, strict=True):
                out[idx] = v
            self._progress("embed", b + len(batch), len(todo))
        return out, len(todo)

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
    ) -> dict[str, JSONable]:
        """Per-document values of `compute`, cached by document content; only new ones computed."""
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", f"{name}{version}"):
            raise ValueError(
                f"per_document name/version must be [A-Za-z0-9_.-]: {name!r} {version!r}"
            )
        path = self.root / "derived" / f"{name}@{version}.json"
        fp = chunking_fingerprint()
        keys = {doc_id: _doc_key(d) for doc_id, d in documents.items()}
        entries = self._read_derived(path, fp)
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
        with self.locked():
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(
                path, _json_bytes({"format": FORMAT_VERSION, "chunking": fp, "entries": kept})
            )
        return out

    @staticmethod
    def _read_derived(path: Path, fp: str) -> dict[str, dict[str, Any]]:
        try:
            data = _read_json(path)
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


def chunk_of_row(row: ChunkRow, documents: Mapping[str, Document]) -> Chunk:
    """The `Chunk` a stored row stands for, its text sliced from the document."""
    d = documents[row.doc_id]
    return Chunk(
        d.doc_id,
        d.path,
        d.title,
        row.heading,
        row.paragraph,
        row.start,
        row.end,
        d.text[row.start : row.end],
    )


def _doc_key(doc: Document) -> str:
    """Content key of a document for derived data: id, title and text."""
    return _sha1(f"{doc.doc_id}\0{doc.title}\0{doc.text}")


def _file_sizes(gen_dir: Path) -> dict[str, int]:
    """``{relative path: size}`` of the files of a generation, the manifest excepted."""
    return {
        p.relative_to(gen_dir).as_posix(): p.stat().st_size
        for p in sorted(gen_dir.rglob("*"))
        if p.is_file() and p.name != "manifest.json" and "WRITELOCK" not in p.name
    }


def _link_tree(src: Path, dst: Path) -> None:
    """Hard-link (or copy, where links are impossible) every file of `src` into new `dst`."""
    dst.mkdir(parents=True)
    for p in src.iterdir():
        if not p.is_file() or "WRITELOCK" in p.name:
            continue
        try:
            os.link(p, dst / p.name)
        except OSError:
            shutil.copy2(p, dst / p.name)


def _fsync_tree(directory: Path) -> None:
    """fsync every file in `directory` and the directory itself (whoosh does not fsync)."""
    for p in directory.iterdir():
        if p.is_file():
            _fsync_file(p)
    _fsync_dir(directory)
