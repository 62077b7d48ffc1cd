"""What a speaker's name may not be: a speaker is a noun phrase naming someone (a person, an
organisation, a group), never a number, a year or a weekday ("By 2025, …, says a study"), nor one
word that only modifies the noun after it: a participle opening a sentence
("Revised figures indicated …", capitalised only for its place). Pure functions over the
name's text and `qa.sentence_parse`; read where an organisation subject is taken.
(`qa.organisations` already drops a name with no letter where it finds one: `_has_letter`;
this check also covers "1990s", "5m" and weekdays, for every subject taken.)
"""

from __future__ import annotations

import re

from qa.lexicon import WEEKDAYS
from qa.sentence_parse import ParsedSentence, span_head

__all__ = ["modifier_shaped", "names_no_one", "premodifies_noun"]

# A name with no letter ("2025", "40%", "1,200") or a number with a unit or an ordinal
# suffix ("1990s", "21st", "5m"): a quantity or a time, never someone.
_NUMBER_RE = re.compile(r"[\d\W]*\d[\d\W]*(?:s|st|nd|rd|th|m|bn|k)?", re.IGNORECASE)
# The endings of an English past or present participle ("Revised", "Leaked", "Rising",
# "Forgotten"): the one-word names the parse is asked about. Adjective endings ("-ive",
# "-al") are left out: "Conservative", "Liberal", "Federal" modify a noun and still name a
# party or a body ("a Conservative spokeswoman said"; a bbc-full diff showed it). Hand-set.
_MODIFIER_ENDINGS = ("ed", "ing", "en")


def names_no_one(name: str) -> bool:
    """Whether every word of `name` is a number, a year, a decade or a weekday, which names
    nobody who could speak. (Months are left out: "May", "June", "August" are names too.)"""
    words = name.split()
    return bool(words) and all(
        _NUMBER_RE.fullmatch(w) or w.lower().strip(".,") in WEEKDAYS for w in words)


def modifier_shaped(name: str) -> bool:
    """Whether `name` is one word with a participle's ending, so that the parse should say
    whether it modifies the noun after it (`premodifies_noun`)."""
    return " " not in name.strip() and name.lower().endswith(_MODIFIER_ENDINGS)


def premodifies_noun(sent: ParsedSentence, start: int, end: int) -> bool:
    """Whether the parse makes the word at ``[start, end)`` an adjectival modifier of a noun
    ("Revised figures": "Revised" amod of "figures"): no name. False when not clear."""
    tok = span_head(sent, start, end)
    return tok is not None and tok.dep == "amod"
