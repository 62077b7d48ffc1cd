"""Where two reports of one speaker's statement differ in a checkable way.

Two statements of one speaker from different documents are compared word by word (difflib's
alignment over normalised tokens, `qa.claim_tokens`). Only when most of the shorter one aligns
(the same claim) and a difference sits between aligned words on both sides is it flagged; in
reworded reports (clauses moved), when they share most content words and the differing token
keeps its neighbours on both sides. A difference is one of:
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

from index.analysis import STOP_WORDS
from qa.claim_pairs import OverlapTest, pairs_to_compare
from qa.claim_tokens import OPPOSITES, REVERSAL_WORDS, REVERSALS, Token, tokens
from qa.lexicon import HONORIFICS, MONTHS, TITLE_WORDS, speech_verbs
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

# Negation words; "never" counts as "not" (both negate the same verb). English closed class.
_NEGATIONS = frozenset({"not", "no", "none", "nothing", "nobody", "neither", "nor"})
# "no deal" vs "a deal": a negating determiner against these is a negation too.
_DETERMINERS = frozenset({"a", "an", "the", "some", "any"})
# A number after these is approximate: two approximate numbers are not a checkable difference.
# Hand-set (English approximators).
_APPROXIMATORS = frozenset({
    "about", "around", "nearly", "almost", "some", "roughly", "approximately", "over", "than",
    "up", "least", "under", "estimated", "circa",
})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday"})
# Month names (qa.lexicon); "may" is also a verb: months are compared only when capitalised.
_MONTHS = frozenset(MONTHS)
# Capitalised words that are no name: titles, honorifics, sentence words. From qa.lexicon.
_NOT_NAMES = TITLE_WORDS | HONORIFICS | frozenset({"i", "the", "a", "an", "it", "we", "he",
                                                   "she", "they", "this", "that", "but", "and"})

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

# Reworded reports (clauses moved, attribution changed) do not align as a whole; there a
# difference needs LOCAL_ANCHOR equal tokens right after it, or right before it, on both sides,
# and the two texts must share LOCAL_SAME_CLAIM_SHARE of the shorter one's distinct content
# tokens (no stop word); a negated verb needs NEGATION_ANCHOR equal tokens after it. Hand-set on
# the dev pairs of tests/data/disagreement/labels_paraphrased.txt and on reading every flag
# this pass raised over all same-speaker pairs of bbc-full (README there).
LOCAL_ANCHOR = 2
LOCAL_SAME_CLAIM_SHARE = 0.5
LOCAL_MIN_SHARED = 2
NEGATION_ANCHOR = 3
# A name right after a speech verb is who was told ("told the BBC"), not what was said.
_SPEECH = re.compile(rf"(?:{speech_verbs('cue')}|according|interview)", re.IGNORECASE)
# "not only", "whether or not": no negation of the verb that follows. Hand-set.
_NOT_NEGATING = frozenset({"only", "just", "least", "even", "yet", "all"})


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



def _kind(ta: Sequence[Token], tb: Sequence[Token], text_a: str, text_b: str,
          before: Sequence[Token], after: Sequence[Token]) -> DifferenceKind | None:
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


def _capitalised(*sides: Sequence[Token]) -> bool:
    return all(t.shape == "name" for side in sides for t in side)


def _names(ta: Sequence[Token], tb: Sequence[Token]) -> bool:
    """Both sides are names (capitalised words, no title, honorific, month or weekday), with
    no word in common and neither the initials of the other (an acronym)."""
    if not _capitalised(ta, tb):
        return False
    na, nb = {t.norm for t in ta}, {t.norm for t in tb}
    if na & nb or (na | nb) & (_NOT_NAMES | _WEEKDAYS | _MONTHS):
        return False
    if {_stem(w) for w in na} & {_stem(w) for w in nb}:  # "Democrats" vs "Democrat"
        return False
    initials = ("".join(t.norm[0] for t in ta), "".join(t.norm[0] for t in tb))
    return not (len(ta) == 1 and ta[0].norm == initials[1]) and not (
        len(tb) == 1 and tb[0].norm == initials[0])


def _approximate(text: str, t: Token) -> bool:
    """Whether the number at `t` follows an approximator ("about 440", "more than 200")."""
    words = re.findall(r"[^\W\d_]+", text[max(0, t.start - 20):t.start].lower())
    return bool(words) and words[-1] in _APPROXIMATORS


def _negation_insert(side: Sequence[Token]) -> bool:
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
    if not _substance(ta) & _substance(tb):
        return []
    out = _aligned_differences(a, b, ta, tb)
    for d in _local_differences(a, b, ta, tb):  # what the alignment did not already find
        if not any(_overlap(d.a, o.a) or _overlap(d.b, o.b) for o in out):
            out.append(d)
    return out


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def _aligned_differences(a: str, b: str, ta: Sequence[Token], tb: Sequence[Token]
                         ) -> list[TextDifference]:
    """Differences between tokens that align as a whole (difflib), anchored by aligned
    tokens on both sides."""
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


def _substance(toks: Sequence[Token]) -> frozenset[str]:
    """The words that make a claim: no stop word, no speech verb. Two reports of one claim
    share at least one."""
    return frozenset(t.norm for t in toks
                     if t.norm not in STOP_WORDS and not _SPEECH.fullmatch(t.norm))


def _same_claim_words(ta: Sequence[Token], tb: Sequence[Token]) -> bool:
    """Whether two texts share enough distinct content tokens (no stop word) to report one
    claim, in any order."""
    wa, wb = ({t.norm for t in side if t.norm not in STOP_WORDS} for side in (ta, tb))
    shared = len(wa & wb)
    return shared >= LOCAL_MIN_SHARED and shared >= LOCAL_SAME_CLAIM_SHARE * min(len(wa), len(wb))


def _anchored(ta: Sequence[Token], tb: Sequence[Token], i: int, j: int) -> bool:
    """Whether tokens i of A and j of B have the same LOCAL_ANCHOR tokens after or before,
    at least one of them a content word that is no speech verb ("on the" or "said that"
    anchor nothing: every report has them)."""
    k = LOCAL_ANCHOR
    after, before = ta[i + 1:i + 1 + k], ta[max(0, i - k):i]
    return any(
        len(side) == k and [t.norm for t in side] == [t.norm for t in other]
        and any(t.norm not in STOP_WORDS and not _SPEECH.fullmatch(t.norm) for t in side)
        for side, other in ((after, tb[j + 1:j + 1 + k]), (before, tb[max(0, j - k):j])))


def _told(text: str, side: Sequence[Token], i: int) -> bool:
    """Whether a speech verb is among the two tokens before token i ("told the BBC")."""
    return any(_SPEECH.fullmatch(text[t.start:t.end]) for t in side[max(0, i - 2):i])


def _single_kind(x: Token, y: Token, a: str, b: str, ta: Sequence[Token],
                 tb: Sequence[Token], i: int, j: int) -> DifferenceKind | None:
    """The kind of difference between single tokens x (i of A) and y (j of B), or None."""
    if x.shape == y.shape == "year":
        return "date"
    if x.shape == y.shape == "number":
        return None if _approximate(a, x) or _approximate(b, y) else "number"
    pair = {x.norm, y.norm}
    if pair <= _WEEKDAYS or (pair <= _MONTHS and _capitalised([x], [y])):
        return "date"
    if (x.norm, y.norm) in REVERSALS and not _both_ways(x.norm, tb) and not _both_ways(
            y.norm, ta):
        return "reversal"
    if _names([x], [y]) and not _told(a, ta, i) and not _told(b, tb, j) and _in_slot(
            ta, tb, i, j):
        return "entity"
    return None


def _both_ways(word: str, other: Sequence[Token]) -> bool:
    """Whether the other text also holds `word`'s direction ("dropped by 1% after a 0.6%
    rise" against "rose"): then it reports both, not the reverse."""
    return any((word, o) not in REVERSALS and (o, y) in REVERSALS for o in
               (t.norm for t in other) for y in OPPOSITES.get(word, ()))


