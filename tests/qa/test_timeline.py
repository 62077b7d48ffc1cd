"""Timelines (`qa.timeline`, `Retriever.timeline`) and `said_on` in answers, on a corpus of
three outlets the test writes (dated by front matter, by a date line, and undated)."""

from __future__ import annotations

from datetime import date

import pytest

from index.metadata import ArticleMeta
from qa import Retriever
from qa.quotes import Quote
from qa.statement_dates import SaidOn
from qa.timeline import build_timeline

ARTICLES = {
    "gazette.md": "---\ntitle: Breakwater to open in June\ndate: 2024-03-06\nsource: Gazette\n"
                  "---\n\n# Breakwater to open in June\n\nHarbour master Mara Ilves said on "
                  "Monday that the new breakwater would open in June.\n\n\"We expect the first "
                  "ships in July,\" Ilves told reporters at the quay.\n",
    "courier.txt": "Harbour costs rise\n\nPublished 1 March 2024\n\nHarbour master Mara Ilves "
                   "said last week that the cost of steel had risen sharply.\n",
    "notes.txt": "Port notes\n\nHarbour master Mara Ilves said the port had never been so "
                 "busy.\n",
}


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory, embedder) -> Retriever:
    root = tmp_path_factory.mktemp("harbour")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    r = Retriever(root, tmp_path_factory.mktemp("harbour-index"), embedder=embedder)
    yield r
    r.index.close()


def test_timeline_orders_by_date_and_puts_undated_last(harbour: Retriever):
    tl = harbour.timeline("Ilves")
    assert tl.speaker == "Mara Ilves"
    got = [(e.quote.path, None if e.said_on is None else (e.said_on.start, e.said_on.basis))
           for e in tl.entries]
    assert got == [
        ("courier.txt", (date(2024, 2, 19), "expression")),  # last week, from 1 March
        ("gazette.md", (date(2024, 3, 4), "expression")),  # on Monday, from 6 March
        ("gazette.md", (date(2024, 3, 6), "article date")),  # no time of its own
        ("notes.txt", None),  # undated article, no date in the text
    ]
    d = tl.to_dict()
    assert (d["statements"], d["dated"], d["undated"]) == (4, 3, 1)
    first = d["entries"][0]
    assert first["said_on"] == {"from": "2024-02-19", "to": "2024-02-25", "basis": "expression",
                                "expression": "last week", "start": first["said_on"]["start"],
                                "end": first["said_on"]["end"], "confidence": 0.8}
    text = ARTICLES["courier.txt"]
    assert text[first["said_on"]["start"]:first["said_on"]["end"]] == "last week"
    assert first["citation"].startswith("courier.txt ¶")
    assert d["entries"][1]["source"] == "Gazette"


def test_unknown_person_is_a_clear_error(harbour: Retriever):
    with pytest.raises(ValueError, match="no person named 'Nobody Atall'"):
        harbour.timeline("Nobody Atall")


def test_answers_carry_said_on_for_every_statement(harbour: Retriever):
    a = harbour.ask("what did Mara Ilves say?", mode="bm25").to_dict()
    every = [e for q in a["quotes"] for e in (q, *q["corroborated_by"])]  # grouped ones too
    by_path = {q["path"]: q["said_on"] for q in every}
    assert set(by_path) == {"gazette.md", "courier.txt", "notes.txt"}
    assert by_path["notes.txt"] is None
    assert all("said_on" in q for q in every)
    monday = [q for q in every if q["said_on"] and q["said_on"].get("date") == "2024-03-04"]
    assert monday and monday[0]["said_on"]["expression"] == "on Monday"


def test_build_timeline_is_stable_for_equal_dates():
    def quote(doc: str, start: int) -> Quote:
        return Quote(speaker="A", text="x", doc_id=doc, path=doc, start=start, end=start + 1,
                     cue="said", confidence=0.9, kind="reported", paragraph=1)

    day = SaidOn(start=date(2024, 1, 2), end=date(2024, 1, 2), basis="article date",
                 confidence=0.5)
    span = SaidOn(start=date(2024, 1, 2), end=date(2024, 1, 9), basis="expression",
                  expression="last week", confidence=0.8)
    qs = [quote("b", 5), quote("a", 9), quote("a", 1), quote("c", 0)]
    dates = {("b", 5, 6): span, ("a", 9, 10): day, ("a", 1, 2): day, ("c", 0, 1): None}
    tl = build_timeline("A", (), qs, dates, {"a": ArticleMeta(title="T")})
    assert [(e.quote.doc_id, e.quote.start) for e in tl.entries] == [
        ("a", 1), ("a", 9), ("b", 5), ("c", 0)]  # a day before a span starting that day
    assert tl.entries[0].to_dict()["title"] == "T" and tl.entries[2].to_dict()["title"] is None
