"""A description or a possessive at a quotation's cue, and what follows it (issue 11, round 4):
each rule on invented sentences. A description after a sentence about someone the people table
did not list is that person's, so nobody known; "his agent", "her mother" is someone unnamed,
neither the person "his" means nor the speaker before, and the quotation after them is not the
speaker before's either."""

from __future__ import annotations

from attribution_probe import quotes_of, speaker_of  # tests/qa/attribution_probe.py

from qa.cue_descriptions import related_unnamed

_COACH = 'Match\n\nCoach Peter Dore said: "We were very good today and I am pleased." '
_DEAL = 'Deal\n\nPeter Dore said: "We are talking to the club about it." '


def test_a_description_after_an_unlisted_person_is_not_the_one_named_before():
    text = (_COACH + 'Tom Reed made his debut. "It was a great night for all of us," said the '
            'youngster. "Playing here is a dream."\n')
    assert speaker_of(text, "great night") is None
    assert speaker_of(text, "Playing here") is None  # the continuation: not the coach's
    assert speaker_of(text, "very good today") == "Peter Dore"


def test_a_narrated_description_after_an_unlisted_person_is_nobody_known():
    text = ("Match\n\nCoach Peter Dore was pleased. Tom Reed scored twice. The 28-year-old "
            "said it was a great night for all of them.\n")
    assert speaker_of(text, "great night") is None


def test_a_description_still_reads_back_to_the_listed_person_before_it():
    text = (_COACH + 'Tom Reed, 19, made his debut. "It was a great night for all of us," the '
            'youngster said. "Playing here is a dream."\n')
    assert speaker_of(text, "great night") == "Tom Reed"
    assert speaker_of(text, "Playing here") == "Tom Reed"


def test_his_agent_before_a_quotation_is_someone_unnamed():
    text = _DEAL + 'His agent told the Times: "The deal is off and that is final." "We left."\n'
    assert speaker_of(text, "deal is off") is None
    assert speaker_of(text, "We left") is None


def test_his_agent_after_a_quotation_is_someone_unnamed():
    for cue in ("his agent told the Times", "said his agent", "her mother said"):
        text = _DEAL + f'"The deal is off and that is final," {cue}. "We left."\n'
        assert speaker_of(text, "deal is off") is None, cue
        assert speaker_of(text, "We left") is None, cue


def test_the_quotation_after_a_report_by_his_agent_is_not_the_speaker_before():
    for subject in ("His agent", "Dore's agent", "But his long-time agent"):
        text = _DEAL + f'{subject} told the Times the deal was off. "We walked away."\n'
        assert speaker_of(text, "walked away") is None, subject


def test_his_agent_named_in_an_appositive_speaks_by_name():
    text = _DEAL + 'His agent, Tom Reed, told the Times the deal was off. "We walked away."\n'
    assert speaker_of(text, "walked away") == "Tom Reed"


def test_related_unnamed_shapes():
    def at(s: str) -> int | None:
        return related_unnamed(s, 0, s.index(" said") + 1 if " said" in s else len(s))

    assert at("His agent said") == 0
    assert at("But her elder sister has said") == 4
    assert at('," their lawyer, 52, said') == 3
    assert at("His agent, Tom Reed, said") is None  # named
    assert at("His statement said") is None  # a text: its author's words
    assert at("Her lawyers said") is None  # a group: a group speaker, as before
    assert at("His side would say") is None  # no cue right after it
    assert at("Peter Dore said") is None


def test_a_statement_after_the_description_is_kept():
    text = ('Film\n\nMr Hale praised his co-star. "He was a joy to work with every day," '
            'said the director behind the film. He added the film "was very hard to make".\n')
    got = dict((t[:10], sp) for sp, t in quotes_of(text))
    assert got.get("He was a j") == "Hale"
    assert got.get("He added t") == "Hale"


def test_a_description_then_a_titled_name_after_the_cue_is_that_name():
    for after in ("the committee chairman, MP Edward Leigh", "the chairman, Edward Leigh"):
        text = ("Report\n\nThe MPs said the office needed more power. \"Our aim is not to "
                f"rewrite the plot but to ensure scrutiny,\" said {after}. \"The spending is "
                "not scrutinised.\"\n")
        assert speaker_of(text, "Our aim") == "Edward Leigh", after
        assert speaker_of(text, "spending") == "Edward Leigh", after  # and the continuation


def test_a_possessive_after_a_cue_opening_the_reported_clause_is_no_subject():
    text = ("Case\n\nThe game was blamed by the parents of Tom Reed, 14. His mother, Eva, said "
            "her son's killer, Ian Dore, 17, had copied the game.\n")
    assert speaker_of(text, "copied the game") is not None  # Eva ("her son's killer": the clause)


def test_a_role_of_an_organisation_before_an_uncued_quotation_is_still_followed():
    text = ('Bill\n\nThe Zentrix Society\'s Tom Reed said the change was "long overdue". The '
            "reform group's general secretary told BBC Radio there were some old rules.\n\n"
            '"We hope they are warm towards it and do not say this is the wrong time."\n')
    assert speaker_of(text, "We hope") == "Tom Reed"

