"""Statement shapes of news English added in the v22 recall pass (issue 11), each on an
invented article: a speech verb whose object is the topic ("questioned whether …", "spoke of
how …", "announced plans to …"), a letter's participle ("has written to the minister
demanding …") and a perfect participle sharing the subject ("…, having previously indicated
she would …"); and the look-alikes that stay narration."""

from __future__ import annotations

from attribution_probe import quotes_of as _quotes  # tests/qa/attribution_probe.py
from attribution_probe import speaker_of as _speaker_of

from qa.topic_cues import letter_cues, topic_cue_fits

_RULES = "Rules\n\nThe government brought in new rules on e-mail on Monday. "
_FILM = "Film\n\nThe actor Tom Hale, 40, won an award in Leeds on Monday. "
_RACE = "Race\n\nEva Lind, 29, won the race in Paris on Sunday. "


def _fits(sentence: str, cue: str) -> bool | None:
    at = sentence.index(cue)
    return topic_cue_fits(sentence, at, at + len(cue))


def test_questioned_with_an_indirect_question_or_an_aspect_is_a_statement():
    assert _speaker_of(_RULES + "Tom Hale has questioned whether the rules are legal.\n",
                       "rules are legal") == "Tom Hale"
    text = _RULES + "The Zentrix Party has questioned the timing of the new rules.\n"
    assert _speaker_of(text, "timing of the new rules") == "Zentrix Party"
    text = _RULES + "Analysts have questioned why the rules came in so fast.\n"
    assert _speaker_of(text, "so fast") == "analysts"


def test_questioning_a_person_or_a_questioned_group_is_no_statement():
    for line in ("Police questioned the driver of the car.", "Police questioned the man.",
                 "Detectives questioned two men on Monday.",
                 "Teenagers questioned for a survey showed little interest in politics."):
        assert _quotes(_RULES + line + "\n") == [], line
    assert _fits("Police questioned the driver of the car.", "questioned") is False
    assert _fits("Teenagers questioned for a survey were bored.", "questioned") is False
    assert _fits("She questioned the wisdom of the plan.", "questioned") is True


def test_spoke_of_or_about_a_topic_is_a_statement():
    text = _FILM + "The actor, who grew up in Leeds, also spoke of how he left school at 15.\n"
    assert _speaker_of(text, "left school at 15") == "Tom Hale"
    text = _FILM + "Mr Hale spoke about the possibility of making a sequel.\n"
    assert _speaker_of(text, "making a sequel") == "Tom Hale"


def test_spoke_of_with_nothing_after_it_is_no_statement():
    assert _quotes(_FILM + "Leeds is the town Mr Hale spoke of.\n") == []
    assert _fits("It is the town he spoke of.", "spoke of") is False


def test_announced_plans_to_is_a_statement_and_an_object_still_is_not():
    text = _RULES + "The Zentrix Party has already announced plans to help first-time buyers.\n"
    assert _speaker_of(text, "first-time buyers") == "Zentrix Party"
    assert _fits("Zentrix announced new plans for a school.", "announced") is True
    assert _fits("Zentrix announced a deal with Brill.", "announced") is None  # other rules
    assert _quotes(_RULES + "Tom Hale announced a deal with the Brill Group.\n") == []


def test_a_letters_participle_is_the_writers_statement():
    text = _RULES + ("Party leader Tom Hale has written to the prime minister demanding an "
                     "explanation of the rules.\n")
    assert _speaker_of(text, "an explanation of the rules") == "Tom Hale"
    text = _RULES + ("Eva Lind wrote to the minister on Tuesday accusing him of an error of "
                     "judgement.\n")
    assert _speaker_of(text, "error of judgement") == "Eva Lind"


def test_written_to_with_no_participle_of_speech_is_no_statement():
    line = "Viruses written to make headlines are getting rarer."
    assert letter_cues(line, 0, len(line)) == []
    assert _quotes(_RULES + line + "\n") == []
    assert _quotes(_RULES + "Tom Hale has written to the council about the rules.\n") == []


def test_a_perfect_participle_of_speech_shares_the_persons_subject():
    text = _RACE + ("But the 29-year-old would not reveal her plans, having previously "
                    "indicated she would leave a decision until after the summer.\n")
    assert _speaker_of(text, "leave a decision") == "Eva Lind"


def test_a_perfect_participle_of_an_act_or_after_it_emerged_is_no_statement():
    assert _quotes(_RACE + "She has risen to number 22, having reached the final twice.\n"
                   ) == []
    text = _FILM + ("However, in May it emerged that the Zentrix studio was shelving the film, "
                    "having complained it was not scary enough.\n")
    assert _speaker_of(text, "not scary enough") is None
