"""A plural noun after a quantifier is a group of sources though no list names it ("other
browser stat gatherers say", "Some technical websites report that"), and a cue that takes its
"that" with it ("reports that") has begun its reported clause: a name after it is inside the
clause, never the speaker (issue 11, fourth recall pass)."""

from __future__ import annotations

from attribution_probe import speaker_of as _speaker_of  # tests/qa/attribution_probe.py

from qa.organisations import group_before


def test_a_quantified_plural_speaks_as_that_group():
    text = ("Browsers\n\nThe Zentrix browser has won users since its launch. However, other "
            "browser stat counters say the figure is closer to 15%.\n")
    assert _speaker_of(text, "closer to 15%") == "browser stat counters"


def test_a_quantified_plural_reports_that():
    text = ("Browsers\n\nThe Zentrix browser has won users since its launch. Some technical "
            "blogs report that a majority of their visitors use it.\n")
    assert _speaker_of(text, "majority of their visitors") == "technical blogs"


def test_reports_that_takes_no_name_from_its_own_clause():
    text = ("Poll\n\nThe papers report that Tom Hale, the party's head of strategy, has planned "
            "a February poll.\n")
    assert _speaker_of(text, "February poll") is None


def test_a_named_source_before_reports_that_still_speaks():
    text = ("Poll\n\nThe Ruritanian Herald reports that Tom Hale, the party's head of strategy, "
            "has planned a February poll.\n")
    assert _speaker_of(text, "February poll") == "Ruritanian Herald"


def test_words_that_are_no_plural_group_are_left():
    # "both"/"all" refer back to people already named; -ss, -us and -is words are no plurals;
    # a capitalised word may be a name; a number is no group noun
    for window in ("Both men ", "All sides ", "Some business ", "Many status ",
                   "Some Zentrix blogs ", "Some 200 people "):
        assert group_before(window, 0) is None, window
