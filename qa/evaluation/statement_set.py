"""Scoring statement extraction and speaker answers against the labelled BBC dev articles.

Evaluation layer (not the domain): pure functions over the labels and questions of
`tests/data/statements/` (format in its README) and over what the product extracted or
answered, reduced to `Found` spans. I/O is limited to `load_*` and `read_article`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.encoding import read_decoded

__all__ = [
    "MIN_OVERLAP",
    "ExtractionScore",
    "Found",
    "LabelledStatement",
    "QuestionScore",
    "SpeakerQuestion",
    "check_offsets",
    "load_aliases",
    "load_questions",
    "load_statements",
    "name_words",
    "overlaps",
    "read_article",
    "same_speaker",
    "score_extraction",
    "score_question",
    "summarize_questions",
]

# Span agreement of issue 11 ("span overlap >= 50 %"): shared characters over the shorter span.
MIN_OVERLAP = 0.5

# Honorifics and titles dropped before comparing surnames (a well-known list: English forms of
# address plus the political and clerical titles used in BBC copy; hand-set).
_HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "baroness", "prof",
     "professor", "president", "rev"]
)


@dataclass(frozen=True)
class LabelledStatement:
    """One hand-labelled statement: exact span, speaker, kind and cue (see the data README)."""

    id: str
    path: str
    start: int
    end: int
    text: str
    speaker: str
    speaker_kind: str  # person / organisation / unnamed
    kind: str  # direct / reported
    continued: bool
    cue: str
    mention: str | None
    borderline: bool
    co_speakers: tuple[str, ...] = ()
    encoding: str = "utf-8"

    @property
    def speakers(self) -> tuple[str, ...]:
        """The speaker and any co-speakers of a joint statement."""
        return (self.speaker, *self.co_speakers)


@dataclass(frozen=True)
class SpeakerQuestion:
    """A labelled question: the person it should resolve to and every statement answering it."""

    question: str
    kind: str
    speaker: str | None
    gold: tuple[str, ...]
    expect_answered: bool
    note: str = ""
    speaker_required: bool = True  # False: resolving nobody is also right (never-quoted person)


@dataclass(frozen=True)
class Found:
    """A statement the product extracted or answered with, reduced to what is scored."""

    path: str
    start: int
    end: int
    speaker: str | None


@dataclass(frozen=True)
class ExtractionScore:
    """Precision/recall of extracted statements against the labels (span and speaker)."""

    labels: int
    extracted: int
    recalled: int  # labels matched by an extracted statement with the right speaker
    precise: int  # extracted statements matching a label with the right speaker
    span_recalled: int  # labels matched by span alone (speaker ignored)
    span_precise: int  # extracted statements matching a label by span alone
    core_labels: int  # labels not marked borderline
    core_recalled: int
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind: (recalled, labels)
    missed: tuple[str, ...] = ()  # label ids not recalled
    wrong: tuple[Found, ...] = ()  # extracted statements matching no label

    @property
    def precision(self) -> float:
        return self.precise / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.labels if self.labels else 0.0

    @property
    def core_recall(self) -> float:
        return self.core_recalled / self.core_labels if self.core_labels else 0.0

    @property
    def span_precision(self) -> float:
        return self.span_precise / self.extracted if self.extracted else 0.0

    @property
    def span_recall(self) -> float:
        return self.span_recalled / self.labels if self.labels else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Figures only (for --json)."""
        return {
            "labels": self.labels, "extracted": self.extracted,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "recall_without_borderline": round(self.core_recall, 4),
            "span_only_precision": round(self.span_precision, 4),
            "span_only_recall": round(self.span_recall, 4),
            "recall_by_kind": {k: round(r / n, 4) if n else 0.0
                               for k, (r, n) in sorted(self.by_kind.items())},
        }


@dataclass(frozen=True)
class QuestionScore:
    """How one answer did: gold statements found, right person, answered as expected."""

    question: SpeakerQuestion
    answered: bool
    resolved: str | None
    gold_found: tuple[str, ...]
    gold_missing: tuple[str, ...]
    core_missing: tuple[str, ...]  # missing gold ids that are not borderline
    extra: int  # answer quotes matching no gold statement
    right_person: bool

    @property
    def all_gold(self) -> bool:
        """Every gold statement among the answer's quotes (vacuous for an empty gold list)."""
        return not self.gold_missing

    @property
    def answered_ok(self) -> bool:
        return self.answered == self.question.expect_answered


# ---------------------------------------------------------------------------------- loading


def read_article(path: Path) -> tuple[str, str]:
    """An article's text and encoding, decoded exactly as the engine reads it
    (`index.encoding.read_decoded`: UTF-8, else the detected encoding; no newline translation)."""
    decoded = read_decoded(path)
    return decoded.text, decoded.encoding


