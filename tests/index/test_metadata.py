"""Article metadata: dates, YAML front matter of .md files, JSONL fields, the .txt byline line."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from index.chunking import chunk_document
from index.corpus import parse_file, read_corpus
from index.metadata import front_matter, iso_date

FRONT = """---
title: "Council approves harbour plan"
date: 2024-03-05
author: [Jane Doe, Ali Khan]
url: https://example.org/news/harbour
source: Portvale Gazette
tags: [local]
---
# A heading that is not the title

The council approved the harbour plan on Tuesday.

Fishermen said the plan was "a fair start".
"""


@pytest.mark.parametrize(("value", "iso"), [
    ("2024-03-05", "2024-03-05"), ("2024-03-05T10:20:00Z", "2024-03-05"),
    ("Saturday, January 29th, 2022", "2022-01-29"), ("29 Jan. 2022", "2022-01-29"),
    ("Sept 3, 2021", "2021-09-03"), ("March 2020", None),
    ("yesterday", None), ("2024-13-45", None), ("", None), (20240305, None),
])
def test_iso_date(value: object, iso: str | None):
    assert iso_date(value) == iso


def test_front_matter_fields_and_body(tmp_path: Path):
    (tmp_path / "harbour.md").write_text(FRONT, encoding="utf-8")
    (doc,) = read_corpus(tmp_path)
    assert doc.title == "Council approves harbour plan"
    assert (doc.published, doc.url, doc.source) == (
        "2024-03-05", "https://example.org/news/harbour", "Portvale Gazette")
    assert doc.byline == "Jane Doe, Ali Khan"
    chunks = chunk_document(doc)
    assert chunks and all("title:" not in c.text and "---" not in c.text for c in chunks)
    assert chunks[0].text.startswith("The council approved")
    for c in chunks:
        assert c.text == doc.text[c.start : c.end]


def test_front_matter_title_without_heading_keeps_first_paragraph():
    text = "---\ntitle: Storm closes pass\n---\nHeavy snow closed the pass on Tuesday.\n"
    (doc,) = parse_file("a.md", text)
    assert doc.title == "Storm closes pass"
    assert [c.text for c in chunk_document(doc)] == ["Heavy snow closed the pass on Tuesday."]


def test_front_matter_date_that_is_not_a_date(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    (tmp_path / "a.md").write_text("---\ntitle: T\ndate: last Tuesday\n---\nBody text.\n",
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2024-02-30\n---\n# B\n\nBody text.\n",
                                   encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        docs = list(read_corpus(tmp_path))
    assert [(d.doc_id, d.published, d.date) for d in docs] == [
        ("a.md", None, "last Tuesday"), ("b.md", None, "2024-02-30")]
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and all("not a date" in ln and "\n" not in ln for ln in lines)


def test_broken_yaml_is_a_warning_and_the_block_is_not_text(caplog: pytest.LogCaptureFixture):
    text = "---\ntitle: [unclosed\n---\n# Real title\n\nBody.\n"
    with caplog.at_level(logging.WARNING):
        (doc,) = parse_file("x.md", text)
    assert doc.title == "Real title" and "front matter is not YAML" in caplog.text
    assert front_matter("No front matter\n---\n", "y.md") is None


def test_jsonl_record_fields(tmp_path: Path):
    rows = [
        {"_id": "1", "title": "T1", "text": "Alpha.", "date": "2023-07-01", "url": "https://x/1",
         "source": "Wire", "author": "Sam Roe"},
        {"_id": "2", "title": "T2", "text": "Beta."},
    ]
    (tmp_path / "corpus.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n",
                                           encoding="utf-8")
    d1, d2 = read_corpus(tmp_path)
    assert (d1.published, d1.url, d1.source, d1.byline) == (
        "2023-07-01", "https://x/1", "Wire", "Sam Roe")
    assert (d2.published, d2.url, d2.source, d2.byline) == (None, None, None, None)


def test_txt_byline_date_becomes_published():
    (doc,) = parse_file("a.txt", "Title here\n\nBy Jane Doe | 5 March 2024\n\nBody text.\n")
    assert doc.byline == "Jane Doe" and doc.published == "2024-03-05"
    assert doc.meta.published == "2024-03-05" and doc.meta.encoding == "utf-8"
