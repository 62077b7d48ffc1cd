"""Paragraph chunks and sentence spans: the offset invariant, paragraphs, headings, furniture."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.chunking import (
    Chunk,
    _find_in_order,
    _segmenter,
    chunk_document,
    paragraph_spans,
    sentence_spans,
)
from index.corpus import Document, parse_file, read_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FURNITURE = [
    "source site",
    "open box",
    "close the box",
    "key stone",
    "Article Categories:",
    "SECURITY & DEFENSE",
    "Leave a Comment",
    "Your email address will not be published",
    "Related Articles",
    "Back to top button",
]


def _doc(text: str, name: str = "t.txt") -> Document:
    return parse_file(name, text)[0]


def _check_offsets(doc: Document, chunks: list[Chunk]) -> None:
    prev_end = -1
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert c.start >= prev_end, "chunks overlap or are out of order"
        prev_end = c.end
        for s in sentence_spans(doc.text, c.start, c.end):
            assert doc.text[s.start : s.end] == s.text
            assert c.start <= s.start < s.end <= c.end


# --- the seeds -------------------------------------------------------------------------------


def test_seed_chunks_keep_offsets_and_drop_furniture():
    docs = list(read_corpus(SEEDS))
    for doc in docs:
        chunks = chunk_document(doc)
        assert chunks, doc.doc_id
        _check_offsets(doc, chunks)
        for c in chunks:
            for line in FURNITURE:
                assert line not in c.text, (doc.doc_id, line)
            assert c.title == doc.title and c.text != doc.title


def test_seed_001_one_chunk_per_line_paragraph():
    doc = next(d for d in read_corpus(SEEDS) if d.doc_id.startswith("001"))
    chunks = chunk_document(doc)
    body_lines = [
        ln for ln in doc.text[doc.body_start :].splitlines() if len(ln.split()) > 15
    ]
    assert [c.text for c in chunks] == body_lines
    assert [c.paragraph for c in chunks] == [1, 2, 3]


def test_seed_subheadings_become_heading_context():
    doc = next(d for d in read_corpus(SEEDS) if d.doc_id.startswith("004"))
    chunks = chunk_document(doc)
    assert all(c.text != "NATO responses" for c in chunks)
    assert chunks[0].heading is None
    assert chunks[-1].heading == "NATO responses"


# --- synthetic articles ----------------------------------------------------------------------


def test_hard_wrapped_prose_is_one_paragraph():
    para1 = (
        "The committee met on Tuesday to discuss the budget for the coming year\n"
        "and agreed, after a long debate that ran late into the evening, to cut\n"
        "spending on roads by a tenth while raising the grant for schools.\n"
    )
    para2 = "A second paragraph follows\nwrapped in the same\nway as the first one.\n"
    text = "Budget Agreed\n\n" + para1 + "\n" + para2
    doc = _doc(text)
    chunks = chunk_document(doc)
    assert len(chunks) == 2
    assert chunks[0].text == para1.strip() and chunks[1].paragraph == 2
    _check_offsets(doc, chunks)


def test_markdown_headings_are_context():
    text = "# Title Here\n\n## Background\n\nFirst paragraph.\n\n## Reaction\n\nSecond one.\n"
    doc = _doc(text, "a.md")
    chunks = chunk_document(doc)
    assert [(c.heading, c.text) for c in chunks] == [
        ("Background", "First paragraph."),
        ("Reaction", "Second one."),
    ]


def test_crlf_and_unicode_offsets():
    text = (
        "Title «quoted»\r\n\r\n“It is done,” she said.\tTabs too.  \r\n\r\n"
        "Zweiter Absatz – mit Umlauten: äöü.\r\nThird line paragraph that is long enough "
        "to stand on its own as a paragraph of the article, surely more than a hundred chars.\r\n"
    )
    doc = _doc(text)
    chunks = chunk_document(doc)
    _check_offsets(doc, chunks)
    assert chunks[0].text == "“It is done,” she said.\tTabs too."
    assert len(chunks) == 3


def test_long_paragraph_is_split_at_sentences():
    sentence = "This sentence has exactly eight words in it. "
    text = "Long\n\n" + sentence * 60 + "\n"
    doc = _doc(text)
    chunks = chunk_document(doc, max_words=100)
    assert len(chunks) >= 5
    assert all(len(c.text.split()) <= 100 for c in chunks)
    assert all(c.text.endswith("it.") for c in chunks)
    assert {c.paragraph for c in chunks} == {1}
    _check_offsets(doc, chunks)


def test_trailing_short_lines_are_furniture():
    text = "T\n\nReal prose sentence here.\n\nMore From Us\n\nPrivacy Policy\n"
    chunks = chunk_document(_doc(text))
    assert [c.text for c in chunks] == ["Real prose sentence here."]


def test_sentence_spans_with_abbreviations():
    text = "Mr. Smith met U.S. officials on Jan. 5. They talked. “Fine,” he said."
    spans = sentence_spans(text)
    assert [s.text for s in spans] == [
        "Mr. Smith met U.S. officials on Jan. 5.",
        "They talked.",
        "“Fine,” he said.",
    ]


# --- properties for all inputs ---------------------------------------------------------------

_word = st.text(alphabet="abcdeéfgßüΩ’-", min_size=1, max_size=8)
_punct = st.sampled_from(["", ",", ";", " –", " «", "»", " “", "”", "(", ")"])


@st.composite
def _sentence(draw) -> str:
    words = draw(st.lists(st.tuples(_word, _punct), min_size=2, max_size=25))
    # A sentence opens with a capital letter ("-" has no upper case: a block of lines opening
    # "- a." reads as lower-case page furniture, which the chunker drops by design).
    body = draw(st.sampled_from("abcdeéfgüΩ")) + " ".join(w + p for w, p in words)
    return body[0].upper() + body[1:] + draw(st.sampled_from([".", "!", "?", ".”"]))


@st.composite
def _paragraph(draw, number: int) -> str:
    if draw(st.integers(0, 5)) == 0:  # a short subheading, unique in its article
        words = draw(st.lists(_word, min_size=1, max_size=4))
        return f"H{number} " + " ".join(words)
    return " ".join(draw(st.lists(_sentence(), min_size=1, max_size=6)))


@st.composite
def _article(draw) -> tuple[str, list[str]]:
    n = draw(st.integers(1, 8))
    paras = [draw(_paragraph(i)) for i in range(n)]
    paras.append(draw(_sentence()))  # end on prose: short lines after it count as furniture
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n"]),
                         min_size=len(paras), max_size=len(paras)))
    text = "Title\n\n" + "".join(p + s for p, s in zip(paras, seps, strict=True))
    return text, paras


@given(_article(), st.integers(20, 300))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_offsets_no_overlap_no_lost_words(article: tuple[str, list[str]], max_words: int):
    text, paras = article
    doc = _doc(text)
    chunks = chunk_document(doc, max_words=max_words)
    _check_offsets(doc, chunks)
    kept: list[str] = []
    heading: str | None = None
    for c in chunks:
        if c.heading != heading:
            heading = c.heading
            kept += [w for w in (heading or "").split() if w != "/"]
        kept += c.text.split()
    assert kept == " ".join(paras).split()


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_sentence_spans_any_text(text: str):
    spans = sentence_spans(text)
    prev = 0
    for s in spans:
        assert text[s.start : s.end] == s.text and s.text.strip()
        assert s.start >= prev
        prev = s.end
    assert " ".join(s.text for s in spans).split() == text.split()


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_paragraph_spans_any_text(text: str):
    spans = paragraph_spans(text)
    for s in spans:
        assert text[s.start : s.end] == s.text
    assert " ".join(s.text for s in spans).split() == text.split()


# pysbd's own span search (0.3.4, `pysbd.Segmenter.sentences_with_char_spans`), which ours
# replaces with `str.find`: each piece, then its whitespace, by a compiled regex.
def _pysbd_spans(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    seg.original_text = text
    return [(s.start, s.end) for s in pysbd.Segmenter.sentences_with_char_spans(seg, pieces)]


_PIECE_TEXT = st.text(alphabet="ab. \n\t\u00a0\u2028", max_size=40)


@given(_PIECE_TEXT, st.lists(st.text(alphabet="ab. \n", max_size=6), max_size=8))
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_find_in_order_is_pysbds_search(text: str, pieces: list[str]):
    # Pieces repeated, absent, empty or ending in whitespace; Unicode whitespace after them.
    assert _find_in_order(text, pieces) == _pysbd_spans(text, pieces)


def test_segmenter_gives_pysbds_sentences_on_news():
    text = ('"We will see." He said so. He said so. Mr. Brown, of the U.S., paid £3.5m. '
            '"Yes."  "Yes." It ends here…  ')
    import pysbd

    assert _segmenter().segment(text) == pysbd.Segmenter(language="en",
                                                         clean=False).segment(text)
    for doc in read_corpus(SEEDS):
        assert _segmenter().segment(doc.text) == pysbd.Segmenter(
            language="en", clean=False).segment(doc.text)
