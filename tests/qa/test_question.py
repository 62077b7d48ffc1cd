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
    ],
)
def test_other_kinds(text: str, kind: str):
    q = analyze(text)
    assert q.kind == kind and q.speaker is None
