"""`Retriever`: the library entry point (`from qa import Retriever`).

    from qa import Retriever
    r = Retriever("path/to/corpus")          # builds, updates or loads the index
    for hit in r.search("what did Grushko say?", k=5):
        print(hit.citation, hit.text)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.dense import Embedder
from index.search import Hit, HybridIndex, Mode

__all__ = ["Retriever"]


class Retriever:
    """Search (and, with the QA layer, answer questions) over one corpus folder."""

    def __init__(
        self,
        corpus: str | Path,
        index_dir: str | Path | None = None,
        *,
        embedder: Embedder | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> None:
        self._index = HybridIndex.open(corpus, index_dir, embedder=embedder, progress=progress)

    @property
    def index(self) -> HybridIndex:
        """The underlying hybrid index (chunks, documents, last update report)."""
        return self._index

    @property
    def corpus(self) -> Path:
        """The corpus folder (absolute)."""
        return self._index.corpus

    def search(
        self, query: str, k: int = 5, mode: Mode = "hybrid", alpha: float | None = None
    ) -> list[Hit]:
        """The `k` best passages for `query` (see `HybridIndex.search`)."""
        return self._index.search(query, k=k, mode=mode, alpha=alpha)
