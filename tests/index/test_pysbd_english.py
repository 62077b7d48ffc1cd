"""`index.pysbd_english`: the abbreviation search that skips scans gives pysbd's own result, on
invented lines built from pysbd's abbreviations, words, marks, braces and non-ASCII letters that
ignoring case treats specially, and the segmenter gives pysbd's sentences on news."""

from __future__ import annotations

import re
from pathlib import Path

import pysbd
from hypothesis import given, settings
from hypothesis import strategies as st
from pysbd.lang.english import English

from index.chunking import _segmenter
from index.corpus import read_corpus
from index.pysbd_english import FastAbbreviationEnglish

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ABBREVIATIONS = sorted(English.Abbreviation.ABBREVIATIONS)
_PIECES = st.one_of(
    st.sampled_from(ABBREVIATIONS),
    st.sampled_from(ABBREVIATIONS).map(str.upper),
    st.sampled_from(ABBREVIATIONS).map(str.title),
    st.sampled_from(["Smith", "said", "could", "The", "in", "3", "a.m.", "U.S.", "{mr}", "{",
                     "\u212a", "\u017ft", "é", "∯", "İ", "(", ":", "-", "'s", "I"]),
    st.text(alphabet="abcAB .,?!{}\t\u00a0\u2028", max_size=4),
)
_SEPARATORS = st.sampled_from(["", " ", ". ", ".", "  ", "\t", ", ", "\u00a0", ". \n"])
lines = st.lists(st.tuples(_PIECES, _SEPARATORS), max_size=12).map(
    lambda parts: "".join(p + s for p, s in parts))


def _search(lang: type, text: str) -> str:
    return str(lang.AbbreviationReplacer(text, lang).search_for_abbreviations_in_string(text))


@settings(max_examples=800, deadline=None)
@given(lines)
def test_abbreviation_search_is_pysbds(text: str) -> None:
    assert _search(FastAbbreviationEnglish, text) == _search(English, text)


@settings(max_examples=300, deadline=None)
@given(lines)
def test_segments_are_pysbds(text: str) -> None:
    assert _segmenter().segment(text) == pysbd.Segmenter(language="en", clean=False).segment(text)


def test_braced_scan_needs_braces() -> None:
    # The skipped scan's pattern matches only after the abbreviation in literal braces.
    for abbr in ABBREVIATIONS:
        pattern = r"(?<={" + str(re.escape(abbr.strip())) + "} ).{1}"
        assert re.findall(pattern, f"x {{{abbr.strip()}}} Y") == ["Y"]
        assert re.findall(pattern, f"x {abbr.strip()} Y") == []


def test_segments_are_pysbds_on_news() -> None:
    for doc in read_corpus(SEEDS):
        assert _segmenter().segment(doc.text) == pysbd.Segmenter(
            language="en", clean=False).segment(doc.text)


_LIST_PIECES = st.one_of(
    _PIECES,
    st.sampled_from(["a.", "b.", "c.", "i.", "ii.", "iv.", "a)", "b)", "(c)", "(iv)", "1.", "2.",
                     "3.", "10.", "1)", "2)", "-1.", "⁃2.", "٣.", "x)", "\n", "\r"]),
)
list_texts = st.lists(st.tuples(_LIST_PIECES, _SEPARATORS), max_size=14).map(
    lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=800, deadline=None)
@given(list_texts)
def test_list_items_are_pysbds(text: str) -> None:
    from pysbd.lists_item_replacer import ListItemReplacer

    from index.pysbd_english import _ListItemReplacer

    assert _ListItemReplacer(text).add_line_break() == ListItemReplacer(text).add_line_break()
    assert _segmenter().segment(text) == pysbd.Segmenter(language="en", clean=False).segment(text)
