"""The judged held-out statement samples (issue 11, `scripts/heldout_statement_sample.py`): every
row judged, every wrong one explained, spans that are the article's text, and articles outside
the 80 labelled ones and outside every other sample (a sample re-using an article is not
clean)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data" / "statements"
SHARED = (REPO / ".." / "shared").resolve()
BBC_FULL = SHARED / "corpora" / "bbc-full"
DEV_LIST = SHARED / "eval" / "bbc_dev_articles.txt"
SAMPLES = sorted(DATA.glob("heldout_sample*.jsonl"))
FIELDS = {"path", "start", "end", "speaker", "kind", "cue", "text", "correct", "note"}


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_there_are_samples():
    assert len(SAMPLES) >= 5


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_statement_is_judged(sample):
    rows = _rows(sample)
    assert len(rows) >= 60  # issue 11: a sample of at least 60 statements
    for r in rows:
        assert r.keys() >= FIELDS, r
        assert isinstance(r["correct"], bool), r
        assert r["correct"] or r["note"], r  # a wrong judgement says what is wrong
        assert 0 <= r["start"] < r["end"], r


@pytest.mark.skipif(not BBC_FULL.is_dir(), reason="../shared/corpora/bbc-full absent")
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_spans_are_the_article_text(sample):
    for r in _rows(sample):
        text = (BBC_FULL / r["path"]).read_text(encoding="utf-8")
        assert text[r["start"]:r["end"]] == r["text"], r


@pytest.mark.skipif(not DEV_LIST.is_file(), reason="../shared/eval/bbc_dev_articles.txt absent")
def test_samples_are_outside_the_labelled_set_and_each_other():
    dev = set(DEV_LIST.read_text(encoding="utf-8").split())
    seen: dict[str, str] = {}
    for sample in SAMPLES:
        for p in {r["path"] for r in _rows(sample)}:
            assert p not in dev, (sample.name, p)
            assert seen.setdefault(p, sample.name) == sample.name, (sample.name, p, seen[p])
