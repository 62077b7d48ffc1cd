"""Reported speech is its verb's subject's, never a name inside what the verb reports
(qa/complement_mentions.py), on invented sentences: a pronoun or role subject is not the
person its own reported clause names; a role's holder is not a name of the role's own
sentence; a name after "that" or after a comma that follows the cue is no inverted subject;
a cue form used as a noun has no speaker; an inverted cue's subject is not a word of the
clause before it. The pure functions are tested on their own too."""

from __future__ import annotations

from attribution_probe import quotes_of, speaker_of  # tests/qa/attribution_probe.py

from qa.complement_mentions import after_clause_boundary, cue_used_as_noun, named_in_complement
from qa.document_people import Mention


def test_a_role_subject_is_not_the_person_its_clause_names():
    text = ("Row\n\nTom Vessey has criticised the reforms at length.\n\nEva Marsh, of the "
            "Zentrian teachers' union, spoke of \"chaos\" in schools. But the minister said "
            "Ms Marsh was never at the talks so could not judge.\n")
    assert speaker_of(text, "was never at the talks") != "Eva Marsh"


def test_a_pronoun_subject_is_not_the_person_its_clause_names():
    text = ("Row\n\nEva Marsh, of the Zentrian teachers' union, spoke of \"chaos\" in the "
            "schools. He said Ms Marsh had never attended the talks.\n")
    assert speaker_of(text, "had never attended") != "Eva Marsh"


def test_a_pronoun_that_names_someone_else_keeps_its_antecedent():
    # control: the clause names another person, the pronoun's antecedent stands
    text = ("Row\n\nTom Vessey attacked the union on Monday. He said Eva Marsh had never "
            "attended the talks.\n")
    assert speaker_of(text, "had never attended") == "Tom Vessey"


def test_a_role_holder_is_not_named_inside_the_roles_own_sentence():
    text = ("Campaign row\n\nThe Conservatives' campaign director has denied a report "
            "claiming he warned Mr Vessey the party could not win the election.\n\nThe Daily "
            "Courier on Monday said Ian Pollard told the party leader to aim lower. But Mr "
            "Pollard said in a statement: \"I never had any such talk.\"\n")
    assert "Vessey" not in (speaker_of(text, "has denied a report") or "")


def test_a_name_after_that_is_no_inverted_subject():
    text = ("Bid\n\nThe offer for Koralis is made up of cash and shares, and a number of "
            "investors have said that it undervalues Koralis.\n")
    assert speaker_of(text, "undervalues") != "Koralis"


def test_a_name_after_a_comma_following_according_to_is_no_source():
    text = ("Growth\n\nThe Zentrian Commission published its review of broadband on Monday. "
            "Among the slowest, according to the review, are Ruritania and Freedonia.\n")
    assert speaker_of(text, "Among the slowest") != "Ruritania and Freedonia"


def test_according_to_a_named_source_still_speaks():
    text = ("Growth\n\nBroadband use will double by 2010, according to Telcoreg. The "
            "regulator published its figures on Monday.\n")
    assert speaker_of(text, "will double") == "Telcoreg"


def test_a_cue_form_used_as_a_noun_has_no_speaker():
    text = ("Tax\n\nMr Tom Vessey derided Zentrian claims they could cut £5bn of waste, "
            "saying the party had its sums wrong.\n")
    assert speaker_of(text, "could cut") != "Zentrian"


def test_a_date_opening_the_clause_of_an_inverted_cue_is_no_speaker():
    text = ("Net\n\nBy 2030, 40% of the Ruritanian population will still be without "
            "internet access at home, says a study. The study calls on the government to "
            "act.\n")
    speakers = {sp for sp, _ in quotes_of(text)}
    assert "2030" not in speakers


def test_an_organisation_before_its_cue_still_speaks():
    text = ("Jobs\n\nZentrix said it would cut 200 jobs at its plant in the north.\n")
    assert speaker_of(text, "cut 200 jobs") == "Zentrix"


def test_after_clause_boundary_shapes():
    t = "said that it undervalues Koralis."
    assert after_clause_boundary(t, 4, t.index("Koralis"))
    t = "according to the review, are Ruritania and Freedonia."
    assert after_clause_boundary(t, 12, t.index("Ruritania"))
    t = "according to industry watchdog Telcoreg."
    assert not after_clause_boundary(t, 12, t.index("Telcoreg"))
    t = "said the Zentrix spokesman."
    assert not after_clause_boundary(t, 4, t.index("Zentrix"))


def test_named_in_complement_reads_only_after_the_cue_and_skips_possessors():
    t = "But the minister said Ms Marsh was never there. Ms Marsh's union replied."
    cue_end = t.index("said") + 4
    end = t.index(".") + 1
    m1 = Mention(name="Eva Marsh", start=t.index("Ms Marsh"), end=t.index("Ms Marsh") + 8)
    assert named_in_complement(t, [m1], cue_end, end, "Eva Marsh")
    assert not named_in_complement(t, [m1], cue_end, end, "Tom Vessey")
    t2 = "He said Ms Marsh's union was wrong."
    m2 = Mention(name="Eva Marsh", start=8, end=16)
    assert not named_in_complement(t2, [m2], 7, len(t2), "Eva Marsh")


def test_cue_used_as_noun_by_form():
    t = "Mr Vessey derided Zentrian claims they could cut waste."
    cs = t.index("claims")
    assert cue_used_as_noun(t, cs, cs + 6)
    t = "Mr Vessey rejected the claims outright."
    cs = t.index("claims")
    assert cue_used_as_noun(t, cs, cs + 6)
    t = "The Zentrian party claims it could cut waste."
    cs = t.index("claims")
    assert not cue_used_as_noun(t, cs, cs + 6)
    t = "Zentrix said it would cut jobs."
    assert not cue_used_as_noun(t, 8, 12)


def test_a_name_after_an_indefinite_article_is_no_coreference():
    # "a new Tom Vessey" names a kind of person: the pronoun may still be Tom Vessey
    text = ("Budget\n\nChancellor Tom Vessey flew to Kenya on Monday. Mr Vessey met "
            "teachers and pupils there. But he also believes it is time for the world to see "
            "a new Tom Vessey.\n")
    assert speaker_of(text, "a new Tom Vessey") == "Tom Vessey"
    told = text.replace("But he also believes it is time for the world to see a new Tom "
                        "Vessey", "He said Tom Vessey was tired")
    assert speaker_of(told, "was tired") is None  # the same shape with a referring name


def test_an_inverted_document_subject_after_the_cue_still_speaks():
    text = ("TV\n\nA report by Zentrix Research looked at viewing in Europe. The threat to TV "
            "was greatest where broadband was growing, in particular Ruritania, said the "
            "report.\n")
    assert speaker_of(text, "threat to TV") == "Zentrix Research"


def test_a_name_after_a_comma_is_outside_the_reported_clause():
    text = ("Cup\n\nTom Bellow has left the club. Bellow was fined after a TV interview in "
            "which he accused Ian Souter of lying, following a dispute about what position "
            "Bellow should play.\n")
    assert "Bellow" in (speaker_of(text, "accused Ian Souter") or "")  # not removed for
    # the name after the comma
