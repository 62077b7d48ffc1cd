"""Third recall pass (issue 11), each rule on an invented article: a role naming its
organisation, said before its holder is named ("the chairman of X …, said …" then "Jan Berry
said"); a relative-clause bridge after an opening clause; a one-word qualifier after a speech
verb ("says England lock Tom Hale") is no person; "It found that …" after a study spoke; "…,
said one musician" as an unnamed member of a group."""

from __future__ import annotations

from attribution_probe import speaker_of as _speaker_of  # tests/qa/attribution_probe.py

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.document_people import document_people
from qa.group_voices import group_member_after

_BODY = ("Police\n\nTory leader Tom Hale said elected commissioners would be more accountable. "
         "Responding to the plans, the chairman of the Riverside Federation, which represents "
         "rank and file officers, said it was essential independence was retained.\n\n"
         "Eva Lind said: \"It is a service, not a political football.\"\n")


def test_a_role_of_an_organisation_is_the_person_the_article_introduces_next():
    assert _speaker_of(_BODY, "essential independence") == "Eva Lind"


def test_a_role_followed_by_a_person_met_before_is_not_theirs():
    text = _BODY.replace("Tory leader Tom Hale said", "Tory leader Tom Hale told Eva Lind")
    assert _speaker_of(text, "essential independence") != "Eva Lind"


def test_a_spokesman_of_an_organisation_is_not_the_next_person_named():
    text = _BODY.replace("the chairman of the Riverside Federation, which represents rank and "
                         "file officers,", "the spokesman for the Riverside Federation")
    assert _speaker_of(text, "essential independence") != "Eva Lind"


def test_a_relative_clause_after_a_name_and_appositive_keeps_the_named_speaker():
    text = ("Books\n\nThe tool links to a shop. Dan Ross, founder of Zentrix Media, which "
            "supports citizen media, said the tool was a bad idea.\n")
    assert _speaker_of(text, "tool was a bad idea") != "Zentrix Media"


def _people(text: str) -> set[str]:
    doc = parse_file("x/1.txt", text)[0]
    return {p.name for p in document_people(doc, chunk_document(doc)).people}


def test_a_qualifier_of_a_role_after_a_speech_verb_is_no_person():
    text = ("Rugby\n\nWales coach Tom Hale says Riverside lock Dan Ross needs to review his "
            "actions. Ross said it was an accident.\n")
    assert "Riverside" not in _people(text)
    assert "Riverside" not in _people(text.replace("Riverside lock", "Riverside sevens coach"))
    # a one-word name after a speech verb is still one when no role and name follow it
    assert "Jamelia" in _people("Music\n\n\"It was great,\" said Jamelia on Monday. "
                                "\"We loved it,\" said Jamelia.\n")


def test_it_found_after_a_study_spoke_is_the_studys_author():
    text = ("Music\n\nA study by the Zentrix Institute suggests musicians back file-sharing. "
            "\"We looked at many bands,\" said report author Eva Lind. \"Most were positive.\"\n\n"
            "The industry has sued downloaders. But the report suggests this campaign lacks "
            "backing. It found that most artists saw file-sharing as both good and bad.\n")
    assert _speaker_of(text, "most artists saw") == "Zentrix Institute"


def test_one_member_of_a_group_after_a_cue_is_that_unnamed_member():
    text = ("Music\n\nThe Zentrix Institute surveyed bands. \"Free downloading has killed "
            "opportunities,\" said one musician quoted by the report. \"It's hard to keep "
            "making records.\"\n\nPrices will rise, says one senior analyst.\n")
    assert _speaker_of(text, "Free downloading") == "musician"
    assert _speaker_of(text, "hard to keep") == "musician"
    assert _speaker_of(text, "Prices will rise") == "analyst"


def test_one_member_opening_the_reported_clause_is_no_speaker():
    text = "It said one analyst would resign. Prices fell, said one analyst at a bank."
    assert group_member_after(text, len("It said "), len(text)) is None
    assert group_member_after(text, text.index("one analyst at"), len(text)) is None
    assert group_member_after("said one analyst.", 5, 17) == "analyst"


def test_a_title_word_after_a_modal_is_a_verb():
    text = ("Sevens\n\nDan Ross said the side was ready. Ross, who will captain Riverside in "
            "Dubai, said: \"We are fit.\" Tom Hale might miss Riverside's trip.\n")
    doc = parse_file("x/1.txt", text)[0]
    people = {p.name: p for p in document_people(doc, chunk_document(doc)).people}
    assert "Riverside" not in people or "captain" not in people["Riverside"].titles
