"""Organisations and groups as antecedents (issue 11, round 3, v18), each rule on invented
sentences: "it" after a narrated organisation subject, an appositive naming the organisation,
a year never a speaker, a document after an inverted cue, "they" after commentators, "the
companies" after a joint speaker; and the cases each rule must leave alone."""

from __future__ import annotations

from attribution_probe import quotes_of as _quotes  # tests/qa/attribution_probe.py
from attribution_probe import speaker_of as _speaker_of

from qa.group_voices import commentators_named
from qa.lexicon import GROUP_NOUNS
from qa.organisations import named_as_organisation, org_full_forms, organisation_before

# "it" as a subject: the organisation subject of the nearest sentence before that has one.

def test_it_is_the_narrated_company_not_the_newspaper_that_reported():
    text = ("Dam\n\nThe builder is still at work on the dam, said the Daily Ravel. The Daily "
            "Ravel said the firm may pay a fine.\n\nThe Zentrix Dam Corp could now face a "
            "fine. Last week, it denied that its works broke the rules.\n")
    assert _speaker_of(text, "works broke the rules") == "Zentrix Dam Corp"


def test_it_is_the_company_of_the_paragraph_not_one_named_a_paragraph_before():
    text = ("Gadgets\n\nBrill said the player was its best yet. Brill also announced that it "
            "would open its software.\n\nZentrix made some announcements at the show. It has "
            "agreed a deal with a video firm. It also said it had launched a music service.\n\n"
            "\"We are very bullish,\" Zentrix's Tom Hale told reporters.\n")
    assert _speaker_of(text, "launched a music service") == "Zentrix"


def test_a_narrated_subject_not_written_as_an_organisation_does_not_take_it():
    text = ("Sales\n\nZentrix Group said sales rose. Europe was its biggest market. It also "
            "said costs fell.\n")
    assert _speaker_of(text, "costs fell") == "Zentrix Group"


def test_named_as_organisation_needs_organisation_evidence():
    text = "Shares in media giant Brill rose. A Ravel spokesman said so. Europe grew."
    assert named_as_organisation("Zentrix Corp", text)
    assert named_as_organisation("Marlow Bank", text)
    assert named_as_organisation("Brill", text)
    assert named_as_organisation("Ravel", text)
    assert not named_as_organisation("Europe", text)


def test_an_appositive_naming_the_organisation_is_the_subject():
    text = ("Rates\n\nThe ONS said output fell 0.1% in November. Manufacturers' organisation, "
            "the ZMF, said it expected rates to hold. It also said confidence may be "
            "waning.\n")
    assert _speaker_of(text, "expected rates to hold") == "ZMF"
    assert _speaker_of(text, "confidence may be waning") == "ZMF"


def test_a_descriptive_appositive_is_still_skipped():
    text = "Talks\n\nTom Hale, the Labour MP, said taxes would rise.\n"
    assert _speaker_of(text, "taxes would rise") == "Tom Hale"


# A number, year or date is never a speaker; "the report" is its named author's.

def test_a_year_is_never_an_organisation():
    assert organisation_before("By 2030", 0) is None
    assert organisation_before("In 10,000", 0) is None
    assert organisation_before("The Zentrix 500 Group", 0) is not None


def test_a_study_after_an_inverted_cue_speaks_for_the_author_named_next():
    text = ("Homes\n\nBy 2030, half of all homes will have solar panels, says a study.\n\n"
            "Around 9 million homes will use heat pumps, predicts the report by energy firm "
            "Zentrix. The study calls on ministers to act. Those without will fall behind, "
            "the report suggests. More tasks will move online, it predicts.\n\n\"It is hard,\" "
            "said Tom Hale, director at Zentrix. Costs will fall, the report forecasts.\n")
    for words in ("solar panels", "heat pumps", "ministers to act", "fall behind",
                  "move online", "Costs will fall"):
        assert _speaker_of(text, words) == "Zentrix", words


