"""When a statement was said: the article's date combined with the time expression of the
statement's attribution ("X said on Wednesday", "On Monday, X warned", "…," he told reporters
last night).

`date_statement` is a pure function of the article's text, the statement's offsets and the
article's date. It reads only the attribution: words inside quotation marks and the reported
content ("X said the talks would resume on Monday") are what was said, not when. A quotation
with no attribution of its own takes the one of the quotation it continues. With no time
expression the statement gets the article's date, marked ``basis: "article date"`` (said on or
before that day); an undated article gives None unless the attribution holds a full date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from qa.quote_marks import quote_spans
from qa.quotes import CUE_RE, Quote
from qa.time_expressions import Expression, find_expressions, resolve

__all__ = ["SaidOn", "SaidOnBasis", "StatementKey", "date_statement", "date_statements"]

# A statement's identity across an answer: (document id, start, end).
StatementKey = tuple[str, int, int]

SaidOnBasis = Literal["expression", "article date"]

# Confidence of a date, by what supports it: hand-set, not calibrated (an order of trust: a
# day named in the attribution, a span named there, the article's date alone).
CONFIDENCE = {"day": 0.9, "span": 0.8, "article date": 0.5}
# How far an expression may stand from its cue, in words: after it ("said in an open letter to
# the British Phonographic Industry last month": 9) and before it, within the clause ("On Monday
# Lib Dem constitutional affairs committee chairman Alan Beith warned": 8). Hand-set on the dev
# part of tests/data/dates (none of its attributions needs more).
MAX_WORDS_AFTER_CUE = 10
MAX_WORDS_BEFORE_CUE = 14

# Participles that attribute like a cue ("…, speaking on Thursday", "called last week for"):
# hand-set.
_SPEAKING_RE = re.compile(
    r"(?<![\w’'-])(?:speaking|writing|talking|called(?=(?:\s+\w+){1,3}\s+for\b))(?![\w-])",
    re.IGNORECASE)
# Words that start the reported content after a cue ("said it would", "said that"), so a time
# expression after them is part of what was said: hand-set (English auxiliaries, pronouns,
# complementisers and negation).
_CONTENT_WORDS = frozenset([
    "that", "which", "who", "whom", "whose", "when", "where", "if", "whether", "because",
    "while", "since", "until", "unless", "will", "would", "could", "should", "can", "may",
    "might", "must", "shall", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "do", "does", "did", "not", "no", "never", "he", "she", "it", "they", "we", "i",
    "you", "there", "this", "these", "those"])
# What may open the words between a cue and its time ("said in a statement on Monday", "said
# late on Friday"); any word may after a cue that takes an object ("told the regional assembly
# on Tuesday"), or a name ("told Interfax on Monday"). Hand-set: English prepositions and
# adverbs of manner; verbs of telling.
_ADVERBIAL_STARTS = frozenset([
    "in", "at", "on", "during", "before", "after", "outside", "to", "from", "via", "through",
    "with", "by", "for", "late", "early", "also", "again", "separately", "publicly",
    "privately", "later", "earlier", "first", "once", "repeatedly"])
_OBJECT_CUES = frozenset([
    "told", "tells", "tell", "telling", "warned", "warns", "warning", "urged", "urges",
    "assured", "reminded", "informed", "briefed", "addressed", "wrote", "writes"])
# Words that open another clause between a time expression and a later cue ("In January, Apple
# sued a website after it published what it said"): hand-set (English conjunctions and
# subordinators).
_CLAUSE_WORDS = frozenset([
    "that", "which", "who", "when", "if", "because", "while", "after", "before", "what",
    "since", "until", "unless", "although", "though", "whereas", "where", "whereby", "but"])
# A cue followed by a comma and no quotation is a parenthetical attribution inside what was
# said ("Last year, he said, was all about deal making"): its opening words are the content.
_PARENTHETICAL_RE = re.compile(r"\w+(?:\s+\w+)?,\s*[^\s\"“«‘'_]")
# "jobs were added", "is said": a passive participle, not someone speaking.
_PASSIVE_RE = re.compile(r"\b(?:is|are|was|were|been|be|being)\s+$", re.IGNORECASE)
# Sentence ends in text whose quotations are masked: a mark, maybe a closing quote, a space,
# then a capital or an opening quote.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”»’']?\s+(?=[\"“«‘'A-Z])")
_ABBREVIATION_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Gov|Sen|Rep|No|[A-Z])\.)$")
_MASK = "_"
# Paragraphs whose masked text is remembered (`_masked`): statements come in document order,
# so this holds the paragraphs of the last few articles; hand-set.
_MASKED_MEMO = 256
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}\b)")


@dataclass(frozen=True, kw_only=True)
class SaidOn:
    """When a statement was said: a day (`start == end`) or a span of days, what says so, and
    the time expression (with its offsets in the file) when one does."""

    start: date
    end: date
    basis: SaidOnBasis
    expression: str | None = None
    expression_start: int | None = None
    expression_end: int | None = None
    confidence: float

    @property
    def is_day(self) -> bool:
        """True when the date is one day."""
        return self.start == self.end

    def label(self) -> str:
        """Short text for a reader: ``2022-01-26 (on Wednesday (26 January))``, ``2024-05-01 to
        2024-05-31 (last month)``, ``2022-01-29 (article date)``."""
        when = self.start.isoformat() if self.is_day else \
            f"{self.start.isoformat()} to {self.end.isoformat()}"
        why = self.expression if self.basis == "expression" else "article date"
        return f"{when} ({why})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``date`` or ``from``/``to``, ``basis``, ``expression`` with its
        ``start``/``end`` offsets (null for the article date), ``confidence``."""
        when: dict[str, Any] = {"date": self.start.isoformat()} if self.is_day else {
            "from": self.start.isoformat(), "to": self.end.isoformat()}
        return {**when, "basis": self.basis, "expression": self.expression,
                "start": self.expression_start, "end": self.expression_end,
                "confidence": self.confidence}


