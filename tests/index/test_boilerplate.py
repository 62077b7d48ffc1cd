"""The furniture/heading/prose rule, on lines the seeds do not contain."""

from __future__ import annotations

import pytest

from index.boilerplate import LineKind, classify_line


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "12 Comments",
        "Related Posts",
        "Back to top",
        "Read more",
        "Share this article",
        "Tags: economy, budget",
        "Advertisement",
        "Subscribe to our newsletter",
        "Your email address will not be published. Required fields are marked *",
        "share on twitter",
        "widget label-3",  # short, lower-case, no sentence punctuation: scraped UI text
        "— 3 —",
    ],
)
def test_furniture(line: str):
    assert classify_line(line) is LineKind.FURNITURE


@pytest.mark.parametrize(
    "line",
    ["Markets react", "“We will not back down”", "## Background", "Budget: what changes"],
)
def test_headings(line: str):
    assert classify_line(line) is LineKind.HEADING


@pytest.mark.parametrize(
    "line",
    [
        "The minister resigned on Tuesday.",
        "Share prices fell sharply on Monday after the bank cut its forecast for the year.",
        "Cookie sales rose by 5% last year, the company said in a statement to investors today.",
        "Was it worth it?",
        "a" * 20 + " " + " ".join(["word"] * 20),
    ],
)
def test_prose(line: str):
    assert classify_line(line) is LineKind.PROSE
