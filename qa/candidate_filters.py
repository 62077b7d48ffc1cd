"""The tests that keep or drop a candidate name with no evidence of its own: a capitalised word
after a locative is a place ("in Moscow"), a surname that opens a sentence alone is a subject
("Marek was …"), a "who" clause or "the … woman" after a full name makes it a person's, and a
one-word name after a speech verb may only qualify a role ("says England lock Danny …"). Read
by qa.name_candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.chunking import Chunk
from qa.first_names import first_name_gender
from qa.lexicon import FUNCTION_WORDS, LOCATIVES
from qa.names import Token

__all__ = ["opens_sentence_alone", "personal_relative", "place_words", "premodifier",
           "subject_alone"]


# A full name followed by a clause only a person takes: "who"/"whose" (organisations are
# "which" in news copy, except teams: hence the first-name condition below) or an appositive
# headed by a noun for a person ("Ann Lee, the Leeds woman who …").
_PERSONAL_AFTER_RE = re.compile(
    r"\s*,\s*(?:(?:who|whose)\b|(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:woman|man|girl|boy|mother|father|wife|husband|widow|widower|pensioner|grandmother"
    r"|grandfather|daughter|son)\b)")


def personal_relative(text: str, name: list[Token]) -> bool:
    """Whether a full name with no title or speech verb is a person's by what follows it (a
    "who" clause, "the … woman") and by a first name the name list knows (`qa.first_names`):
    "Emma Lane, who plays Hermione" is a person; "Leeds United, who beat …" is a team."""
    return bool(_PERSONAL_AFTER_RE.match(text, name[-1].end)) and first_name_gender(
        " ".join(t.text for t in name)) is not None


# One to three lower-case words then a capitalised word: "England lock Tom …", "England
# sevens coach Eva …", "Hale ally Jim …".
_ROLE_THEN_NAME_RE = re.compile(r"^\s+((?:[a-z][a-z-]+\s+){1,3})[A-Z]")


def premodifier(name: list[Token], after: str) -> bool:
    """Is a one-word name after a speech verb only the qualifier of a role and a name ("says
    England lock Tom Hale needs …": the team, not a speaker; found on sport/307)?"""
    m = _ROLE_THEN_NAME_RE.match(after)
    return len(name) == 1 and m is not None and not any(
        w in FUNCTION_WORDS for w in m.group(1).split())


def place_words(chunk_tokens: Sequence[Sequence[Token]]) -> set[str]:
    """Capitalised words right after a locative preposition ("in Moscow"), from the tokens of
    each chunk."""
    return {
        toks[i + 1].text
        for toks in chunk_tokens
        for i in range(len(toks) - 1)
        if toks[i].low in LOCATIVES
    }


# What follows a sentence-opening surname in `subject_alone`: an optional parenthesis between
# commas, then a lower-case word.
_SUBJECT_VERB_AFTER_RE = re.compile(r"(?:,[^,]{1,90},)?\s+[a-z]")


def subject_alone(text: str, chunks: Sequence[Chunk], surname: str) -> bool:
    """Does `surname` open a sentence alone, followed by a lower-case verb ("Marek was")?"""
    return any(opens_sentence_alone(text, surname, ch.start, ch.end) for ch in chunks)


def opens_sentence_alone(text: str, word: str, start: int, end: int) -> bool:
    """Whether the pattern `subject_alone` once compiled per word (``(?:^|[.!?]["”’']?\\s+)``,
    the escaped word, then `_SUBJECT_VERB_AFTER_RE`) is found in ``text[start:end]``, without
    that compile (a document's words filled `re`'s cache and pushed pysbd's patterns out;
    tests/qa/test_name_search.py compares the two): `word` at the text's start, or after a
    sentence mark, maybe a closing quote, and whitespace, all inside the range."""
    if not word:  # (never a name; the pattern itself, to stay exact)
        return re.compile(r"(?:^|[.!?][\"”’']?\s+)(?:,[^,]{1,90},)?\s+[a-z]").search(
            text, start, end) is not None
    i = text.find(word, start, end)
    while i >= 0:
        if _SUBJECT_VERB_AFTER_RE.match(text, i + len(word), end) and (
                i == 0 or _after_sentence_end(text, i, start)):
            return True
        i = text.find(word, i + 1, end)
    return False


def _after_sentence_end(text: str, i: int, start: int) -> bool:
    """Whether ``text[start:i]`` ends with a sentence mark, maybe a closing quote, then at
    least one whitespace character."""
    j = i
    while j > start and text[j - 1].isspace():
        j -= 1
    if j == i:
        return False
    k = j - 1
    if k >= start and text[k] in "\"”’'":
        k -= 1
    return k >= start and text[k] in ".!?"
