"""Who speaks a quotation that has no name at its cue, or continues one (issue 11, the
low-confidence statements of lowconf_judged_1..5 and held-out samples 8, 12), each rule on
invented sentences: a description at the cue, a subject between the quotation and its cue that
the people table does not know, "quoted X as saying", a lower-case role before a name at the
cue, and a person the people table did not list as the subject just before a quotation or
pronoun."""

from __future__ import annotations

from attribution_probe import quotes_of, speaker_of  # tests/qa/attribution_probe.py

from qa.document_people import Mention
from qa.unlisted_people import leads_sentence, unlisted_in, unlisted_surnames


def test_unlisted_surnames_are_full_names_outside_the_listed_mentions():
    text = ("Gareth Dwyer scored twice. Peter Hale was pleased. The Leeds Marathon was run. "
            "Dwyer said little.")
    hale = Mention(start=text.index("Peter Hale"), end=text.index("Peter Hale") + 10,
                   name="Peter Hale")
    found = unlisted_surnames(text, [hale], set())
    assert "Dwyer" in found and found["Dwyer"] == "m"
    assert "Hale" not in found  # listed
    assert "Marathon" not in found  # "Leeds" is no given name
    # a word the text writes in lower case is no given name ("Will", "Hope")
    assert unlisted_surnames("Will Dwyer said. He will go.", [], {"will"}) == {}


def test_unlisted_in_and_leads_sentence():
    text = "Matchwinner Dwyer was full of praise. Later the coach thanked Dwyer."
    at = unlisted_in(text, 0, 37, [], {"Dwyer": "m"})
    assert at == text.index("Dwyer")
    assert leads_sentence(text, 0, at)
    assert unlisted_in(text, 0, 37, [], {"Dwyer": "m"}, "f") is None  # "she" is not him
    later = text.index("Later")
    assert not leads_sentence(text, later, unlisted_in(text, later, len(text), [],
                                                       {"Dwyer": "m"}))


def test_description_at_the_cue_after_a_sentence_about_an_unlisted_person_is_not_the_last_speaker():
    text = ("Cup\n\nLeeds coach Peter Hale praised his side after the win over Derby.\n\n"
            "Gareth Dwyer scored twice in the first half. \"We were patient and it paid off,\" "
            "said Hale. Hale applauded the second goal. \"It was a fine finish.\" Matchwinner "
            "Dwyer was also full of praise for the defence. \"It was great work from the back "
            "four,\" said the Leeds striker.\n\n\"I just try to be in the right place.\"\n")
    assert speaker_of(text, "fine finish") == "Peter Hale"
    assert speaker_of(text, "back four") is None  # Dwyer's, whom the table does not list
    assert speaker_of(text, "right place") is None  # his quotation, continued


def test_description_at_the_cue_is_the_person_the_sentence_before_is_about():
    text = ("Relay\n\nTom Gardner, Dan Cobb and Mark Lewin have all been given awards. \"This "
            "reinforces what we did,\" said Lewin.\n\nGardner added: \"All of us had worked "
            "very hard for a long time.\" Cobb agreed the award capped a difficult year. \"I "
            "think the award is important because my family know my journey,\" said the "
            "Leeds-based athlete. \"I've not just stumbled upon this.\"\n")
    assert speaker_of(text, "my family know") == "Dan Cobb"
    assert speaker_of(text, "stumbled upon") == "Dan Cobb"


def test_a_subject_before_the_cue_the_table_does_not_know_is_not_the_last_speaker():
    text = ("Squad\n\nWales coach Tom Ruddle says Sam Pike is ready for the step up.\n\n"
            "\"Sam is a young man with a big future,\" said Ruddle. Ruddle's view was backed by "
            "Pike's club coach, Dewi Young.\n\n\"Sam has been on an upward curve all season,\" "
            "Young told BBC Radio Wales. \"His work-rate is excellent.\"\n")
    assert speaker_of(text, "big future") == "Tom Ruddle"
    assert speaker_of(text, "upward curve") is None
    assert speaker_of(text, "work-rate") is None  # the same unknown speaker, continued


def test_quoted_as_saying_names_the_speaker():
    text = ("Jobs\n\nZentrix has announced it is cutting 900 jobs after its takeover of Brill "
            "Labs. Correspondents say more cuts had been expected.\n\nThere was a sombre mood "
            "at the Brill Labs offices, reported a news agency. \"We're mourning the passing of "
            "a great company,\" the agency quoted Brill worker Tom Dale as saying.\n")
    assert speaker_of(text, "mourning the passing") == "Tom Dale"


