"""Mentions that sit inside what a speech verb reports, and so are not its speaker: the
speaker of reported speech is the verb's subject, never a person or organisation named in its
reported clause ("the chancellor said Mr Hale was …" is not Mr Hale's), nor one named after a
clause boundary that follows the verb ("investors have said that it undervalues Zentrix",
"according to the report, are Ruritania and Freedonia"). English grammar: a pronoun or a role
that is the subject of a verb cannot mean a person named inside that verb's clausal
complement (binding condition C: "He said Tom Hale was …" is about someone other than
"he"), and an inverted subject ("said the firm") follows its verb directly.
Pure functions over the text and `qa.sentence_parse`; used by `qa.reported_speech` (issue
11, round 3: tuning rows of lowconf_judged_2 and 4, held-out sample 12).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.document_people import Mention
from qa.sentence_parse import ParsedSentence, cue_subject

__all__ = [
    "NOUN_FORM_CUES",
    "after_clause_boundary",
    "cue_used_as_noun",
    "named_in_complement",
    "parse_subject_elsewhere",
]

# What opens a verb's reported clause right after it, so that a name after it is inside the
# clause, not an inverted subject: the complementiser "that", a subject pronoun ("said it
# undervalues …"), "there", "if"/"whether". English closed classes (hand-set).
_CLAUSE_OPENER_RE = re.compile(
    r"(?:that|it|he|she|they|we|I|you|there|this|these|those|if|whether)(?![\w’'-])")
# Words between the verb and its inverted subject: a determiner and lower-case modifiers
# ("according to industry watchdog Telcoreg", "said the Ruritanian firm"); a comma then a
# word ("according to the report, are …") ends that phrase. Hand-set.
_COMMA_THEN_WORD_RE = re.compile(r",\s*[\w’'-]")
# A cue form that takes its complementiser with it ("reports that", "feels that", `qa.lexicon`).
_ENDS_WITH_THAT_RE = re.compile(r"(?<![\w’'-])that\s*$", re.IGNORECASE)

# Cue forms that are also plural or singular nouns ("Tory claims that …", "the firm's
# forecasts", "calls for …"): English (hand-set from the cue list of `qa.lexicon`); only
# these are read as nouns by their form (`cue_used_as_noun`, no parse). The narrower
# `qa.cue_senses.NOUN_HOMOGRAPH_CUES` is the list the parse is asked about.
NOUN_FORM_CUES = frozenset({
    "claims", "claim", "reports", "report", "forecasts", "forecast", "promises", "promise",
    "pledges", "pledge", "warnings", "calls", "estimates", "estimate", "comments", "comment",
    "statements", "admissions", "predictions", "suggestions", "insists", "hopes", "fears",
    "denials", "accusations", "allegations", "complaints", "criticism", "demands", "offers",
    "proposals", "threats", "vows", "boasts", "concerns",
})


def after_clause_boundary(text: str, cue_end: int, at: int) -> bool:
    """Whether a subject found at `at` after the cue ending at `cue_end` lies beyond the start
    of the cue's reported clause ("said that it undervalues Zentrix", "according to the
    report, are Ruritania"): "that", a subject pronoun, or a comma and a word come first, or
    the cue itself ends with "that" ("reports that Tom Hale, an adviser, has …": his clause)."""
    if _ENDS_WITH_THAT_RE.search(text, max(0, cue_end - 6), cue_end):
        return True
    between = text[cue_end:at]
    words = re.findall(r"[\w’'-]+", between)
    if any(_CLAUSE_OPENER_RE.fullmatch(w) for w in words):
        return True
    return bool(_COMMA_THEN_WORD_RE.search(between))


# A name after an indefinite article ("to see a new Tom Hale", "another Tom Hale") names a
# kind of person, not the person: no coreference to rule out (dev set, politics/274).
_NON_REFERRING_BEFORE_RE = re.compile(
    r"(?<![\w’'-])(?:a|an|another)\s+(?:[a-z][\w-]*\s+)?$", re.IGNORECASE)


def named_in_complement(text: str, mentions: Sequence[Mention], cue_end: int, sent_end: int,
                        name: str) -> bool:
    """Whether `name` is named (a mention of the people table) in the clause the cue ending at
    `cue_end` reports, up to the first comma or semicolon or the sentence's end (what follows
    a comma may be an adjunct of the main clause: "… in which he accused Mr Reed of lying,
    following a dispute about Mr Hale's role"): then a pronoun or role subject of the cue does
    not mean them (binding condition C)."""
    stop = re.compile(r"[,;]").search(text, cue_end, sent_end)
    end = stop.start() if stop else sent_end
    return any(m.name == name and cue_end <= m.start < end for m in mentions
               if not text[m.end : m.end + 2].startswith(("’s", "'s"))
               and not _NON_REFERRING_BEFORE_RE.search(text, max(0, m.start - 30), m.start))


# Before a cue form that is also a noun, what makes it the noun: a determiner or possessive
# right before it ("the claims", "their pledges"), or a past-tense verb and at most one
# capitalised modifier ("derided Tory claims", "rejected union claims"): a finite verb
# follows its subject, never a determiner or another finite verb. English (hand-set).
_NOUN_BEFORE_RE = re.compile(
    r"(?:(?<![\w’'-])(?:the|these|those|such|his|her|its|their|our|my|your|whose)"
    r"|(?<![\w’'-])[a-z]{3,}ed(?:\s+[A-Z][\w’'-]*)?)\s+$")


def cue_used_as_noun(text: str, cs: int, ce: int) -> bool:
    """Whether the cue at ``[cs, ce)`` (a form of `NOUN_FORM_CUES`) is a noun by its form
    (`_NOUN_BEFORE_RE`: "Mr Dore derided Tory claims they could …", the object of
    "derided"): then what stands before it is no speaker. The parse is not asked: without a
    tagger it reads "derided Tory claims they …" as a reported clause, and "the reform
    policy claim …" as a compound (dev set, business/388)."""
    return text[cs:ce].lower() in NOUN_FORM_CUES and bool(
        _NOUN_BEFORE_RE.search(text, max(0, cs - 60), cs))


def parse_subject_elsewhere(sent: ParsedSentence, cs: int, ce: int, at: int) -> bool:
    """Whether the parse gives the cue at ``[cs, ce)`` a subject whose phrase does not hold
    the word at `at` ("By 2025, 40% of homes will be offline, says a study": "study", not
    "2025"): then the subject found at `at` is not the speaker. False when not clear."""
    subj = cue_subject(sent, cs, ce)
    if subj is None:
        return False
    tok = next((t for t in sent.tokens if t.start <= at < t.end), None)
    seen = 0
    while tok is not None and seen <= len(sent.tokens):
        if tok.i == subj.i:
            return False
        if tok.head == tok.i:
            break
        tok, seen = sent.tokens[tok.head], seen + 1
    return tok is not None
