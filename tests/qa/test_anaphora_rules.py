"""Who a pronoun, a description or a role noun refers to (issue 11, the anaphora errors of
held-out samples 9 and 10), each rule on invented sentences: a first name's gender where the
text gives none, a person known by a "who" clause or a person appositive, a description read
back to the one person the sentence before introduces, and a role whose proper-noun qualifiers
name another office than a person's title."""

from __future__ import annotations

from attribution_probe import speaker_of  # tests/qa/attribution_probe.py

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.document_people import DocPeople, document_people
from qa.first_names import first_name_gender
from qa.role_qualifiers import qualifiers_conflict


def _people(text: str) -> DocPeople:
    doc = parse_file("t.txt", text)[0]
    return document_people(doc, chunk_document(doc))


def test_first_name_gender_of_plain_names_only():
    assert first_name_gender("Laura Finch") == "f"
    assert first_name_gender("Peter Hale") == "m"
    assert first_name_gender("Hale") is None  # one word: a surname
    assert first_name_gender("J. Hale") is None  # an initial
    assert first_name_gender("Zentrix Labs") is None  # no first name
    assert first_name_gender("Alex Hale") is None  # unisex in the list


def test_first_name_gives_gender_only_where_the_text_gives_none():
    people = _people("Plan\n\nPeter Hale, a former aide, spoke about the plan.\n")
    assert people.person("Peter Hale").gender == "m"
    # the text's own pronoun wins over the list's "male" for Jean
    voted = _people("Plan\n\nJean Marsh said she would back the plan. Ms Marsh was firm.\n")
    assert voted.person("Jean Marsh").gender == "f"


def test_a_who_clause_or_person_appositive_makes_a_first_named_person():
    text = ("Show\n\nThe stars were there in the shape of Emma Lane, who plays a witch. "
            "He recalled his row with Laura Finch, the Leeds woman who shouted at him. "
            "Leeds United, who beat Derby County, were not there.\n")
    names = {p.name for p in _people(text).people}
    assert {"Emma Lane", "Laura Finch"} <= names
    assert "Leeds United" not in names  # a team takes "who" too, but has no first name


def test_she_is_not_the_man_quoted_before_but_the_woman_just_introduced():
    text = ("Tour\n\nPeter Hale, a former aide to the minister, says the plan shows "
            "frustration. \"They feel ignored,\" he says.\n\nThe minister must remember his "
            "row with Laura Finch, the Leeds woman who shouted at him over her local school. "
            "\"You do nothing for anybody,\" she told the minister before leaving.\n")
    assert speaker_of(text, "nothing for anybody") == "Laura Finch"


def test_she_is_never_a_man_known_by_his_first_name():
    text = ("Tour\n\nPeter Hale, a former aide to the minister, says the plan shows "
            "frustration. \"They feel ignored,\" he says.\n\nThe row was loud. \"You do "
            "nothing for anybody,\" she said.\n")
    assert speaker_of(text, "nothing for anybody") != "Peter Hale"


def test_a_description_is_the_one_person_the_sentence_before_introduces():
    text = ("Awards\n\nActress Sara Moss told reporters the evening was \"cold\". The younger "
            "stars were represented in the shape of Emma Lane, who plays a witch in the "
            "films. The 14-year-old said she was hoping to meet the cast.\n")
    assert speaker_of(text, "hoping to meet") == "Emma Lane"


def test_a_description_after_two_people_is_no_one_it_can_tell():
    text = ("Awards\n\nActress Sara Moss told reporters the evening was \"cold\". The younger "
            "stars were Emma Lane, who plays a witch, and Ruth Pike, who plays her sister. "
            "The 14-year-old said she was hoping to meet the cast.\n")
    assert speaker_of(text, "hoping to meet") not in ("Sara Moss", "Ruth Pike")


def test_qualifiers_naming_another_office_conflict():
    assert qualifiers_conflict("The Scottish Conservative leader",
                               ["Scottish National Party Holyrood leader"])
    assert qualifiers_conflict("the Labour leader", ["Liberal Democrat leader"])


def test_no_conflict_without_a_qualifier_of_ones_own_or_for_party_nicknames():
    assert not qualifiers_conflict("the leader", ["Scottish National Party leader"])
    assert not qualifiers_conflict("the US president", ["President"])  # title has none
    assert not qualifiers_conflict("the Tory leader", ["Conservative leader"])
    assert not qualifiers_conflict("the Lib Dem leader", ["Liberal Democrat leader"])
    assert not qualifiers_conflict("the Scottish leader", ["Scottish Labour leader"])
    # a seat against a party: one MP has both
    assert not qualifiers_conflict("The Mid-Bedfordshire MP", ["Tory MP"])
    assert not qualifiers_conflict("the Welsh secretary", ["Labour MP"])


def test_a_role_is_not_given_to_the_holder_of_another_partys_office():
    text = ("Resignation\n\nTom Hale has resigned from his post as a partner in a legal firm.\n\n"
            "The Scottish Conservative leader had insisted that his legal work did not "
            "influence the causes he supports.\n\nScottish National Party Holyrood leader "
            "Ann Lee accused Mr Hale of failing his voters. Ms Lee said: \"It was "
            "damaging.\"\n")
    assert speaker_of(text, "did not influence") != "Ann Lee"


def test_a_gendered_role_is_not_the_man_named_before():
    text = "Talks\n\nMr Hale was at the meeting. The chairwoman said the talks went well.\n"
    assert speaker_of(text, "talks went well") != "Hale"


def test_a_gendered_role_may_be_the_woman_who_holds_it():
    text = ("Talks\n\nPeter Hale and chairwoman Laura Finch met. Later, Mr Hale left. The "
            "chairwoman said the talks went well.\n")
    assert speaker_of(text, "talks went well") == "Laura Finch"


def test_a_description_is_not_the_person_a_sentence_about_someone_else_names():
    text = ("Prank\n\nJose Vidal has added to talk of a move after a radio prank.\n\nThe "
            "Spaniard believed he was talking to sporting director Emilio Soto when he "
            "criticised his team-mates. \"I wish I was playing there,\" the 21-year-old told "
            "the radio station.\n")
    assert speaker_of(text, "wish I was playing") != "Emilio Soto"


def test_a_masculine_role_word_may_be_a_woman():
    # "chairman" and "spokesman" are written for women too: no gender from them
    text = ("Police\n\nTory leader Tom Hale spoke on Monday. Responding to the plans, the "
            "chairman of the Police Guild, which represents officers, said independence "
            "mattered.\n\nEva Lind said: \"It is a service.\"\n")
    assert speaker_of(text, "independence mattered") == "Eva Lind"
