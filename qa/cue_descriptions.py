"""The words at a quotation's cue that are no listed name: a description ("said the Tottenham
striker"), a subject between the quotation and its cue ("Young told", "the lawsuit said"), a
lower-case role before a name ("state prosecutor Ana Ruiz told"), "quoted X as saying". The
shapes `qa.speech_attribution` reads them by (issue 11).
"""

from __future__ import annotations

import re

__all__ = ["DESCRIPTION_RE", "GAP_SUBJECT_RE", "LOWER_ROLE_RE", "QUOTED_AS_RE", "TEXT_HEADS"]

# '"…," the agency quoted Peoplesoft worker Tom Hale as saying': who is quoted (a subject of
# at most five words before "quoted", no punctuation; hand-set).
QUOTED_AS_RE = re.compile(r"[\s,—–-]*(?:[\w’'-]+\s+){1,5}quoted\s+(?P<who>[^,.;:!?“”\"]{2,80}?)"
                           r"\s+as\s+")
# A description as the subject after a cue ('said the Tottenham striker', 'said the
# 28-year-old'): "the", at most four words, a lower-case head (hand-set).
DESCRIPTION_RE = re.compile(r"\s+(the\s+(?:[\w’'-]+\s+){0,4}?[a-z0-9][\w-]*)(?=\s*[.,;!?]|\s*$)")
# A subject between a quotation and its cue: a description ("the Newport-based athlete") or
# one to four capitalised words ("Young", "Dai Young"), no punctuation (hand-set).
GAP_SUBJECT_RE = re.compile(r"[\s,—–-]*(?:(?P<desc>the\s+(?:[\w’'-]+\s+){0,4}?[a-z0-9][\w-]*)|"
                             r"(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*)\s+")
# Nouns of texts that speak for an author ('"…," the letter added', '"…," the lawsuit said'):
# hand-set, the written nouns of `qa.clause_subjects`, the documents of `qa.attribution_shapes`
# and legal papers.
TEXT_HEADS = frozenset({
    "statement", "letter", "e-mail", "email", "memo", "note", "book", "autobiography", "memoir",
    "blog", "diary", "website", "article", "column", "message", "release", "document",
    "report", "survey", "study", "poll", "research", "figures", "lawsuit", "suit", "filing",
    "complaint", "motion", "petition", "writ", "ruling", "judgment", "verdict", "indictment"})
# The words before a name between a quotation and its cue that are a role in lower case ("state
# prosecutor", "club captain"): at most three, no punctuation (hand-set).
LOWER_ROLE_RE = re.compile(r"(?:[a-z][\w-]*\s?){1,3}")
