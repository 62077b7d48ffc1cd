"""Ignore rules: the default names, .qaignore (gitignore syntax), --exclude, and their effect on
whether an index is up to date."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from index.ignore import DEFAULT_REASON, EXCLUDE_REASON, QAIGNORE_REASON, IgnoreRules, load_rules
from index.search import HybridIndex
from index.store import CorpusError, scan_corpus


def _article(root: Path, name: str, title: str = "A title") -> None:
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(f"{title}\n\nThe council met on Monday to discuss {name}.\n", encoding="utf-8")


@pytest.mark.parametrize(("path", "ignored"), [
    ("SOURCES.md", True), ("README.md", True), ("readme.txt", True), ("LICENSE", True),
    ("LICENSE.txt", True), ("sub/Licence.md", True), ("license-fees-rise.txt", False),
    ("sources-close-to-the-deal.txt", False), ("news/001.txt", False),
])
def test_default_names(path: str, ignored: bool):
    assert (IgnoreRules().reason(path) == DEFAULT_REASON) is ignored


def test_qaignore_and_exclude(tmp_path: Path):
    for name in ("keep.txt", "drafts/d1.txt", "old/2019.txt", "old/keep-this.txt",
                 "SOURCES.md", "README.md", "notes.md"):
        _article(tmp_path, name)
    (tmp_path / ".qaignore").write_text("# drafts are not news\ndrafts/\nold/*\n"
                                        "!old/keep-this.txt\n!SOURCES.md\n", encoding="utf-8")
    snap = scan_corpus(tmp_path, rules=load_rules(tmp_path, ["*.md", "!README.md"]))
    reasons = {f.path: f.reason for f in snap.ignored}
    assert reasons == {
        "drafts/d1.txt": QAIGNORE_REASON, "old/2019.txt": QAIGNORE_REASON,
        "SOURCES.md": EXCLUDE_REASON, "notes.md": EXCLUDE_REASON, "README.md": DEFAULT_REASON,
    }
    assert set(snap.documents) == {"keep.txt", "old/keep-this.txt"}


def test_unreadable_qaignore_is_one_warning_line(tmp_path: Path,
                                                 caplog: pytest.LogCaptureFixture):
    _article(tmp_path, "a.txt")
    _article(tmp_path, "README.md")
    (tmp_path / ".qaignore").write_bytes(b"a.txt\n\xff\xfe bad bytes\n")  # not UTF-8
    with caplog.at_level(logging.WARNING):
        snap = scan_corpus(tmp_path)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and ".qaignore" in lines[0] and "\n" not in lines[0]
    assert set(snap.documents) == {"a.txt"}  # the defaults still apply


def test_bad_exclude_pattern_is_a_one_line_error(tmp_path: Path):
    _article(tmp_path, "a.txt")
    with pytest.raises(ValueError, match="--exclude"):
        load_rules(tmp_path, ["news/*.txt", "trailing\\"])
    with pytest.raises(ValueError, match="--exclude"):
        load_rules(tmp_path, ["[z-a].txt"])


def test_all_ignored_says_so(tmp_path: Path):
    _article(tmp_path, "README.md")
    with pytest.raises(CorpusError, match="1 ignored"):
        scan_corpus(tmp_path)


def test_changing_rules_updates_the_index(tmp_path: Path, embedder):
    corpus, idx = tmp_path / "c", tmp_path / "idx"
    for name in ("one.txt", "two.txt", "three.txt"):
        _article(corpus, name)
    with HybridIndex.open(corpus, idx, embedder=embedder) as index:
        assert set(index.documents) == {"one.txt", "two.txt", "three.txt"}
    with HybridIndex.open(corpus, idx, embedder=embedder, exclude=["two.*"]) as index:
        assert index.last_update.removed == ("two.txt",)
        assert {c.doc_id for c in index.chunks} == {"one.txt", "three.txt"}
        assert index.corpus_facts()["ignored"] == {EXCLUDE_REASON: ["two.txt"]}
    (corpus / ".qaignore").write_text("three.txt\n", encoding="utf-8")
    with HybridIndex.open(corpus, idx, embedder=embedder, exclude=["two.*"]) as index:
        assert index.last_update.removed == ("three.txt",)
    # Rules that change no file still make a new index that records them (up to date after).
    with HybridIndex.open(corpus, idx, embedder=embedder, exclude=["two.*", "nothing*"]) as i:
        assert i.last_update.generation and not i.last_update.changed_anything
        first = i.last_update.generation
    with HybridIndex.open(corpus, idx, embedder=embedder, exclude=["two.*", "nothing*"]) as i:
        assert i.last_update.generation == first
    (corpus / ".qaignore").unlink()
    with HybridIndex.open(corpus, idx, embedder=embedder) as index:
        assert set(index.last_update.added) == {"two.txt", "three.txt"}
        assert set(index.documents) == {"one.txt", "two.txt", "three.txt"}
