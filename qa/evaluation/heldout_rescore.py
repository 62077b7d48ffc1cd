"""Re-scoring a judged held-out statement sample (issue 11) with newer extraction code.

Pure functions over the sample's rows (format in `tests/data/statements/README.md`) and the
statements extracted now; `scripts/heldout_statement_sample.py --rescore` does the I/O. A
statement keeps its judgement while its speaker is unchanged; a changed speaker is judged by the
row's `gold_speakers` when it has them, else by a hand `rejudged` for that speaker, else waits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qa.evaluation.statement_set import name_words, overlaps

__all__ = ["Rescored", "confidence_now", "matches_gold_speakers", "rescore_rows"]

Row = Mapping[str, Any]


@dataclass(frozen=True, kw_only=True)
class Rescored:
    """A sample re-scored: counts, and the rows whose speaker changed (with the speaker now)."""

    right: int
    judged: int
    dropped: int  # no statement overlapping the row's span is extracted any more
    by_gold: tuple[tuple[Row, str, bool], ...]  # changed speaker judged by gold_speakers
    pending: tuple[tuple[Row, str], ...]  # changed speaker, nothing to judge it by

    @property
    def precision(self) -> float:
        return self.right / self.judged if self.judged else 0.0


# Leading words that say how many or which, not who ("one leading broker", "which critics",
# "some observers"): a well-known list of English determiners and quantifiers (hand-set).
_DETERMINERS = frozenset(["a", "an", "one", "some", "which", "many", "several", "other",
                          "another", "these", "those", "this", "that"])


def _name(speaker: str) -> list[str]:
    words = name_words(speaker)
    while len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    return words


def _first_words_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    """One side has no first name, or both start with the same word or its initial."""
    if len(a) < 2 or len(b) < 2:
        return True
    return a[0] == b[0] or (min(len(a[0]), len(b[0])) == 1 and a[0][0] == b[0][0])


def matches_gold_speakers(speaker: str, gold: Sequence[str]) -> bool:
    """Is `speaker` one of the acceptable `gold` speakers: equal ignoring case, or the same
    last word as a gold form and the same first word when both have one (after honorifics,
    "the" and leading determiners). A form that ends another ("Eavis" of "Michael Eavis")
    matches only exactly, so "Mr Eavis" is Michael Eavis and "Emily Eavis" is not, nor is
    "Commerce Department" the "Labor Department". An empty `gold` (no statement) matches
    nobody."""
    folded = speaker.strip().casefold()
    if not folded:
        return False
    if any(folded == g.strip().casefold() for g in gold):
        return True
    got = _name(speaker)
    forms = [w for w in (_name(g) for g in gold) if w]
    fullest = [w for w in forms if not any(len(o) > len(w) and o[-len(w):] == w for o in forms)]
    return bool(got) and any(w[-1] == got[-1] and _first_words_agree(w, got) for w in fullest)


def _hits(r: Row, now: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[Mapping[str, Any]]:
    """The statements extracted now that overlap the row's span (`rescore_rows`' matching)."""
    return [q for q in now.get(r["path"], ())
            if overlaps(r["start"], r["end"], q["start"], q["end"])]


def confidence_now(r: Row, now: Mapping[str, Sequence[Mapping[str, Any]]]) -> float | None:
    """The confidence of the statement that stands for the row now (the one `rescore_rows`
    judges: with the row's speaker if any, else the first overlapping); None if none does."""
    hits = _hits(r, now)
    same = [q for q in hits if q["speaker"] == r["speaker"]]
    return float((same or hits)[0]["confidence"]) if hits else None


def rescore_rows(rows: Sequence[Row], now: Mapping[str, Sequence[Mapping[str, Any]]]) -> Rescored:
    """Judge each judged row against the statements extracted now (`now[path]`, dicts with
    `start`, `end`, `speaker`): the first statement overlapping the row's span (>= 50 % of the
    shorter, as the labelled set) stands for it. Same speaker: the row's `correct`. Another
    speaker: right iff it matches the row's `gold_speakers`; rows without them count a hand
    `rejudged` given for that speaker (`rejudged_speaker`) and are pending otherwise."""
    right = judged = dropped = 0
    by_gold: list[tuple[Row, str, bool]] = []
    pending: list[tuple[Row, str]] = []
    for r in rows:
        hits = _hits(r, now)
        if not hits:
            dropped += 1
            continue
        if any(q["speaker"] == r["speaker"] for q in hits):
            judged += 1
            right += bool(r["correct"])
            continue
        speaker = str(hits[0]["speaker"] or "")
        if r.get("gold_speakers") is not None:
            ok = matches_gold_speakers(speaker, r["gold_speakers"])
            by_gold.append((r, speaker, ok))
            judged += 1
            right += ok
        elif r.get("rejudged") is not None and r.get("rejudged_speaker") == speaker:
            judged += 1
            right += bool(r["rejudged"])
        else:
            pending.append((r, speaker))
    return Rescored(right=right, judged=judged, dropped=dropped, by_gold=tuple(by_gold),
                    pending=tuple(pending))
