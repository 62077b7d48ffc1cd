"""Keeping an index up to date while a folder changes (`qa index --watch`), with watchfiles.

Each batch of file events (debounced by watchfiles) re-opens the index, which re-scans the
folder and publishes a new generation only when an article or an ignore rule changed. The
previous generation stays in use until the new one is published, so stopping at any moment
(Ctrl-C, `stop_event`) leaves the last published index intact.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from index.corpus import ARTICLE_SUFFIXES, JSONL_NAME
from index.embedder import Embedder
from index.ignore import IGNORE_FILE
from index.search import HybridIndex
from index.store import CorpusError, UpdateReport

__all__ = ["DEBOUNCE_MS", "is_watched", "watch_index"]

# watchfiles' own default: events within 1.6 s are one batch (an editor's save, a copied folder).
DEBOUNCE_MS = 1600


def is_watched(root: Path, path: str | Path) -> bool:
    """True for files whose change can change the index: articles and the `.qaignore`."""
    try:
        rel = Path(path).resolve().relative_to(root)
    except ValueError:
        return False
    if rel.as_posix() == IGNORE_FILE:
        return True
    if any(part.startswith(".") for part in rel.parts):
        return False
    return rel.suffix.lower() in ARTICLE_SUFFIXES or rel.name == JSONL_NAME


def watch_index(
    corpus: str | Path,
    index_dir: str | Path | None,
    *,
    on_update: Callable[[UpdateReport, HybridIndex], None],
    on_error: Callable[[Exception], None],
    embedder: Embedder | None = None,
    exclude: Sequence[str] = (),
    stop_event: threading.Event | None = None,
    debounce_ms: int = DEBOUNCE_MS,
    force_polling: bool | None = None,
) -> None:
    """Watch `corpus` and bring its index up to date after each change, until `stop_event` is
    set (or Ctrl-C, which propagates as KeyboardInterrupt). `on_update` gets the report of each
    update that changed something; a corpus or store error goes to `on_error` and watching
    goes on. The caller builds the index first (this only reacts to changes)."""
    from watchfiles import watch

    root = Path(corpus).expanduser().resolve()
    for changes in watch(
        root,
        watch_filter=lambda _change, path: is_watched(root, path),
        debounce=debounce_ms,
        stop_event=stop_event,
        force_polling=force_polling,
        raise_interrupt=True,
    ):
        if not changes:
            continue
        try:
            index = HybridIndex.open(root, index_dir, embedder=embedder, exclude=exclude)
        except (CorpusError, OSError, ValueError, RuntimeError) as e:
            on_error(e)
            continue
        embedder = index.embedder  # the model loads once for the whole session
        try:
            if index.last_update.changed_anything:
                on_update(index.last_update, index)
        finally:
            index.close()
