"""Attribution by salience between two people named close together (issue 11, the error kinds
of held-out sample 6), each rule on invented sentences: the subject of a joined clause and a
sentence's pronoun subject stay salient, a subject is kept across a relative clause or an
appositive before its cue, a person's spokesman is nobody named, "told to" is no cue, and a
cue word before a relative clause is a noun."""

from __future__ import annotations

from attribution_probe import quotes_of, speaker_of  # tests/qa/attribution_probe.py

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.clause_subjects import (
    appositive_subject,
    is_clause_subject,
    named_in,
    possessed_person,
    pronoun_subject,
    role_subject,
)
from qa.document_people import document_people


def _mentions(text: str):
    doc = parse_file("t.txt", text)[0]
    return doc.text, document_people(doc, chunk_document(doc)).mentions


def test_the_subject_of_a_joined_clause_is_salient_not_the_critic_answered():
    text = ("Courts\n\nTom Hale said he had had enough of the slow courts but Zentrix's Eric "
            "Vane rejected his comments. \"We did ask for it to be made faster,\" he said.\n")
    assert speaker_of(text, "made faster") == "Eric Vane"


def test_a_pronoun_subject_keeps_its_antecedent_salient():
    text = ("Courts\n\nEric Vane said the surface had been speeded up. But he refused to accept "
            "that the surface had a bearing on Tom Hale's results. \"Tom is proving how "
            "versatile he is,\" he said.\n")
    assert speaker_of(text, "versatile") == "Eric Vane"


def test_the_subject_not_the_object_after_a_portrayal():
    text = ("Trial\n\nFormer finance chief Scott Mole told the court about his boss. He "
            "portrayed Mr Vane, a businessman who built up the firm, as obsessed with costs. "
            "\"He would talk about coffee filters all day long,\" he said.\n")
    assert speaker_of(text, "coffee filters") == "Scott Mole"


def test_a_subject_is_kept_across_a_long_relative_clause():
    text = ("Row\n\nHowever, Mr Tom Hale, who was forced to apologise last year for an article "
            "about the death of the hostage Eric Vane, said Mr Ian Brill \"should butt out of\" "
            "the row.\n")
    assert speaker_of(text, "butt out") == "Tom Hale"


def test_a_subject_is_kept_across_an_appositive_without_a_closing_comma():
    text = ("Broadband\n\nEva Lind, managing director of ISP Zentrix said that it would make "
            "the situation clearer. \"It is the first productive thing we have had,\" she "
            "said.\n\nTom Hale, MP for Leeds, Yorkshire, said he was disillusioned.\n")
    assert speaker_of(text, "situation clearer") == "Eva Lind"
    assert speaker_of(text, "first productive") == "Eva Lind"
    assert speaker_of(text, "disillusioned") == "Tom Hale"


def test_a_persons_spokesman_is_not_that_person():
    text = ("Visit\n\nTony Hale visited Leeds on Monday. Mr Hale's spokesman said the trip had "
            "been planned for months. \"It is nonsense to say otherwise,\" he said.\n")
    assert quotes_of(text) == []


def test_a_persons_relative_named_by_first_name_only_is_not_the_last_speaker():
    text = ("Auction\n\nAuction spokesman Eric Vane said the tapes were withdrawn.\n\n\"We've "
            "had them for a lot of years, and we could use the money,\" Mr Nogel's son Stephen, "
            "57, said before the auction.\n")
    assert speaker_of(text, "use the money") is None


def test_a_persons_written_statement_is_theirs():
    text = ("Apology\n\nTom Hale was sentenced on Monday. \"I apologise to all who have suffered "
            "from my schemes,\" Mr Hale's statement said.\n")
    assert speaker_of(text, "apologise") == "Tom Hale"


def test_told_to_before_an_infinitive_is_an_order_not_speech():
    text = ("Bail\n\nMusician Tom Hale, 23, appeared in court. Mr Hale was also given a curfew "
            "and told to surrender his passport.\n")
    assert quotes_of(text) == []


def test_a_cue_word_before_a_relative_clause_is_a_noun():
    text = ("Awards\n\nBritish shows - which picked up a total of 48 nominations - will have to "
            "overcome competition from other countries.\n")
    assert quotes_of(text) == []


