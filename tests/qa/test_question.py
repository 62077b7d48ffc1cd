"""Question analysis: kinds, speakers as typed, topics."""

from __future__ import annotations

import pytest

from qa.question import analyze


@pytest.mark.parametrize(
    "text, speaker, topic",
    [
        ("what did Grushko say?", "Grushko", None),
        ("What did Lavrov say about the American answer?", "Lavrov", "the American answer"),
        ("how did lavrov react to the US reply", "lavrov", "the US reply"),
        ("What does Jens Stoltenberg think of the proposals?", "Jens Stoltenberg", "the proposals"),
        ("Mendes's comments on the harbour", "Mendes", "the harbour"),
        ("stoltenbergs comments", "stoltenberg", None),
        ("what did blinkin say", "blinkin", None),
        ("What did the NATO chief say about de-escalation?", "the NATO chief", "de-escalation"),
        ("quotes from Hewitt about maternity pay", "Hewitt", "maternity pay"),
        ("What has Ms Okafor said on fares?", "Ms Okafor", "fares"),
        ("What did Blair mean by reform?", "Blair", "by reform"),
        ("What did Philip Don say?", "Philip Don", None),
        ("what did kelly holmes say", "kelly holmes", None),
    ],
)
def test_speaker_questions(text: str, speaker: str, topic: str | None):
    q = analyze(text)
    assert (q.kind, q.speaker, q.topic) == ("speaker", speaker, topic)


def test_who_said():
    q = analyze("who said the ball is in Russia's court?")
    assert (q.kind, q.speaker, q.topic) == ("who_said", None, "the ball is in Russia's court")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Who is the US ambassador to Russia?", "factoid"),
        ("What does the letter say?", "factoid"),
        ("How many troops are at the border?", "factoid"),
        ("nato expansion eastern europe", "free"),
        # what a word means or a thing was meant for, not what someone said
        ("What does Warszawa mean?", "factoid"),
        ("What was the Marburg Colloquy meant to establish?", "factoid"),
        # the phrase before the verb cannot name a speaker
        ("What is the minimum required if you want to teach in Canada?", "factoid"),
        ("Who did the churches claim had suggested expulsion?", "factoid"),
        ("What kind of memory was Tesla thought to have?", "factoid"),
        ("What is the general term used to describe the output?", "factoid"),
        ("What was the proposed solution to the tax issues?", "factoid"),
        ("What do some believe the treaty assisted in?", "factoid"),
    ],
)
def test_other_kinds(text: str, kind: str):
    q = analyze(text)
    assert q.kind == kind and q.speaker is None
