"""The BBC dev articles the labelled statement set is on (a list of bbc-full paths, one per
line; `../shared/eval/bbc_dev_articles.txt`): the options every script over them takes, and
their copy as a corpus folder of its own, so that they are indexed and asked alone."""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

__all__ = ["add_dev_article_options", "article_list", "copy_articles", "listed_articles",
           "missing_inputs"]


def add_dev_article_options(
    ap: argparse.ArgumentParser,
    shared: Path,
    work_help: str = "keep the copied articles and their index here between runs",
) -> None:
    """``--corpus`` (default bbc-full under `shared`), ``--articles`` (the dev article list
    under `shared`) and ``--work`` (default None: a temporary folder)."""
    ap.add_argument("--corpus", type=Path, default=shared / "corpora" / "bbc-full")
    ap.add_argument("--articles", type=Path, default=shared / "eval" / "bbc_dev_articles.txt")
    ap.add_argument("--work", type=Path, default=None, help=work_help)


def missing_inputs(args: argparse.Namespace) -> str | None:
    """A one-line error if ``--corpus`` or ``--articles`` does not exist, else None."""
    for path in (args.corpus, args.articles):
        if not path.exists():
            return f"error: not found: {path}"
    return None


def article_list(path: Path) -> list[str]:
    """The corpus paths a list file (like the dev article list) names, in order."""
    return path.read_text(encoding="utf-8").split()


def listed_articles(files: Iterable[Path]) -> set[str]:
    """The corpus paths named by JSONL files of one object per line with a "path" (article
    lists such as `reserved_articles_*.jsonl`, and judged samples)."""
    return {json.loads(line)["path"] for f in files
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}


def copy_articles(corpus: Path, paths: Iterable[str], dest: Path) -> None:
    """Copy the articles at `paths` (relative to `corpus`) into `dest`, keeping their relative
    paths; a copy already there is kept, so that an index of `dest` stays up to date."""
    for p in paths:
        (dest / p).parent.mkdir(parents=True, exist_ok=True)
        if not (dest / p).exists():
            shutil.copyfile(corpus / p, dest / p)
