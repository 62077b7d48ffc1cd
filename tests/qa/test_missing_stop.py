"""A full stop the writer left out before "The <Name> says/said" splits the sentence (issue 11,
third recall pass): the second clause is the named body's, not the first clause's speaker."""

from __future__ import annotations

from attribution_probe import speaker_of as _speaker_of  # tests/qa/attribution_probe.py

from qa.quote_sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, 0, len(text))]


def test_missing_stop_before_the_name_and_says_splits_the_sentence():
    text = ("Law\n\nThe law will not be redrafted by the Zentrix Commission (ZC). Some major "
            "firms say it is needed, while others fear it will hurt smaller firms The ZC says "
            "the council will adopt a draft.\n")
    assert "The ZC says the council will adopt a draft." in _texts(text)
    assert _speaker_of(text, "council will adopt") == "Zentrix Commission"


def test_the_after_a_verb_or_function_word_is_no_missing_stop():
    for text in ("He told The Zentrix Times said nothing.", "It was in The Korvo Post said Eva.",
                 "She reported The Zentrix Times says so."):
        assert len(_texts(text)) == 1, text


def test_a_noun_phrase_in_apposition_before_the_name_is_no_missing_stop():
    text = "\"Estimates vary,\" the independent think-tank The Zentrix Institute says in a report."
    assert len(_texts(text)) == 1
