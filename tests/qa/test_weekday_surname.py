"""A weekday word is a surname after a title and a first name (issue 11, third recall pass):
'"…," said sevens coach Mike Friday' is Mike Friday's, not nobody's."""

from __future__ import annotations

from attribution_probe import quotes_of as _quotes  # tests/qa/attribution_probe.py


def test_weekday_after_a_title_and_a_first_name_ends_the_name():
    text = ("Rugby\n\nThe side beat Samoa. \"We played well and deserved the win,\" said England "
            "sevens coach Tom Friday. \"The boys were superb.\"\n")
    quotes = _quotes(text)
    assert ("Tom Friday", "We played well and deserved the win") in quotes
    assert ("Tom Friday", "The boys were superb.") in quotes


def test_weekday_after_a_name_without_a_title_is_no_surname():
    text = "Talks\n\nEva Lind Monday met the board. \"We will talk again,\" she said.\n"
    assert all(speaker != "Eva Lind Monday" for speaker, _ in _quotes(text))
