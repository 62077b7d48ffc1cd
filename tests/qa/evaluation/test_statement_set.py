"""The statement/speaker-answer scorer on tiny hand-made inputs, and the labelled set itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.evaluation.statement_set import (
    Found,
    LabelledStatement,
    SpeakerQuestion,
    check_offsets,
    load_aliases,
    load_questions,
    load_statements,
    overlaps,
    read_article,
    same_speaker,
    score_extraction,
    score_question,
    summarize_questions,
)

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data" / "statements"
SHARED = (REPO / ".." / "shared").resolve()
BBC_FULL = SHARED / "corpora" / "bbc-full"
DEV_LIST = SHARED / "eval" / "bbc_dev_articles.txt"

TEXT = 'Intro. "We will win," said Mr Smith. Acme said profits rose. "No," a spokeswoman said.'


def _label(id_: str, snippet: str, speaker: str, kind: str = "person",
           borderline: bool = False, co: tuple[str, ...] = ()) -> LabelledStatement:
    start = TEXT.index(snippet)
    return LabelledStatement(
        id=id_, path="a.txt", start=start, end=start + len(snippet), text=snippet,
        speaker=speaker, speaker_kind=kind, kind="direct", continued=False, cue="said",
        mention=None, borderline=borderline, co_speakers=co,
    )


LABELS = [
    _label("a#1", "We will win", "John Smith"),
    _label("a#2", "profits rose", "Acme Corporation", "organisation"),
    _label("a#3", "No", "a spokeswoman", "unnamed", borderline=True),
]


def _found(snippet: str, speaker: str | None, path: str = "a.txt") -> Found:
    start = TEXT.index(snippet)
    return Found(path=path, start=start, end=start + len(snippet), speaker=speaker)


def test_overlap_is_measured_on_the_shorter_span():
    assert overlaps(0, 10, 5, 100)  # 5 of the shorter 10
    assert not overlaps(0, 10, 6, 100)  # 4 of 10
    assert not overlaps(0, 10, 10, 20)  # touching only
    assert not overlaps(0, 0, 0, 5)  # empty span


@given(st.integers(0, 50), st.integers(1, 50), st.integers(0, 50), st.integers(1, 50))
def test_overlap_is_symmetric(a, la, b, lb):
    assert overlaps(a, a + la, b, b + lb) == overlaps(b, b + lb, a, a + la)


def test_speakers_match_by_surname_organisation_words_or_acronym():
    assert same_speaker(["John Smith"], "person", "Mr Smith")
    assert not same_speaker(["John Smith"], "person", "John Smithers")
    assert same_speaker(["International Monetary Fund"], "organisation", "IMF")
    assert same_speaker(["Microsoft"], "organisation", "Microsoft Corp")
    assert not same_speaker(["Microsoft"], "organisation", "Apple")
    assert same_speaker(["a spokeswoman"], "unnamed", None)
    assert not same_speaker(["John Smith"], "person", None)
    assert same_speaker(["Conservatives"], "organisation", "Tories",
                        {"Conservatives": ["Tories"]})
    assert same_speaker(["A", "Bob Jones"], "person", "Jones")  # a co-speaker
    assert not same_speaker(["Bob Bryan"], "person", "Mike Bryan")
    assert same_speaker(["George W Bush"], "person", "President Bush")


def test_extraction_counts_span_and_speaker_separately():
    extracted = [
        _found("We will win", "Smith"),  # right
        _found("profits rose", "Smith"),  # right span, wrong speaker
        _found("Intro", "Smith"),  # no label
        _found("We will win", "Smith", path="other.txt"),  # not a labelled article: ignored
    ]
    s = score_extraction(LABELS, extracted)
    assert (s.labels, s.extracted, s.recalled, s.precise) == (3, 3, 1, 1)
    assert (s.span_recalled, s.span_precise) == (2, 2)
    assert s.core_labels == 2 and s.core_recalled == 1
    assert s.missed == ("a#2", "a#3")
    assert s.by_kind["direct"] == (1, 3)
    assert s.precision == pytest.approx(1 / 3) and s.recall == pytest.approx(1 / 3)


def test_question_needs_every_gold_statement_and_the_right_person():
    by_id = {lab.id: lab for lab in LABELS}
    q = SpeakerQuestion("What did Smith say?", "surname", "John Smith", ("a#1",), True)
    good = score_question(q, by_id, True, "John Smith", [_found("We will win", "x")])
    assert good.all_gold and good.right_person and good.answered_ok and good.extra == 0
    bad = score_question(q, by_id, True, "Acme", [_found("profits rose", "Acme")])
    assert not bad.all_gold and not bad.right_person and bad.extra == 1
    assert bad.gold_missing == ("a#1",) and bad.core_missing == ("a#1",)
    namesake = {**by_id, "b#1": LabelledStatement(
        id="b#1", path="b.txt", start=0, end=1, text="x", speaker="Lord Smith",
        speaker_kind="person", kind="direct", continued=False, cue="said", mention=None,
        borderline=False)}
    q2 = SpeakerQuestion("What did Lord Smith say?", "full_name", "Lord Smith", ("b#1",), True)
    assert not score_question(q2, namesake, True, "John Smith", []).right_person
    assert score_question(q2, namesake, True, "Smith", []).right_person


def test_questions_without_gold_expect_an_abstention():
    by_id = {lab.id: lab for lab in LABELS}
    q = SpeakerQuestion("What did Smith say about cricket?", "absent_topic", "John Smith", (),
                        False)
    abstained = score_question(q, by_id, False, "John Smith", [])
    assert abstained.all_gold and abstained.answered_ok and abstained.right_person
    nobody = SpeakerQuestion("What did Jane Doe say?", "absent_person", None, (), False)
    assert score_question(nobody, by_id, False, None, []).right_person
    assert not score_question(nobody, by_id, True, "John Smith", []).right_person
    summary = summarize_questions([abstained])
    assert summary["abstained_when_no_gold_rate"] == 1.0 and summary["with_gold"] == 0


def test_check_offsets_reports_mismatches():
    assert check_offsets(LABELS, {"a.txt": TEXT}) == []
    shifted = {"a.txt": " " + TEXT}
    assert len(check_offsets(LABELS, shifted)) == 3
    assert check_offsets(LABELS, {}) and "not given" in check_offsets(LABELS, {})[0]


def test_questions_agree_with_the_labels():
    """Every gold id exists, belongs to the question's speaker, and answered == bool(gold)."""
    labels = {lab.id: lab for lab in load_statements(DATA / "statements.jsonl")}
    aliases = load_aliases(DATA / "aliases.json")
    questions = load_questions(DATA / "questions.jsonl")
    assert len(questions) >= 60
    for q in questions:
        assert q.expect_answered == bool(q.gold), q.question
        for gid in q.gold:
            lab = labels[gid]
            assert q.speaker is not None
            assert same_speaker(lab.speakers, lab.speaker_kind, q.speaker, aliases), (q, gid)


@pytest.mark.skipif(not DEV_LIST.is_file(), reason="../shared/eval/bbc_dev_articles.txt absent")
def test_every_label_slices_its_article_exactly():
    labels = load_statements(DATA / "statements.jsonl")
    paths = DEV_LIST.read_text(encoding="utf-8").split()
    assert {lab.path for lab in labels} <= set(paths)
    texts = {}
    for p in paths:
        text, encoding = read_article(BBC_FULL / p)
        texts[p] = text
        assert all(lab.encoding == encoding for lab in labels if lab.path == p)
    assert check_offsets(labels, texts) == []
