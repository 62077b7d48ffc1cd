"""People a text names that the people table (`qa.document_people`) did not list: a surname the
text also writes after a given name ("Robbie Keane took …. Matchwinner Keane was …"). A quotation
or pronoun right after a sentence about such a person is theirs, so it is nobody's known rather
than the previous speaker's (issue 11: removing a statement beats a wrong speaker).

A given name is one the first-name dictionary of `gender-guesser` knows (`qa.first_names`), that
the text never writes in lower case ("Will", "Hope" as words) and that is no function, title or
organisation word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.document_people import Mention
from qa.first_names import first_name_gender, is_given_name
from qa.lexicon import FUNCTION_WORDS, MONTHS, ORG_WORDS, TITLE_WORDS
from qa.names import Gender

__all__ = ["leads_sentence", "unlisted_in", "unlisted_surnames"]

# A given name and a surname, the last capitalised word of its run ("Americans Andy Roddick"
# holds "Andy Roddick"; "Dane Kenneth Carlsen" not "Dane Kenneth"): a lookahead, so that runs
# overlap.
_FULL_NAME_RE = re.compile(r"(?<![\w’'-])(?=([A-Z][a-z]+)\s+((?:Mc|Mac|O')?[A-Z][a-z]+"
                           r"(?:-[A-Z][a-z]+)?)(?![\w’'-]|\s+[A-Z]))")


def _plain(word: str, common: set[str]) -> bool:
    low = word.lower()
    return low not in common and low not in FUNCTION_WORDS | TITLE_WORDS | ORG_WORDS | MONTHS


def unlisted_surnames(text: str, mentions: Sequence[Mention], common: set[str]
                      ) -> dict[str, Gender | None]:
    """Surnames of people the text names in full ("Robbie Keane": given name, capitalised
    surname) outside every listed mention and no word of a listed name, with the gender of the
    given name if plain."""
    listed = {w for mm in mentions for w in mm.name.split()}
    found: dict[str, Gender | None] = {}
    for m in _FULL_NAME_RE.finditer(text):
        given, surname = m.group(1), m.group(2)
        end = m.start() + len(given) + 1 + len(surname)
        if surname in listed or any(mm.start < end and m.start() < mm.end for mm in mentions):
            continue
        if _plain(given, common) and _plain(surname, common) and is_given_name(given):
            found[surname] = first_name_gender(f"{given} {surname}")
    return found


def unlisted_in(text: str, start: int, end: int, mentions: Sequence[Mention],
                surnames: dict[str, Gender | None], gender: Gender | None = None) -> int | None:
    """Where the first unlisted person of `surnames` (of a gender compatible with `gender`) is
    written in ``text[start:end]`` outside the listed mentions, else None."""
    names = [n for n, g in surnames.items() if gender is None or g in (None, gender)]
    if not names:
        return None
    rx = re.compile(r"(?<![\w’'-])(?:" + "|".join(map(re.escape, sorted(names))) + r")(?![\w-])")
    for m in rx.finditer(text, start, end):
        if not any(mm.start <= m.start() < mm.end for mm in mentions):
            return m.start()
    return None


def leads_sentence(text: str, sent_start: int, at: int | None) -> bool:
    """Whether a name written at `at` opens its sentence as its subject: within its first three
    words (as `qa.speech_subjects` takes a narrated sentence's subject), after capitalised
    words only ("Matchwinner Keane", "Top seed Tom Hale"; not "Despite enjoying Dan Brown"),
    and not a possessor ("Brown's book has …"): the person the sentence is about."""
    if at is None:
        return False
    before = text[sent_start:at].split()
    if len(before) > 3 or not all(w[:1].isupper() for w in before):
        return False
    return re.match(r"[\w-]+[’']s?\b", text[at:]) is None
