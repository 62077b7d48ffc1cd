"""One generation of the index on disk: its manifest, chunk table, vectors, keyword index.

A generation is immutable once published; `Generation.load` validates it (manifest, sizes,
shapes, counts) and raises `StaleGeneration` for anything damaged, half-written or of another
format, so the store rebuilds instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index import fingerprints
from index.atomic_files import is_lock_file, read_json
from index.chunking import Chunk
from index.corpus import Document
from index.corpus_scan import CorpusSnapshot
from index.embedder import Embedder, embedding_text, text_hash
from index.fingerprints import FORMAT_VERSION
from index.keyword import KeywordBackend
from index.keyword_engines import backend

__all__ = [
    "ChunkRow",
    "Generation",
    "StaleGeneration",
    "chunk_of_row",
    "file_sizes",
    "model_record",
    "recorded_model",
]


def model_record(encoder: Embedder) -> dict[str, Any]:
    """What the manifest says about the embedder (name, dimension, variant)."""
    return {"name": encoder.name, "dimension": encoder.dimension, "variant": encoder.variant}


def recorded_model(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """The manifest's embedder record; indexes from before variants were recorded are torch's."""
    return {"variant": "torch", **manifest["model"]}


@dataclass(frozen=True)
class ChunkRow:
    """A chunk as stored: its text is sliced from the document when the index is loaded."""

    doc_id: str
    heading: str | None
    paragraph: int
    start: int
    end: int
    embed_hash: str

    def to_json(self) -> list[str | int | None]:
        return [self.doc_id, self.heading, self.paragraph, self.start, self.end, self.embed_hash]

    @classmethod
    def from_json(cls, row: list[Any]) -> ChunkRow:
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
    _keyword: KeywordBackend | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def engine(self) -> str:
        """The keyword engine of this generation (indexes older than the choice: whoosh)."""
        return str(self.manifest.get("keyword_engine", "whoosh"))

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        files: dict[str, dict[str, Any]] = self.manifest["files"]
        return files

    @classmethod
    def load(cls, path: Path) -> Generation:
        """Read and validate a generation; StaleGeneration says why it cannot be used."""
        try:
            manifest = read_json(path / "manifest.json")
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
            if not isinstance(sizes, dict) or file_sizes(path) != sizes:
                raise ValueError("files missing or of the wrong size (damaged or half-written)")
            data = read_json(path / "chunks.json")
            rows = [ChunkRow.from_json(r) for r in data["rows"]]
            if len(rows) != n:
                raise ValueError(f"{len(rows)} chunk rows, manifest says {n}")
            vecs = np.load(path / "vectors.npy", mmap_mode="r", allow_pickle=False)
            if vecs.dtype != np.float32 or vecs.shape != (n, dim):
                raise ValueError(f"vectors {vecs.dtype} {vecs.shape}, expected ({n}, {dim})")
            kw = backend(str(manifest.get("keyword_engine", "whoosh"))).open(path / "keyword")
            kw.hold()
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

    def keyword(self) -> KeywordBackend:
        """The keyword index of this generation."""
        if self._keyword is None:
            self._keyword = backend(self.engine).open(self.path / "keyword")
        return self._keyword

    def close(self) -> None:
        if self._keyword is not None:
            self._keyword.close()
            self._keyword = None
        self._vectors = None

    def is_current_for(
        self, snap: CorpusSnapshot, encoder: Embedder, engine: str | None = None
    ) -> bool:
        """True when nothing needs rebuilding for this corpus, code, model and keyword engine
        (`engine` None: the one this generation has)."""
        m = self.manifest
        engine = engine or self.engine
        return (
            m.get("chunking") == fingerprints.chunking_fingerprint()
            and self.engine == engine
            and m.get("keyword") == fingerprints.keyword_fingerprint(engine)
            and recorded_model(m) == model_record(encoder)
            and m.get("ignore") == snap.rules
            and set(self.files) == set(snap.files)
            and all(self.files[p].get("sha1") == st.sha1 for p, st in snap.files.items())
        )


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


def file_sizes(gen_dir: Path) -> dict[str, int]:
    """``{relative path: size}`` of the files of a generation, the manifest excepted."""
    return {
        p.relative_to(gen_dir).as_posix(): p.stat().st_size
        for p in sorted(gen_dir.rglob("*"))
        if p.is_file() and p.name != "manifest.json" and not is_lock_file(p.name)
    }
