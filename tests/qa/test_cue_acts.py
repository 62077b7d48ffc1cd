"""Round 3 "acts" rules on invented sentences (no article text): "agree to …" is a deal or a
commitment, not speech; a speech word the parse makes a noun or an adjective is no cue ("TV
shows", "despite reported interest"); "claim" with a thing for object is a win; a verb of
evidence whose subject is the fact just told ("because it shows …", "this shows …") states
no finding; a one-word adjective or a number is no speaker. And the speech uses of the same
words, which stay statements."""

from __future__ import annotations

import pytest
from attribution_probe import hand_parse, quotes_of  # tests/qa/attribution_probe.py

from qa.cue_senses import asks_the_parse, commits_to_act, evidence_of_a_fact, names_an_act
from qa.parser_model import parse_span
from qa.sentence_parse import cue_complement


def _article(*sentences: str) -> str:
    return "Title\n\n" + " ".join(sentences) + "\n"


@pytest.mark.parametrize("sentence", [
    "Zentrix has agreed to buy the medical firm Brill Labs for $2bn.",
    "Zentrix and Brill Labs recently agreed to work together on faster phone networks.",
    "Media group Zentrix has also reportedly agreed to the regulator's demands that the show "
    "be pulled.",
    "They have agreed to keep to a site on the other side of the river from the hall.",
    "The Zentrix Union agrees to suspend the strike while talks go on.",
    "Zentrix agreed a £20m fee with Brill Labs for the rights to the software.",
    "Since she presented children's TV shows on Saturday mornings, Eva Lind has kept a low "
    "profile.",
    "The midfielder is determined to see out his contract, despite reported interest from "
    "Leeds.",
    "An estimated 5,000 fans from Leeds followed the team to the final in Cardiff.",
    "The slow start allowed Tom Hale to take advantage and claim the first set 6-4.",
    "Revised figures indicated growth of just 0.1% in the last three months of the year.",
    "By 2030, 40% of homes in the region will still be without a fast line, says a study.",
])
def test_an_act_or_a_noun_is_no_statement(sentence):
    assert quotes_of(_article(sentence)) == []


def test_a_fact_that_shows_something_is_no_finding():
    text = _article(
        "Tom Hale writes about the season.",
        "I'm always pleased when cheats are caught because it shows the sport is standing up "
        "to them and not turning a blind eye.",
        "Zentrix lost half its customers last year, which shows the market is changing fast.")
    assert not [t for _, t in quotes_of(text) if "shows" in t]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Tom Hale agreed that the club had played badly in the first half.", "Tom Hale"),
    ("Tom Hale said he had agreed to stay at the club for two more years.", "Tom Hale"),
    ("Eva Lind claims the rules were broken by the club's owners.", "Eva Lind"),
    ("Tom Hale claimed the referee had been wrong to give the penalty.", "Tom Hale"),
    ("The Zentrix Union claims the plan will cost 3,000 jobs in the region.", "Zentrix Union"),
    ("The survey by Zentrix shows that most people are happy with their phones.", "Zentrix"),
    ("Figures from Zentrix indicated that sales fell by a fifth in March.", "Zentrix"),
    ("Tom Hale reported a rise in the number of cases in the town.", "Tom Hale"),
    ("A Conservative spokeswoman said the party had kept to the rules on calls.",
     "Conservatives"),
])
def test_the_speech_use_stays_a_statement(sentence, speaker):
    got = quotes_of(_article(sentence))
    assert got and got[0][0] == speaker


def test_agree_to_is_an_act_by_its_form():
    text = "Zentrix agreed to buy Brill and agreed that the price was fair; Eva agreed: yes."
    at = [i for i in range(len(text)) if text.startswith("agreed", i)]
    assert commits_to_act(text, at[0], at[0] + 6)
    assert not commits_to_act(text, at[1], at[1] + 6)
    assert not commits_to_act(text, at[2], at[2] + 6)
    assert not commits_to_act("Ann said so.", 4, 8)


def test_a_fact_subject_of_an_evidence_verb():
    for text, word in [("because it shows the plan works", "shows"),
                       ("This showed he was ready.", "showed"),
                       ("sales fell, which indicates a slowdown", "indicates")]:
        i = text.index(word)
        assert evidence_of_a_fact(text, i, i + len(word))
    for text, word in [("It shows that prices rose.", "shows"),
                       ("The survey shows prices rose.", "shows"),
                       ("because it said prices rose", "said")]:
        i = text.index(word)
        assert not evidence_of_a_fact(text, i, i + len(word))


def test_a_relative_and_a_name_before_a_cue_make_it_a_verb():
    text = "The damages are for the sale of the plant, which Zentrix claims was illegally sold."
    i = text.index("claims")
    assert not names_an_act(text, parse_span(text, 0, len(text)), i, i + 6)


def test_the_parse_is_asked_for_nouns_and_modifiers():
    text = "Despite reported interest, the TV shows Number 5 and the claim the title got."
    assert asks_the_parse(text, text.index("reported"), text.index("reported") + 8)
    assert asks_the_parse(text, text.index("shows"), text.index("shows") + 5)
    text = "Tom Hale shows that he is ready, and Eva Lind claims: 'no'."
    assert not asks_the_parse(text, text.index("shows"), text.index("shows") + 5)
    assert not asks_the_parse(text, text.index("claims"), text.index("claims") + 6)


def test_a_plural_noun_cue_the_parse_gives_no_subject_is_a_noun():
    text = "She presented TV shows Number 5 and Zip in the 1980s."
    i = text.index("shows")
    assert names_an_act(text, parse_span(text, 0, len(text)), i, i + 5)


def test_a_clause_before_a_verb_with_an_object_is_no_report():
    # "It was a delight because, in a word, Eva showed real grit." with the first clause
    # parsed as a complement of "showed" (a parse seen in reading): the object wins.
    text = "It was fun, Eva showed real grit."
    parse = hand_parse(text, [("It", "nsubj", 1), ("was", "ccomp", 6), ("fun", "acomp", 1),
                               (",", "punct", 6), ("Eva", "nsubj", 6), ("showed", "ROOT", 6),
                               ("real", "amod", 7), ("grit", "dobj", 5), (".", "punct", 5)])
    i = text.index("showed")
    got = cue_complement(parse, i, i + 6)
    assert got is not None and got.kind == "object"
    # With no object, the fronted clause is what was said ("It was fun, Eva said.").
    text = "It was fun, Eva said."
    parse = hand_parse(text, [("It", "nsubj", 1), ("was", "ccomp", 5), ("fun", "acomp", 1),
                               (",", "punct", 5), ("Eva", "nsubj", 5), ("said", "ROOT", 5),
                               (".", "punct", 5)])
    i = text.index("said")
    got = cue_complement(parse, i, i + 4)
    assert got is not None and got.kind == "clause"
