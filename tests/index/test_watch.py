"""Watch mode: a change in the folder publishes a new index; stopping keeps the last one."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from index.search import HybridIndex
from index.watch import is_watched, watch_index

# Bounded waits: an update of a three-file corpus takes seconds; watchfiles polls every 0.3 s.
TIMEOUT = 90.0


def _article(root: Path, name: str, body: str) -> None:
    (root / name).write_text(f"Title of {name}\n\n{body}\n", encoding="utf-8")


def test_is_watched(tmp_path: Path):
    root = tmp_path.resolve()
    assert is_watched(root, root / "a.txt") and is_watched(root, root / "sub" / "b.md")
    assert is_watched(root, root / ".qaignore")
    assert not is_watched(root, root / ".git" / "a.txt")
    assert not is_watched(root, root / "image.png")
    assert not is_watched(root, tmp_path.parent / "elsewhere.txt")


def test_watch_reindexes_on_change_and_stops_cleanly(tmp_path: Path, embedder):
    corpus, idx = tmp_path / "c", tmp_path / "idx"
    corpus.mkdir()
    _article(corpus, "one.txt", "The harbour authority met fishermen on Monday.")
    with HybridIndex.open(corpus, idx, embedder=embedder) as index:
        assert set(index.documents) == {"one.txt"}
    updates: queue.Queue = queue.Queue()
    errors: list[Exception] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_index, args=(corpus, idx),
        kwargs={"on_update": lambda rep, index: updates.put((rep, len(index.chunks))),
                "on_error": errors.append, "embedder": embedder, "stop_event": stop,
                "debounce_ms": 200, "force_polling": True},
        daemon=True,
    )
    thread.start()
    try:
        threading.Event().wait(1.0)  # let the watcher take its first look
        _article(corpus, "two.txt", "Heavy snow closed the mountain pass on Tuesday.")
        rep, chunks = updates.get(timeout=TIMEOUT)
        assert rep.added == ("two.txt",) and chunks == 2
        (corpus / "one.txt").unlink()
        rep, chunks = updates.get(timeout=TIMEOUT)
        assert rep.removed == ("one.txt",) and chunks == 1
        (corpus / "image.png").write_bytes(b"\x89PNG")  # not an article: no update
        threading.Event().wait(1.5)
        assert updates.empty()
    finally:
        stop.set()
        thread.join(timeout=TIMEOUT)
    assert not thread.is_alive() and errors == []
    with HybridIndex.open(corpus, idx, embedder=embedder) as index:  # the last one published
        assert set(index.documents) == {"two.txt"} and not index.last_update.changed_anything
