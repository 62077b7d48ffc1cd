"""Dates of statements (`qa.statement_dates`): the attribution's time expression, else the
article's date, never a date from what was said."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from index.chunking import chunk_document
from index.corpus import parse_file
from qa.quote_marks import quote_spans
from qa.statement_dates import SaidOn, _masked, date_statement, date_statements
from qa.statements import statements_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def said_on(text: str, statement: str, published: str | None) -> SaidOn | None:
    start = text.index(statement)
    return date_statement(text, start, start + len(statement), published)


def test_the_seed_article_dated_saturday_says_wednesday_26_january():
    name = "001_638ea7649575e2e7.txt"
    text = (SEEDS / name).read_text(encoding="utf-8")
    doc = parse_file(name, text)[0]
    assert doc.published == "2022-01-29"
    quotes = [q for q in statements_of(doc, chunk_document(doc))["quotes"]
              if "cannot and will not compromise" in q["text"]]
    assert quotes
    got = date_statement(text, quotes[0]["start"], quotes[0]["end"], doc.published)
    assert got is not None and got.basis == "expression"
    assert (got.start, got.end) == (date(2022, 1, 26), date(2022, 1, 26))
    assert got.expression == "on Wednesday (26 January)"
    assert text[got.expression_start:got.expression_end] == got.expression
    assert got.to_dict()["date"] == "2022-01-26"


def test_reported_speech_with_its_time_before_or_after_the_cue():
    text = ("Council leader Petr Danek said on Monday evening that the budget stood at 4.2 "
            "million.\n\nOn Tuesday, the union told the assembly that 300 jobs were at risk.\n\n"
            "The mine will close two shafts, the company said late on Friday.")
    assert said_on(text, "the budget stood at 4.2 million", "2024-03-06").start == \
        date(2024, 3, 4)
    assert said_on(text, "300 jobs were at risk", "2024-03-06").start == date(2024, 3, 5)
    assert said_on(text, "The mine will close two shafts", "2024-03-06").start == \
        date(2024, 3, 1)


def test_what_was_said_does_not_date_the_statement():
    text = ("Ms Sauer said the harbour would reopen on Friday.\n\n"
            "House prices rose by 0.8% in January, the registry said.\n\n"
            "\"We will meet again on Monday,\" Mr Falk said.\n\n"
            "Mr Novan said Wednesday’s answer was clear.")
    for statement in ("the harbour would reopen on Friday", "House prices rose by 0.8% in "
                      "January", "We will meet again on Monday,", "Wednesday’s answer was clear"):
        got = said_on(text, statement, "2024-03-06")
        assert got is not None and got.basis == "article date", statement
        assert got.start == got.end == date(2024, 3, 6)
        assert got.label() == "2024-03-06 (article date)"


def test_times_of_other_clauses_and_reported_acts_are_not_times_of_saying():
    text = ("Ms Roe said he had told her of the plan on Monday morning.\n\n"
            "A new book says Mr Lund warned Ms Aas on 7 March 2003 that the plan could fail.\n\n"
            "Last year, he said, was all about deals.\n\n"
            "Mr Holm said many of the 71,000 jobs added in October were temporary.\n\n"
            "Analysts said 157,000 jobs were added last month.\n\n"
            "Bratman presented the ring on Friday, said Ms Prophet.\n\n"
            "On Wednesday Mr Lund denied it, and before he left on Tuesday Ms Aas told "
            "reporters: \"I trust him.\"")
    for statement in ("he had told her of the plan on Monday morning",
                      "Mr Lund warned Ms Aas on 7 March 2003 that the plan could fail",
                      "Last year, he said, was all about deals.",
                      "many of the 71,000 jobs added in October were temporary",
                      "157,000 jobs were added last month", "Bratman presented the ring on Friday",
                      "I trust him."):
        got = said_on(text, statement, "2005-03-11")
        assert got is not None and got.basis == "article date", (statement, got)


def test_a_participle_shares_the_time_of_its_clause():
    text = "The union called off the strike late on Tuesday, saying the offer was fair."
    got = said_on(text, "the offer was fair", "2025-04-16")
    assert got is not None and got.start == date(2025, 4, 15)


def test_a_continued_quotation_takes_the_date_of_the_one_it_continues():
    text = "\"I have done all I can,\" Olander said last night. \"Now it is up to them.\""
    got = said_on(text, "Now it is up to them.", "2024-06-05")
    assert got is not None and got.start == date(2024, 6, 4) and got.expression == "last night"


def test_spans_and_undated_articles():
    text = "Maas said last month that the budget hid a deficit.\n\nHe said on 3 May 2024 it was."
    got = said_on(text, "the budget hid a deficit", "2024-06-05")
    assert got is not None and (got.start, got.end) == (date(2024, 5, 1), date(2024, 5, 31))
    assert got.to_dict() == {"from": "2024-05-01", "to": "2024-05-31", "basis": "expression",
                             "expression": "last month", "start": len("Maas said "),
                             "end": 20, "confidence": 0.8}
    assert said_on(text, "the budget hid a deficit", None) is None  # nothing to count from
    full = said_on(text, "it was", None)  # a full date needs no article date
    assert full is not None and full.start == date(2024, 5, 3)


@settings(deadline=None)  # dateparser's first call loads its data (~0.3 s)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)),
       st.sampled_from(WEEKDAYS), st.sampled_from(["said on {d} that", "told reporters on {d}"]))
def test_a_weekday_attribution_dates_within_the_week_before_the_article(
        article: date, weekday: str, form: str):
    text = f"The minister {form.format(d=weekday)} the talks had failed."
    got = said_on(text, "the talks had failed", article.isoformat())
    assert got is not None and got.basis == "expression" and got.start == got.end
    assert 0 <= (article - got.start).days <= 6


def test_date_statements_keys_by_document_and_offsets():
    from qa.quotes import Quote

    text = "The minister said yesterday that talks would resume."
    q = Quote(speaker="The minister", text=text, doc_id="a.txt", path="a.txt", start=0,
              end=len(text), cue="said", confidence=0.8, kind="reported", paragraph=1)
    got = date_statements([q], {"a.txt": text}, {"a.txt": "2024-03-06"})
    assert got[("a.txt", 0, len(text))].start == date(2024, 3, 5)


_WORDS = st.sampled_from(
    ["said", "told", "reporters", "on", "Wednesday", "(26 January)", "last", "week", "that",
     "the", "minister", "\"We", "will", "win,\"", "he", "yesterday", "In", "October", ",", ".",
     "\n\n", "earlier", "this", "month", "3 May 2024", "29/04/2024", "Sunday", "Times"])


@settings(deadline=None, max_examples=150)
@given(st.lists(_WORDS, min_size=1, max_size=40), st.data(),
       st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 1, 1))))
def test_any_text_and_span_give_a_date_on_or_before_the_article_or_none(words, data, article):
    _check_any_span(" ".join(words), data.draw(st.integers(min_value=0, max_value=100)),
                    data.draw(st.integers(min_value=1, max_value=100)), article)


def test_a_continued_quote_after_a_blank_paragraph_has_no_date_from_before():
    """Found by the property above: a quotation opening a text after a blank paragraph."""
    _check_any_span('\n\n win,"', 3, 4, date(2024, 3, 6))


def _check_any_span(text: str, start: int, end: int, article: date | None) -> None:
    start = min(start, len(text) - 1)
    end = max(start + 1, min(start + end, len(text)))
    got = date_statement(text, start, end, None if article is None else article.isoformat())
    if got is None:
        return
    assert got.start <= got.end
    if article is not None:
        assert got.end <= article
    if got.basis == "expression":
        assert got.expression_start is not None and got.expression_end is not None
        assert text[got.expression_start:got.expression_end] == got.expression
    else:
        assert article is not None and got.start == got.end == article


@given(st.text(alphabet='ab 1,0."“”‘’\n', max_size=120), st.data())
@settings(deadline=None)
def test_masking_a_paragraph_changes_only_its_quoted_words_and_number_commas(text, data):
    # `_masked` builds the paragraph alone and is remembered: the rest of the text must come
    # back as it was, offsets kept, whether or not the call is answered from the memo.
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    for _ in range(2):
        masked, spans = _masked(text, lo, hi)
        assert len(masked) == len(text)
        assert masked[:lo] == text[:lo] and masked[hi:] == text[hi:]
        inside = {i for s, e in spans for i in range(s, e)}
        for i in range(lo, hi):
            assert masked[i] == text[i] or (masked[i] == "_" and i in inside) or (
                masked[i] == "." and text[i] == "," and text[i - 1].isdigit())
        assert spans == tuple((q.start, q.end) for q in quote_spans(text, lo, hi))
