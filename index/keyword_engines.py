"""Which keyword engine indexes a corpus: the names, the default, and how a user picks one.

A user picks with ``qa index --keyword-engine NAME`` or ``QA_KEYWORD_ENGINE=NAME``; otherwise an
existing index keeps the engine its manifest names, and a new one gets `DEFAULT_ENGINE`.
"""

from __future__ import annotations

import os
from importlib import import_module
from types import ModuleType
from typing import Literal, get_args

from index.keyword import KeywordBackend

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "ENV_VAR",
    "KeywordEngine",
    "KeywordEngineError",
    "backend",
    "check_engine",
    "engine_module",
    "requested_engine",
]

KeywordEngine = Literal["tantivy", "bm25s", "whoosh"]
ENGINES: tuple[str, ...] = get_args(KeywordEngine)
# tantivy: the fastest engine that updates in place and keeps whoosh's BM25 quality
# (README "Keyword engines": scripts/bench, qa eval scifact --mode bm25, scripts/eval_squad).
DEFAULT_ENGINE: KeywordEngine = "tantivy"
ENV_VAR = "QA_KEYWORD_ENGINE"

_MODULES = {
    "tantivy": ("index.tantivy_keyword", "TantivyKeywordIndex"),
    "bm25s": ("index.bm25s_keyword", "Bm25sKeywordIndex"),
    "whoosh": ("index.keyword", "WhooshKeywordIndex"),
}


class KeywordEngineError(ValueError):
    """An unknown keyword engine name."""


def check_engine(name: str) -> KeywordEngine:
    """`name` if it is a keyword engine, else KeywordEngineError with the choices."""
    if name not in ENGINES:
        raise KeywordEngineError(
            f"unknown keyword engine {name!r}; choose one of {', '.join(ENGINES)}"
        )
    return name  # type: ignore[return-value]


def requested_engine(explicit: str | None = None) -> KeywordEngine | None:
    """The engine the user asked for: the argument, else $QA_KEYWORD_ENGINE, else None."""
    chosen = explicit or os.environ.get(ENV_VAR) or None
    return check_engine(chosen.strip().lower()) if chosen else None


def engine_module(name: str) -> ModuleType:
    """The module that implements engine `name` (imported on first use: each is heavy)."""
    return import_module(_MODULES[check_engine(name)][0])


def backend(name: str) -> type[KeywordBackend]:
    """The `KeywordBackend` class of engine `name`."""
    cls: type[KeywordBackend] = getattr(engine_module(name), _MODULES[name][1])
    return cls