def load_statements(path: Path) -> list[LabelledStatement]:
    """The labels of statements.jsonl."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        out.append(LabelledStatement(
            id=d["id"], path=d["path"], start=d["start"], end=d["end"], text=d["text"],
            speaker=d["speaker"], speaker_kind=d["speaker_kind"], kind=d["kind"],
            continued=d["continued"], cue=d["cue"], mention=d.get("mention"),
            borderline=d["borderline"], co_speakers=tuple(d.get("co_speakers", ())),
            encoding=d.get("encoding", "utf-8"),
        ))
    return out


def load_questions(path: Path) -> list[SpeakerQuestion]:
    """The questions of questions.jsonl."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        out.append(SpeakerQuestion(
            question=d["question"], kind=d["kind"], speaker=d.get("speaker"),
            gold=tuple(d["gold"]), expect_answered=d["expect_answered"], note=d.get("note", ""),
            speaker_required=d.get("speaker_required", True),
        ))
    return out


def load_aliases(path: Path) -> dict[str, tuple[str, ...]]:
    """Other names a labelled speaker goes by ("Conservatives": "Tories"), from aliases.json."""
    if not Path(path).is_file():
        return {}
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in raw.items()}


def check_offsets(
    labels: Iterable[LabelledStatement], texts: Mapping[str, str]
) -> list[str]:
    """One message per label whose `text` is not `file[start:end]` (empty list: all exact)."""
    problems = []
    for lab in labels:
        text = texts.get(lab.path)
        if text is None:
            problems.append(f"{lab.id}: article {lab.path} not given")
        elif not 0 <= lab.start < lab.end <= len(text):
            problems.append(f"{lab.id}: offsets {lab.start}:{lab.end} outside the article")
        elif text[lab.start:lab.end] != lab.text:
            problems.append(f"{lab.id}: file[{lab.start}:{lab.end}] differs from its text")
    return problems


# --------------------------------------------------------------------------------- matching


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int,
             min_ratio: float = MIN_OVERLAP) -> bool:
    """Do two spans share at least `min_ratio` of the shorter one's characters?"""
    shared = min(a_end, b_end) - max(a_start, b_start)
    shorter = min(a_end - a_start, b_end - b_start)
    return shorter > 0 and shared > 0 and shared / shorter >= min_ratio


def name_words(name: str) -> list[str]:
    """A name's lower-case ASCII words without honorifics and "the" ("Mr O'Neill" -> o, neill)."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = re.sub(r"&#\d+;", "", folded)
    words = re.findall(r"[a-z0-9]+", folded)
    return [w for w in words if w not in _HONORIFICS and w != "the"]


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in {"of", "for", "and", "on", "in"})


def _org_match(a: str, b: str) -> bool:
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    if wa == wb or set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return len(short) == 1 and len(long_) > 1 and short[0] == _acronym(long_)


def _first_names_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    """With first names on both sides, one's first name (or its initial) is in the other."""
    if len(a) < 2 or len(b) < 2:
        return True
    return a[0] in b or b[0] in a or any(len(w) == 1 and w == a[0][0] for w in b[:-1]) \
        or any(len(w) == 1 and w == b[0][0] for w in a[:-1])


def _one_match(expected: str, kind: str, got: str) -> bool:
    if kind == "person":
        we, wg = name_words(expected), name_words(got)
        return bool(we and wg) and we[-1] == wg[-1] and _first_names_agree(we, wg)
    if kind == "organisation":
        return _org_match(expected, got)
    we, wg = name_words(expected), name_words(got)  # unnamed: same head noun ("a spokeswoman")
    return bool(we and wg) and we[-1] == wg[-1]


