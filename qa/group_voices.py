"""Unnamed groups of sources as speakers: one member described by a participle phrase ('"…,"
said one musician quoted by the report': the member noun, as for '"…," said one fan',
`UNNAMED_PERSON_AFTER_RE`, tried first), and the commentators "they" means ("The data
confounded analyst expectations. …, they say": the analysts). Steps of the subject of a cue
(`qa.speech_subjects`).
"""

from __future__ import annotations

import re

from qa.lexicon import GROUP_NOUNS

__all__ = ["commentators_named", "group_member_after"]

# The singular of each plural group noun ending in a plain "s" ("analysts" -> "analyst");
# GROUP_NOUNS is the hand-set list of unnamed groups of sources in `qa.lexicon`.
_MEMBERS = sorted((n[:-1] for n in GROUP_NOUNS if n.endswith("s") and not n.endswith("ies")),
                  key=len, reverse=True)
# "one [modifier] musician [quoted|surveyed|… by X]", ending the sentence or at a comma.
_MEMBER_AFTER_RE = re.compile(
    r"(?:[Oo]ne)\s+(?:[a-z-]+\s+)?(" + "|".join(_MEMBERS) + r")(?![\w’'-])"
    r"(?:\s+(?:quoted|surveyed|polled|questioned|interviewed|contacted)\s+by\s+"
    r"[^,.;:!?“”\"«»()]{1,60})?(?=\s*[,.;:!?]|\s*$)")


def group_member_after(text: str, at: int, hi: int) -> str | None:
    """The member noun of 'one <member of a group>' right at `at` (after a cue) when it ends
    the subject there; None otherwise (not "said one analyst would resign")."""
    m = _MEMBER_AFTER_RE.match(text, at, hi)
    return m.group(1).lower() if m is not None else None


# Groups whose members give views for a living, whom "they" means when the sentences before
# talk of them: a hand-set subset of GROUP_NOUNS (not "shoppers", "companies": the subjects
# of the news, whom a report talks about rather than hears).
COMMENTATORS = frozenset({"analysts", "economists", "experts", "critics", "observers",
                          "commentators", "strategists", "forecasters", "researchers",
                          "scientists", "campaigners", "pollsters"})
# A commentator group written in the plural ("analysts"), or its singular modifying a plural
# noun ("analyst expectations", "economist forecasts").
_COMMENTATOR_RE = re.compile(
    r"(?<![\w’'-])(?:(?P<plural>" + "|".join(sorted(COMMENTATORS)) + r")(?![\w’'-])|(?P<single>"
    + "|".join(sorted(n[:-1] for n in COMMENTATORS)) + r")\s+[a-z]+s(?![\w’'-]))",
    re.IGNORECASE)


def commentators_named(text: str, lo: int, hi: int) -> str | None:
    """The commentator group (plural, lower case) last named in `text[lo:hi]`: the sentences
    before a "they say" ("The data confounded analyst expectations. Many had expected …"),
    whom "they" means rather than an organisation named further back; None if none."""
    found = list(_COMMENTATOR_RE.finditer(text, lo, hi))
    if not found:
        return None
    last = found[-1]
    return (last.group("plural") or last.group("single") + "s").lower()
