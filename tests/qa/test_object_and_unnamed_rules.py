"""Attribution rules of issue 11 points 4 and 7, each on invented sentences: the object of a
person's verb is no antecedent ("Ms Grant accused the shadow minister Tom Reed …"), "said
Zentrix spokesman, Eva Lind" is Eva Lind's, a statement about someone inside a text's claim
("a new book claims that X told …") is not theirs, and an unnamed speaker ("one leading
broker said") is the salient speaker for the "he"/"she" after them."""

from __future__ import annotations

from attribution_probe import quotes_of, speaker_of  # tests/qa/attribution_probe.py

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.clause_subjects import is_verb_object
from qa.document_people import document_people


def _object_flags(text: str) -> dict[str, bool]:
    doc = parse_file("t.txt", text)[0]
    ms = document_people(doc, chunk_document(doc)).mentions
    return {m.name: is_verb_object(doc.text, 0, m, ms) for m in ms}


def test_a_named_object_after_a_role_phrase_is_a_verb_object():
    flags = _object_flags("Row\n\nMs Eva Grant accused the shadow minister Tom Reed of plotting "
                          "cuts, Ms Grant said.\n")
    assert flags["Tom Reed"] is True
    assert flags["Eva Grant"] is False


def test_a_name_after_an_inverted_cue_or_with_its_own_verb_is_no_object():
    flags = _object_flags("Row\n\n\"It is a disgrace,\" said Tom Reed. Ms Eva Grant said Ian "
                          "Hale was wrong.\n")
    assert flags["Tom Reed"] is False
    assert flags["Ian Hale"] is False  # "said Ian Hale was wrong": the clause's subject


def test_the_subject_not_the_titled_object_of_the_sentence_before():
    text = ("Film\n\nMr Ian Hale said the film was good.\n\nMs Eva Grant thanked director Tom "
            "Reed for his support. \"It was a wonderful night,\" he said.\n")
    # "he" cannot be Ms Grant, and Tom Reed is only her object: nobody known, not Reed
    assert speaker_of(text, "wonderful night") is None
    text = text.replace("he said", "she said")
    assert speaker_of(text, "wonderful night") == "Eva Grant"


def test_the_accuser_keeps_the_quote_a_paragraph_later():
    text = ("Row\n\nMr Ian Hale accused the shadow minister Tom Reed of plotting cuts to "
            "schools.\n\n\"It is a disgrace,\" he said.\n")
    assert speaker_of(text, "disgrace") == "Ian Hale"


def test_an_organisation_spokesman_named_after_a_comma_is_the_speaker():
    text = ("Club\n\nThe club has denied the report. \"We have not received any bid,\" said "
            "Zentrix spokesman, Tom Reed.\n")
    assert speaker_of(text, "any bid") == "Tom Reed"


def test_a_claim_of_a_book_about_someone_is_not_theirs():
    for opener in ("A new book claims that", "A report alleges that", "The study suggests"):
        text = (f"Book\n\nMr Tom Reed said the economy was strong. {opener} Mr Reed told "
                "colleagues he would quit.\n")
        assert speaker_of(text, "colleagues") is None, opener


def test_a_person_who_says_that_someone_told_keeps_the_statement():
    text = "Book\n\nMr Ian Hale said that Mr Tom Reed told colleagues he would quit.\n"
    assert speaker_of(text, "colleagues") == "Ian Hale"


def test_an_unnamed_broker_is_salient_for_the_next_pronoun():
    text = ("Market\n\nTom Reed, the chairman of Zentrix, said the shares would rise.\n\nOne "
            "leading broker said the shares were overvalued.\n\n\"It is a bubble,\" he says.\n")
    assert speaker_of(text, "overvalued") == "broker"
    assert speaker_of(text, "bubble") == "broker"


def test_an_unnamed_person_after_a_quotation_takes_the_next_pronoun():
    text = ("Match\n\nMr Tom Reed said the team played well. \"We were robbed,\" said one "
            "London-based fan. \"The referee was poor,\" she said.\n")
    assert speaker_of(text, "robbed") == "fan"
    assert speaker_of(text, "referee") == "fan"


def test_a_group_blocks_a_pronoun_from_reaching_back():
    text = ("Market\n\nTom Reed said the shares would rise.\n\nAnalysts said the shares were "
            "overvalued. \"It is a bubble,\" he says.\n")
    quotes = quotes_of(text)
    assert ("analysts", "Analysts said the shares were overvalued.") in quotes
    assert speaker_of(text, "bubble") is None


def test_a_description_opening_a_sentence_keeps_its_person_salient_past_a_group():
    text = ("Band\n\nGuitarist Tom Reed told a radio station that he would leave the band. The "
            "remaining members of the band said they hoped Reed would be happy.\n\nThe "
            "34-year-old made reference to the band's fans in his statement. \"Anger is a good "
            "thing,\" he told the station.\n")
    assert speaker_of(text, "Anger") == "Tom Reed"


def test_what_others_say_about_someone_and_narration_are_not_theirs():
    text = ("Tax\n\nMr Tom Reed said the economy was strong. Mr Reed would need to raise taxes, "
            "the Zentrix Institute said. But borrowing is still £2bn more than Mr Reed "
            "predicted in his budget. As Mr Reed announced the date, a firm urged him to act.\n")
    quotes = quotes_of(text)
    assert not any(sp == "Tom Reed" and ("raise taxes" in t or "borrowing" in t
                                         or "urged" in t) for sp, t in quotes), quotes
