"""The keyword side on bm25s: BM25 as precomputed sparse score matrices, memory-mapped on load.

One bm25s index per field (text, title, heading) over the same analysed terms as the other
engines (`index.keyword.tokenize`); a query's score is the field-weighted sum of the three, as
BM25F sums per-field BM25 in whoosh and tantivy (Lucene idf, k1 1.2, b 0.75; exact lengths).
bm25s leaves out BM25's constant (k1 + 1) factor, as Lucene does; it is put back so that scores
are those of the other engines.
bm25s cannot add or delete documents: every write rebuilds the whole index (`incremental` is
False, so the store hands it every chunk).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from index.chunking import Chunk
from index.keyword import FIELD_WEIGHTS, TEXT_FIELDS, field_texts, tokenize

__all__ = ["Bm25sKeywordIndex"]

_IDS = "chunk_ids.json"
K1, B = 1.2, 0.75  # the engine's BM25 settings (README: kept after tuning on SciFact train)


def _quiet() -> None:
    # bm25s logs/prints progress; the engine reports its own.
    logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass
class Bm25sKeywordIndex:
    """bm25s indexes of chunks (one per field) in one directory; rebuilt whole on every write."""

    engine: ClassVar[str] = "bm25s"
    incremental: ClassVar[bool] = False

    directory: Path
    weights: dict[str, float]
    ids: list[str]
    _fields: dict[str, Any]

    @classmethod
    def open(cls, directory: Path, weights: dict[str, float] | None = None) -> Bm25sKeywordIndex:
        """Load the index memory-mapped (raises OSError/ValueError if missing or corrupt)."""
        import bm25s

        _quiet()
        directory = Path(directory)
        ids = json.loads((directory / _IDS).read_text(encoding="utf-8"))
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ValueError(f"{directory / _IDS}: not a list of chunk ids")
        fields = {}
        for name in TEXT_FIELDS:
            if (directory / name).is_dir():
                fields[name] = bm25s.BM25.load(
                    str(directory / name), mmap=True, show_progress=False, verbosity=0
                )
        return cls(directory, dict(weights or FIELD_WEIGHTS), ids, fields)

    @classmethod
    def write(
        cls,
        directory: Path,
        add: Iterable[Chunk],
        delete_docs: Iterable[str] = (),
        *,
        create: bool = False,
    ) -> int:
        """Build the index of `add` (all chunks) in the empty `directory`; returns its size."""
        import bm25s

        if not create or list(delete_docs):
            raise ValueError("bm25s indexes cannot be updated: rebuild with every chunk")
        _quiet()
        directory.mkdir(parents=True, exist_ok=True)
        ids: list[str] = []
        tokens: dict[str, list[list[str]]] = {f: [] for f in TEXT_FIELDS}
        for c in add:
            ids.append(c.chunk_id)
            for name, text in field_texts(c).items():
                tokens[name].append(tokenize(text) if text else [])
        for name, toks in tokens.items():
            if not any(toks):
                continue  # a field nobody has adds nothing to any score
            bm = bm25s.BM25(k1=K1, b=B, method="lucene")
            bm.index(toks, show_progress=False)
            bm.save(str(directory / name), show_progress=False)
        (directory / _IDS).write_text(json.dumps(ids, ensure_ascii=False), encoding="utf-8")
        return len(ids)

    def hold(self) -> None:
        """Nothing to do: the arrays are mapped at open and stay mapped."""

    def doc_count(self) -> int:
        """Number of chunks in the index."""
        return len(self.ids)

    def chunk_ids(self) -> set[str]:
        """Every chunk id in the index (used to validate it against the manifest)."""
        return set(self.ids)

    def search(self, terms: Sequence[str], limit: int) -> list[tuple[str, float]]:
        """BM25 top-`limit` chunks for OR-ed analysed `terms` (see `query_terms`)."""
        if not terms or limit <= 0 or not self.ids:
            return []
        total: np.ndarray | None = None
        for name, bm in self._fields.items():
            weight = self.weights.get(name, 0.0)
            vocab = bm.vocab_dict
            known = [vocab[t] for t in terms if t in vocab]
            if weight <= 0 or not known:
                continue
            scores = bm.get_scores_from_ids(known) * (weight * (K1 + 1))
            total = scores if total is None else total + scores
        if total is None:
            return []
        k = min(limit, int(np.count_nonzero(total > 0)))
        if k == 0:
            return []
        top = np.argpartition(-total, k - 1)[:k]
        top = top[np.lexsort((top, -total[top]))]  # best first; ties by index order
        return [(self.ids[i], float(total[i])) for i in top]

    def close(self) -> None:
        """Drop the mapped arrays."""
        self._fields = {}