def test_clause_subject_shapes():
    text, ms = _mentions("T\n\nTom Hale said so, but chairman Eric Vane rejected it. Mr Lind "
                         "met Eric Vane.\n")
    vanes = sorted((m for m in ms if m.name == "Eric Vane"), key=lambda m: m.start)
    assert is_clause_subject(text, 3, vanes[0])
    start = text.index("Mr Lind")
    assert not is_clause_subject(text, start, vanes[-1])  # the object of "met"
    assert pronoun_subject("But he refused it.", 0, 18) == (4, "m")
    assert pronoun_subject("However, she later left.", 0, 24) == (9, "f")
    assert pronoun_subject("The fans he met were happy.", 0, 27) is None


def test_appositive_and_possessive_shapes():
    text, ms = _mentions("T\n\nUnlike Tom Hale, critics said so. Eva Lind, Tom Hale said, "
                         "was right. Tom Hale's coach Eva Lind said so.\n")
    s1 = text.index("Unlike")
    assert appositive_subject(text, ms, s1, text.index("said", s1)) is None
    s2 = text.index("Eva Lind,")
    assert appositive_subject(text, ms, s2, text.index("said", s2)) is None
    s3 = text.index("Tom Hale's")
    assert possessed_person(text, ms, s3, text.index("said", s3)) is None


def test_a_role_opening_a_narrated_sentence_makes_its_holder_salient():
    text = ("Plans\n\nPrime Minister Tony Hale spoke in Leeds. Opposition leader Eric Vane said "
            "the plans were a sham. Earlier, the prime minister defended the plans. \"We will "
            "not back down,\" he told MPs.\n")
    assert speaker_of(text, "back down") == "Tony Hale"
    assert role_subject("The prime minister defended it.", 0, 31) == (0, "prime minister")
    assert role_subject("The plans were a sham.", 0, 22) is None


def test_a_pronoun_subject_after_a_fronted_clause_and_an_adverb():
    text = ("Defection\n\nMP Tom Hale has left his party. In a letter he wrote: \"It is in the "
            "country's interest that Eric Vane should govern.\" While saying he admired Mr "
            "Vane's leadership, he bitterly criticised his old party. \"Its hostility to Europe "
            "has hardened,\" he wrote.\n")
    assert speaker_of(text, "hostility to Europe") == "Tom Hale"


def test_a_described_former_role_is_no_titled_holder():
    text = ("Takeover\n\nMr Tom Hale has completed his takeover of the club. The 73-year-old "
            "former Zentrix chairman sealed the deal on Friday. He said: \"I'm delighted to be "
            "here at such a fantastic club.\" Club chairman Eric Vane said the deal was good.\n")
    assert speaker_of(text, "delighted") == "Tom Hale"


def test_a_quotation_naming_the_antecedent_is_not_theirs():
    text = ("Derby\n\nMeanwhile, manager Tom Hale has rapped skipper Olof Dore for his comments. "
            "Mr Dore spoke of his dislike of the rivals ahead of the match. \"I've had more than "
            "a quiet word with Olof. It's been said within the whole group,\" he told the "
            "club's website.\n")
    assert speaker_of(text, "quiet word") is None
    assert named_in("I've had a word with Olof.", "Olof Dore")
    assert not named_in("I've had a word with him.", "Olof Dore")


def test_the_subject_after_a_fronted_clause_holding_a_relative_clause():
    text = ("Boss\n\nMr Tom Hale took over after his predecessor, Mr Eric Vane, died in April. "
            "Having worked closely with Mr Vane, who came out of retirement, Mr Hale focused "
            "on existing restaurants. He had promised that the company would never get "
            "\"fat, dumb and happy\".\n")
    assert speaker_of(text, "fat, dumb") == "Tom Hale"


def test_the_subject_after_a_fronted_prepositional_phrase_naming_someone():
    text = ("Talks\n\nOn the subject of striker Eric Vane, chief executive Tom Hale met the "
            "rival club on Monday. He said: \"They were looking for ways of "
            "saying they got more out of the deal.\"\n")
    assert speaker_of(text, "looking for ways") == "Tom Hale"


def test_a_quotation_said_by_a_written_text_is_not_the_last_speakers():
    text = ("Candidate\n\nMr Tom Hale was quoted in a newspaper saying: \"We plan to introduce a "
            "period of creative destruction.\"\n\nIn a statement, the party said the comment "
            "had been taken out of context. \"He fully supports the policies of the party on "
            "services,\" said the statement.\n")
    assert speaker_of(text, "creative destruction") == "Tom Hale"
    assert speaker_of(text, "fully supports") is None
