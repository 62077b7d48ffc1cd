"""Rules for organisations referred to without their name (issue 11, fourth round), each on an
invented sentence: "the company" / "the report" past a person who spoke since, institutions
speaking as themselves, and the shapes that must not become statements on the way."""

from __future__ import annotations

from attribution_probe import quotes_of as _quotes  # tests/qa/attribution_probe.py
from attribution_probe import speaker_of as _speaker_of


def test_the_company_is_the_organisation_even_after_a_person_spoke():
    text = ("Prices\n\nZentrix Group says it will cut its prices in March. Tom Hale, an analyst at "
            "Brill Partners, said the cut was overdue.\n\nThe company says its margins will "
            "hold.\n")
    assert _speaker_of(text, "margins will hold") == "Zentrix Group"


def test_the_report_is_the_last_organisation_that_spoke_through_one():
    text = ("Music\n\nThe study by researchers Marlow Trust suggests that fans pay for songs. "
            "\"We looked at small bands,\" Ms Ana Ruiz told reporters.\n\nThe survey found "
            "that most bands sell online.\n")
    assert _speaker_of(text, "most bands sell online") == "Marlow Trust"


def test_the_report_is_nobody_known_when_no_organisation_spoke_through_one():
    text = ("Votes\n\nZentrix said voting should be easier. Tom Hale said that the plan was "
            "late.\n\nThe report said that fines should be considered.\n")
    assert _speaker_of(text, "fines should be considered") != "Zentrix"


def test_institutions_speak_as_themselves():
    text = ("Growth\n\nGross output rose by 1.7% last year, the statistical office said.\n\n"
            "Zentrix has assured miners that it respects contracts. However, the government "
            "insisted that it needed new jobs.\n")
    assert _speaker_of(text, "rose by 1.7%") == "statistical office"
    assert _speaker_of(text, "needed new jobs") == "government"


def test_the_ministry_after_a_ministry_spoke_is_that_ministry():
    text = ("Talks\n\nThe Foreign Ministry said the talks would go on. Later the ministry said "
            "that no date was set.\n")
    assert _speaker_of(text, "no date was set") == "Foreign Ministry"


def test_an_institution_after_a_cue_that_opens_the_clause_is_not_the_speaker():
    text = ("Fines\n\nTom Hale spoke at length. The report said the government should "
            "consider fines.\n")
    assert _speaker_of(text, "consider fines") != "government"


def test_an_unnamed_speaker_after_a_quotation_is_not_the_previous_one():
    text = ("Music\n\nZentrix found that most artists like the web. \"Free downloads hurt "
            "new bands,\" said one musician quoted by the study. \"It is hard to go on.\"\n")
    assert _speaker_of(text, "hurt new bands") != "Zentrix"
    assert _speaker_of(text, "hard to go on") != "Zentrix"


def test_a_fronted_while_clause_holds_no_statement():
    text = ("Schools\n\nEva Lind said the council was short of money. But while the report "
            "revealed deep cuts, there were signs of hope, she added.\n\nSales rose 5% while "
            "Zentrix said demand had fallen.\n")
    assert _speaker_of(text, "signs of hope") == "Eva Lind"
    assert _speaker_of(text, "demand had fallen") == "Zentrix"


def test_words_before_a_quantifier_are_no_part_of_a_group():
    text = ("Fines\n\nThe panel said fines would help, but accepted many experts said it would "
            "be costly.\n")
    assert "accepted many experts" not in {sp for sp, _ in _quotes(text)}


def test_a_cue_with_only_a_time_after_it_reports_nothing():
    text = ("Output\n\nThe output figure was ahead of the 3.1% the government estimated a "
            "month ago. Prices rose 2%, the statistical office said.\n")
    assert _speaker_of(text, "ahead of the 3.1%") is None
    assert _speaker_of(text, "Prices rose 2%") == "statistical office"


def test_according_to_a_document_is_its_source():
    text = ("Browsers\n\nAccording to market statistics gathered by Webtally, the share is 5%. "
            "Ana Ruiz made 5m euros last year, according to a table drawn up by France's Le "
            "Matin newspaper. Dan Orr has signed a film deal, according to Reel trade "
            "magazine. According to figures gathered by industry watchdog, Telcoreg, the UK "
            "leads.\n")
    assert _speaker_of(text, "the share is 5%") == "Webtally"
    assert _speaker_of(text, "made 5m euros") == "Le Matin"
    assert _speaker_of(text, "signed a film deal") == "Reel"
    assert _speaker_of(text, "the UK leads") == "Telcoreg"


