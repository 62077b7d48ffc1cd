"""The labelled disagreement pairs (tests/data/disagreement) and their scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.evaluation.disagreement_set import (
    LabelledPair,
    LabelledSpan,
    load_pairs,
    score_pairs,
)

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data" / "disagreement"
SHARED = (REPO / ".." / "shared").resolve()


@pytest.fixture(scope="module")
def pairs() -> list[LabelledPair]:
    if not (SHARED / "corpora" / "bbc-full").is_dir():
        pytest.skip("../shared/corpora/bbc-full is not there")
    return load_pairs(DATA, REPO, SHARED)


def test_the_set_is_as_its_readme_says(pairs):
    assert len(pairs) >= 40
    written = [p for p in pairs if p.origin in ("written", "paraphrased")]
    differing = sum(bool(p.kinds) for p in written)
    assert abs(differing - (len(written) - differing)) <= 0.2 * len(written)  # about half
    assert {p.split for p in pairs} == {"dev", "heldout"}
    for p in pairs:  # each span was found once in its article (load_pairs checks it)
        assert p.a.end - p.a.start == len(p.a.text) and p.b.end - p.b.start == len(p.b.text)


def test_flags_meet_the_precision_target(pairs):
    for split in ("dev", "heldout"):
        score = score_pairs([p for p in pairs if p.split == split])
        assert score.precision >= 0.9, (split, score)


def _pair(kinds: tuple[str, ...]) -> LabelledPair:
    span = LabelledSpan(path="x", start=0, end=1, text="x")
    return LabelledPair(id="p", split="dev", origin="written", a=span, b=span,
                        kinds=kinds)  # type: ignore[arg-type]


def test_scoring_counts_right_wrong_and_missed_flags():
    pairs = [_pair(("number",)), _pair(("date",)), _pair(()), _pair(("entity",))]
    flags = {0: ("number",), 1: ("entity",), 2: ("date",), 3: ()}
    by_id = {id(p): flags[i] for i, p in enumerate(pairs)}
    s = score_pairs(pairs, lambda p: by_id[id(p)])
    assert (s.pairs, s.differing, s.flagged, s.right, s.wrong_kind) == (4, 3, 3, 1, 1)
    assert s.precision == pytest.approx(1 / 3) and s.recall == pytest.approx(1 / 3)
