"""The dev-article options, list and copy the evaluation scripts share
(`qa.evaluation.dev_articles`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from qa.evaluation.dev_articles import (
    add_dev_article_options,
    article_list,
    copy_articles,
    missing_inputs,
)


def _corpus(tmp: Path) -> tuple[Path, Path]:
    corpus = tmp / "bbc-full"
    for rel in ("business/001.txt", "sport/002.txt", "tech/003.txt"):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(f"{rel}\n\nBody.\n", encoding="utf-8")
    listed = tmp / "dev.txt"
    listed.write_text("sport/002.txt\nbusiness/001.txt\n", encoding="utf-8")
    return corpus, listed


def test_the_listed_articles_are_copied_with_their_paths_and_a_copy_is_kept(tmp_path):
    corpus, listed = _corpus(tmp_path)
    dest = tmp_path / "work" / "bbc-dev"
    assert article_list(listed) == ["sport/002.txt", "business/001.txt"]
    copy_articles(corpus, article_list(listed), dest)
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*.txt")) == [
        "business/001.txt", "sport/002.txt"]
    (dest / "sport/002.txt").write_text("kept\n", encoding="utf-8")
    copy_articles(corpus, article_list(listed), dest)
    assert (dest / "sport/002.txt").read_text(encoding="utf-8") == "kept\n"


def test_options_default_under_shared_and_missing_inputs_are_named(tmp_path):
    ap = argparse.ArgumentParser()
    add_dev_article_options(ap, tmp_path)
    args = ap.parse_args([])
    assert args.corpus == tmp_path / "corpora" / "bbc-full" and args.work is None
    assert args.articles == tmp_path / "eval" / "bbc_dev_articles.txt"
    assert missing_inputs(args) == f"error: not found: {tmp_path / 'corpora' / 'bbc-full'}"
    corpus, listed = _corpus(tmp_path)
    args = ap.parse_args(["--corpus", str(corpus), "--articles", str(listed), "--work", "w"])
    assert missing_inputs(args) is None and args.work == Path("w")
