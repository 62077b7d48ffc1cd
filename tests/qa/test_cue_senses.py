"""Speech words that are no statement (issue 11, the non-speech shapes of held-out samples 1, 5,
9 and 10), each rule on invented sentences: a verb with a speech and an act sense whose object
is a thing ("added two goals", "found a way to", "showed signs of", "denied Leeds a win"), a
speech word modifying a noun after a possessive ("Zentrix's promised cuts"), the idiom "say
farewell to"; and their speech uses, which stay statements (a clause, an object naming what
was said, a document that finds)."""

from __future__ import annotations

import pytest
from attribution_probe import hand_parse, quotes_of  # tests/qa/attribution_probe.py

from qa.cue_senses import asks_the_parse, names_an_act
from qa.parser_model import parse_span
from qa.sentence_parse import cue_complement


def _article(sentence: str) -> str:
    return "Title\n\n" + sentence + "\n"


@pytest.mark.parametrize("sentence", [
    "Tom Hale can also say farewell to the Premier Cup, the region's top contest.",
    "Eva Lind said a tearful goodbye to her old club on Sunday.",
    "Zentrix has found a way to send video across phone networks without slowing them.",
    "Last year, Zentrix showed signs of recovery as its rivals struggled with debt.",
    "Tom Hale showed his class with a superb goal in the second half.",
    "Tom Hale found himself on the bench for the final against Leeds.",
    "Tom Hale denied Eric Vane with a last-ditch tackle in the final minute.",
    "Tom Hale denied him a late goal with a fine save.",
    "Eva Lind denied them a point with a save in the last minute.",
    "Tom Hale added a second goal ten minutes later to seal the win.",
    "Zentrix added 300 jobs at its plant in Leeds last year.",
    "Tom Hale claimed the title with a win over Eric Vane on Sunday.",
    "Tom Hale conceded a penalty in the first half.",
    "Tom Hale maintained his lead at the top of the table.",
    "Tom Hale acknowledged the crowd after his goal.",
    "Tom Hale denied the young striker with a fine save in the last minute.",
    "Tom Hale recalled Eric Vane to the squad for the match against Wales.",
    "Tom Hale admitted himself to hospital on Monday night.",
    "Zentrix's promised tax cuts never came, and the firm lost customers to its rivals.",
    "Tom Hale's stated aim was to cut the cost of the scheme by half.",
    "Zentrix's reported profits rose by a fifth in the last three months of the year.",
])
def test_a_speech_word_for_an_act_is_no_statement(sentence):
    assert quotes_of(_article(sentence)) == []


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Tom Hale denied that he had broken the rules of the club.", "Tom Hale"),
    ("Tom Hale denied the claims made against him by the newspaper.", "Tom Hale"),
    ("Eva Lind denied any wrongdoing when she was questioned by police.", "Eva Lind"),
    ("Tom Hale admitted he had made mistakes during the campaign.", "Tom Hale"),
    ("Tom Hale added that the club would appeal against the decision.", "Tom Hale"),
    ("The survey by Zentrix found that most people were happy with their phones.", "Zentrix"),
    ("A study by Zentrix found most people were happy with their phones.", "Zentrix"),
    ("The survey by Zentrix found a sharp rise in the number of people using phones.",
     "Zentrix"),
    ("Zentrix said it had found a way to cut costs by a third.", "Zentrix"),
    ("Eva Lind said the firm showed signs of recovery last year.", "Eva Lind"),
    ("Tom Hale maintained his innocence throughout the trial.", "Tom Hale"),
    ("Zentrix claimed responsibility for the fault in its software.", "Zentrix"),
    ("Zentrix reported a 20% rise in profits for the year.", "Zentrix"),
    ("Zentrix denies breaking the rules on party funding.", "Zentrix"),
    ("Tom Hale denies fraud and will stand trial in May.", "Tom Hale"),
    ("Tom Hale admitted one count of theft at the court in Leeds.", "Tom Hale"),
    ("Tom Hale recalled the day he first met the band in a small club.", "Tom Hale"),
    ("Zentrix revealed few details about the plan but said it would cost £1bn.", "Zentrix"),
])
def test_the_speech_sense_stays_a_statement(sentence, speaker):
    got = quotes_of(_article(sentence))
    assert got and got[0][0] == speaker


