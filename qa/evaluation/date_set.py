"""The labelled statement dates of tests/data/dates: reading the labels, scoring `date_statement`.

Each label names a statement (by offsets, by a statement id of tests/data/statements, or by its
text), its article's date (real or assigned) and the gold date: a day, a span of days,
"article" (the text gives no time of saying: the article's date is the right answer) or
"undated". Precision is the share of the dated statements whose days are exactly the gold
days; coverage the share of statements that get a date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from qa.statement_dates import SaidOn, date_statement

__all__ = ["DateLabel", "load_date_labels", "predict", "score_dates"]


@dataclass(frozen=True, kw_only=True)
class DateLabel:
    """One labelled statement: where it is, its article's date and its gold days."""

    source: str  # "seeds", "bbc", "authored"
    path: str  # the file
    start: int
    end: int
    article_date: date | None
    assigned: bool  # the article date was assigned for labelling (the file carries none)
    split: str  # "dev" or "heldout"
    gold: tuple[date, date] | None  # None: no date ("undated")
    gold_kind: str  # "day", "span", "article", "undated"
    expression: str | None  # the labeller's note of the expression


_HEADER_RE = re.compile(
    r"^@\s+(?P<src>\w+)\s+(?P<name>\S+)\s*\|\s*(?P<date>\S+)(?:\s+(?P<how>\w+))?\s*\|\s*"
    r"(?P<split>dev|heldout\d*)\s*$")


def _gold(raw: str, article: date | None) -> tuple[tuple[date, date] | None, str]:
    raw = raw.strip()
    if raw == "article":
        return ((article, article) if article else None), "article"
    if raw == "undated":
        return None, "undated"
    if ".." in raw:
        a, b = raw.split("..")
        return (date.fromisoformat(a), date.fromisoformat(b)), "span"
    d = date.fromisoformat(raw)
    return (d, d), "day"


def load_date_labels(labels: Path, roots: Mapping[str, Path],
                     statement_ids: Path) -> list[DateLabel]:
    """The labels of `labels` (format: tests/data/dates/README.md), with offsets resolved in
    the files under `roots` ("seeds", "bbc", "authored") and `statement_ids`
    (tests/data/statements/statements.jsonl) for ``#id`` keys."""
    ids = {r["id"]: r for r in map(json.loads, statement_ids.read_text("utf-8").splitlines())}
    out: list[DateLabel] = []
    head: dict[str, Any] = {}
    for n, line in enumerate(labels.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("# "):
            continue
        m = _HEADER_RE.match(line)
        if m:
            raw_date = m.group("date")
            head = {"source": m.group("src"), "name": m.group("name"),
                    "article": None if raw_date == "none" else date.fromisoformat(raw_date),
                    "assigned": m.group("how") == "assigned", "split": m.group("split")}
            continue
        key, rest = _split_key(line, n)
        fields = [f.strip() for f in rest.split("|")]
        if key.startswith("#"):
            rec = ids[key[1:]]
            path, start, end = rec["path"], rec["start"], rec["end"]
        else:
            path = head["name"]
            text = _read(roots[head["source"]] / path)
            if re.fullmatch(r"\d+:\d+", key):
                start, end = map(int, key.split(":"))
            else:
                start = text.find(key)
                if start < 0:
                    raise ValueError(f"{labels}:{n}: {key!r} not found in {path}")
                end = start + len(key)
        gold, kind = _gold(fields[0], head["article"])
        out.append(DateLabel(
            source=head["source"], path=path, start=start, end=end,
            article_date=head["article"], assigned=head["assigned"], split=head["split"],
            gold=gold, gold_kind=kind, expression=fields[1] if len(fields) > 1 else None))
    return out


def _split_key(line: str, n: int) -> tuple[str, str]:
    if line.startswith('"'):
        m = re.match(r'^"(.*)"\s*\|(.*)$', line)
        if not m:
            raise ValueError(f"line {n}: bad quoted key")
        return m.group(1).rstrip(","), m.group(2)
    key, _, rest = line.partition("|")
    return key.strip(), rest


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def predict(label: DateLabel, root: Path) -> SaidOn | None:
    """`date_statement` on the label's statement, with the label's article date."""
    return date_statement(_read(root / label.path), label.start, label.end, label.article_date)


def score_dates(pairs: Iterable[tuple[DateLabel, SaidOn | None]]) -> dict[str, Any]:
    """Precision (dated statements whose days are the gold days), coverage (statements dated,
    of those with a gold date), precision of the expression-dated ones, expression recall (gold
    expressions found and resolved right), and the misses."""
    pairs = list(pairs)
    dated = [(g, p) for g, p in pairs if p is not None]
    right = [(g, p) for g, p in dated if g.gold == (p.start, p.end)]
    by_expr = [(g, p) for g, p in dated if p.basis == "expression"]
    gold_expr = [g for g, _ in pairs if g.gold_kind in ("day", "span")]
    found_expr = [(g, p) for g, p in pairs if g.gold_kind in ("day", "span") and p is not None
                  and p.basis == "expression" and g.gold == (p.start, p.end)]
    undated_right = sum(1 for g, p in pairs if g.gold is None and p is None)
    datable = [g for g, _ in pairs if g.gold is not None]
    return {
        "statements": len(pairs),
        "dated": len(dated),
        "precision": len(right) / len(dated) if dated else None,
        "coverage": (sum(1 for g, p in dated if g.gold is not None) / len(datable)
                     if datable else None),
        "expression_dated": len(by_expr),
        "expression_precision": (sum(1 for g, p in by_expr if g.gold == (p.start, p.end))
                                 / len(by_expr)) if by_expr else None,
        "gold_expression": len(gold_expr),
        "expression_recall": len(found_expr) / len(gold_expr) if gold_expr else None,
        "undated_right": undated_right,
        "errors": [
            {"path": g.path, "start": g.start, "end": g.end, "gold": _fmt(g.gold),
             "gold_expression": g.expression,
             "got": None if p is None else _fmt((p.start, p.end)),
             "got_expression": None if p is None else p.expression}
            for g, p in pairs if (p is None) != (g.gold is None)
            or (p is not None and g.gold != (p.start, p.end))
        ],
    }


def _fmt(days: tuple[date, date] | None) -> str | None:
    if days is None:
        return None
    a, b = days
    return a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}"
