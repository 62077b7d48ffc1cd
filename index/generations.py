"""One generation of the index on disk: its manifest, chunk table, vectors, keyword index.

A generation is immutable once published; `Generation.load` validates it (manifest, sizes,
shapes, counts) and raises `StaleGeneration` for anything damaged, half-written or of an
unknown format, so the store rebuilds instead of failing. A generation of an older format it
can still read (`READABLE_FORMATS`) loads, is never current, and so is converted by the next
update: rows, vectors and the keyword index are reused, nothing is re-embedded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index import fingerprints
from index.atomic_files import is_lock_file, read_json
from index.chunk_table import LEGACY_FILE, ChunkRow, ChunkTable
from index.chunking import Chunk
from index.corpus import Document
from index.corpus_scan import CorpusSnapshot
from index.dense import VECTORS_FILE, DenseIndex
from index.embedder import Embedder
from index.fingerprints import FORMAT_VERSION, READABLE_FORMATS
from index.keyword import KeywordBackend
from index.keyword_engines import backend

__all__ = [
    "ChunkRow",
    "ChunkTable",
    "Generation",
    "StaleGeneration",
    "chunk_at",
    "chunk_of_row",
    "file_sizes",
    "model_record",
    "recorded_model",
]


def model_record(encoder: Embedder) -> dict[str, Any]:
    """What the manifest says about the embedder (name, dimension, variant, and the recipe of
    a variant that has several, e.g. int8 quantisation: another recipe re-embeds)."""
    record = {"name": encoder.name, "dimension": encoder.dimension, "variant": encoder.variant}
    recipe = getattr(encoder, "recipe", "")
    return {**record, "recipe": recipe} if recipe else record


def recorded_model(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """The manifest's embedder record; indexes from before variants were recorded are torch's."""
    return {"variant": "torch", **manifest["model"]}


class StaleGeneration(Exception):
    """A generation that cannot be used (corrupt, half-written, other format)."""


@dataclass
class Generation:
    """One published, validated generation of the index (loaded lazily where costly)."""

    path: Path
    manifest: dict[str, Any]
    rows: ChunkTable
    _vectors: np.ndarray | None = None
    _keyword: KeywordBackend | None = None
    _dense: DenseIndex | None = None

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
        found = manifest.get("format") if isinstance(manifest, dict) else None
        if not isinstance(manifest, dict) or found not in READABLE_FORMATS:
            raise StaleGeneration(f"index format {found!r}, this version reads {FORMAT_VERSION}")
        try:
            n = int(manifest["chunk_count"])
            dim = int(manifest["model"]["dimension"])
            if not isinstance(manifest["files"], dict):
                raise ValueError("files is not a mapping")
            sizes = manifest.get("sizes")
            if not isinstance(sizes, dict) or file_sizes(path) != sizes:
                raise ValueError("files missing or of the wrong size (damaged or half-written)")
            if found != FORMAT_VERSION and not (path / LEGACY_FILE).is_file():
                raise ValueError(f"format {found} without {LEGACY_FILE}")
            rows = ChunkTable.load(path)
            if len(rows) != n:
                raise ValueError(f"{len(rows)} chunk rows, manifest says {n}")
            # Opens the vector files now (checking their headers): see `DenseIndex`.
            dense = DenseIndex(path, n, dim, codes=found == FORMAT_VERSION)
            try:
                kw = backend(str(manifest.get("keyword_engine", "whoosh"))).open(path / "keyword")
            except BaseException:
                dense.close()
                raise
            kw.hold()
            if kw.doc_count() != n:
                count = kw.doc_count()
                kw.close()
                dense.close()
                raise ValueError(f"keyword index has {count} chunks, expected {n}")
        except StaleGeneration:
            raise
        except Exception as e:  # any damage at all means: rebuild, never a traceback
            raise StaleGeneration(f"{path.name}: {type(e).__name__}: {e}") from None
        return cls(path, manifest, rows, None, kw, dense)

    @property
    def format(self) -> int:
        """The on-disk format of this generation (older ones are converted by an update)."""
        return int(self.manifest["format"])

    def vectors(self) -> np.ndarray:
        """All chunk vectors, float32 (memory-mapped; row i is chunk i). For building and
        scripts: a search reads them through `dense`, which keeps them out of memory."""
        if self._vectors is None:
            self._vectors = np.load(self.path / VECTORS_FILE, mmap_mode="r", allow_pickle=False)
        return self._vectors

    def dense(self) -> DenseIndex:
        """The dense search over this generation's vectors (`index.dense`)."""
        if self._dense is None:
            n, dim = len(self.rows), int(self.manifest["model"]["dimension"])
            self._dense = DenseIndex(self.path, n, dim, codes=self.format == FORMAT_VERSION)
        return self._dense

    def keyword(self) -> KeywordBackend:
        """The keyword index of this generation."""
        if self._keyword is None:
            self._keyword = backend(self.engine).open(self.path / "keyword")
        return self._keyword

    def close(self) -> None:
        if self._keyword is not None:
            self._keyword.close()
            self._keyword = None
        if self._dense is not None:
            self._dense.close()
            self._dense = None
        self._vectors = None

    def is_current_for(
        self, snap: CorpusSnapshot, encoder: Embedder, engine: str | None = None
    ) -> bool:
        """True when nothing needs rebuilding for this corpus, code, model and keyword engine
        (`engine` None: the one this generation has)."""
        m = self.manifest
        engine = engine or self.engine
        return (
            m.get("format") == FORMAT_VERSION
            and m.get("chunking") == fingerprints.chunking_fingerprint()
            and self.engine == engine
            and m.get("keyword") == fingerprints.keyword_fingerprint(engine)
            and recorded_model(m) == model_record(encoder)
            and m.get("ignore") == snap.rules
            and set(self.files) == set(snap.files)
            and all(self.files[p].get("sha1") == st.sha1 for p, st in snap.files.items())
        )


def chunk_of_row(row: ChunkRow, documents: Mapping[str, Document]) -> Chunk:
    """The `Chunk` a stored row stands for, its text sliced from the document."""
    return chunk_at(row.doc_id, row.heading, row.paragraph, row.start, row.end, documents)


def chunk_at(
    doc_id: str,
    heading: str | None,
    paragraph: int,
    start: int,
    end: int,
    documents: Mapping[str, Document],
) -> Chunk:
    """The `Chunk` at a stored location, its text sliced from the document."""
    d = documents[doc_id]
    return Chunk(d.doc_id, d.path, d.title, heading, paragraph, start, end, d.text[start:end])


def file_sizes(gen_dir: Path) -> dict[str, int]:
    """``{relative path: size}`` of the files of a generation, the manifest excepted."""
    return {
        p.relative_to(gen_dir).as_posix(): p.stat().st_size
        for p in sorted(gen_dir.rglob("*"))
        if p.is_file() and p.name != "manifest.json" and not is_lock_file(p.name)
    }
