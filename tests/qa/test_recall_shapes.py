"""Recall shapes of news English added in the v19 recall pass (issue 11), each on an invented
article: a plural document noun with its source before "show/suggest/indicate that", a pledge
or promise given ("made a pledge that … would"), and a share of a group of sources as the
subject ("60% of the nurses surveyed said")."""

from __future__ import annotations

from attribution_probe import quotes_of as _quotes  # tests/qa/attribution_probe.py
from attribution_probe import speaker_of as _speaker_of

from qa.cue_senses import plural_evidence_cues

_PHONES = "Phones\n\nThe Zentrix Group sells phones in Brillia. Sales rose in May. "
_VOTE = "Vote\n\nParty leader Tom Hale said on Monday that his party was ready for the election. "
_ROTA = "Rota\n\nA survey of 2,000 musicians was published on Monday by the Zentrix Union. "


def test_figures_from_a_source_show_that_is_the_sources_statement():
    text = _PHONES + ("Figures from the regulator Ofcal show that Zentrix faces stiff "
                      "competition in other markets.\n")
    assert _speaker_of(text, "stiff competition") == "Ofcal"
    text = _PHONES + "Surveys by Ofcal suggest that Zentrix is losing customers.\n"
    assert _speaker_of(text, "losing customers") == "Ofcal"


def test_plural_evidence_verbs_need_a_document_subject_with_a_source():
    # a bare "figures show that" names no one; a TV show is a noun; a person's "suggest" is
    # left to the cue table
    assert not plural_evidence_cues(
        "Figures show that only eight people per thousand own a car.", 0, 60)
    assert not plural_evidence_cues("It was the show that made him a star.", 0, 40)
    assert not plural_evidence_cues("They suggest that prices will rise.", 0, 40)
    line = "Data from Ofcal indicate that prices will rise."
    assert [m.group() for m in plural_evidence_cues(line, 0, len(line))] == ["indicate"]
    assert not _quotes(_PHONES + "Figures show that only eight people per thousand own a car.\n")


def test_a_pledge_or_promise_given_with_a_that_clause_is_a_statement():
    text = _VOTE + "Mr Hale made a firm pledge that taxes would not rise.\n"
    assert _speaker_of(text, "taxes would not rise") == "Tom Hale"
    text = _VOTE + "Eva Lind gave her promise that the school would stay open.\n"
    assert _speaker_of(text, "school would stay open") == "Eva Lind"


def test_a_promise_with_a_relative_clause_or_no_clause_is_no_statement():
    # "that" opening a relative clause ("a promise that was broken"), a past-tense clause
    # with no pledge in it, or no clause at all
    for line in ("He made a promise that was broken within a year.",
                 "He made a promise that he never kept.",
                 "He gave a pledge to the voters of Leeds."):
        assert _quotes(_VOTE + line + "\n")[1:] == []


def test_a_share_of_a_surveyed_group_speaks_for_the_group():
    text = _ROTA + ("Some 60% of the musicians surveyed said they did not think the lawsuits "
                    "would help.\n")
    assert _speaker_of(text, "lawsuits would help") == "musicians surveyed"
    text = _ROTA + "However, half of the musicians said the lawsuits would not help.\n"
    assert _speaker_of(text, "lawsuits would not help") == "musicians"
    text = _ROTA + "Many of the musicians surveyed said the lawsuits would not help.\n"
    assert _speaker_of(text, "lawsuits would not help") == "musicians surveyed"


def test_a_share_of_no_group_of_sources_is_no_speaker():
    # "60% of the homes": homes are no group of sources (`qa.lexicon.GROUP_NOUNS`)
    text = _ROTA + "About 60% of the homes surveyed said they watched less TV.\n"
    assert _speaker_of(text, "less TV") is None
