"""Scoring the disagreement flags (`qa.disagreement`) on the labelled pairs of
tests/data/disagreement (format and how it was made in its README).

Pure functions over the labels, except `load_pairs`, which reads the label files and the
articles their spans come from (to find each span's offsets).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.encoding import read_decoded
from qa.disagreement import DIFFERENCE_KINDS, DifferenceKind, text_differences

__all__ = [
    "DisagreementScore",
    "LabelledPair",
    "LabelledSpan",
    "load_pairs",
    "predict",
    "score_pairs",
]


@dataclass(frozen=True, kw_only=True)
class LabelledSpan:
    """One statement of a pair: where it is (path as labelled, offsets in the file) and text."""

    path: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, kw_only=True)
class LabelledPair:
    """Two reports of one statement, with the expected kinds of difference (none: they agree;
    a pair that differs in two ways has both)."""

    id: str
    split: str  # "dev" (rules tuned on it) or "heldout"
    origin: str  # "written", "seeds" or "bbc"
    a: LabelledSpan
    b: LabelledSpan
    kinds: tuple[DifferenceKind, ...]
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class DisagreementScore:
    """Precision and recall of the flags on a set of pairs. A flag is right when the pair
    differs and one of the flagged kinds is a labelled kind."""

    pairs: int
    differing: int
    flagged: int
    right: int
    wrong_kind: int  # flagged differing pairs whose flags miss the labelled kind

    @property
    def precision(self) -> float:
        """Right flags over flagged pairs (1.0 when nothing was flagged)."""
        return self.right / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        """Right flags over differing pairs."""
        return self.right / self.differing if self.differing else 1.0


_BLOCK = re.compile(r"^@(?P<split>dev|heldout)\s+(?P<id>\S+)(?:\s+#\s*(?P<note>.*))?$")
_SPAN = re.compile(r"^(?P<who>[A-C])\s+(?P<path>\S+)\s+::\s(?P<text>.*)$")
_PAIR = re.compile(r"^(?P<x>[A-C])-(?P<y>[A-C])\s+(?P<kind>[\w+]+)")


def _resolve(path: str, data_dir: Path, repo: Path, shared: Path) -> Path:
    if path.startswith("bbc-full/"):
        return shared / "corpora" / path
    if path.startswith("seeds/"):
        return repo / path
    return data_dir / path


def load_pairs(data_dir: Path, repo: Path, shared: Path) -> list[LabelledPair]:
    """Every labelled pair of the `labels_*.txt` files of `data_dir`; each span's text must
    occur exactly once in its article (ValueError otherwise)."""
    pairs: list[LabelledPair] = []
    texts: dict[Path, str] = {}
    for label_file in sorted(data_dir.glob("labels_*.txt")):
        origin = label_file.stem.removeprefix("labels_")
        split = block = note = ""
        spans: dict[str, LabelledSpan] = {}
        for line in label_file.read_text(encoding="utf-8").splitlines():
            if m := _BLOCK.match(line):
                split, block, note, spans = m["split"], m["id"], m["note"] or "", {}
            elif m := _SPAN.match(line):
                file = _resolve(m["path"], data_dir, repo, shared)
                text = texts.setdefault(file, read_decoded(file).text)
                start = text.find(m["text"])
                if start < 0 or text.find(m["text"], start + 1) >= 0:
                    raise ValueError(f"{label_file.name} {block}: span not found once in "
                                     f"{m['path']}: {m['text'][:60]!r}")
                spans[m["who"]] = LabelledSpan(path=m["path"], start=start,
                                               end=start + len(m["text"]), text=m["text"])
            elif m := _PAIR.match(line):
                kinds = () if m["kind"] == "none" else tuple(m["kind"].split("+"))
                if not set(kinds) <= set(DIFFERENCE_KINDS):
                    raise ValueError(f"{label_file.name} {block}: unknown kind {m['kind']!r}")
                pairs.append(LabelledPair(
                    id=f"{block}:{m['x']}-{m['y']}", split=split, origin=origin,
                    a=spans[m["x"]], b=spans[m["y"]], kinds=kinds, note=note))
    return pairs


def predict(pair: LabelledPair) -> tuple[DifferenceKind, ...]:
    """The kinds `qa.disagreement` flags for a pair (empty: they agree)."""
    return tuple(d.kind for d in text_differences(pair.a.text, pair.b.text))


def score_pairs(
    pairs: Iterable[LabelledPair],
    flags: Callable[[LabelledPair], Sequence[DifferenceKind]] = predict,
) -> DisagreementScore:
    """Precision and recall of `flags` on `pairs`."""
    n = differing = flagged = right = wrong_kind = 0
    for p in pairs:
        n += 1
        kinds = flags(p)
        differing += bool(p.kinds)
        if kinds:
            flagged += 1
            if set(p.kinds) & set(kinds):
                right += 1
            elif p.kinds:
                wrong_kind += 1
    return DisagreementScore(pairs=n, differing=differing, flagged=flagged, right=right,
                             wrong_kind=wrong_kind)
