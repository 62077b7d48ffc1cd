"""Re-scoring a judged held-out sample (`qa.evaluation.heldout_rescore`) on hand-made rows:
judgements kept, changed speakers judged by `gold_speakers`, the older `rejudged` path."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qa.evaluation.heldout_rescore import matches_gold_speakers, rescore_rows

NAMES = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCXYZ'-"), min_size=1,
                max_size=30).filter(lambda s: s.strip())


def test_a_gold_speaker_matches_in_any_case_and_by_surname():
    gold = ["Michael Eavis", "Eavis"]
    assert matches_gold_speakers("Michael Eavis", gold)
    assert matches_gold_speakers("michael eavis", gold)
    assert matches_gold_speakers("Mr Eavis", gold)
    assert matches_gold_speakers("Eavis", ["Michael Eavis"])
    assert matches_gold_speakers("M Eavis", ["Michael Eavis"])
    assert matches_gold_speakers("which critics", ["critics"])
    assert matches_gold_speakers("a leading broker", ["one leading broker", "broker"])
    assert matches_gold_speakers("the Commission", ["European Commission"])


def test_another_person_or_organisation_does_not_match():
    assert not matches_gold_speakers("Emily Eavis", ["Michael Eavis", "Eavis"])
    assert not matches_gold_speakers("Taylor Hackford", ["Jamie Foxx", "Foxx"])
    assert not matches_gold_speakers("Commerce Department", ["Labor Department"])
    assert not matches_gold_speakers("UK Athletics", ["Zara Hyde Peters of UK Athletics"])
    assert not matches_gold_speakers("Opera", ["Berit Hanson", "Hanson"])
    assert not matches_gold_speakers("", ["Eavis"])


def test_an_empty_gold_list_is_no_statement():
    assert not matches_gold_speakers("Eavis", [])


@given(NAMES)
def test_every_gold_speaker_matches_itself(name):
    assert matches_gold_speakers(name, [name])
    assert matches_gold_speakers(name.upper(), [name.lower()])


@given(NAMES)
def test_nobody_matches_an_empty_gold_list(name):
    assert not matches_gold_speakers(name, [])


def _row(start, speaker, correct, **extra):
    return {"path": "a.txt", "start": start, "end": start + 10, "speaker": speaker,
            "correct": correct, "note": "", **extra}


def test_rescore_keeps_judges_by_gold_counts_rejudged_and_lists_the_rest():
    rows = [
        _row(0, "Eavis", True),                                       # same speaker: kept
        _row(20, "Lakhani", False, gold_speakers=["a broker"]),       # now the broker: right
        _row(40, "Foxx", True, gold_speakers=["Jamie Foxx"]),         # now Hackford: wrong
        _row(60, "Smith", False, rejudged=True, rejudged_speaker="Jones"),  # hand re-judged
        _row(80, "Smith", False),                                     # changed, nothing to judge
        _row(100, "Smith", True),                                     # no longer extracted
        _row(120, "X", False, gold_speakers=[]),                      # not a statement: wrong
    ]
    now = {"a.txt": [
        {"start": 0, "end": 12, "speaker": "Eavis"},
        {"start": 22, "end": 30, "speaker": "one broker"},
        {"start": 40, "end": 50, "speaker": "Taylor Hackford"},
        {"start": 60, "end": 70, "speaker": "Jones"},
        {"start": 80, "end": 90, "speaker": "Brown"},
        {"start": 108, "end": 118, "speaker": "Smith"},  # 2 of 10 characters: too little
        {"start": 120, "end": 130, "speaker": "Y"},
    ]}
    got = rescore_rows(rows, now)
    assert (got.right, got.judged, got.dropped) == (3, 5, 1)
    assert [(r["start"], sp, ok) for r, sp, ok in got.by_gold] == [
        (20, "one broker", True), (40, "Taylor Hackford", False), (120, "Y", False)]
    assert [(r["start"], sp) for r, sp in got.pending] == [(80, "Brown")]
    assert got.precision == 3 / 5


def test_confidence_now_is_that_of_the_statement_rescoring_judges():
    from qa.evaluation.heldout_rescore import confidence_now

    row = {"path": "a.txt", "start": 10, "end": 50, "speaker": "Eva Lind"}
    now = {"a.txt": [{"start": 12, "end": 50, "speaker": "Tom Hale", "confidence": 0.6},
                     {"start": 10, "end": 48, "speaker": "Eva Lind", "confidence": 0.95}]}
    assert confidence_now(row, now) == 0.95  # the row's own speaker first
    assert confidence_now({**row, "speaker": "Ana Dore"}, now) == 0.6  # else the first overlap
    assert confidence_now({**row, "path": "b.txt"}, now) is None  # no longer extracted
