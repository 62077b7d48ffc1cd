"""A statement attributed to a person (`Quote`), slicing its document exactly and JSON-able for
the index cache. Apart from `qa.quotes` (which re-exports it) so that the extractor's steps can
hold statements without importing the extractor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

# "direct": words inside quote marks; "reported": the sentence that reports what was said.
StatementKind = Literal["direct", "reported"]


@dataclass(frozen=True, kw_only=True)
class Quote:
    """A statement attributed to a person, slicing its document exactly."""

    speaker: str
    text: str
    doc_id: str
    path: str
    start: int
    end: int
    cue: str
    confidence: float
    kind: StatementKind
    paragraph: int

    @property
    def citation(self) -> str:
        """``<doc_id> ¶n [start:end]``: enough to check the quote by hand."""
        return f"{self.doc_id} ¶{self.paragraph} [{self.start}:{self.end}]"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form for the index cache."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Quote:
        """Inverse of `to_dict`."""
        return cls(**{k: d[k] for k in cls.__dataclass_fields__})
