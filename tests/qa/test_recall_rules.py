"""Recall rules added from the labelled dev set's missed statements (issue 11, second recall
pass), each on an invented article: a name with an honorific before a colon, an unnamed voice
after an inverted cue, "adding that" after a quotation's attribution, a reported clause between
a quotation and an inverted cue."""

from __future__ import annotations

from attribution_probe import quotes_of as _quotes  # tests/qa/attribution_probe.py
from attribution_probe import speaker_of as _speaker_of


def test_honorific_name_before_a_colon_introduces_the_quotation():
    text = ("HD\n\nRick Dane works at a studio. It will take time to persuade people to buy "
            "players. Mr Dane is confident though: \"I think if they see real HD, there is such "
            "a remarkable difference.\"\n")
    assert _speaker_of(text, "remarkable difference") == "Rick Dane"


def test_a_colon_after_a_clause_that_does_not_open_with_the_name_is_no_attribution():
    text = ("HD\n\nRick Dane works at a studio. The shop has one message for Mr Dane: "
            "\"We cannot sell these players for less than they cost us.\"\n")
    assert _speaker_of(text, "cannot sell") != "Rick Dane"


def test_unnamed_voice_after_an_inverted_cue_speaks_for_the_last_organisation():
    text = ("Ads\n\nThe Zentrix Group said on Monday that its adverts were placed by an agency. "
            "It has asked for the advert to be removed, said a spokeswoman.\n\nEva Lind said "
            "the ads were legal. The ads will stay, said a spokesman.\n")
    assert _speaker_of(text, "advert to be removed") == "Zentrix Group"
    # a person spoke since the organisation: an unnamed spokesman, not the group nor Ms Lind
    assert _speaker_of(text, "ads will stay") == "spokesman"


def test_adding_that_after_a_quotation_reports_the_same_speaker():
    text = ("Hunt\n\nAlliance chairman Tom Hale spoke on Sunday. People had turned out \"to show "
            "that the act was a bad law\", he said adding that foxes had been killed \"legally\" "
            "as far as he was aware.\n\n\"It was a good day,\" said Mr Hale, adding that more "
            "hunts would meet. Eva Lind disagreed.\n")
    quotes = _quotes(text)
    assert ("Tom Hale", "foxes had been killed \"legally\" as far as he was aware.") in quotes
    assert ("Tom Hale", "more hunts would meet.") in quotes
    assert not any("disagreed" in t for _, t in quotes)


def test_clause_between_a_quotation_and_an_inverted_cue_is_the_named_speakers():
    text = ("Film\n\nEva Lind is a film director. \"Access to film is restricted,\" said Tom "
            "Hale, head of the film council. \"The choice for many remains limited,\" Digital "
            "prints cost less than a traditional print, said Ms Lind. \"It can cost up to "
            "£1,500 to make a copy.\"\n")
    assert _speaker_of(text, "choice for many") == "Tom Hale"
    assert _speaker_of(text, "Digital prints cost less") == "Eva Lind"
    assert _speaker_of(text, "cost up to") == "Eva Lind"


def test_unnamed_voice_of_a_named_body_after_a_cue_is_not_the_last_organisation():
    text = ("Tobacco\n\nThe Zentrix Group has said it will not build new factories. Capacity is "
            "high enough, according to a spokesman for the tobacco industry regulator.\n")
    assert _speaker_of(text, "Capacity is high") != "Zentrix Group"


def test_a_reported_clause_before_a_colon_keeps_its_sentence():
    text = ("Engagement\n\nTom Hale and Eva Lind met the press. Mrs Lind said the prince went "
            "down on one knee to propose and added: \"I'm just coming down to earth.\"\n")
    assert _speaker_of(text, "went down on one knee") == "Eva Lind"


def test_a_lower_case_clause_between_a_quotation_and_its_cue_is_one_sentence():
    text = ("Planes\n\nTom Hale is an analyst. \"Airbus is now where Boeing was a few years "
            "ago\" with its product range, said Mr Hale.\n")
    assert _speaker_of(text, "Airbus is now") == "Tom Hale"


