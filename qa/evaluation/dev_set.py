"""Scoring answers against a dev set of questions with gold passages (``seeds_dev.jsonl``).

A returned passage hits a gold entry ``[file prefix, substring]`` when its file name starts with
the prefix and its text, whitespace collapsed, contains the substring (the dev set's README).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["DevQuestion", "DevResult", "load_dev_set", "score_answer", "summarize"]


@dataclass(frozen=True)
class DevQuestion:
    """One dev question: text, kind, need (any/all/none), gold entries, expected speaker."""

    id: str
    question: str
    kind: str
    need: str
    gold: tuple[tuple[str, str], ...]
    speaker: str | None = None


@dataclass(frozen=True)
class DevResult:
    """How one answer did: recall@k of gold passages, gold statements among quotes, etc."""

    id: str
    answered: bool
    recall: float | None  # share of gold entries hit by the top-k passages (None: need none)
    quotes_recall: float | None  # share of gold entries among the quotes (speaker questions)
    speaker_ok: bool | None  # every quote names the expected speaker
    ok: bool


def load_dev_set(path: Path) -> list[DevQuestion]:
    """Read a dev set; a ValueError names the line of a malformed entry."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.append(DevQuestion(d["id"], d["question"], d["kind"], d["need"],
                                   tuple((p, s) for p, s in d["gold"]), d.get("speaker")))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
            raise ValueError(f"{path}:{n}: not a dev question ({e})") from None
    return out


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _hits(path: str, text: str, gold: tuple[str, str]) -> bool:
    prefix, sub = gold
    return path.rsplit("/", 1)[-1].startswith(prefix) and _collapse(sub) in _collapse(text)


def score_answer(
    q: DevQuestion, answer: dict[str, Any], file_text: Callable[[str], str], k: int = 5
) -> DevResult:
    """Score one `Answer.to_dict()` against its dev question."""
    passages = answer["passages"][:k]
    if q.need == "none":
        return DevResult(q.id, answer["answered"], None, None, None, not answer["answered"])
    hit = [any(_hits(p["path"], p["text"], g) for p in passages) for g in q.gold]
    recall = (sum(hit) / len(hit)) if q.need == "all" else float(any(hit))
    quotes_recall = speaker_ok = None
    if q.kind == "speaker":
        spans = []
        for qu in answer["quotes"]:
            spans.append((qu["path"], qu["text"]))
            for c in qu["corroborated_by"]:
                spans.append((c["path"], file_text(c["path"])[c["start"] : c["end"]]))
        got = [any(_hits(p, t, g) for p, t in spans) for g in q.gold]
        quotes_recall = (sum(got) / len(got)) if q.need == "all" else float(any(got))
        speaker_ok = bool(answer["quotes"]) and all(
            q.speaker is not None and q.speaker.lower() in qu["speaker"].lower()
            for qu in answer["quotes"])
    ok = recall == 1.0 and (quotes_recall in (None, 1.0) or q.need != "all") and (
        speaker_ok is not False)
    return DevResult(q.id, answer["answered"], recall, quotes_recall, speaker_ok, ok)


def summarize(results: Sequence[DevResult]) -> dict[str, float]:
    """Mean recall@k on answerable questions, gold-statement recall on need-all questions,
    share of unanswerable questions abstained on."""
    ans = [r.recall for r in results if r.recall is not None]
    allq = [r.quotes_recall for r in results if r.quotes_recall is not None]
    none = [not r.answered for r in results if r.recall is None]
    return {
        "recall@k (answerable)": sum(ans) / len(ans) if ans else float("nan"),
        "gold statements among quotes (speaker)": sum(allq) / len(allq) if allq else float("nan"),
        "abstained (unanswerable)": sum(none) / len(none) if none else float("nan"),
        "questions ok": sum(r.ok for r in results) / len(results) if results else float("nan"),
    }
