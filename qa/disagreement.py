"""Where two reports of one speaker's statement differ in a checkable way.

Two statements of one speaker from different documents are compared word by word (difflib's
alignment over normalised tokens). Only when most of the shorter one aligns (the same claim)
and a difference sits between aligned words on both sides is it flagged, as one of:
a number or amount ("£3bn" vs "£300m"; "5,000" = "5000", "£3bn" = "£3 billion"), a date
(weekday, month, day of a month, year), a negation ("would stay" vs "would not stay"), a
reversed verb (`REVERSALS`: accepted vs rejected), or a different name ("Geneva" vs "Vienna").
Paraphrases and quotes that are sub-spans of each other do not align as a replacement, so they
are never flagged. No model: precision first (tests/data/disagreement, scripts/eval_disagreement).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal, get_args

from qa.lexicon import HONORIFICS, MONTHS, TITLE_WORDS
from qa.quotes import Quote

__all__ = [
    "DIFFERENCE_KINDS",
    "REVERSALS",
    "Difference",
    "DifferenceKind",
    "DifferingSpan",
    "TextDifference",
    "differences_among",
    "group_differences",
    "statement_differences",
    "text_differences",
]

DifferenceKind = Literal["number", "date", "negation", "reversal", "entity"]
DIFFERENCE_KINDS: tuple[DifferenceKind, ...] = get_args(DifferenceKind)

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
# Negation words; "never" counts as "not" (both negate the same verb). English closed class.
_NEGATIONS = frozenset({"not", "no", "none", "nothing", "nobody", "neither", "nor"})
# "no deal" vs "a deal": a negating determiner against these is a negation too.
_DETERMINERS = frozenset({"a", "an", "the", "some", "any"})
# A number after these is approximate: two approximate numbers are not a checkable difference.
# Hand-set (English approximators).
_APPROXIMATORS = frozenset({
    "about", "around", "nearly", "almost", "some", "roughly", "approximately", "over", "than",
    "up", "least", "under", "estimated", "circa", "c",
})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday"})
# Month names (qa.lexicon); "may" is also a verb: months are compared only when capitalised.
_MONTHS = frozenset(MONTHS)
# Capitalised words that are no name: titles, honorifics, sentence words. From qa.lexicon.
_NOT_NAMES = TITLE_WORDS | HONORIFICS | frozenset({"i", "the", "a", "an", "it", "we", "he",
                                                   "she", "they", "this", "that", "but", "and"})
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

# Alignment thresholds, hand-set on the dev part of tests/data/disagreement (README there):
# the same claim when at least this share of the shorter statement's tokens align, and at
# least MIN_ALIGNED tokens do.
SAME_CLAIM_SHARE = 0.6
MIN_ALIGNED = 4
# A difference is at most this many tokens on each side (longer is a rewording).
MAX_DIFFERENCE_TOKENS = 3
# Aligned tokens needed right before a difference (after it, at least one, unless it ends the
# statement, when ANCHOR_AT_END are needed before it).
ANCHOR_BEFORE = 2
ANCHOR_AT_END = 3

_AMOUNT = re.compile(
    r"(?:(?P<cur>[£$€])\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)|\s?(?P<mult>bn|mn|tn|m|k)\b"
    r"|\s(?P<multw>thousand|million|billion|trillion)\b)?"
    r"(?:\s(?P<curw>euros?|dollars?|pounds?)\b)?"
)
_WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
_TOKEN = re.compile(f"{_AMOUNT.pattern}|{_WORD.pattern}")


@dataclass(frozen=True)
class _Token:
    norm: str  # what is compared: lower-cased word, "#<unit><value>" for a number
    start: int
    end: int
    shape: str  # "word", "name" (capitalised, not opening a sentence), "number", "year"


@dataclass(frozen=True, kw_only=True)
class TextDifference:
    """A difference between two texts: its kind and the differing spans' offsets in each."""

    kind: DifferenceKind
    a: tuple[int, int]
    b: tuple[int, int]


@dataclass(frozen=True, kw_only=True)
class DifferingSpan:
    """The differing words of one statement: file offsets and the statement's citation."""

    text: str
    start: int
    end: int
    citation: str


