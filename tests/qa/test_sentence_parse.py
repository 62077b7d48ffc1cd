"""The dependency-parse layer of attribution (qa/sentence_parse.py, qa/parser_model.py) on
invented sentences: the questions it answers (subject of the main clause, object, name inside
an apposition or a prepositional phrase, cue subject, clause verb), "not clear" when a span is
no subtree, and token offsets that always slice the text (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.parser_model import SentenceParser, parse_span
from qa.sentence_parse import (
    ParsedSentence,
    ParsedToken,
    cue_subject,
    grammatical_role,
    is_clause_verb,
    main_clause_subjects,
    object_verb_subject,
    span_head,
)


def _at(text: str, words: str) -> tuple[int, int]:
    i = text.index(words)
    return i, i + len(words)


def _parse(text: str) -> ParsedSentence:
    return parse_span(text, 0, len(text))


def test_subject_and_object_of_one_verb():
    text = "Ms Grant accused the shadow minister Tom Reed of plotting cuts."
    p = _parse(text)
    assert grammatical_role(p, *_at(text, "Grant")) == "main_subject"
    assert grammatical_role(p, *_at(text, "Tom Reed")) == "object"
    subj = object_verb_subject(p, *_at(text, "Tom Reed"))
    assert subj is not None and text[subj.start : subj.end] == "Grant"


def test_a_name_inside_an_apposition_is_not_the_cue_subject():
    text = "Marc Dupont, an executive at Zentrix, said the offer was too low."
    p = _parse(text)
    subj = cue_subject(p, *_at(text, "said"))
    assert subj is not None and text[subj.start : subj.end] == "Dupont"
    assert grammatical_role(p, *_at(text, "Zentrix")) == "oblique"
    assert grammatical_role(p, *_at(text, "Marc Dupont")) == "main_subject"


def test_an_apposition_takes_the_role_of_its_phrase():
    text = "The minister, Tom Reed, rejected the plan."
    p = _parse(text)
    assert grammatical_role(p, *_at(text, "Tom Reed")) == "main_subject"
    assert [text[t.start : t.end] for t in main_clause_subjects(p)] == ["minister"]


def test_a_subordinate_subject_is_no_main_subject():
    text = "After Eva Lind resigned, Tom Hale took over the company."
    p = _parse(text)
    assert grammatical_role(p, *_at(text, "Eva Lind")) == "subject"
    assert grammatical_role(p, *_at(text, "Tom Hale")) == "main_subject"


def test_a_speech_word_used_as_a_noun_is_no_clause_verb():
    text = "The claims were rejected by the board."
    assert is_clause_verb(_parse(text), *_at(text, "claims")) is False
    text2 = "Tom Hale claims the board was wrong."
    assert is_clause_verb(_parse(text2), *_at(text2, "claims")) is True


def test_a_span_that_is_no_subtree_is_not_clear():
    text = "Ms Grant accused the shadow minister Tom Reed of plotting cuts."
    p = _parse(text)
    # "minister Tom": two words that both hang on "Reed", outside the span: no single head
    assert span_head(p, *_at(text, "minister Tom")) is None
    assert grammatical_role(p, *_at(text, "minister Tom")) is None
    assert grammatical_role(p, 0, 0) is None  # no token


def test_hand_built_parse_answers_without_a_model():
    # "Eva thanked Tom ." built by hand: the pure functions need no parser
    toks = (ParsedToken(i=0, start=0, end=3, dep="nsubj", head=1, tag=""),
            ParsedToken(i=1, start=4, end=11, dep="ROOT", head=1, tag=""),
            ParsedToken(i=2, start=12, end=15, dep="dobj", head=1, tag=""),
            ParsedToken(i=3, start=15, end=16, dep="punct", head=1, tag=""))
    p = ParsedSentence(start=0, end=16, tokens=toks)
    assert grammatical_role(p, 0, 3) == "main_subject"
    assert grammatical_role(p, 12, 15) == "object"
    assert grammatical_role(p, 15, 16) is None  # punctuation: not clear
    assert is_clause_verb(p, 4, 11) is True


def test_the_document_parser_parses_each_sentence_once():
    text = "Tom Hale spoke. Eva Lind replied."
    parser = SentenceParser(text)
    a = parser.parse(0, 15)
    b = parser.parse(0, 15)
    parser.parse(16, len(text))
    assert a is b and parser.parsed == 2 and parser.words == 8


_WORDS = st.sampled_from(["Tom", "Hale", "said", "the", "minister", ",", "Eva", "Lind's",
                          "plan", "was", "\"wrong\"", "and", "accused", "him", "—", "of",
                          "cuts.", "Mr", "(Zentrix)", "it", "€5m", "\t", "  "])


@settings(max_examples=40, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=14), st.text(max_size=6))
def test_token_offsets_always_slice_the_text(words, pad):
    body = " ".join(words)
    text = pad + body + pad
    start, end = len(pad), len(pad) + len(body)
    p = parse_span(text, start, end)
    for k, t in enumerate(p.tokens):
        assert start <= t.start < t.end <= end
        assert not text[t.start : t.end].isspace()
        assert t.i == k and 0 <= t.head < len(p.tokens)
    assert [t.start for t in p.tokens] == sorted(t.start for t in p.tokens)