def _as_date(published: date | str | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(published)
    except ValueError:
        return None


def date_statement(
    text: str, start: int, end: int, published: date | str | None
) -> SaidOn | None:
    """When the statement ``text[start:end]`` of an article dated `published` (ISO date or
    None) was said: the first time expression of its attribution that resolves to days on or
    before the article date (`qa.time_expressions.resolve`); else the article's date (basis
    "article date"); None when the article is undated and the attribution names no full date.
    """
    article = _as_date(published)
    for expr in _attribution_expressions(text, start, end):
        days = resolve(expr, article)
        if days is None:
            continue
        return SaidOn(start=days.start, end=days.end, basis="expression", expression=expr.text,
                      expression_start=expr.start, expression_end=expr.end,
                      confidence=CONFIDENCE["day" if days.start == days.end else "span"])
    if article is None:
        return None
    return SaidOn(start=article, end=article, basis="article date",
                  confidence=CONFIDENCE["article date"])


def date_statements(
    quotes: Iterable[Quote], texts: Mapping[str, str], published: Mapping[str, str | None]
) -> dict[StatementKey, SaidOn | None]:
    """`date_statement` for each quote, by (doc_id, start, end): `texts` and `published` (ISO
    date or None) by document id."""
    return {(q.doc_id, q.start, q.end): date_statement(texts[q.doc_id], q.start, q.end,
                                                      published.get(q.doc_id))
            for q in quotes}


# ---------------------------------------------------------------- reading the attribution


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the paragraph (blank-line separated) holding ``text[start:end]``."""
    lo = max(text.rfind("\n\n", 0, start), text.rfind("\r\n\r\n", 0, start))
    lo = 0 if lo < 0 else lo + 2
    hi = text.find("\n\n", end)
    return lo, len(text) if hi < 0 else hi


@lru_cache(maxsize=_MASKED_MEMO)
def _masked(text: str, lo: int, hi: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` with the words inside quotation marks of ``[lo, hi)`` masked and the commas
    of numbers made full stops (offsets kept), and the quoted spans. Remembered: the
    statements of one paragraph share it."""
    chars = list(text[lo:hi])
    for m in _THOUSANDS_RE.finditer(text, lo, hi):  # "71,000 jobs": no clause boundary
        chars[m.start() - lo] = "."
    spans = tuple((q.start, q.end) for q in quote_spans(text, lo, hi))
    for s, e in spans:
        # A quotation's own closing full stop stays: it ends the sentence ("…people." On Tuesday)
        keep = 1 if e > s and text[e - 1] in ".!?" else 0
        chars[s - lo:e - keep - lo] = _MASK * (e - keep - s)
    return text[:lo] + "".join(chars) + text[hi:], spans


def _sentences(masked: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentence bounds of ``masked[lo:hi]`` (quotations masked, so their inner full stops do
    not split)."""
    out, s = [], lo
    for m in _SENTENCE_END_RE.finditer(masked, lo, hi):
        if _ABBREVIATION_RE.search(masked, max(lo, m.start() - 6), m.start()):
            continue
        out.append((s, m.start()))
        s = m.end()
    out.append((s, hi))
    return [(a, b) for a, b in out if b > a]


def _cues(masked: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Where speech cues stand in ``masked[lo:hi]``; a passive participle ("jobs were added
    last month") is no cue."""
    found = [(m.start(), m.end()) for m in CUE_RE.finditer(masked, lo, hi)
             if not _PASSIVE_RE.search(masked, max(lo, m.start() - 12), m.start())]
    found += [(m.start(), m.end()) for m in _SPEAKING_RE.finditer(masked, lo, hi)]
    return sorted(found)


def _nested(masked: str, s_lo: int, cue: tuple[int, int]) -> bool:
    """Whether a cue stands inside what an earlier cue of its clause reports ("said he had
    told her on Monday", "says Lord X warned Mr Y on 7 March"): its time is the reported one."""
    before = masked[s_lo:cue[0]]
    for m in CUE_RE.finditer(before):
        between = before[m.end():]
        if not re.search(r"[,;:()—–]|" + _MASK, between) and _words(between):
            return True
    return False


def _words(gap: str) -> list[str]:
    return re.findall(r"[\w’'.&-]+", gap)


def _after_cue_ok(cue: str, gap: str) -> bool:
    """Whether the words between a cue and a time expression after it are an object or an
    adverbial ("told reporters", "said in a statement", "said late"), not reported content
    ("said prices rose in January"): only cues that take an object may have a noun there."""
    if _MASK in gap or re.search(r"[,;:()\"“”«»—–]|\s-\s", gap):
        return False
    words = _words(gap)
    if not words:
        return True
    if len(words) > MAX_WORDS_AFTER_CUE or any(w.lower() in _CONTENT_WORDS for w in words):
        return False
    first = words[0].lower()
    # A name after a cue that takes no object is the speaker of an inverted attribution
    # ("…," said Mr Danek on Tuesday), when it is all names; else it opens the content ("said
    # European sales fell 2.8% last year").
    name = all(w[0].isupper() or w.lower() in ("of", "the", "'s", "’s") for w in words)
    return (first in _ADVERBIAL_STARTS or cue.lower().split()[0] in _OBJECT_CUES
            or cue.lower().startswith("speak") or name)


def _before_cue_ok(gap: str) -> bool:
    """Whether the words between a time expression and a later cue are the speaker and the
    like ("On Monday Lib Dem chairman Alan Beith warned"), within one clause. (A comma there
    ends what was said when the attribution is inverted: "X did Y on Friday, said Z".)"""
    if _MASK in gap or re.search(r"[;:()\"“”«»—–]|\s-\s|,\s+(?:and|but)\b", gap):
        return False
    words = _words(gap)
    return len(words) <= MAX_WORDS_BEFORE_CUE and not any(
        w.lower() in _CLAUSE_WORDS for w in words)


def _in_speaker_clause(masked: str, s_lo: int, expr: Expression) -> bool:
    """Whether the words before a mid-sentence time expression (from the sentence or clause
    start) are the speaker's clause ("Mr X and Mr Y issued a statement late on Friday"), not a
    relative or content clause ("a draft that was agreed upon last May")."""
    head = masked[s_lo:expr.start].rsplit(",", 1)[-1]
    return _MASK not in head and not any(
        w.lower() in _CONTENT_WORDS or w.lower() in _CLAUSE_WORDS for w in _words(head))


def _opens_sentence(masked: str, s_lo: int, expr: Expression, cue_at: int) -> bool:
    """Whether `expr` stands in the sentence's opening adverbial, up to its comma, and the
    speaker's clause follows it ("On Monday, …", "At a board meeting on Wednesday, …", "In a
    report published this week for the Council, Dr X said"): only connectives and a short
    prepositional phrase before it, a few words after it."""
    head = masked[s_lo:expr.start]
    comma = masked.find(",", expr.end, cue_at)
    if "," in head or _MASK in head or comma < 0 or _PARENTHETICAL_RE.match(masked, cue_at):
        return False
    tail = _words(masked[expr.end:comma])
    if len(tail) > 6 or any(w.lower() in _CONTENT_WORDS or w.lower() in _CLAUSE_WORDS
                            for w in tail) or not _before_cue_ok(masked[comma + 1:cue_at]):
        return False
    connectives = {"but", "and", "also", "however", "meanwhile", "separately", "so", "yet"}
    rest = [w for w in _words(head) if w.lower() not in connectives]
    return not rest or (rest[0].lower() in {"at", "in", "during", "on"} and len(rest) <= 8)


def _candidates(masked: str, s_lo: int, s_hi: int, cue: tuple[int, int],
                content: tuple[int, int] | None) -> Iterator[tuple[int, Expression]]:
    """Time expressions of one sentence that date the statement of `cue`, with their distance
    to it; `content` is the reported clause, whose own expressions are what was said."""
    c_lo, c_hi = cue
    for expr in find_expressions(masked, s_lo, s_hi):
        if content and content[0] <= expr.start < content[1]:
            continue
        if expr.start < c_hi <= expr.end:  # "called on Thursday": the cue ends in it
            yield 0, expr
        elif expr.start >= c_hi and _after_cue_ok(masked[c_lo:c_hi], masked[c_hi:expr.start]):
            yield expr.start - c_hi, expr
        elif expr.end <= c_lo and (
            _opens_sentence(masked, s_lo, expr, c_lo)
            # "X did Y on Friday, saying …" shares Y's time; "X did Y on Friday, said Z" is
            # an inverted attribution after what was said.
            or ("," not in masked[expr.end:c_lo] or masked[c_lo:c_hi].lower().endswith("ing"))
            and _before_cue_ok(masked[expr.end:c_lo]) and _in_speaker_clause(masked, s_lo, expr)
        ):
            yield c_lo - expr.end, expr


def _attribution_expressions(text: str, start: int, end: int) -> list[Expression]:
    """The time expressions of the statement's attribution, nearest the cue first."""
    lo, hi = _paragraph(text, start, end)
    masked, quoted = _masked(text, lo, hi)
    direct = any(s <= start and end <= e + 1 for s, e in quoted)
    sentences = _sentences(masked, lo, hi)
    mine = [i for i, (a, b) in enumerate(sentences) if a < max(end, start + 1) and b > start]
    if not mine:
        return []
    s_lo, s_hi = sentences[mine[0]][0], sentences[mine[-1]][1]
    if len(mine) > 1 and _cues(masked, s_lo, sentences[mine[0]][1]):
        s_hi = sentences[mine[0]][1]  # a span over sentences: its first attribution is its own
    cues = _cues(masked, s_lo, s_hi)
    # A reported clause that does not hold its cue is the content: its expressions are said.
    content = None if direct or any(start <= c < end for c, _ in cues) else (start, end)
    if not cues and direct:
        # A quotation continued without a cue of its own: the sentence before attributes it
        # (within the paragraph, or the last sentence of the paragraph before).
        prev = sentences[mine[0] - 1] if mine[0] > 0 else None
        if prev is None and lo > 0:
            p_lo, p_hi = _paragraph(text, max(0, lo - 3), max(0, lo - 3))
            masked, _ = _masked(text, p_lo, p_hi)
            before = _sentences(masked, p_lo, p_hi)
            prev = before[-1] if before else None  # a blank paragraph before: nothing
        if prev is None:
            return []
        s_lo, s_hi = prev
        cues = _cues(masked, s_lo, s_hi)
    found: list[tuple[int, int, Expression]] = []
    cues = [c for c in cues if not _nested(masked, s_lo, c)]
    # Nearest the statement first (a cue inside a reported span is at distance 0: the earliest
    # first, the one that introduces it).
    ordered = sorted(cues, key=lambda c: (
        0 if start <= c[0] < end else min(abs(c[0] - end), abs(start - c[1])), c[0]))
    for rank, cue in enumerate(ordered):
        # A farther cue counts only within the nearest one's clause ("wrote to the minister on
        # 4 September, saying"), not across "…, and before he left the chancellor told".
        a, b = sorted((cue[1], ordered[0][0]))
        if rank and re.search(r"[;:]|,\s+(?:and|but)\b|\bbut\b|" + _MASK, masked[a:b]):
            continue
        found += [(rank, d, e) for d, e in _candidates(masked, s_lo, s_hi, cue, content)]
    found.sort(key=lambda t: (t[0], t[1]))
    return [e for _, _, e in found]
