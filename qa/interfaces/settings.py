"""Where things are by default: the corpus, the index directory, the REPL history.

Environment variables let a user set these once: QA_CORPUS, QA_INDEX_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["BUNDLED_SEEDS", "history_path", "resolve_corpus", "resolve_index_dir"]

BUNDLED_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def resolve_corpus(corpus: str | Path | None) -> Path:
    """The corpus folder: the argument, else $QA_CORPUS, else the bundled seeds."""
    chosen = corpus or os.environ.get("QA_CORPUS") or BUNDLED_SEEDS
    return Path(chosen).expanduser()


def resolve_index_dir(index_dir: str | Path | None) -> Path | None:
    """The index directory: the argument, else $QA_INDEX_DIR, else None (the store's default)."""
    chosen = index_dir or os.environ.get("QA_INDEX_DIR")
    return Path(chosen).expanduser() if chosen else None


def history_path() -> Path:
    """The REPL's persistent history file, in the user data dir."""
    return Path(platformdirs.user_data_dir("qa-index")) / "history"
