"""Versions of what the index stores: the format number, and hashes of the code that produced
the stored chunks and keyword index (a code change means: re-derive).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType

from index import analysis, boilerplate, chunking, corpus, encoding, keyword, metadata
from index.keyword_engines import DEFAULT_ENGINE, engine_module

__all__ = [
    "DERIVED_FORMAT",
    "FORMAT_VERSION",
    "READABLE_FORMATS",
    "chunking_fingerprint",
    "keyword_fingerprint",
]

# The on-disk layout of a generation; bump on an incompatible change. 2: the chunk table in
# numpy arrays and int8 codes of the vectors (`index.chunk_table`, `index.dense`).
FORMAT_VERSION = 2
# Generation formats still read, to be converted by the next update without re-embedding.
READABLE_FORMATS = (1, 2)
# The format of derived data (`index.derived`) and what the stored chunks and keyword index
# mean; bump when they change meaning (then everything is re-derived). Format 2 of the
# generation changed only how rows and vectors are laid out, so this stays 1.
DERIVED_FORMAT = 1


def _source_fingerprint(*modules: ModuleType) -> str:
    """A hash of the code that produced the stored data: a code change means re-derive."""
    h = hashlib.sha1(str(DERIVED_FORMAT).encode())
    for m in modules:
        h.update(Path(str(m.__file__)).read_bytes())
    return h.hexdigest()[:16]


def chunking_fingerprint() -> str:
    """Changes when reading or chunking code changes (then every file is re-chunked)."""
    return _source_fingerprint(corpus, encoding, metadata, boilerplate, chunking)


def keyword_fingerprint(engine: str = DEFAULT_ENGINE) -> str:
    """Changes when the keyword index code (analyzer, schema, engine) changes (then rebuilt)."""
    return _source_fingerprint(keyword, analysis, engine_module(engine))
