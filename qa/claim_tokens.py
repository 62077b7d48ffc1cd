"""The tokens two reports of a statement are compared by (`qa.disagreement`).

Words lower-cased, with the possessive 's dropped, "never" read as "not" and "won't", "cannot",
"-n't" split into verb + "not"; amounts normalised so that reformatting never changes them
("5,000" = "5000", "£3bn" = "£3 billion", "12%" = "12 per cent", "fourteen" = "14"). Each
token keeps its offsets in the text and a shape: a plain word, a name (capitalised, not opening
a sentence), a number or a year. Also the opposite words (`REVERSALS`) a reversal is read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["OPPOSITES", "REVERSALS", "REVERSAL_WORDS", "Token", "tokens"]

# Opposite verbs and trend words, every form a news report uses: hand-written from issue 15's
# examples (confirm/deny, accept/reject, rise/fall) and their common news counterparts
# (approve/reject, support/oppose, increase/decrease, win/lose, ...). Each line: the forms of
# one side, "|", the forms of the other.
_REVERSAL_TABLE = """
accept accepts accepted accepting | reject rejects rejected rejecting
approve approves approved approving | reject rejects rejected rejecting
confirm confirms confirmed confirming | deny denies denied denying
admit admits admitted admitting | deny denies denied denying
support supports supported supporting | oppose opposes opposed opposing
back backs backed backing | oppose opposes opposed opposing
rise rises rose risen rising | fall falls fell fallen falling
rise rises rose risen rising | drop drops dropped dropping
increase increases increased increasing | decrease decreases decreased decreasing
increase increases increased increasing | fall falls fell fallen falling
increase increases increased increasing | cut cuts cutting
raise raises raised raising | cut cuts cutting
raise raises raised raising | lower lowers lowered lowering
grow grows grew grown growing | shrink shrinks shrank shrunk shrinking
gain gains gained gaining | lose loses lost losing
win wins won winning | lose loses lost losing
agree agrees agreed agreeing | disagree disagrees disagreed disagreeing
allow allows allowed allowing | ban bans banned banning
allow allows allowed allowing | forbid forbids forbade forbidden forbidding
lift lifts lifted lifting | impose imposes imposed imposing
include includes included including | exclude excludes excluded excluding
higher | lower
up | down
"""


def _reversal_pairs(table: str) -> frozenset[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for line in table.strip().splitlines():
        left, right = (side.split() for side in line.split("|"))
        out.update((a, b) for a in left for b in right)
        out.update((b, a) for a in left for b in right)
    return frozenset(out)


REVERSALS: frozenset[tuple[str, str]] = _reversal_pairs(_REVERSAL_TABLE)
REVERSAL_WORDS = frozenset(a for a, _ in REVERSALS)
OPPOSITES: dict[str, frozenset[str]] = {
    w: frozenset(b for a, b in REVERSALS if a == w) for w in REVERSAL_WORDS}

# Number words a report may spell out ("fourteen countries" = "14 countries"): English.
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty")
_TENS = "thirty forty fifty sixty seventy eighty ninety"
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS.split())}
_NUMBER_WORDS.update({w: 10 * (i + 3) for i, w in enumerate(_TENS.split())})
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9,
                "billion": 1e9, "tn": 1e12, "trillion": 1e12}
_CURRENCY_WORDS = {"euro": "€", "euros": "€", "dollar": "$", "dollars": "$", "pound": "£",
                   "pounds": "£"}

_AMOUNT = re.compile(
    r"(?:(?P<cur>[£$€])\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)|\s?(?P<mult>bn|mn|tn|m|k)\b"
    r"|\s(?P<multw>thousand|million|billion|trillion)\b)?"
    r"(?:\s(?P<curw>euros?|dollars?|pounds?)\b)?"
)
_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
_TOKEN = re.compile(f"{_AMOUNT.pattern}|{_WORD.pattern}")


@dataclass(frozen=True)
class Token:
    """One compared token: its normalised form, offsets and shape."""

    norm: str  # what is compared: lower-cased word, "#<unit><value>" for a number
    start: int
    end: int
    shape: str  # "word", "name" (capitalised, not opening a sentence), "number", "year"


def _number(m: re.Match[str]) -> tuple[str, str]:
    """The normalised form and shape of an amount match."""
    raw = m.group("num")
    value = float(raw.replace(",", ""))
    unit = m.group("cur") or ""
    if m.group("curw"):
        unit = _CURRENCY_WORDS[m.group("curw").lower()]
    if m.group("pct"):
        unit += "%"
    mult = m.group("mult") or m.group("multw")
    if mult:
        value *= _MULTIPLIERS[mult.lower()]
    year = (not unit and not mult and "," not in raw and "." not in raw and len(raw) == 4
            and 1900 <= value <= 2099)
    return f"#{unit}{value:g}", "year" if year else "number"


def _sentence_opening(text: str, start: int) -> bool:
    """Whether a word at `start` opens the text, a sentence or a quotation."""
    before = text[:start].rstrip(" \t\"“”‘’'«»([")
    return not before or before[-1] in ".!?:;\n"


@lru_cache(maxsize=8192)  # an answer compares each statement with many others: hand-set
def tokens(text: str) -> tuple[Token, ...]:
    """The compared tokens of a text: words lower-cased (possessive 's dropped, "never" as
    "not", "won't"/"cannot"/"-n't" as verb + "not"), amounts as normalised numbers."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        if m.group("num") is not None:
            if not m.group("cur") and s > 0 and text[s - 1] in "£$€":
                s -= 1
            norm, shape = _number(m)
            out.append(Token(norm, s, e, shape))
            continue
        word = m.group().replace("’", "'")
        low = word.lower()
        if low.endswith("'s"):
            low = low[:-2]
        if low in _NUMBER_WORDS:
            out.append(Token(f"#{_NUMBER_WORDS[low]:g}", s, e, "number"))
            continue
        shape = "name" if word[0].isupper() and not _sentence_opening(text, s) else "word"
        if low in ("won't", "cannot", "can't", "shan't"):
            base = {"won't": "will", "shan't": "shall"}.get(low, "can")
            out += [Token(base, s, e, "word"), Token("not", s, e, "word")]
        elif low.endswith("n't"):
            out += [Token(low[:-3], s, e, "word"), Token("not", s, e, "word")]
        else:
            out.append(Token("not" if low == "never" else low, s, e, shape))
    return tuple(out)