def same_speaker(
    expected: Sequence[str],
    kind: str,
    got: str | None,
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> bool:
    """Is `got` (the product's speaker) one of the `expected` speakers?

    Persons: same surname (last word after dropping honorifics: "Mr Maran" = "Dayanidhi Maran"),
    and first names that agree when both sides have one ("Bob Bryan" is not "Mike Bryan").
    Organisations: same words, one's words inside the other's ("Microsoft" = "Microsoft Corp"),
    or an acronym of the other ("IMF"). Unnamed sources: no speaker given, or the same head
    noun ("spokeswoman"). Any alias listed for an expected speaker counts as that speaker.
    """
    if not got or not got.strip():
        return kind == "unnamed"
    aliases = aliases or {}
    for name in expected:
        for form in (name, *aliases.get(name, ())):
            if _one_match(form, kind, got):
                return True
    return False


# ---------------------------------------------------------------------------------- scoring


def score_extraction(
    labels: Sequence[LabelledStatement],
    extracted: Sequence[Found],
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> ExtractionScore:
    """Match extracted statements to labels: span overlap >= MIN_OVERLAP and the right speaker.

    Not one-to-one: a label is recalled when some extracted statement matches it, and an
    extracted statement is precise when it matches some label (one quote split in two, or two
    merged, is not punished twice). Extracted statements outside the labelled articles are
    ignored.
    """
    paths = {lab.path for lab in labels}
    by_path: dict[str, list[LabelledStatement]] = {}
    for lab in labels:
        by_path.setdefault(lab.path, []).append(lab)
    found = [f for f in extracted if f.path in paths]
    found_by_path: dict[str, list[Found]] = {}
    for f in found:
        found_by_path.setdefault(f.path, []).append(f)

    def spans(lab: LabelledStatement, f: Found) -> bool:
        return overlaps(lab.start, lab.end, f.start, f.end)

    def right(lab: LabelledStatement, f: Found) -> bool:
        return spans(lab, f) and same_speaker(lab.speakers, lab.speaker_kind, f.speaker, aliases)

    recalled, span_recalled, core_recalled = set(), set(), set()
    by_kind: dict[str, list[int]] = {}
    for lab in labels:
        cands = found_by_path.get(lab.path, [])
        hit = any(right(lab, f) for f in cands)
        key = "continued" if lab.continued else lab.kind
        counts = by_kind.setdefault(key, [0, 0])
        counts[1] += 1
        if hit:
            recalled.add(lab.id)
            counts[0] += 1
            if not lab.borderline:
                core_recalled.add(lab.id)
        if any(spans(lab, f) for f in cands):
            span_recalled.add(lab.id)
    precise = span_precise = 0
    wrong = []
    for f in found:
        labs = by_path.get(f.path, [])
        if any(right(lab, f) for lab in labs):
            precise += 1
        else:
            wrong.append(f)
        if any(spans(lab, f) for lab in labs):
            span_precise += 1
    return ExtractionScore(
        labels=len(labels), extracted=len(found), recalled=len(recalled), precise=precise,
        span_recalled=len(span_recalled), span_precise=span_precise,
        core_labels=sum(not lab.borderline for lab in labels), core_recalled=len(core_recalled),
        by_kind={k: (v[0], v[1]) for k, v in by_kind.items()},
        missed=tuple(lab.id for lab in labels if lab.id not in recalled), wrong=tuple(wrong),
    )


def score_question(
    question: SpeakerQuestion,
    labels: Mapping[str, LabelledStatement],
    answered: bool,
    resolved: str | None,
    quotes: Sequence[Found],
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> QuestionScore:
    """Score one answer: which gold statements are among its quotes (span overlap), whether
    the resolved person is the expected one (`same_speaker`, and not another labelled speaker
    with the same surname), and how many quotes answer nothing gold."""
    found: list[str] = []
    missing: list[str] = []
    for gid in question.gold:
        lab = labels[gid]
        hit = any(q.path == lab.path and overlaps(lab.start, lab.end, q.start, q.end)
                  for q in quotes)
        (found if hit else missing).append(gid)
    gold_labels = [labels[g] for g in question.gold]
    extra = sum(
        not any(q.path == lab.path and overlaps(lab.start, lab.end, q.start, q.end)
                for lab in gold_labels)
        for q in quotes
    )
    others = {tuple(name_words(n)) for lab in labels.values() for n in lab.speakers
              if tuple(name_words(n)) != tuple(name_words(question.speaker or ""))}
    if question.speaker is None:
        right = resolved is None
    elif resolved is not None and tuple(name_words(resolved)) in others:
        right = False  # another labelled speaker ("Ian Harris" for "Lord Harris")
    elif resolved is None:
        right = not question.speaker_required
    else:
        kinds = {labels[g].speaker_kind for g in question.gold} or {"person", "organisation"}
        right = any(same_speaker([question.speaker], k, resolved, aliases) for k in kinds)
    return QuestionScore(
        question=question, answered=answered, resolved=resolved, gold_found=tuple(found),
        gold_missing=tuple(missing),
        core_missing=tuple(g for g in missing if not labels[g].borderline),
        extra=extra, right_person=right,
    )


def summarize_questions(scores: Sequence[QuestionScore]) -> dict[str, Any]:
    """The speaker-question figures of issue 11, overall and by question kind."""
    with_gold = [s for s in scores if s.question.gold]
    without = [s for s in scores if not s.question.gold]
    with_person = [s for s in scores if s.question.speaker is not None]

    def rate(xs: Sequence[bool]) -> float:
        return round(sum(xs) / len(xs), 4) if xs else 0.0

    gold_total = sum(len(s.question.gold) for s in with_gold)
    by_kind: dict[str, dict[str, Any]] = {}
    for s in scores:
        k = by_kind.setdefault(s.question.kind, {"n": 0, "all_gold": 0, "right_person": 0,
                                                 "answered_ok": 0})
        k["n"] += 1
        k["all_gold"] += bool(s.question.gold) and s.all_gold
        k["right_person"] += s.right_person
        k["answered_ok"] += s.answered_ok
    return {
        "questions": len(scores),
        "with_gold": len(with_gold),
        "all_gold_rate": rate([s.all_gold for s in with_gold]),
        "all_core_gold_rate": rate([not s.core_missing for s in with_gold]),
        "gold_statement_recall": round(
            sum(len(s.gold_found) for s in with_gold) / gold_total, 4) if gold_total else 0.0,
        "right_person_rate": rate([s.right_person for s in with_person]),
        "answered_as_expected_rate": rate([s.answered_ok for s in scores]),
        "abstained_when_no_gold_rate": rate([not s.answered for s in without]),
        "mean_extra_quotes": round(sum(s.extra for s in with_gold) / len(with_gold), 3)
        if with_gold else 0.0,
        "by_kind": by_kind,
    }