def test_a_verb_joined_without_a_coordinator_is_not_clear():
    # The parser's misreading of a reported clause with no "that" (seen on held-out sample 9):
    # "projects" the object of "added", "were showing" a verb joined to it with no "and" or
    # "but". The parse is then not clear, and the cue stands.
    text = "He added some projects were showing good results."
    parse = hand_parse(text, [("He", "nsubj", 1), ("added", "ROOT", 1), ("some", "det", 3),
                               ("projects", "dobj", 1), ("were", "aux", 5),
                               ("showing", "conj", 1), ("good", "amod", 7),
                               ("results", "dobj", 5), (".", "punct", 1)])
    i = text.index("added")
    assert cue_complement(parse, i, i + 5) is None
    assert not names_an_act(text, parse, i, i + 5)
    joined = "He added two goals and showed his class."
    parse = hand_parse(joined, [("He", "nsubj", 1), ("added", "ROOT", 1), ("two", "nummod", 3),
                                 ("goals", "dobj", 1), ("and", "cc", 1), ("showed", "conj", 1),
                                 ("his", "poss", 7), ("class", "dobj", 5), (".", "punct", 1)])
    got = cue_complement(parse, i, i + 5)
    assert got is not None and got.kind == "object"


def test_a_cue_read_as_the_clause_of_a_later_verb_is_not_clear():
    # "Mr Hale denied Mr Vane, his deputy, said …" parsed as "[Hale denied Vane] … said": the
    # cue is no act of its own there, so the parse says nothing.
    text = "Hale denied Vane, his deputy, said the plans stink."
    parse = hand_parse(text, [("Hale", "nsubj", 1), ("denied", "ccomp", 7), ("Vane", "dobj", 1),
                               (",", "punct", 2), ("his", "poss", 5), ("deputy", "appos", 2),
                               (",", "punct", 2), ("said", "ROOT", 7), ("the", "det", 9),
                               ("plans", "nsubj", 10), ("stink", "ccomp", 7), (".", "punct", 7)])
    i = text.index("denied")
    assert cue_complement(parse, i, i + 6) is None
    assert not names_an_act(text, parse, i, i + 6)


def test_the_complement_kinds():
    def kind(text: str, word: str) -> str | None:
        i = text.index(word)
        got = cue_complement(parse_span(text, 0, len(text)), i, i + len(word))
        return None if got is None else got.kind

    assert kind("Tom Hale added two goals in the second half.", "added") == "object"
    assert kind("Tom Hale added the club would appeal.", "added") == "clause"
    assert kind("The added cost worried the board.", "added") == "modifier"


def test_the_parse_is_asked_only_where_a_cue_may_name_an_act():
    text = "Tom Hale said that the club would appeal, and added that it was sure."
    assert not asks_the_parse(text, text.index("said"), text.index("said") + 4)
    assert not asks_the_parse(text, text.index("added"), text.index("added") + 5)
    text = "Tom Hale added two goals, and Zentrix's promised cuts came."
    assert asks_the_parse(text, text.index("added"), text.index("added") + 5)
    assert asks_the_parse(text, text.index("promised"), text.index("promised") + 8)


def test_an_object_naming_speech_keeps_the_statement():
    text = "Tom Hale denied the allegations in a statement on Monday."
    i = text.index("denied")
    assert not names_an_act(text, parse_span(text, 0, len(text)), i, i + 6)
    text = "Tom Hale denied Leeds a win with a late goal."
    assert names_an_act(text, parse_span(text, 0, len(text)), i, i + 6)
