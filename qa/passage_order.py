"""The answering paragraph first: the passages of one article ordered by how well they answer.

Search ranks paragraphs by relevance to the question's words; when several paragraphs of one
article are retrieved, the one holding the answer is often not the first. `answer_first` keeps
the order of articles as search found them (each article keeps the places its paragraphs took)
and, inside an article, orders its paragraphs by their best sentence's answer score
(`qa.answer.best_sentence`: similarity, term overlap, and the answer type the question asks
for: a number for "how many", a date for "when"). A person for "who" was tried and dropped: as
a bonus it lowered the answer sentence's hit rate on SQuAD dev's 1,328 "who" questions (bm25,
own paragraph: 0.847 -> 0.843).

An article is a file and a title: a news file is one article; in a corpus.jsonl each record
title is one (SQuAD's paragraphs of one Wikipedia article share their title).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

__all__ = ["answer_first", "article_key"]

T = TypeVar("T")


def article_key(path: str, title: str) -> tuple[str, str]:
    """Which article a passage belongs to: its file and its title."""
    return (path, title)


def answer_first(
    items: Sequence[T], articles: Sequence[tuple[str, str]], scores: Sequence[float | None]
) -> list[T]:
    """`items` (search order) with each article's items re-ordered among the places that
    article holds, best `scores` first (None: no sentence, last); ties keep search order."""
    if not len(items) == len(articles) == len(scores):
        raise ValueError("one article key and one score per item")
    places: dict[tuple[str, str], list[int]] = {}
    for i, key in enumerate(articles):
        places.setdefault(key, []).append(i)
    source = list(range(len(items)))  # place -> index of the item shown there
    for idx in places.values():
        best = sorted(idx, key=lambda i: (scores[i] is None, -(scores[i] or 0.0), i))
        for place, i in zip(idx, best, strict=True):
            source[place] = i
    return [items[i] for i in source]