def _in_slot(ta: Sequence[Token], tb: Sequence[Token], i: int, j: int) -> bool:
    """Whether two names stand between the same word before and the same word after."""
    return (i > 0 and j > 0 and i + 1 < len(ta) and j + 1 < len(tb)
            and ta[i - 1].norm == tb[j - 1].norm and ta[i + 1].norm == tb[j + 1].norm)


def _stem(word: str) -> str:
    """A crude English stem for matching a verb's forms ("deserved" = "deserve")."""
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e")


def _local_differences(a: str, b: str, ta: Sequence[Token], tb: Sequence[Token]
                       ) -> list[TextDifference]:
    """Differences in reworded reports: single tokens of a checkable kind whose neighbours
    match (`_anchored`), and a verb negated on one side only."""
    if not _same_claim_words(ta, tb):
        return []
    na, nb = {t.norm for t in ta}, {t.norm for t in tb}
    out: list[TextDifference] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for i, x in enumerate(ta):
        if x.norm in nb or x.shape == "word" and x.norm not in _WEEKDAYS | REVERSAL_WORDS:
            continue
        for j, y in enumerate(tb):
            if j in used_b or y.norm in na or not _anchored(ta, tb, i, j):
                continue
            kind = _single_kind(x, y, a, b, ta, tb, i, j)
            if kind is not None and i not in used_a:
                used_a.add(i)
                used_b.add(j)
                out.append(TextDifference(kind=kind, a=(x.start, x.end), b=(y.start, y.end)))
    negated = _one_side_negation(ta, tb)
    if negated is not None:
        out.append(negated)
    return out