@dataclass(frozen=True, kw_only=True)
class Difference:
    """Two reports of one statement that differ: `this` is in the statement shown, `other` in
    the other report."""

    kind: DifferenceKind
    this: DifferingSpan
    other: DifferingSpan
    other_path: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (README, "differs")."""
        return {
            "what": self.kind, "this": self.this.text, "this_start": self.this.start,
            "this_end": self.this.end, "this_citation": self.this.citation,
            "other": self.other.text,
            "other_start": self.other.start, "other_end": self.other.end,
            "other_path": self.other_path, "other_citation": self.other.citation,
        }


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


def tokens(text: str) -> list[_Token]:
    """The compared tokens of a text: words lower-cased (possessive 's dropped, "never" as
    "not", "won't"/"cannot"/"-n't" as verb + "not"), amounts as normalised numbers."""
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        if m.group("num") is not None:
            if not m.group("cur") and s > 0 and text[s - 1] in "£$€":
                s -= 1
            norm, shape = _number(m)
            out.append(_Token(norm, s, e, shape))
            continue
        word = m.group().replace("’", "'")
        low = word.lower()
        if low.endswith("'s"):
            low = low[:-2]
        if low in _NUMBER_WORDS:
            out.append(_Token(f"#{_NUMBER_WORDS[low]:g}", s, e, "number"))
            continue
        shape = "name" if word[0].isupper() and not _sentence_opening(text, s) else "word"
        if low in ("won't", "cannot", "can't", "shan't"):
            base = {"won't": "will", "shan't": "shall"}.get(low, "can")
            out += [_Token(base, s, e, "word"), _Token("not", s, e, "word")]
        elif low.endswith("n't"):
            out += [_Token(low[:-3], s, e, "word"), _Token("not", s, e, "word")]
        else:
            out.append(_Token("not" if low == "never" else low, s, e, shape))
    return out


def _kind(ta: Sequence[_Token], tb: Sequence[_Token], text_a: str, text_b: str,
          before: Sequence[_Token], after: Sequence[_Token]) -> DifferenceKind | None:
    """The kind of a replacement of `ta` by `tb` between aligned tokens, or None when it is
    not a checkable difference."""
    na, nb = [t.norm for t in ta], [t.norm for t in tb]
    if set(na) <= _NEGATIONS and set(nb) <= _DETERMINERS or (
            set(nb) <= _NEGATIONS and set(na) <= _DETERMINERS):
        return "negation" if len(na) == len(nb) == 1 else None
    if all(t.shape == "year" for t in (*ta, *tb)):
        return "date"
    if all(t.shape in ("number", "year") for t in (*ta, *tb)):
        near = [t.norm for t in before[-1:]] + [t.norm for t in after[:1]]
        if len(ta) == len(tb) == 1 and any(n in _MONTHS for n in near):
            return "date"  # the day of a month: "12 March" vs "21 March"
        if _approximate(text_a, ta[0]) or _approximate(text_b, tb[0]):
            return None
        return "number"
    if len(na) == len(nb) == 1:
        a, b = na[0], nb[0]
        if {a, b} <= _WEEKDAYS or ({a, b} <= _MONTHS and _capitalised(ta, tb)):
            return "date"
        if (a, b) in REVERSALS:
            return "reversal"
    if _names(ta, tb):
        return "entity"
    return None


def _capitalised(*sides: Sequence[_Token]) -> bool:
    return all(t.shape == "name" for side in sides for t in side)


def _names(ta: Sequence[_Token], tb: Sequence[_Token]) -> bool:
    """Both sides are names (capitalised words, no title, honorific, month or weekday), with
    no word in common and neither the initials of the other (an acronym)."""
    if not _capitalised(ta, tb):
        return False
    na, nb = {t.norm for t in ta}, {t.norm for t in tb}
    if na & nb or (na | nb) & (_NOT_NAMES | _WEEKDAYS | _MONTHS):
        return False
    initials = ("".join(t.norm[0] for t in ta), "".join(t.norm[0] for t in tb))
    return not (len(ta) == 1 and ta[0].norm == initials[1]) and not (
        len(tb) == 1 and tb[0].norm == initials[0])


def _approximate(text: str, t: _Token) -> bool:
    """Whether the number at `t` follows an approximator ("about 440", "more than 200")."""
    words = _WORD.findall(text[max(0, t.start - 20):t.start].lower())
    return bool(words) and words[-1] in _APPROXIMATORS


def _negation_insert(side: Sequence[_Token]) -> bool:
    return bool(side) and all(t.norm in _NEGATIONS for t in side)


def text_differences(a: str, b: str) -> list[TextDifference]:
    """The checkable differences between two texts reporting one statement (offsets into each
    text); none when they do not align as the same claim. Symmetric by construction: the pair
    is compared in one canonical order."""
    if (b, a) < (a, b):
        return [TextDifference(kind=d.kind, a=d.b, b=d.a) for d in _differences(b, a)]
    return _differences(a, b)


def _differences(a: str, b: str) -> list[TextDifference]:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return []
    sm = SequenceMatcher(None, [t.norm for t in ta], [t.norm for t in tb], autojunk=False)
    ops = sm.get_opcodes()
    aligned = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    if aligned < MIN_ALIGNED or aligned < SAME_CLAIM_SHARE * min(len(ta), len(tb)):
        return []
    out: list[TextDifference] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        prev = ops[n - 1][2] - ops[n - 1][1] if n > 0 and ops[n - 1][0] == "equal" else 0
        nxt = ops[n + 1][2] - ops[n + 1][1] if n + 1 < len(ops) and ops[n + 1][0] == "equal" \
            else 0
        at_end = i2 == len(ta) and j2 == len(tb)
        if prev < (ANCHOR_AT_END if at_end else ANCHOR_BEFORE) or (nxt < 1 and not at_end):
            continue
        sa, sb = ta[i1:i2], tb[j1:j2]
        if tag in ("insert", "delete"):
            if nxt >= 1 and (_negation_insert(sa) or _negation_insert(sb)):
                out.append(_negation_spans(ta, tb, i1, i2, j1, j2))
            continue
        if len(sa) > MAX_DIFFERENCE_TOKENS or len(sb) > MAX_DIFFERENCE_TOKENS:
            continue
        kind = _kind(sa, sb, a, b, ta[:i1], ta[i2:])
        if kind is None:
            continue
        if kind == "date" and all(t.shape == "number" for t in (*sa, *sb)):
            i2, j2 = i2 + 1, j2 + 1  # the day with its month: "12 March"
            if i2 > len(ta) or ta[i2 - 1].norm not in _MONTHS:
                i1, i2, j1, j2 = i1 - 1, i2 - 1, j1 - 1, j2 - 1  # "March 12"
        out.append(TextDifference(kind=kind, a=(ta[i1].start, ta[i2 - 1].end),
                                  b=(tb[j1].start, tb[j2 - 1].end)))
    return out


def _negation_spans(ta: Sequence[_Token], tb: Sequence[_Token], i1: int, i2: int, j1: int,
                    j2: int) -> TextDifference:
    """A negation with its verb on both sides: "would stay" vs "would not stay"."""
    a = (ta[i1 - 1].start, ta[min(i2, len(ta) - 1)].end)
    b = (tb[j1 - 1].start, tb[min(j2, len(tb) - 1)].end)
    return TextDifference(kind="negation", a=a, b=b)


def statement_differences(this: Quote, other: Quote) -> tuple[Difference, ...]:
    """The differences between two statements, with file offsets and citations."""
    out = []
    for d in text_differences(this.text, other.text):
        out.append(Difference(
            kind=d.kind,
            this=DifferingSpan(text=this.text[d.a[0]:d.a[1]], start=this.start + d.a[0],
                               end=this.start + d.a[1], citation=this.citation),
            other=DifferingSpan(text=other.text[d.b[0]:d.b[1]], start=other.start + d.b[0],
                                end=other.start + d.b[1], citation=other.citation),
            other_path=other.path))
    return tuple(out)


def _key(q: Quote) -> tuple[str, int, int]:
    return q.doc_id, q.start, q.end


def differences_among(
    statements: Iterable[tuple[Quote, str]],
) -> Mapping[tuple[str, int, int], tuple[Difference, ...]]:
    """For each statement (keyed by doc id, start, end), its differences from the statements
    of the same speaker (the `str`, canonical) in other documents. A cheap word-overlap test
    skips pairs that cannot align as the same claim."""
    by_speaker: dict[str, list[Quote]] = {}
    for q, speaker in dict.fromkeys(statements):
        by_speaker.setdefault(speaker, []).append(q)
    out: dict[tuple[str, int, int], list[Difference]] = {}
    for items in by_speaker.values():
        words = [{t.norm for t in tokens(q.text)} for q in items]
        for i, qa in enumerate(items):
            for j in range(i + 1, len(items)):
                qb = items[j]
                shared = len(words[i] & words[j])
                if qa.doc_id == qb.doc_id or shared < MIN_ALIGNED or (
                        shared < SAME_CLAIM_SHARE * min(len(words[i]), len(words[j]))):
                    continue
                ab = statement_differences(qa, qb)
                if ab:
                    out.setdefault(_key(qa), []).extend(ab)
                    out.setdefault(_key(qb), []).extend(statement_differences(qb, qa))
    return {k: tuple(v) for k, v in out.items()}


def group_differences(
    members: Sequence[Quote], found: Mapping[tuple[str, int, int], tuple[Difference, ...]],
) -> tuple[Difference, ...]:
    """The differences of a group's statements (`differences_among`), each pair once: a pair
    of two members is listed from the earlier member's side."""
    keys = [_key(q) for q in members]
    out: list[Difference] = []
    for n, k in enumerate(keys):
        earlier = {m.citation for m in members[:n]}
        out.extend(d for d in found.get(k, ()) if d.other.citation not in earlier)
    return tuple(out)
