"""A quantified group opens its own clause after a clause with no comma (issue 11, third
recall pass): "while few will be surprised by it many analysts said …" is the analysts'; after a
participle ("accepted many experts said") the group is its object."""

from __future__ import annotations

from attribution_probe import speaker_of as _speaker_of  # tests/qa/attribution_probe.py


def test_many_analysts_after_a_clause_without_a_comma_speak():
    text = ("Mac\n\nTom Hale launched a computer on Monday. The launch was expected and while "
            "few people will be surprised by it many analysts had already said it was a "
            "sensible move.\n")
    assert _speaker_of(text, "sensible move") == "analysts"


def test_a_quantified_group_after_the_cue_is_its_audience_not_its_speaker():
    text = ("Mac\n\nTom Hale launched a computer on Monday. Mr Hale told many analysts it was a "
            "sensible move.\n")
    assert _speaker_of(text, "sensible move") == "Tom Hale"


def test_a_quantified_group_after_a_participle_is_its_object():
    text = ("Vote\n\nThe report said fines should be considered, but accepted many experts said "
            "it would be an expensive system.\n")
    assert _speaker_of(text, "expensive system") != "experts"
