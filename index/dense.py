"""The dense side of search: cosine (dot product of unit vectors) top-k over the chunk vectors.

Small indexes are scored exactly in float32. Above `RESCORE_CANDIDATES` rows, a first pass
scores int8 codes of the vectors (one scale per row) with onnxruntime's integer matrix product,
and the best candidates of that pass are re-scored exactly from the float32 vectors on disk,
read row by row (never mapped whole, so they do not count in the process's memory), except in
a vectors file of at most `MAPPED_VECTOR_BYTES`, which is mapped: one system call per row read
cost more than the rest of the dense side at 10k chunks. The int8 codes take a quarter of the
float32 bytes; the scores a caller sees are always exact float32, the same either way.
`scripts/dense_recall.py` measures the Recall@10 of this search against exact float32 search.
"""

from __future__ import annotations

import mmap
import os
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "CODES_FILE",
    "RESCORE_CANDIDATES",
    "SCALES_FILE",
    "VECTORS_FILE",
    "DenseIndex",
    "npy_header",
    "quantize",
    "top_k",
    "write_codes",
]

VECTORS_FILE = "vectors.npy"  # float32 (n, dim), L2-normalised: the exact vectors
CODES_FILE = "vectors-int8.npy"  # int8 (dim, n): the codes, transposed for the matrix product
SCALES_FILE = "vector-scales.npy"  # float32 (n,): row i's vector is about scales[i] * codes[:, i]
# How many first-pass candidates are re-scored exactly, at least (and 4 per result asked
# for, above 50 results): scripts/dense_recall.py measured Recall@10 1.0000 against float32
# search with 200 (README, "Dense search memory"); hand-set beyond that.
RESCORE_CANDIDATES = 200
RESCORE_PER_RESULT = 4
# Rows per onnxruntime session of the first pass: building a session holds the codes about
# three times over for a moment, so blocks keep that moment small (at 100k x 384, one session
# for all rows raised the peak memory of a query process by about 120 MB, blocks of this size
# by about 30 MB; /tmp measurements, README "Dense search memory"). Hand-set.
BLOCK_ROWS = 16384
# Vector files up to this size are mapped and rows copied from the mapping; larger ones are
# read row by row with preadv (whose system call per row cost about 1 ms CPU of a 10k-chunk
# hybrid query, 480 rows: the re-scored candidates and the cosines filled in for BM25-only
# candidates; scripts/time_query_stages.py). Hand-set: bbc-full's 10,797 chunks (16.6 MB)
# fit, while at 100k chunks (154 MB) the mapping would count against the query process's
# memory target (README, "Dense search memory"), so those keep the row reads.
MAPPED_VECTOR_BYTES = 32 * 2**20