def _one_side_negation(ta: Sequence[Token], tb: Sequence[Token]) -> TextDifference | None:
    """A verb negated in one text ("had not deserved to lose on") and plain in the other
    ("deserved to lose on"), with the same NEGATION_ANCHOR tokens after it; only when the
    other text has no negation at all."""
    for neg, plain, swap in ((ta, tb, False), (tb, ta, True)):
        if any(t.norm in _NEGATIONS for t in plain):
            continue
        nots = [i for i, t in enumerate(neg) if t.norm == "not"]
        if len(nots) != 1 or nots[0] + 1 >= len(neg) or neg[nots[0] + 1].norm in _NOT_NEGATING:
            continue
        i = nots[0] + 1  # the negated verb
        tail = [t.norm for t in neg[i + 1:i + 1 + NEGATION_ANCHOR]]
        if len(tail) < NEGATION_ANCHOR:
            continue
        for j, t in enumerate(plain):
            if _stem(t.norm) == _stem(neg[i].norm) and [
                    u.norm for u in plain[j + 1:j + 1 + NEGATION_ANCHOR]] == tail:
                n_span = (neg[max(0, nots[0] - 1)].start, neg[i].end)
                p_span = (plain[max(0, j - 1)].start, t.end)
                a, b = (p_span, n_span) if swap else (n_span, p_span)
                return TextDifference(kind="negation", a=a, b=b)
    return None


def _negation_spans(ta: Sequence[Token], tb: Sequence[Token], i1: int, i2: int, j1: int,
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


_OVERLAP = OverlapTest(stop_words=STOP_WORDS, local_min_shared=LOCAL_MIN_SHARED,
                       local_share=LOCAL_SAME_CLAIM_SHARE, min_aligned=MIN_ALIGNED,
                       share=SAME_CLAIM_SHARE)


def _key(q: Quote) -> tuple[str, int, int]:
    return q.doc_id, q.start, q.end


def differences_among(
    statements: Iterable[tuple[Quote, str]],
) -> Mapping[tuple[str, int, int], tuple[Difference, ...]]:
    """For each statement (keyed by doc id, start, end), its differences from the statements
    of the same speaker (the `str`, canonical) in other documents. Only pairs sharing a word
    of substance are looked at, and a cheap overlap test (`qa.claim_pairs`) skips pairs that
    cannot pass either same-claim test: the result is that of `statement_differences` on
    every pair."""
    by_speaker: dict[str, list[Quote]] = {}
    for q, speaker in dict.fromkeys(statements):
        by_speaker.setdefault(speaker, []).append(q)
    out: dict[tuple[str, int, int], list[Difference]] = {}
    for items in by_speaker.values():
        toks = [tokens(q.text) for q in items]
        pairs = pairs_to_compare([[t.norm for t in ts] for ts in toks],
                                 [_substance(ts) for ts in toks], [q.doc_id for q in items],
                                 _OVERLAP)
        for i, j in pairs:
            qa, qb = items[i], items[j]
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
