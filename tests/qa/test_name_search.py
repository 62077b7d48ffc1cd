"""Name searches without a compiled pattern per name, or started where a match may begin, give
what the full searches gave: the mention search (`qa.names.whole_word_spans`), the
sentence-opening surname test (`qa.candidate_filters.opens_sentence_alone`) and the appositive
before a name (`qa.name_candidates._appositive_before`), on invented texts with the characters
their patterns read (word characters, hyphens, sentence marks, quotes, commas, whitespace)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.candidate_filters import opens_sentence_alone
from qa.name_candidates import _APPOSITIVE_BEFORE_RE, _appositive_before
from qa.names import whole_word_spans

_ALPHABET = "abAB_-1é .,!?\"”’'\n\t\u00a0"
texts = st.text(alphabet=_ALPHABET, max_size=60)
words = st.text(alphabet="abAB-é.", min_size=0, max_size=3)


def _old_spans(text: str, form: str, start: int, end: int) -> list[tuple[int, int]]:
    pat = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")
    return [m.span() for m in pat.finditer(text, start, end)]


def _old_opens(text: str, word: str, start: int, end: int) -> bool:
    pat = re.compile(rf"(?:^|[.!?][\"”’']?\s+){re.escape(word)}(?:,[^,]{{1,90}},)?\s+[a-z]")
    return pat.search(text, start, end) is not None


@settings(max_examples=600)
@given(texts, words, st.integers(0, 60), st.integers(0, 60))
def test_whole_word_spans_as_the_pattern(text: str, form: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert whole_word_spans(text, form, start, end) == _old_spans(text, form, start, end)


@settings(max_examples=600)
@given(texts, words, st.integers(0, 60), st.integers(0, 60))
def test_opens_sentence_alone_as_the_pattern(text: str, word: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert opens_sentence_alone(text, word, start, end) == _old_opens(text, word, start, end)


def test_examples() -> None:
    text = 'He left. "Marek was late. Marek-Ray said. XMarek is. Marek, 42, was.'
    last = text.index("Marek, 42")
    assert whole_word_spans(text, "Marek", 0, len(text)) == [(10, 15), (last, last + 5)]
    assert opens_sentence_alone(text, "Marek", 0, len(text))
    assert opens_sentence_alone(text, "Marek", 40, len(text))
    assert not opens_sentence_alone(text, "Marek", 9, 25)  # the mark is outside the range
    assert not opens_sentence_alone("Ms Marek said", "Marek", 0, 13)


_APPOSITIVE_TEXT = st.text(alphabet="ab ,.;\n\t(“", max_size=260)


@settings(max_examples=600)
@given(_APPOSITIVE_TEXT)
def test_appositive_before_as_a_full_search(before: str) -> None:
    got = _appositive_before(before)
    want = _APPOSITIVE_BEFORE_RE.search(before)
    assert (got and (got.span(), got.group(1))) == (want and (want.span(), want.group(1)))


def test_appositive_before_long_phrase() -> None:
    before = "x" * 150 + ",  "
    got = _appositive_before(before)
    assert got is not None and got.group(1) == "x" * 100
