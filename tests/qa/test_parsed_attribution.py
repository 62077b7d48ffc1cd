"""Attribution decisions the dependency parse settles (qa/parsed_reading.py), on invented
articles: a cue's subject is the name the parse makes its subject, not a name inside its
apposition; a pronoun after a sentence whose subject is a person the people table does not
know is not given to the object of that sentence; where the rules were already clear, the
parse changes nothing."""

from __future__ import annotations

from attribution_probe import speaker_of  # tests/qa/attribution_probe.py

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.quotes import extract_quotes


def test_the_cue_subject_not_the_organisation_inside_its_apposition():
    text = ("Bid\n\nMining firm Koralis is worth more than the bid by Swiss-based Zentrix, it "
            "said. Marc Dupont, an executive at Zentrix, said: \"We will review the "
            "information over the next week.\"\n")
    assert speaker_of(text, "We will review") == "Marc Dupont"


def test_the_pronoun_after_a_sentence_about_the_subject_stays_with_the_subject():
    text = ("Row\n\nMs Eva Grant accused the shadow minister Tom Reed of plotting cuts. "
            "\"This is a disgrace and the public knows it,\" she said.\n")
    assert speaker_of(text, "This is a disgrace") == "Eva Grant"


def test_a_pronoun_is_not_given_to_the_object_of_an_unknown_subject():
    text = ("Awards\n\nDirector Tom Reed won an award last year.\n\nLater Jamie Foxx thanked "
            "the director Tom Reed for his faith. \"You took a chance on me, man,\" he said.\n")
    assert speaker_of(text, "You took a chance") != "Tom Reed"


def test_a_clear_subject_keeps_the_rule():
    text = ("Talks\n\nMr Ian Hale met Mr Tom Ross in Paris on Monday. \"The talks went very "
            "well indeed,\" Mr Hale said.\n")
    assert speaker_of(text, "The talks went") == "Ian Hale"


def test_a_pronoun_after_an_unknown_subject_is_not_the_previous_speaker():
    # "Keeper Tony Bell" is no person the people table knows; the rules gave "he added" to the
    # person whose words he echoed (the possessor): the parse sees the sentence's own subject
    text = ("Cup\n\nUnited players had backed Ian Dorr after the win. \"We want the boss to "
            "stay,\" said Jim Tully. \"Hopefully he gets the chance.\" Keeper Tony Bell echoed "
            "Tully's words. \"I think all the boys are behind Ian Dorr,\" he added.\n")
    assert speaker_of(text, "all the boys") != "Jim Tully"


def test_an_unpunctuated_block_longer_than_the_parser_takes_is_left_to_the_rules() -> None:
    """A "sentence" over spaCy's 1,000,000-character limit would raise; it is not parsed."""
    block = "Tom Hale thanked director Eva Lind for " + " ".join(["word"] * 210_000)
    text = f"Title\n\nTom Hale said the plan was fine. {block}. \"We will win,\" he said.\n"
    doc = parse_file("long.txt", text)[0]
    quotes = extract_quotes(doc, chunk_document(doc))
    assert any(q.text == "We will win" for q in quotes)