def test_quoted_words_right_after_the_subject_are_their_predicate():
    text = ("Watchdog\n\nThe commissioner spoke on Monday. Tom Hale \"totally condemned\" the "
            "deletion of e-mails. E-mails should be kept, Mr Hale said.\n\nThe act of Eva Lind "
            "\"changed everything\" for them, Ms Lind said.\n")
    quotes = _quotes(text)
    assert ("Tom Hale", "totally condemned") in quotes
    assert ("Eva Lind", "changed everything") not in quotes  # not the sentence's subject


def test_joint_subject_with_both_before_the_cue():
    text = ("Rugby\n\nTom Hale was cited. The player himself and his captain Ian Ross have both "
            "said that the clash was accidental. Hale and Ross both added tries later.\n")
    quotes = _quotes(text)
    assert _speaker_of(text, "clash was accidental") == "Ian Ross"
    assert not any("tries" in t for _, t in quotes)  # tries scored, not said


def test_a_written_text_named_after_a_quotation_is_nobody_who_spoke_before():
    text = ("Talks\n\nSir Tom Hale met Mr Ross. \"Ross said he was facing a problem with his "
            "colleagues,\" reads a telephone memo for Sir Tom.\n\n\"They feel they could not "
            "serve.\"\n\nThe Zentrix Group said it was sorry. \"We have investigated this "
            "matter,\" read a statement from the Zentrix Group.\n\n\"It is not our policy,\" "
            "read the statement.\n")
    quotes = _quotes(text)
    assert not any("facing a problem" in t or "could not serve" in t for _, t in quotes)
    assert _speaker_of(text, "investigated this matter") == "Zentrix Group"
    assert _speaker_of(text, "not our policy") == "Zentrix Group"


def test_according_to_an_unauthored_document_waits_for_its_author():
    text = ("Broadband\n\nMore Americans are joining the fast lane, according to official "
            "figures.\n\nThe number of connections jumped by 38% in a year, said the Zentrix "
            "Commission.\n\nSales fell, according to figures from the Marlow Institute.\n")
    assert _speaker_of(text, "joining the fast lane") == "Zentrix Commission"
    assert _speaker_of(text, "Sales fell") == "Marlow Institute"


def test_feels_that_is_a_speech_tag_like_thinks():
    text = ("Rugby\n\n\"It's up to the commissioner,\" said coach Tom Hale. But Hale feels that "
            "the lock should be more careful. The team feels the pressure.\n")
    quotes = _quotes(text)
    assert _speaker_of(text, "should be more careful") == "Tom Hale"
    assert not any("pressure" in t for _, t in quotes)


def test_telling_the_story_of_a_work_is_no_statement():
    text = ("Musical\n\nTom Hale directs the show. Sweet Chance tells the story of a dancer who "
            "always falls for the wrong man. Mr Hale told reporters the show was ready.\n")
    quotes = _quotes(text)
    assert not any("dancer" in t for _, t in quotes)
    assert _speaker_of(text, "show was ready") == "Tom Hale"



def test_the_firm_before_any_organisation_spoke_is_the_company_of_the_lead():
    text = ("Profits\n\nProfits at Indian drugmaker Zentrix Labs fell 93% as research costs "
            "rose.\n\nThe firm said its profits were 40m rupees for the quarter.\n")
    assert _speaker_of(text, "profits were 40m") == "Zentrix Labs"


def test_a_lead_naming_a_company_and_its_parent_leaves_the_firm_unknown():
    text = ("Slump\n\nA slump at luxury car maker Brill has prompted a drop in profits at parent "
            "Zentrix.\n\nThe firm said it was determined to keep its luxury brand.\n")
    assert _speaker_of(text, "determined to keep") is None


def test_a_speaker_known_by_one_name_after_the_cue():
    text = ("Singer\n\nR&B star Jamora had three nominations. Jamora remains down-to-earth. "
            "\"I still want to make it, but it's not the end of the world if I don't,\" "
            "commented Jamora.\n\n\"It was a good year,\" explained Monday.\n")
    assert _speaker_of(text, "still want to make it") == "Jamora"
    assert _speaker_of(text, "good year") is None  # written once only, and a day
