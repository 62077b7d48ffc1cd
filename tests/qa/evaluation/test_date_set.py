"""The labelled statement dates (tests/data/dates) and their scoring (`qa.evaluation.date_set`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from qa.evaluation.date_set import load_date_labels, predict, score_dates

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
ROOTS = {"seeds": SHARED / "seeds", "bbc": SHARED / "corpora" / "bbc-full",
         "authored": REPO / "tests" / "data" / "dates" / "articles"}


@pytest.fixture(scope="module")
def labels():
    if not (SHARED / "corpora" / "bbc-full").is_dir():
        pytest.skip("../shared/corpora/bbc-full is not there")
    return load_date_labels(REPO / "tests" / "data" / "dates" / "labels.txt", ROOTS,
                            REPO / "tests" / "data" / "statements" / "statements.jsonl")


def test_labels_are_valid_and_large_enough(labels):
    kinds = Counter(g.gold_kind for g in labels)
    assert kinds["day"] + kinds["span"] >= 60  # dated by an expression, as the issue asks
    assert set(Counter(g.split for g in labels)) == {"dev", "heldout1", "heldout2"}
    for g in labels:
        text = (ROOTS[g.source] / g.path).read_text(encoding="utf-8")
        assert 0 <= g.start < g.end <= len(text)
        if g.gold is not None:
            assert g.gold[0] <= g.gold[1]
            assert g.article_date is not None and g.gold[1] <= g.article_date
        else:
            assert g.article_date is None


def test_date_precision_meets_the_target_on_held_out_statements(labels):
    """The issue's target: date precision >= 0.95 (exact day or span). heldout2 was labelled
    after the rules were last changed; a drop here is a regression of the rules."""
    for split in ("heldout2", None):
        chosen = [g for g in labels if split is None or g.split == split]
        report = score_dates((g, predict(g, ROOTS[g.source])) for g in chosen)
        assert report["precision"] >= 0.95, report["errors"]
        assert report["expression_precision"] >= 0.95, report["errors"]


def test_scoring_counts_wrong_days_and_missing_dates():
    from datetime import date

    from qa.evaluation.date_set import DateLabel
    from qa.statement_dates import SaidOn

    def label(gold, kind):
        return DateLabel(source="authored", path="x", start=0, end=1,
                         article_date=date(2024, 1, 9), assigned=False, split="dev", gold=gold,
                         gold_kind=kind, expression=None)

    d = date(2024, 1, 8)
    right = SaidOn(start=d, end=d, basis="expression", expression="yesterday", confidence=0.9)
    fallback = SaidOn(start=date(2024, 1, 9), end=date(2024, 1, 9), basis="article date",
                      confidence=0.5)
    r = score_dates([(label((d, d), "day"), right), (label((d, d), "day"), fallback),
                     (label(None, "undated"), None)])
    assert r["precision"] == 0.5 and r["expression_precision"] == 1.0
    assert r["expression_recall"] == 0.5 and r["coverage"] == 1.0 and len(r["errors"]) == 1
