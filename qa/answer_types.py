"""Expected answer types: a "how many" question wants a quantity, a "when" question a date.

`expected_answer` reads the type off the question's wording; `has_answer_type` says whether a
sentence holds something of that type (digits, number words such as "thousands", month names).
Answer sentences that do are preferred (`qa.answer.best_sentence`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "ANSWER_TYPES",
    "AnswerType",
    "Expected",
    "content_terms",
    "expected_answer",
    "has_answer_type",
]

AnswerType = Literal["quantity", "date"]
ANSWER_TYPES: tuple[AnswerType, ...] = get_args(AnswerType)


@dataclass(frozen=True)
class Expected:
    """The type of answer a question asks for, and the words that ask it ("how many")."""

    kind: AnswerType
    phrase: str

_QUANTITY_Q = re.compile(
    r"\bhow\s+(?:many|much|long|far|old|big|large|tall|high|deep|wide|heavy|fast)\b"
    r"|\bwhat\s+(?:percentage|percent|proportion|number|amount|size)\b",
    re.IGNORECASE,
)
_DATE_Q = re.compile(
    r"^(?:\W*(?:and|so|but|since|until|till)\s+)?when\b"
    r"|\b(?:what|which)\s+(?:year|date|day|month|decade|century)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|quarter|"
    r"percent|per\s+cent|twice|thrice"
)
_QUANTITY = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_DATE_WORDS = re.compile(
    r"\b(?:centur(?:y|ies)|decades?|yesterday|today|tomorrow|ago)\b", re.IGNORECASE)
_CALENDAR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b"
)


def expected_answer(question: str) -> Expected | None:
    """The type of answer a question asks for ("quantity" or "date"), or None (any type)."""
    checks: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
        ("date", _DATE_Q), ("quantity", _QUANTITY_Q))
    for kind, pattern in checks:
        m = pattern.search(question)
        if m:
            return Expected(kind=kind, phrase=m.group().strip())
    return None


def has_answer_type(text: str, kind: AnswerType | None) -> bool:
    """True when `text` holds an answer of type `kind` (digits count for both types)."""
    if kind == "quantity":
        return bool(_QUANTITY.search(text))
    if kind == "date":
        return bool(re.search(r"\d", text) or _CALENDAR.search(text)
                    or _DATE_WORDS.search(text))
    return False


def content_terms(question: str, tokenize: Callable[[str], list[str]]) -> list[str]:
    """The question's index terms without the words that ask for an answer type ("many" of
    "how many", "year" of "what year"): those say what kind of answer is wanted, not what it
    is about. All terms when nothing else would remain."""
    terms = tokenize(question)
    expects = expected_answer(question)
    if expects is None:
        return terms
    asking = set(tokenize(expects.phrase))
    rest = [t for t in terms if t not in asking]
    return rest or terms
