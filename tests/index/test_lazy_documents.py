"""Lazily read documents (`index.lazy_documents`): the text kept stays within the bound, least
recently used files go first, and a dropped document is read again, hash-checked as on first
read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.corpus import parse_file
from index.corpus_scan import text_sha1
from index.lazy_documents import LazyDocuments, StaleFileError

TEXTS = {f"a{i}.txt": f"Headline {i}\n\nA body of article {i}{' with more words' * i}.\n"
         for i in range(6)}
RECORDS = "\n".join(json.dumps({"_id": str(i), "title": f"R{i}", "text": f"Record {i} text."})
                    for i in range(3)) + "\n"


def _corpus(root: Path) -> dict[str, str]:
    files = dict(TEXTS, **{"sub/corpus.jsonl": RECORDS})
    (root / "sub").mkdir()
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8", newline="")
    return files


def _lazy(root: Path, files: dict[str, str], cache_chars: int) -> LazyDocuments:
    known = {rel: (text_sha1(text), "utf-8", tuple(d.doc_id for d in parse_file(rel, text)))
             for rel, text in files.items()}
    return LazyDocuments(root, {}, known, text_sha1, cache_chars=cache_chars)


def _expected(files: dict[str, str]) -> dict[str, object]:
    return {d.doc_id: d for rel, text in files.items() for d in parse_file(rel, text)}


@settings(max_examples=60, deadline=None)
@given(reads=st.lists(st.integers(0, 8), max_size=40), cache_chars=st.integers(0, 400))
def test_documents_are_right_and_the_kept_text_bounded_whatever_the_reads(
    tmp_path_factory, reads, cache_chars
):
    root = tmp_path_factory.mktemp("c")
    files = _corpus(root)
    expected = _expected(files)
    ids = list(expected)
    lazy = _lazy(root, files, cache_chars)
    largest = max(sum(len(d.text) for d in parse_file(rel, t)) for rel, t in files.items())
    for i in reads:
        assert lazy[ids[i]] == expected[ids[i]]
        assert lazy.read_chars <= max(cache_chars, largest)  # the last file read is kept
    assert lazy.read_count <= len(ids)


def test_the_least_recently_used_file_goes_first_and_is_read_again(tmp_path, monkeypatch):
    files = _corpus(tmp_path)
    size = {rel: len(parse_file(rel, text)[0].text) for rel, text in files.items()}
    lazy = _lazy(tmp_path, files, cache_chars=size["a0.txt"] + size["a2.txt"] + size["a3.txt"])
    reads: list[str] = []
    read = LazyDocuments._read

    def counted(self, path):
        reads.append(path)
        return read(self, path)

    monkeypatch.setattr(LazyDocuments, "_read", counted)
    for rel in ("a0.txt", "a1.txt", "a0.txt", "a2.txt", "a3.txt"):  # a1 is then the oldest
        lazy[rel]
    assert reads == ["a0.txt", "a1.txt", "a2.txt", "a3.txt"] and lazy.read_count == 3
    lazy["a0.txt"], lazy["a2.txt"], lazy["a3.txt"]
    assert reads[-1] == "a3.txt"  # kept: no read
    assert lazy["a1.txt"] == _expected(files)["a1.txt"]
    assert reads[-1] == "a1.txt"


def test_a_dropped_document_whose_file_changed_is_refused(tmp_path):
    files = _corpus(tmp_path)
    lazy = _lazy(tmp_path, files, cache_chars=0)  # only the file read last is kept
    assert lazy["a1.txt"].text == files["a1.txt"]
    lazy["a2.txt"]
    (tmp_path / "a1.txt").write_text(files["a1.txt"].replace("body", "bodY"), encoding="utf-8")
    with pytest.raises(StaleFileError, match="changed on disk"):
        lazy["a1.txt"]
    assert lazy["a2.txt"].text == files["a2.txt"]  # still kept: not read again
    (tmp_path / "sub/corpus.jsonl").unlink()
    with pytest.raises(StaleFileError, match="cannot be read"):
        lazy["sub/corpus.jsonl#1"]


def test_documents_given_up_front_are_always_kept(tmp_path):
    files = _corpus(tmp_path)
    later = {rel: t for rel, t in files.items() if rel != "a5.txt"}
    known = {rel: (text_sha1(t), "utf-8", tuple(d.doc_id for d in parse_file(rel, t)))
             for rel, t in later.items()}
    given = {d.doc_id: d for d in parse_file("a5.txt", files["a5.txt"])}
    lazy = LazyDocuments(tmp_path, given, known, text_sha1, cache_chars=0)
    (tmp_path / "a5.txt").unlink()
    for d in [*_expected(later), "a0.txt"]:
        lazy[d]
    assert lazy["a5.txt"] == given["a5.txt"] and lazy.read_count == 2  # a5 + the last file
