"""Decoding corpus files: UTF-8, legacy single-byte encodings, UTF-16, binary files; offsets
into the decoded text stay exact; the real BBC folder's odd file is read."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.chunking import chunk_document
from index.encoding import BinaryFileError, decode_bytes
from index.store import scan_corpus

BBC_FULL = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "bbc-full"

ARTICLE = (
    "Café owners protest at rent rise\r\n\r\n"
    "Owners of the café on Rue Molière said the £1,200 rise was “unfair”.\r\n\r\n"
    "The council’s spokesman said the déjà vu of last year would not repeat, and "
    "that naïve comparisons with 2019 helped nobody.\r\n"
)


def _read(path: Path, encoding: str) -> str:
    with open(path, encoding=encoding, newline="") as f:
        return f.read()


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_file_is_read_with_exact_offsets(tmp_path: Path, encoding: str):
    text = ARTICLE if encoding == "cp1252" else ARTICLE.replace("“", '"').replace("”", '"') \
        .replace("’", "'")
    (tmp_path / "legacy.txt").write_bytes(text.encode(encoding))
    (tmp_path / "plain.txt").write_text("Plain title\n\nJust ASCII here.\n", encoding="utf-8")
    snap = scan_corpus(tmp_path)
    doc = snap.documents["legacy.txt"]
    assert snap.skipped == ()
    assert doc.encoding == snap.files["legacy.txt"].encoding == "cp1252"
    assert snap.files["plain.txt"].encoding == "utf-8"
    on_disk = _read(tmp_path / "legacy.txt", doc.encoding)
    assert doc.text == on_disk == text and doc.title == "Café owners protest at rent rise"
    chunks = chunk_document(doc)
    assert any("£1,200" in c.text for c in chunks)
    for c in chunks:
        assert c.text == on_disk[c.start : c.end]


def test_utf16_with_bom(tmp_path: Path):
    (tmp_path / "wide.txt").write_bytes(ARTICLE.encode("utf-16"))
    doc = scan_corpus(tmp_path).documents["wide.txt"]
    assert doc.encoding == "utf-16" and doc.text == _read(tmp_path / "wide.txt", "utf-16")


def test_binary_files_named_in_one_warning_line(tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture):
    (tmp_path / "good.txt").write_text("Good\n\nSome text.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "b.md").write_bytes(bytes(range(256)) * 4)
    with caplog.at_level(logging.WARNING):
        snap = scan_corpus(tmp_path)
    assert set(snap.documents) == {"good.txt"} and set(snap.skipped) == {"a.txt", "b.md"}
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1, lines
    assert lines[0].startswith("2 binary files skipped") and "a.txt" in lines[0] \
        and "b.md" in lines[0]


def test_utf8_bom_is_kept_as_on_disk():
    data = "\ufeffTitle\n\nBody.\n".encode()
    got = decode_bytes(data)
    assert got.encoding == "utf-8" and got.text.startswith("\ufeff")


@given(st.text(alphabet=st.characters(blacklist_characters="\x00",
                                      blacklist_categories=("Cs",))))
def test_utf8_text_always_comes_back_as_utf8(text: str):
    got = decode_bytes(text.encode("utf-8"))
    assert got.text == text and got.encoding == "utf-8"


@given(st.binary(min_size=1, max_size=200))
def test_any_bytes_decode_to_their_own_encoding_or_binary(data: bytes):
    try:
        got = decode_bytes(data)
    except BinaryFileError:
        return
    assert data.decode(got.encoding) == got.text


@pytest.mark.skipif(not BBC_FULL.is_dir(), reason="../shared/corpora/bbc-full not present")
def test_bbc_full_folder_is_read_whole():
    snap = scan_corpus(BBC_FULL.resolve())
    assert len(snap.documents) == 2225 and snap.skipped == ()
    assert [(f.path, f.reason.split()[0]) for f in snap.ignored] == [("SOURCES.md", "default")]
    doc = snap.documents["sport/199.txt"]
    assert doc.encoding == "cp1252"
    on_disk = _read(BBC_FULL / "sport" / "199.txt", "cp1252")
    assert doc.text == on_disk and "£15.8m" in on_disk
    others = {st.encoding for p, st in snap.files.items() if p != "sport/199.txt"}
    assert others == {"utf-8"}
