"""Versions of what the index stores: the format number, and hashes of the code that produced
the stored chunks and keyword index (a code change means: re-derive).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType

from index import analysis, boilerplate, chunking, corpus, encoding, keyword, metadata
from index.keyword_engines import DEFAULT_ENGINE, engine_module

__all__ = ["FORMAT_VERSION", "chunking_fingerprint", "keyword_fingerprint"]

# The on-disk format of a generation and of derived data; bump on an incompatible change.
FORMAT_VERSION = 1


def _source_fingerprint(*modules: ModuleType) -> str:
    """A hash of the code that produced the stored data: a code change means re-derive."""
    h = hashlib.sha1(str(FORMAT_VERSION).encode())
    for m in modules:
        h.update(Path(str(m.__file__)).read_bytes())
    return h.hexdigest()[:16]


def chunking_fingerprint() -> str:
    """Changes when reading or chunking code changes (then every file is re-chunked)."""
    return _source_fingerprint(corpus, encoding, metadata, boilerplate, chunking)


def keyword_fingerprint(engine: str = DEFAULT_ENGINE) -> str:
    """Changes when the keyword index code (analyzer, schema, engine) changes (then rebuilt)."""
    return _source_fingerprint(keyword, analysis, engine_module(engine))