def test_a_study_with_no_author_named_is_nobodys():
    text = "Homes\n\nBy 2030, half of all homes will have solar panels, says a study.\n"
    assert _speaker_of(text, "solar panels") in (None, "")


# "they": the commentators of the sentences before, over an organisation further back.

def test_they_are_the_analysts_of_the_sentences_before():
    text = ("Sales\n\nThe ONS said sales rose. Data from the Ravel Consortium showed a slip.\n\n"
            "The data confounded analyst expectations. Many had expected sales to fall. But "
            "discounts may be behind the rise, they say.\n")
    assert _speaker_of(text, "discounts may be behind") == "analysts"


def test_they_is_the_organisation_when_no_commentators_were_named():
    text = ("Sales\n\nRecent data from the Ravel Consortium showed a slip in sales in "
            "November.\n\nShoppers stayed at home. However, attempts to draw in the crowds "
            "may be behind the rise in sales, they say.\n")
    assert _speaker_of(text, "draw in the crowds") == "Ravel Consortium"


def test_commentators_named_reads_plural_and_modifier_forms():
    text = "It confounded analyst expectations. Economists were split. Shoppers spent."
    assert commentators_named(text, 0, 36) == "analysts"
    assert commentators_named(text, 0, len(text)) == "economists"
    assert commentators_named("Shoppers spent more.", 0, 20) is None
    assert commentators_named("one analyst said", 0, 16) is None


def test_commentators_are_group_nouns():
    from qa.group_voices import COMMENTATORS
    assert COMMENTATORS <= GROUP_NOUNS


# "the companies": the joint speaker, or exactly two organisations that spoke.

def test_the_companies_are_the_joint_speaker():
    text = ("Merger\n\nZentrix and Brill Labs said savings of $2bn drove the deal. The takeover "
            "needs approval. The companies said they expected to complete it in 2006.\n")
    assert _speaker_of(text, "complete it in 2006") == "Zentrix and Brill Labs"


def test_the_two_firms_are_the_two_that_spoke():
    text = ("Talks\n\nBrill Corp said its sales fell. Zentrix Group said it was pleased. The two "
            "firms said they would talk again.\n")
    assert _speaker_of(text, "would talk again") in ("Brill Corp and Zentrix Group",
                                                      "Zentrix Group and Brill Corp")


def test_indefinite_companies_stay_an_unnamed_group():
    text = ("Costs\n\nZentrix and Brill Labs said costs rose. Companies said demand was weak. "
            "Many firms said wages rose.\n")
    assert _speaker_of(text, "demand was weak") == "companies"
    assert _speaker_of(text, "wages rose") == "firms"


def test_a_joint_speaker_is_no_full_form_of_either():
    orgs = {"Zentrix and Brill Labs", "Brill Labs"}
    assert org_full_forms(orgs, "", set(), {"Zentrix"}) == {}
    # a name with "&" of its own still stands for its shorter form
    assert org_full_forms({"Marlow & Hale", "Marlow"}, "", set())["Marlow"] == "Marlow & Hale"


def test_quotes_probe_is_used():
    assert _quotes("T\n\nZentrix Corp said sales rose.\n")


def test_they_is_not_commentators_named_before_a_person_spoke():
    text = ("Screens\n\n\"The logo is the way,\" said Tom Hale, analyst with Brill Research. "
            "\"It is late,\" said Eva Lind, director of the Zentrix Union. The display makers "
            "want us to buy big screens to get the full impact, they say.\n")
    assert _speaker_of(text, "buy big screens") != "analysts"


def test_the_firm_is_not_a_narrated_subject_that_never_spoke():
    text = ("Cars\n\nA slump at luxury car maker Ravel has hit profits at parent Zentrix.\n\n"
            "Ravel faces fierce competition. Ravel is hoping to cut costs. The firm said it "
            "was determined to keep its position.\n")
    assert _speaker_of(text, "determined to keep its position") != "Ravel"
