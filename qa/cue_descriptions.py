"""The words at a quotation's cue that are no listed name: a description ("said the Tottenham
striker"), a subject between the quotation and its cue ("Young told", "the lawsuit said"), a
lower-case role before a name ("state prosecutor Ana Ruiz told"), "quoted X as saying". The
shapes `qa.speech_attribution` reads them by (issue 11).
"""

from __future__ import annotations

import re

from qa.attribution_shapes import BRIDGE_RE, SENTENCE_OPENERS_RE
from qa.lexicon import GROUP_NOUNS

__all__ = ["DESCRIPTION_RE", "GAP_SUBJECT_RE", "LOWER_ROLE_RE", "QUOTED_AS_RE", "TEXT_HEADS",
           "related_after", "related_unnamed"]

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
# Someone known only through a possessive determiner ("his agent", "her elder sister", "their
# lawyer, 52,"): "his"/"her"/"their" and at most four words, the last a lower-case noun, maybe
# an age between commas (hand-set, as `qa.clause_subjects`' possessive of a name).
_AGE_RE = re.compile(r"\s*,\s*\d{1,3}\s*,")
# The same person as the subject after a cue ('…," said his agent.'), ending at punctuation
# as `DESCRIPTION_RE` does (hand-set).
_RELATED_AFTER_RE = re.compile(r"(?:his|her|their)\s+(?:[\w’'-]+\s+){0,3}?[a-z][\w-]*"
                                r"(?=\s*[.,;!?]|\s*$)")
# Words that end such a phrase's noun before a cue: a clause, not a person (hand-set).
_NOT_A_PERSON_RE = re.compile(r"(?<![\w’'-])(?:and|or|who|which|that|has|had|have|is|was|are|"
                              r"were|will|would|said|says|told)(?![\w’'-])")


def related_unnamed(text: str, lo: int, cue_start: int) -> int | None:
    """Where a cue's subject is a person named only by a possessive determiner ("His agent told
    the Times", '"…," her mother said'): someone unnamed, neither the person "his" means (a
    person's agent, spokesman or relative is not that person) nor the previous speaker. The
    phrase opens the clause (after quote marks, punctuation or "But"), only auxiliaries
    and adverbs follow it (no appositive), and it is no text ("his statement said": `TEXT_HEADS`)
    nor a group ("her lawyers said": a group speaker, as before)."""
    head = re.match(r"[\s,\"”’'—–-]*", text[lo:cue_start])
    at = lo + (head.end() if head else 0)
    om = SENTENCE_OPENERS_RE.match(text, at, cue_start)
    at = om.end() if om else at
    m = re.match(r"(?:[Hh]is|[Hh]er|[Tt]heir)\s+", text[at:cue_start])
    if m is None:
        return None
    words = list(re.finditer(r"[\w’'-]+", text[at + m.end() : cue_start]))[:4]
    for w in words:  # the shortest phrase that a bridge to the cue follows
        if _NOT_A_PERSON_RE.fullmatch(w.group()):
            return None  # "His side would say", "His move was said": a clause, no person
        end = at + m.end() + w.end()
        age = _AGE_RE.match(text, end, cue_start)
        rest = text[age.end() if age else end : cue_start]
        if not w.group()[:1].islower() or re.match(r"\s*[,—–-]", rest):
            continue  # "His agent, Tom Reed, said": named after all
        if BRIDGE_RE.match(rest) is not None:
            noun = w.group().lower()
            return None if noun in TEXT_HEADS or noun in GROUP_NOUNS else at
    return None


def related_after(text: str, at: int, hi: int) -> int | None:
    """Where a person named only by a possessive determiner ends when they are the subject
    right after a cue at `at` ('…," said his agent.'), as `related_unnamed`; else None."""
    m = _RELATED_AFTER_RE.match(text, at, hi)
    if m is None or re.match(r"\s*,\s*[A-Z]", text[m.end() : hi]):
        return None  # "said his agent, Tom Reed": named after all
    head = m.group().split()[-1].lower()
    return None if head in TEXT_HEADS or head in GROUP_NOUNS else m.end()
