"""The speaker string must be the kind of thing that speaks (STATEMENTS_VERSION 17, branch
`speakers`), each rule on invented sentences: a place after "from"/"in" is not the speaker, a
word of a work's title is no name, '"…," according to X' is X's, a party is not given to a
person whose designation holds its name, and a job title before a comma introduces a person."""

from __future__ import annotations

from attribution_probe import quotes_of, speaker_of  # tests/qa/attribution_probe.py

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.document_people import document_people
from qa.organisations import after_place_preposition, org_full_forms, organisation_before
from qa.work_titles import inside_work_title


def _people(text: str) -> set[str]:
    doc = parse_file("t.txt", text)[0]
    return {p.name for p in document_people(doc, chunk_document(doc)).people}


# A place after "from"/"in" ------------------------------------------------------------------

def test_a_place_after_from_in_a_description_is_not_the_speaker():
    text = ("Scam\n\nA parcel scam spread last week.\n\nThe retired teacher from Zentria says "
            "she was asked to pay twice for a parcel.\n")
    assert speaker_of(text, "pay twice") != "Zentria"


def test_a_place_in_the_reported_clause_is_not_the_source_of_an_inverted_cue():
    text = ("Phones\n\nSales grew.\n\nSales of phones will double in Zentria, says "
            "a report from a research firm.\n")
    assert speaker_of(text, "double") != "Zentria"


def test_an_organisation_that_speaks_is_kept_and_so_is_its_spokesman_from_it():
    assert organisation_before("The Zentrix Board", 0) is not None
    assert organisation_before("A spokesman from Zentrix", 0) is not None
    text = ("Jobs\n\nJobs will go.\n\nA spokesman from Zentrix said the cuts were needed.\n")
    assert speaker_of(text, "cuts were needed") == "Zentrix"


def test_after_place_preposition_reads_the_word_before_the_preposition():
    assert after_place_preposition("The woman from Zentria", len("The woman from "))
    assert after_place_preposition("Prices rose in Zentria", len("Prices rose in "))
    assert not after_place_preposition("A statement from Zentrix", len("A statement from "))
    assert not after_place_preposition("Officials at Zentrix", len("Officials at "))


# A work's title -------------------------------------------------------------------------------

def test_a_tv_drama_title_after_a_star_is_no_speaker():
    text = ("Trial\n\nThe trial went on.\n\nThe 71-year-old former star of US TV drama "
            "Zentrio has denied murder. Mr Tom Blake said he found her.\n")
    assert all(sp != "Zentrio" for sp, _ in quotes_of(text))


def test_a_word_of_a_song_title_is_no_person():
    text = ("Tour\n\nThe 58-year-old singer of Because the Dawn told a newspaper she would tour "
            "again. \"I love the stage,\" she said.\n")
    assert "Dawn" not in _people(text)
    assert all(sp != "Dawn" for sp, _ in quotes_of(text))


def test_a_capitalised_run_after_a_creators_of_is_a_title():
    text = "the author of The Silent Harbour said"
    assert inside_work_title(text, 0, text.index("Harbour"))
    assert inside_work_title(text, 0, text.index("The Silent"))
    other = "the director of Zentrix Tom Hale said"  # a company's director: no work
    assert not inside_work_title(other, 0, other.index("Zentrix"))
    kind = "the former star of US TV drama Zentrio has denied it"  # the work's kind first
    assert inside_work_title(kind, 0, kind.index("Zentrio"))
    far = "the author of a long and very boring report on Zentrix said"  # a clause, no title
    assert not inside_work_title(far, 0, far.index("Zentrix"))
    comma = "the singer of the band, Tom Hale, said"
    assert not inside_work_title(comma, 0, comma.index("Tom"))


def test_a_lone_word_after_an_article_is_no_person_but_a_full_name_is():
    text = ("Storm\n\nA single by the Tempest said everything about the year. Ms Eva Lind said "
            "the crew were safe.\n")
    people = _people(text)
    assert "Eva Lind" in people
    assert "Tempest" not in people


# '"…," according to X' ------------------------------------------------------------------------

def test_a_source_named_after_the_quotation_with_according_to_says_it():
    text = ("Music\n\nRecord firms are worried about falling sales. Mr Ian Hale said sales fell. "
            "\"Nobody will buy singles any more,\" according to media and PR strategist Tom "
            "Reed.\n")
    assert speaker_of(text, "Nobody will buy") == "Tom Reed"


def test_according_to_someone_unknown_after_a_quote_is_not_the_previous_speaker():
    text = ("Music\n\nMr Ian Hale said sales fell. \"Nobody will buy singles any more,\" "
            "according to one of the firms.\n")
    assert speaker_of(text, "Nobody will buy") != "Ian Hale"


# A party and a person whose designation holds it -------------------------------------------

def test_a_party_is_not_given_the_designation_of_its_member():
    assert org_full_forms({"Labour", "Labour MSP Eva Lind"}, "", set()) == {}
    assert org_full_forms({"Green", "Green Party"}, "", set()) == {"Green": "Green Party"}


def test_a_party_speaker_stays_the_party():
    text = ("Schools\n\nThe plan was attacked by opposition members.\n\nLabour said the "
            "minister had avoided the question of the cost.\n\nLabour MSP Eva Lind said the "
            "plan was a mess.\n")
    assert speaker_of(text, "avoided the question") == "Labour"
    assert speaker_of(text, "was a mess") == "Eva Lind"


# A job title before a comma -----------------------------------------------------------------

def test_a_specialist_title_before_a_comma_introduces_the_person():
    text = ("Checks\n\nThe Zentria Energy Agency (ZEA) wants rules. Computer specialist at the "
            "ZEA, Tom Hale, would like more checks. \"We have to be careful,\" he said.\n")
    assert "Tom Hale" in _people(text)
    assert speaker_of(text, "careful") == "Tom Hale"


def test_a_document_or_report_from_an_organisation_keeps_it_as_the_speaker():
    text = ("Ballet\n\nNew research from the Zentria Academy of Dance (ZAD) has found fewer "
            "children are taking classes. The organisation blames computer games.\n")
    assert speaker_of(text, "computer games") == "Zentria Academy of Dance"
    text = ("Bid\n\nReports in the Zentria Post suggested that the firm is considering a bid.\n")
    assert speaker_of(text, "considering a bid") == "Zentria Post"


# A person and their affiliation before the cue -----------------------------------------------

def test_a_person_named_before_from_an_organisation_is_the_speaker():
    text = ("Visas\n\nMusicians face delays.\n\nTom Hale from the Zentrix Union said British "
            "musicians are disadvantaged. \"It is a mess,\" says Mr Hale.\n")
    assert speaker_of(text, "disadvantaged") == "Tom Hale"


def test_a_person_opening_a_namesake_organisation_is_not_taken_for_it():
    text = ("Gift\n\nA gift was made.\n\nMr Tom Hale said it was kind. The Tom Hale Trust of "
            "Zentria said the money would go to schools.\n")
    assert speaker_of(text, "go to schools") != "Tom Hale"