def top_k(vectors: np.ndarray, query: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Rows of `vectors` with the highest dot product with `query`: (row, score) best first."""
    n = vectors.shape[0]
    if n == 0 or k <= 0:
        return []
    scores = np.asarray(vectors @ query.astype(np.float32, copy=False), dtype=np.float32)
    return _best(scores, np.arange(n), k)


def _best(scores: np.ndarray, rows: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The `k` best (row, score) of parallel arrays, best first; ties: the lower row first."""
    n = len(rows)
    k = min(k, n)
    if k < n:  # the k best; among rows tied with the k-th best, the first rows
        threshold = scores[np.argpartition(-scores, k - 1)[:k]].min()
        above = np.flatnonzero(scores > threshold)
        tied = np.flatnonzero(scores == threshold)
        tied = tied[np.argsort(rows[tied], kind="stable")][: k - len(above)]
        idx = np.concatenate([above, tied])
    else:
        idx = np.arange(n)
    best = idx[np.lexsort((rows[idx], -scores[idx]))]  # score descending, then row ascending
    # tolist: Python ints and floats (a float32 widened exactly), without a numpy scalar each.
    return list(zip(rows[best].tolist(), scores[best].astype(np.float64).tolist(), strict=True))


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 codes per row: (codes (dim, n) int8, scales (n,) float32), so that
    ``vectors[i] ~= scales[i] * codes[:, i]`` (each component within scales[i] / 2)."""
    v = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(v).max(axis=1) if v.size else np.zeros(len(v), np.float32)
    scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.rint(v / scales[:, None]), -127, 127).astype(np.int8)
    return np.ascontiguousarray(codes.T), scales


def write_codes(folder: Path, vectors: np.ndarray) -> None:
    """Write the int8 codes and scales of `vectors` beside them (fsynced)."""
    codes, scales = quantize(vectors)
    for name, arr in ((CODES_FILE, codes), (SCALES_FILE, scales)):
        with open(folder / name, "wb") as f:
            np.save(f, arr, allow_pickle=False)
            f.flush()
            os.fsync(f.fileno())


def npy_header(path: Path) -> tuple[int, tuple[int, ...], np.dtype[Any]]:
    """Where the array data of a .npy file starts, its shape and dtype (header read only)."""
    from numpy.lib import format as npy

    with open(path, "rb") as f:
        version = npy.read_magic(f)
        read = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
        shape, fortran, dtype = read(f)
        if fortran:
            raise ValueError(f"{path.name}: Fortran-ordered array")
        return f.tell(), tuple(shape), np.dtype(dtype)


class DenseIndex:
    """The vectors of one generation: exact search when small, int8 first pass + exact float32
    re-scoring when large. Its files are opened at once (so a reader keeps them even if a
    writer collects the generation later); the first pass is built at the first search.
    Thread-safe for searching."""

    def __init__(self, folder: Path, n: int, dim: int, *, codes: bool = True) -> None:
        """`codes`: whether the folder has the int8 codes (format 2 on); their headers and
        the vectors' are checked here (ValueError)."""
        self.folder = folder
        self.n = n
        self.dim = dim
        # The int8 first pass, when the codes exist and it is worth it.
        self.quantized = codes and n > RESCORE_CANDIDATES
        self._lock = threading.Lock()
        self._building = threading.Lock()  # one thread builds the first pass, others wait
        self._session: Any = None
        self._scales: np.ndarray | None = None
        self._fds: dict[str, tuple[int, int]] = {}  # file name -> (descriptor, data offset)
        self._mapped: np.ndarray | None = None  # the float32 vectors, when small enough to map
        self._mapping: mmap.mmap | None = None
        try:
            self._open(VECTORS_FILE, "<f4", (n, dim))
            if 0 < n * dim * 4 <= MAPPED_VECTOR_BYTES:
                self._map_vectors()
            if codes:
                self._open(CODES_FILE, "|i1", (dim, n), keep=self.quantized)
                self._open(SCALES_FILE, "<f4", (n,), keep=self.quantized)
        except BaseException:
            self.close()
            raise

    def _open(self, name: str, dtype: str, shape: tuple[int, ...], keep: bool = True) -> None:
        offset, got_shape, got_dtype = npy_header(self.folder / name)
        if got_dtype.str != dtype or got_shape != shape:
            raise ValueError(f"{name}: {got_dtype} {got_shape}, expected {dtype} {shape}")
        if keep:
            self._fds[name] = (os.open(self.folder / name, os.O_RDONLY), offset)

    def _map_vectors(self) -> None:
        """Map the float32 vectors (read-only; a mapping keeps the file as a descriptor does)."""
        fd, offset = self._fds[VECTORS_FILE]
        self._mapping = mmap.mmap(fd, offset + self.n * self.dim * 4, prot=mmap.PROT_READ)
        self._mapped = np.frombuffer(self._mapping, dtype="<f4", count=self.n * self.dim,
                                     offset=offset).reshape(self.n, self.dim)

    def top_k(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The `k` rows nearest `query` by cosine: (row, exact float32 score) best first."""
        if self.n == 0 or k <= 0:
            return []
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        if not self.quantized:
            return _best(self.exact(np.arange(self.n), q), np.arange(self.n), k)
        candidates = min(self.n, max(k, RESCORE_CANDIDATES, RESCORE_PER_RESULT * k))
        approx = self.approximate(q)
        rows = np.argpartition(-approx, candidates - 1)[:candidates]
        rows.sort()
        return _best(self.exact(rows, q), rows, k)

    def approximate(self, query: np.ndarray) -> np.ndarray:
        """First-pass scores of every row (int8 codes times an int8 query, rescaled)."""
        session, scales = self._first_pass()
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        peak = float(np.abs(q).max()) or 1.0
        q_scale = peak / 127.0
        q_codes = np.clip(np.rint(q / q_scale), -127, 127).astype(np.int16) + 128
        feed = {"q": q_codes.astype(np.uint8).reshape(1, -1)}
        out = np.empty(self.n, dtype=np.float32)
        for start, block in session:
            dots = block.run(None, feed)[0][0]
            np.multiply(dots, scales[start : start + len(dots)], out=out[start : start + len(dots)])
        out *= q_scale
        return out

    def exact(self, rows: np.ndarray, query: np.ndarray) -> np.ndarray:
        """Exact float32 cosine of `query` to each of `rows`, read from the float32 file."""
        vecs = self.read_rows(np.asarray(rows, dtype=np.int64))
        return np.asarray(vecs @ np.asarray(query, dtype=np.float32).reshape(-1), np.float32)

    def read_rows(self, rows: np.ndarray) -> np.ndarray:
        """The float32 vectors of `rows` (any order), read from the file without mapping it."""
        if len(rows) == 0:
            return np.empty((0, self.dim), dtype=np.float32)
        mapped = self._mapped
        if mapped is not None:
            if rows.min() < 0 or rows.max() >= self.n:
                raise IndexError(f"vector rows out of range 0..{self.n - 1}")
            return np.asarray(mapped[rows], dtype=np.float32)
        out = np.empty((len(rows), self.dim), dtype=np.float32)
        order = np.argsort(rows, kind="stable")
        ordered = rows[order]
        if ordered[0] < 0 or ordered[-1] >= self.n:
            raise IndexError(f"vector rows out of range 0..{self.n - 1}")
        # Runs of consecutive rows are read with one call each, straight into the buffer.
        breaks = np.flatnonzero(np.diff(ordered) != 1) + 1
        bounds = [0, *breaks.tolist(), len(ordered)]
        width = 4 * self.dim
        firsts = ordered[bounds[:-1]].tolist()
        self._read(VECTORS_FILE, out, [(f * width, i, j) for f, i, j in
                                       zip(firsts, bounds, bounds[1:], strict=False)], width)
        if np.any(order != np.arange(len(order))):
            unsorted = np.empty_like(out)
            unsorted[order] = out
            out = unsorted
        return out

    def _read(self, name: str, out: np.ndarray, runs: list[tuple[int, int, int]],
              width: int) -> None:
        """Fill `out` from the data of file `name`, seen as units of `width` bytes: each run
        (byte position in the data, i, j) reads units i..j-1 of `out` from there."""
        with self._lock:
            if name not in self._fds:
                raise ValueError(f"{name} is closed")
            fd, offset = self._fds[name]
            view = memoryview(out.reshape(-1).view(np.uint8).data)
            for at, i, j in runs:
                size = width * (j - i)
                if os.preadv(fd, [view[i * width : j * width]], offset + at) != size:
                    raise OSError(f"{name}: short read (damaged index)")

    def close(self) -> None:
        with self._lock:
            self._mapped = None
            if self._mapping is not None:
                # A search still copying rows holds the buffer: the mapping then goes with it.
                with suppress(BufferError):
                    self._mapping.close()
                self._mapping = None
            for fd, _offset in self._fds.values():
                os.close(fd)
            self._fds.clear()
            self._session = None
            self._scales = None

    def _first_pass(self) -> tuple[list[tuple[int, Any]], np.ndarray]:
        """[(first row, session)] per block of rows, and the scales of all rows."""
        with self._building:
            if self._session is None:
                self._build_first_pass()
        assert self._scales is not None
        return self._session, self._scales

    def _build_first_pass(self) -> None:
        """Read the scales and codes and build one onnxruntime session per block."""
        scales = np.empty(self.n, dtype=np.float32)
        self._read(SCALES_FILE, scales, [(0, 0, 1)], 4 * self.n)
        sessions = []
        for start in range(0, self.n, BLOCK_ROWS):
            size = min(BLOCK_ROWS, self.n - start)
            # An anonymous mapping, not the heap: given back to the system when closed.
            with mmap.mmap(-1, self.dim * size) as buffer:
                codes = np.frombuffer(buffer, dtype=np.int8).reshape(self.dim, size)
                # The file holds (dim, n): row d of the block is a run of file row d.
                runs = [(d * self.n + start, d, d + 1) for d in range(self.dim)]
                self._read(CODES_FILE, codes, runs, size)
                sessions.append((start, _integer_product(codes)))
                del codes  # onnxruntime keeps a packed copy of its own
            _release_freed_heap()
        with self._lock:
            self._session, self._scales = sessions, scales


def _release_freed_heap() -> None:
    """Ask glibc to hand freed heap memory back to the system: onnxruntime copies each block
    while packing it and frees the copy, and glibc keeps such memory (about 28 MB at 100k
    rows, measured with /proc/self/status). Nothing happens where there is no glibc."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        trim = getattr(libc, "malloc_trim", None)
    except OSError:
        return
    if trim is not None:
        trim(0)


def _integer_product(codes: np.ndarray) -> Any:
    """An onnxruntime session computing ``(q - 128) @ codes`` for a uint8 query (1, dim).

    The codes are a constant of the model, so onnxruntime packs them once for its fast
    uint8 x int8 kernel (about 3 ms for 384 x 100k here, against about 15 ms for numpy's
    float32 product over the float32 vectors); the packed copy is all it keeps.
    """
    import onnxruntime as ort
    from onnx import TensorProto, helper

    dim, n = codes.shape
    weights = TensorProto()
    weights.name = "codes"
    weights.data_type = TensorProto.INT8
    weights.dims.extend([dim, n])
    weights.data_location = TensorProto.EXTERNAL  # given below as a buffer, not a file
    for key, value in (("location", CODES_FILE), ("offset", "0"), ("length", str(dim * n))):
        entry = weights.external_data.add()
        entry.key, entry.value = key, value
    zero = helper.make_tensor("zero", TensorProto.UINT8, [], [128])
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["q", "codes", "zero"], ["dots"])],
        "dense_first_pass",
        [helper.make_tensor_value_info("q", TensorProto.UINT8, [1, dim])],
        [helper.make_tensor_value_info("dots", TensorProto.INT32, [1, n])],
        [zero, weights],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8  # hand-set: an IR version onnxruntime 1.31 reads
    options = ort.SessionOptions()
    options.log_severity_level = 3
    # One product a query, of a known size: no memory arena or thread pool of its own.
    options.enable_cpu_mem_arena = False
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_external_initializers(["codes"], [ort.OrtValue.ortvalue_from_numpy(codes)])
    return ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
