"""Quote and reported-speech extraction: attribution precision/recall and exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic import ARTICLES, GOLD  # tests/qa/synthetic.py (this folder is on sys.path)

from index.chunking import chunk_document
from index.corpus import parse_file, read_corpus
from qa.quote_marks import quote_spans
from qa.quotes import Quote, extract_quotes

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SHARED = (REPO / ".." / "shared").resolve()


def _doc(name: str, text: str):
    doc = parse_file(name, text)[0]
    return doc, chunk_document(doc)


def _score(name: str, quotes: list[Quote]) -> tuple[int, int, int]:
    """(true positives, false positives, missed gold) of (speaker, text) pairs."""
    gold = GOLD[name]
    matched: set[int] = set()
    tp = fp = 0
    for q in quotes:
        hits = [i for i, (sp, sub) in enumerate(gold) if sp == q.speaker and sub in q.text]
        matched.update(hits)
        tp += bool(hits)
        fp += not hits
    return tp, fp, len(gold) - len(matched)


def test_synthetic_precision_and_recall():
    tp = fp = fn = 0
    for name, text in ARTICLES.items():
        doc, chunks = _doc(name, text)
        quotes = extract_quotes(doc, chunks)
        for q in quotes:
            assert doc.text[q.start : q.end] == q.text
        a, b, c = _score(name, quotes)
        tp, fp, fn = tp + a, fp + b, fn + c
    total = sum(len(g) for g in GOLD.values())
    assert total >= 30
    precision, recall = tp / (tp + fp), (total - fn) / total
    assert precision >= 0.95, (precision, recall)
    assert recall >= 0.9, (precision, recall)


def test_every_quote_slices_its_file(tmp_path: Path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    for doc in read_corpus(tmp_path):
        raw = (tmp_path / doc.path).read_bytes().decode("utf-8")
        for q in extract_quotes(doc, chunk_document(doc)):
            assert raw[q.start : q.end] == q.text
            assert 0 < q.confidence <= 1
            assert q.kind in ("direct", "reported")
            assert q.citation == f"{doc.doc_id} ¶{q.paragraph} [{q.start}:{q.end}]"


def test_json_round_trip():
    doc, chunks = _doc("b_rail.txt", ARTICLES["b_rail.txt"])
    for q in extract_quotes(doc, chunks):
        assert Quote.from_dict(q.to_dict()) == q


def test_pronoun_carry_over_across_paragraphs():
    doc, chunks = _doc("d_port.txt", ARTICLES["d_port.txt"])
    quotes = extract_quotes(doc, chunks)
    stressed = next(q for q in quotes if q.cue == "stressed")
    assert stressed.speaker == "Viktor Lenz" and stressed.paragraph == 2


def test_unnamed_spokesman_blocks_pronoun():
    doc, chunks = _doc("d_port.txt", ARTICLES["d_port.txt"])
    texts = [q.text for q in extract_quotes(doc, chunks)]
    assert not any("show restraint" in t or "not intervene" in t for t in texts)


def test_two_speakers_in_one_paragraph():
    doc, chunks = _doc("e_stadium.txt", ARTICLES["e_stadium.txt"])
    para2 = [q for q in extract_quotes(doc, chunks) if q.paragraph == 2]
    assert {q.speaker for q in para2} == {"Peter Novak", "Lucia Ferreira"}


def test_quote_continued_over_two_paragraphs():
    doc, chunks = _doc("e_stadium.txt", ARTICLES["e_stadium.txt"])
    cont = [q for q in extract_quotes(doc, chunks) if q.cue == "(continued)"]
    assert [q.speaker for q in cont] == ["Lucia Ferreira"]


def test_no_speaker_no_statement():
    text = "Weather report\n\nIt rained all day. \"Stay indoors,\" the sign read.\n"
    doc, chunks = _doc("w.txt", text)
    assert extract_quotes(doc, chunks) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “yes, we will” today.", ["yes, we will"]),
        ('She said: "We are ready." Then "Go now," he said.', ["We are ready.", "Go now"]),
        ("«Bonjour», dit-il.", ["Bonjour"]),
        ("It is Russia’s view, and ‘dialogue is key’, she said.", ["dialogue is key"]),
        ('He said: "First part. "Second part."', ["First part.", "Second part."]),
    ],
)
def test_quote_spans_styles(text: str, expected: list[str]):
    assert [text[s.start : s.end] for s in quote_spans(text, 0, len(text))] == expected


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab CD.,:“”\"'‘’«»\nXy")), max_size=120))
def test_quote_spans_stay_inside(text: str):
    for s in quote_spans(text, 0, len(text)):
        assert 0 <= s.start < s.end <= len(text)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([
    "Minister Anna Berg said", "“We agree,”", "he said.", "she told reporters", "Berg added:",
    '"No way."', "according to Berg,", "the minister said", "prices rose.", "\n\n", "’s",
]), max_size=14))
def test_extract_never_breaks_offsets(parts: list[str]):
    text = "Title\n\n" + " ".join(parts)
    doc, chunks = _doc("h.txt", text)
    for q in extract_quotes(doc, chunks):
        assert doc.text[q.start : q.end] == q.text


def _seed(prefix: str):
    for doc in read_corpus(SEEDS):
        if doc.doc_id.startswith(prefix):
            return doc, chunk_document(doc)
    raise AssertionError(prefix)


def test_seed_grushko_statements_in_003_and_004():
    doc, chunks = _seed("003")
    q3 = [q for q in extract_quotes(doc, chunks) if q.speaker == "Alexander Grushko"]
    assert any("told Interfax news agency that they will read and study the response" in q.text
               for q in q3)
    doc, chunks = _seed("004")
    q4 = [q for q in extract_quotes(doc, chunks) if q.speaker == "Alexander Grushko"]
    assert any(q.text.startswith("We will read it. Study it.") and q.cue == "told" for q in q4)


BBC = SHARED / "corpora" / "bbc"


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpora/bbc is absent")
@pytest.mark.parametrize(
    "path, speaker, substring",
    [
        ("politics/001.txt", "Patricia Hewitt", "We have already doubled the length of maternity"),
        ("politics/001.txt", "Theresa May", "These plans were announced by Gordon Brown"),
        ("politics/001.txt", "Theresa May", "would announce their proposals closer to"),
        ("politics/001.txt", "David Frost", "While the majority of any salary costs"),
        ("politics/067.txt", "John Ison", "It is very disappointing"),
    ],
)
def test_bbc_attribution(path: str, speaker: str, substring: str):
    text = (BBC / path).read_bytes().decode("utf-8")
    doc = parse_file(path, text)[0]
    quotes = extract_quotes(doc, chunk_document(doc))
    assert any(q.speaker == speaker and substring in q.text for q in quotes), [
        (q.speaker, q.text[:50]) for q in quotes]


def _speakers_of(text: str) -> list[tuple[str, str]]:
    doc, chunks = _doc("t.txt", text)
    return [(q.speaker, q.text) for q in extract_quotes(doc, chunks)]


def test_statements_about_a_person_are_not_theirs():
    """Narration and hearsay about someone are not their statements (issue 11, point 7)."""
    text = ("Budget row\n\nFinance minister Olaf Brandt said on Monday that taxes would stay "
            "flat.\n\nBorrowing is still higher than Mr Brandt predicted in his spring "
            "statement.\n\nAs Mr Brandt announced the date, a retailer urged him to cut duties."
            "\n\nMr Brandt is said to be frustrated by the delays.\n")
    got = _speakers_of(text)
    assert [t for s, t in got if s == "Olaf Brandt"] == [
        "Finance minister Olaf Brandt said on Monday that taxes would stay flat."]


def test_organisation_speakers_and_the_firm():
    text = ("Chip sales\n\nThe Northern Fisheries Board (NFB) said catches had fallen by a "
            "third.\n\nA Zentrix spokesman said the plant would stay open. The firm said jobs "
            "were safe.\n")
    got = _speakers_of(text)
    assert ("Northern Fisheries Board", got[0][1]) == got[0]
    assert [s for s, _ in got[1:]] == ["Zentrix", "Zentrix"]


def test_quote_after_a_narrated_sentence_goes_to_its_subject():
    text = ("Final\n\n\"We played well today and deserved it,\" said coach Maria Olsen.\n\n"
            "Tomas Berg, who lost the final, was at a loss to explain it. \"I felt slow all "
            "afternoon and never found my rhythm,\" he said. Berg was gracious.\n\n"
            "Berg added: \"She was simply better.\" Berg smiled. \"I will be back next year "
            "for another go at the title.\"\n")
    got = _speakers_of(text)
    assert [s for s, _ in got] == ["Maria Olsen", "Tomas Berg", "Tomas Berg", "Tomas Berg"]
