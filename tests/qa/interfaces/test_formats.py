"""A folder as users have it (front matter, a windows-1252 file, a SOURCES.md): metadata and
encodings in the JSON answer, Markdown notes, CSV statements, the CLI's formats and stats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from qa.interfaces.cli import app
from qa.interfaces.formats import CSV_COLUMNS, answer_csv, answer_markdown, said_on_cells
from qa.interfaces.render import render_answer
from qa.retriever import Retriever
from qa.statement_dates import SaidOn, date_statement

HARBOUR = """---
title: Council approves Portvale harbour plan
date: 2024-03-05
url: https://example.org/news/harbour
source: Portvale Gazette
---
The council approved the harbour plan on Tuesday after a long debate.

Harbour master Mara Ilves said the plan would "protect the fishing fleet for a generation".

Opponents said the cost of £4m was too high for a town of its size.
"""

SNOW = (
    "Snow closes the Kessel pass\r\n\r\n"
    "Heavy snow closed the Kessel pass on Tuesday, stranding dozens of lorries near the café."
    "\r\n\r\n"
    "Mara Ilves, who also chairs the road board, said the pass would reopen “within two days”.\r\n"
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("folder")
    (root / "harbour.md").write_text(HARBOUR, encoding="utf-8")
    (root / "snow.txt").write_bytes(SNOW.encode("cp1252"))
    (root / "SOURCES.md").write_text("# Sources\n\nWhere these files came from.\n",
                                     encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def retriever(folder: Path, tmp_path_factory: pytest.TempPathFactory, embedder) -> Retriever:
    return Retriever(folder, tmp_path_factory.mktemp("idx"), embedder=embedder)


@pytest.fixture(scope="module")
def answer(retriever: Retriever) -> dict:
    return retriever.ask("what did Mara Ilves say?", k=3).to_dict()


def _on_disk(folder: Path, path: str, encoding: str) -> str:
    with open(folder / path, encoding=encoding, newline="") as f:
        return f.read()


def test_json_carries_metadata_and_exact_offsets(folder: Path, answer: dict):
    assert answer["answered"] and len(answer["quotes"]) == 2
    by_path = {q["path"]: q for q in answer["quotes"]}
    h, s = by_path["harbour.md"], by_path["snow.txt"]
    assert (h["published"], h["url"], h["source"], h["encoding"]) == (
        "2024-03-05", "https://example.org/news/harbour", "Portvale Gazette", "utf-8")
    assert (s["published"], s["url"], s["source"], s["encoding"]) == (None, None, None, "cp1252")
    for item in [*answer["quotes"], *answer["passages"]]:
        text = _on_disk(folder, item["path"], item["encoding"])
        assert text[item["start"] : item["end"]] == item["text"]
        assert {"published", "url", "source", "encoding"} <= set(item)
    assert all(p["path"] != "SOURCES.md" for p in answer["passages"])


def test_markdown_quote_list(answer: dict):
    md = answer_markdown(answer)
    lines = [ln for ln in md.splitlines() if ln.startswith("- ")]
    assert len(lines) == 2 and all("**Mara Ilves**" in ln for ln in lines)
    harbour = next(ln for ln in lines if "harbour.md" in ln)
    assert "2024-03-05" in harbour and "Portvale Gazette" in harbour
    assert "](https://example.org/news/harbour)" in harbour
    assert "protect the fishing fleet for a generation" in harbour


def test_csv_statements(folder: Path, answer: dict):
    rows = list(csv.DictReader(io.StringIO(answer_csv(answer))))
    assert len(rows) == 2 and tuple(rows[0]) == CSV_COLUMNS
    for r in rows:
        enc = "cp1252" if r["source"] == "snow.txt" else "utf-8"
        text = _on_disk(folder, r["source"], enc)
        assert text[int(r["start"]) : int(r["end"])] == r["text"]
        assert r["speaker"] == "Mara Ilves" and int(r["paragraph"]) >= 1
    assert {r["source"]: r["published"] for r in rows} == {
        "harbour.md": "2024-03-05", "snow.txt": ""}


def test_markdown_and_csv_carry_said_on(answer: dict):
    # harbour.md is dated and its attribution names no time: the article date, "on or before";
    # snow.txt is undated: unknown (null in the JSON, empty in CSV, no line in Markdown).
    said = {q["path"]: q["said_on"] for q in answer["quotes"]}
    assert said["harbour.md"]["basis"] == "article date" and said["snow.txt"] is None
    rows = {r["source"]: r for r in csv.DictReader(io.StringIO(answer_csv(answer)))}
    assert (rows["harbour.md"]["said_on"], rows["harbour.md"]["said_on_basis"]) == (
        "2024-03-05", "article date")
    assert (rows["snow.txt"]["said_on"], rows["snow.txt"]["said_on_basis"]) == ("", "")
    lines = [*answer_markdown(answer).splitlines(), ""]
    after = {ln.split("`")[1].split(" ")[0]: lines[i + 1] for i, ln in enumerate(lines)
             if ln.startswith("- ")}
    assert after["harbour.md"] == "  - said on or before 2024-03-05 (article date)"
    assert "said" not in after["snow.txt"]


def test_csv_carries_differs_as_markdown_does(answer: dict):
    # The snow statement as if another report gave a different number (the JSON form of
    # qa.disagreement.Difference); the harbour statement differs from nothing.
    other = "Mara Ilves said the pass would reopen within three days."
    diff = {"what": "number", "this": "within two days", "this_start": 0, "this_end": 15,
            "this_citation": "snow.txt ¶2 [123:212]", "other": other, "other_start": 0,
            "other_end": len(other), "other_path": "alps.txt",
            "other_citation": "alps.txt ¶3 [40:97]"}
    quotes = [{**q, "differs": [diff]} if q["path"] == "snow.txt" else q
              for q in answer["quotes"]]
    changed = {**answer, "quotes": quotes}
    rows = {r["source"]: r for r in csv.DictReader(io.StringIO(answer_csv(changed)))}
    assert rows["snow.txt"]["differs"] == (
        f"number: “within two days” vs “{other}” (alps.txt ¶3 [40:97])")
    assert rows["harbour.md"]["differs"] == ""
    assert "**sources differ** (number)" in answer_markdown(changed)


def test_markdown_and_csv_carry_a_span_from_the_text(answer: dict):
    # The snow statement as if its article said "last month" (dated by the real rules).
    text = "Mara Ilves said last month that the pass would reopen.\n"
    span = date_statement(text, 0, len(text) - 1, "2024-06-10")
    assert span is not None and not span.is_day
    quotes = [{**q, "said_on": span.to_dict()} if q["path"] == "snow.txt" else q
              for q in answer["quotes"]]
    changed = {**answer, "quotes": quotes}
    row = next(r for r in csv.DictReader(io.StringIO(answer_csv(changed)))
               if r["source"] == "snow.txt")
    assert (row["said_on"], row["said_on_basis"]) == ("2024-05-01..2024-05-31", "expression")
    assert "  - said 2024-05-01 to 2024-05-31 (“last month”)" in answer_markdown(changed)


@given(st.dates(), st.integers(0, 400), st.sampled_from(["expression", "article date"]))
def test_said_on_cells_keep_the_json_days_and_basis(start: date, days: int, basis: str):
    end = date.fromordinal(min(start.toordinal() + days, date.max.toordinal()))
    said = SaidOn(start=start, end=end, basis=basis, confidence=0.5)  # type: ignore[arg-type]
    when, got = said_on_cells(said.to_dict())
    first, _, last = when.partition("..")
    assert (date.fromisoformat(first), date.fromisoformat(last or first), got) == (
        start, end, basis)


def test_terminal_highlights_the_sentence_in_place(retriever: Retriever):
    a = retriever.ask("How much did the harbour plan cost?", k=1).to_dict()
    sentence = a["passages"][0]["answer"]["text"]

    def shown(inline: bool) -> str:
        console = Console(file=io.StringIO(), width=200, force_terminal=inline)
        console.print(render_answer(a, inline=inline))
        return console.file.getvalue()

    assert shown(inline=True).count(sentence[:40]) == 1
    assert "\x1b[" in shown(inline=True)  # styled: the sentence is highlighted


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_formats_stats_and_exclude(folder: Path, tmp_path: Path, fake_default_embedder):
    idx = str(tmp_path / "idx")
    base = ("--corpus", str(folder), "--index-dir", idx)
    code, out, err = run("ask", "what did Mara Ilves say?", "--format", "csv", *base)
    assert code == 0, err
    assert out.splitlines()[0] == ",".join(CSV_COLUMNS) and len(out.splitlines()) == 3
    code, out, _ = run("ask", "what did Mara Ilves say?", "--json", *base)
    assert code == 0 and json.loads(out)["quotes"][0]["published"] in ("2024-03-05", None)
    code, out, _ = run("ask", "what did Mara Ilves say?", "--format", "markdown", *base)
    assert code == 0 and out.startswith("### what did Mara Ilves say?")
    code, _, err = run("ask", "what did Mara Ilves say?", "--json", "--format", "csv", *base)
    assert code == 1 and err.startswith("qa: error:") and len(err.strip().splitlines()) == 1
    code, _, err = run("ask", "what?", "--format", "yaml", *base)
    assert code == 1 and "unknown format" in err
    code, out, _ = run("stats", *base)
    assert code == 0
    assert "dated documents 1 of 2" in out and "cp1252 1" in out and "snow.txt cp1252" in out
    assert "ignored files   1" in out and "SOURCES.md" in out
    code, out, _ = run("index", str(folder), "--index-dir", idx, "--exclude", "snow.*")
    assert code == 0 and "1 removed" in out
    code, out, _ = run("stats", *base, "--exclude", "snow.*")
    assert "ignored files   2" in out and "--exclude: snow.txt" in out