def test_an_organisation_that_is_a_narrated_subject_is_it_and_they_after_it():
    text = ("Ads\n\nTom Hale, 50, said the ads must stop. The ZPI is equally quick to condemn "
            "brands. \"Networks like these facilitate theft,\" it said in a statement.\n\n"
            "Residents opposed the runway. Opponents said it would ruin the valley. ZAA are "
            "also owners of two airports. They have said they cannot raise the money.\n")
    assert _speaker_of(text, "facilitate theft") == "ZPI"
    assert _speaker_of(text, "cannot raise the money") == "ZAA"


def test_the_company_as_a_narrated_subject_keeps_the_organisation_salient():
    text = ("Piracy\n\nZentrix Group says it will restrict updates. \"It is good news,\" Tom "
            "Hale, 44, said.\n\nThe company is trying to tackle threats. Piracy has cost the "
            "company billions, it says.\n")
    assert _speaker_of(text, "cost the company billions") == "Zentrix Group"


def test_a_time_after_the_cue_still_reports_an_inverted_clause():
    text = ("Prices\n\nHouse prices fell further in November as rates rose, the Zentrix "
            "Institute of Surveyors found.\n\nThe loss was bigger than the 3% the government "
            "estimated a month ago.\n")
    assert _speaker_of(text, "House prices fell") == "Zentrix Institute of Surveyors"
    assert _speaker_of(text, "bigger than the 3%") is None


def test_a_report_speaks_for_its_author_and_the_report_is_it_later():
    text = ("Votes\n\nA report by two MPs committees called on Thursday for changes to the "
            "register. In reply, the government said it would invite observers.\n\nJunior "
            "minister Tom Hale said: \"We expect to invite them again.\"\n\nThursday's report "
            "was drawn up by two committees. It said that fraud was a risk. The report said "
            "fines should be considered.\n")
    assert _speaker_of(text, "changes to the register") == "two MPs committees"
    assert _speaker_of(text, "fraud was a risk") == "two MPs committees"
    assert _speaker_of(text, "fines should be considered") == "two MPs committees"
    assert _speaker_of(text, "invite observers") == "government"


def test_a_report_by_a_described_organisation_names_no_author():
    text = ("Dome\n\nThe sale failed due to errors, a report by the government's finance "
            "watchdog says.\n")
    assert _speaker_of(text, "sale failed") != "government's finance watchdog"


def test_announcements_with_a_time_before_the_clause_and_reports_that():
    text = ("Tools\n\nZentrix Group says piracy is rising. The company announced earlier in "
            "January that it was releasing new tools.\n\nBrill Telecom reports that more people "
            "signed up than ever.\n\nBut numerous speakers warned that games would cost "
            "more.\n")
    assert _speaker_of(text, "releasing new tools") == "Zentrix Group"
    assert _speaker_of(text, "more people signed up") == "Brill Telecom"
    assert _speaker_of(text, "games would cost more") == "speakers"


def test_a_report_in_the_lead_is_its_author_named_just_after():
    text = ("Dome\n\nThe first sale failed due to errors, a report says.\n\nThe Zentrix Audit "
            "Office said the sale cost £28m.\n")
    assert _speaker_of(text, "first sale failed") == "Zentrix Audit Office"


def test_a_report_whose_author_is_never_named_is_nobodys():
    text = ("Dome\n\nThe first sale failed due to errors, a report says.\n\nThe site was sold "
            "in the end. Tom Hale, 60, bought it. Later, the Zentrix Audit Office said the "
            "sale cost £28m.\n")
    assert _speaker_of(text, "first sale failed") is None


def test_an_appositive_between_dashes_bridges_subject_and_cue():
    text = ("Land\n\nBut the government - the largest land owner - say they are proceeding "
            "with care.\n")
    assert _speaker_of(text, "proceeding with care") == "government"


def test_a_report_by_the_firm_is_the_firm_that_spoke():
    text = ("Files\n\nZentrix Group said it sells software to banks. Up to 75% of documents "
            "held secrets, a survey by the firm revealed.\n")
    assert _speaker_of(text, "held secrets") == "Zentrix Group"


def test_the_report_before_its_author_is_named_waits_for_the_author():
    text = ("Dome\n\nThe first sale failed due to errors, a report says.\n\nThe report said "
            "too many parties were involved. The Zentrix Audit Office said the sale cost "
            "£28m.\n")
    assert _speaker_of(text, "too many parties") == "Zentrix Audit Office"
