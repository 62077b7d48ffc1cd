"""Reading a corpus folder: titles, bylines, formats, and files that must be skipped."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.corpus import parse_file, read_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_seed_titles_and_byline_date():
    docs = {d.doc_id: d for d in read_corpus(SEEDS)}
    assert len(docs) == 5
    assert docs["001_638ea7649575e2e7.txt"].title.startswith("No to Putin’s Ultimatum")
    assert docs["001_638ea7649575e2e7.txt"].date == "January 29th, 2022"
    assert docs["004_e38e69d9be152fb8.txt"].title.startswith("US and NATO deliver responses")
    for d in docs.values():
        assert d.title and d.text.startswith(d.title) and 0 < d.body_start < len(d.text)


def test_markdown_title_is_first_heading(tmp_path: Path):
    (tmp_path / "a.md").write_text("# The Heading Title\n\nBody text here.\n", encoding="utf-8")
    (doc,) = read_corpus(tmp_path)
    assert doc.title == "The Heading Title"
    assert doc.text[doc.body_start :].strip() == "Body text here."


def test_beir_jsonl_records(tmp_path: Path):
    rows = [
        {"_id": "d1", "title": "First", "text": "Alpha beta gamma.", "metadata": {}},
        {"_id": "d2", "title": "", "text": "Delta “quoted” epsilon."},
    ]
    sub = tmp_path / "beir"
    sub.mkdir()
    (sub / "corpus.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    (sub / "queries.jsonl").write_text('{"_id": "q1", "text": "alpha"}\n', encoding="utf-8")
    docs = list(read_corpus(tmp_path))
    assert [d.doc_id for d in docs] == ["beir/corpus.jsonl#d1", "beir/corpus.jsonl#d2"]
    assert docs[0].record_id == "d1" and docs[0].title == "First"
    assert docs[1].text == "Delta “quoted” epsilon."


def test_crlf_file_keeps_offsets(tmp_path: Path):
    raw = "Title Line\r\n\r\nFirst paragraph here.\r\n\r\nSecond one.\r\n"
    (tmp_path / "crlf.txt").write_bytes(raw.encode("utf-8"))
    (doc,) = read_corpus(tmp_path)
    assert doc.text == raw  # no newline translation
    assert doc.title == "Title Line"


def test_bad_files_are_skipped_with_a_warning_and_legacy_encodings_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    (tmp_path / "good.txt").write_text("Good\n\nSome text.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 news\n\nSome d\xe9j\xe0 vu.\n".encode("latin-1"))
    (tmp_path / "image.png").write_bytes(b"\x00\x01")
    with caplog.at_level(logging.WARNING):
        docs = list(read_corpus(tmp_path))
    assert [d.doc_id for d in docs] == ["good.txt", "latin1.txt"]
    assert docs[1].encoding == "cp1252" and "déjà vu" in docs[1].text
    logged = caplog.text
    for name in ("empty.txt", "binary.txt"):
        assert name in logged
    assert "latin1.txt" not in logged
    assert "image.png" not in logged  # not an article type: ignored silently


def test_malformed_jsonl_lines_are_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    (tmp_path / "corpus.jsonl").write_text(
        '{"_id": "ok", "text": "Fine."}\nnot json\n{"text": "no id"}\n', encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING):
        docs = list(read_corpus(tmp_path))
    assert [d.record_id for d in docs] == ["ok"]
    assert "corpus.jsonl:2" in caplog.text and "corpus.jsonl:3" in caplog.text


def test_byline_is_not_confused_with_prose():
    doc = parse_file("a.txt", "T\nBy the end of the week it was over.\n")[0]
    assert doc.byline is None and "By the end" in doc.text[doc.body_start :]
    doc = parse_file("b.txt", "T\nBy Jane Doe | May 2, 2021\nBody.\n")[0]
    assert (doc.byline, doc.date) == ("Jane Doe", "May 2, 2021")


@given(st.text(alphabet="ab \r\n#-", max_size=60), st.integers(0, 70),
       st.lists(st.integers(0, 30), max_size=6))
def test_line_cache_gives_the_lines_a_full_split_gives(text, start, reads):
    """Articles are split only as far as their header is read: any read, from any line and in
    any order, sees what splitting the whole text gives."""
    from itertools import islice

    from index.corpus import _LineCache, _lines

    start = min(start, len(text))
    whole = list(_lines(text, start))
    cache = _LineCache(text, start)
    for i in reads:
        assert list(islice(cache.from_line(i), 3)) == whole[i : i + 3]
    assert list(cache.from_line(0)) == whole