def test_a_lower_case_role_before_the_name_at_the_cue_and_its_continued_quotation():
    text = ("Farms\n\nOfficials say farmland owned by Zentrix will be seized. Officials claim "
            "the firm has no valid papers for the land.\n\n\"The boundaries did not match the "
            "real boundaries,\" state prosecutor Ana Ruiz told the Daily Post. \"As a "
            "consequence the government has taken action.\"\n")
    assert speaker_of(text, "did not match") == "Ana Ruiz"
    assert speaker_of(text, "As a consequence") == "Ana Ruiz"


def test_a_pronoun_after_a_sentence_about_an_unlisted_person_is_not_a_listed_one_before():
    text = ("Open\n\nTop-seeded Americans Andy Pollard and Mark Lewin survived scares to reach "
            "the last eight.\n\nAnd world number three Pollard dropped a set to Korean player "
            "Kim Tae-ho before winning in three. Pollard broke a racket in the second set and "
            "was unhappy with his form. \"I'm not playing great,\" he said. \"But I'm "
            "through.\"\n")
    assert all(sp != "Kim Tae-ho" for sp, _ in quotes_of(text))


def test_a_pronoun_keeps_a_listed_subject_when_nobody_unlisted_comes_between():
    text = ("Open\n\nKorean player Kim Tae-ho reached the last eight in Leeds.\n\nKim broke a "
            "racket in the second set and was unhappy with his form. \"I'm not playing "
            "great,\" he said.\n")
    assert speaker_of(text, "not playing great") == "Kim Tae-ho"


def test_a_text_at_the_cue_is_nobody_known_not_the_last_speaker():
    text = ("Suit\n\nTom Dale, an analyst at Brill Labs, said sales had risen. \"It is a big "
            "market,\" said Dale.\n\nA customer, Ana Ruiz, has sued Zentrix. \"Zentrix has "
            "abused its monopoly in the market for music,\" the lawsuit said.\n")
    assert speaker_of(text, "big market") == "Tom Dale"
    assert speaker_of(text, "abused its monopoly") is None


def test_a_person_with_a_role_apposition_outranks_the_organisation_in_it():
    text = ("Search\n\nDesktop search is growing. JF Hale, spokesman for e-mail software firm "
            "Zentrix said many firms were starting to look at the tools. \"The key thing is "
            "being able to manage all this information,\" he said.\n")
    assert speaker_of(text, "starting to look") == "JF Hale"
    assert speaker_of(text, "manage all this") == "JF Hale"


def test_apposed_person_needs_a_role_head_and_a_person_shaped_name():
    from qa.role_appositions import apposed_person
    assert apposed_person("JF Hale, spokesman for software firm Zentrix ") == (0, "JF Hale")
    assert apposed_person("Eva Lind, chief executive of Brill Labs,") == (0, "Eva Lind")
    assert apposed_person("Brill Labs, maker of widgets for Zentrix ") is None  # no role head
    assert apposed_person("Zentrix Group, owner of Brill ") is None
    assert apposed_person("Tom Hale said ") is None
    # a clause set off by dashes is no short apposition
    assert apposed_person("Eva Lind, chief executive of Brill - a music service which sells "
                          "songs - ") is None


def test_leads_sentence_only_for_a_subject_after_capitalised_words():
    text = ("Despite liking Dan Dwyer's film, he left. Dwyer's book sold well. "
            "Matchwinner Dwyer won.")
    first = text.index("Dwyer")
    assert not leads_sentence(text, 0, first)  # after a lower-case verb: an object
    book = text.index("Dwyer's book")
    assert not leads_sentence(text, book, book)  # a possessor, not the subject
    seed = text.index("Matchwinner")
    assert leads_sentence(text, seed, text.index("Dwyer won"))


def test_a_description_naming_an_organisation_is_still_the_person_written_about():
    text = ("Deal\n\nTom Hale, the Leeds Rhinos chairman, backed the move. \"We would support "
            "him,\" he said.\n\nHale also said he understood the interest. \"It would be a great "
            "loss for us,\" said the Rhinos chief.\n")
    assert speaker_of(text, "great loss") == "Tom Hale"
