"""A sentence's dependency parse as plain values, and the questions attribution asks of it:
which name is the subject of the main clause, which is a verb's object or sits inside an
apposition or a prepositional phrase, whether a speech word is a verb of its clause (issue
11: the regex rules guessed these from word shapes). Pure functions over `ParsedSentence`;
the model that produces one is `qa.parser_model`.

The parse is a statistical guess too: every function answers None ("not clear") unless the
span it is asked about is one subtree of the parse with a label it knows, so that a caller
keeps its rule's answer whenever the parse is not clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ParsedSentence",
    "ParsedToken",
    "GrammaticalRole",
    "grammatical_role",
    "is_clause_verb",
    "CueComplement",
    "cue_complement",
    "cue_subject",
    "main_clause_subjects",
    "object_verb_subject",
    "span_head",
]

# What a name does in its clause, as attribution needs it: the subject of the main clause (or
# of a clause coordinated with it), the subject of some other clause, a verb's object, or a
# name inside another phrase (an apposition, a prepositional phrase, a possessor, a modifier).
GrammaticalRole = Literal["main_subject", "subject", "object", "apposition", "oblique",
                          "possessor", "modifier"]

# ClearNLP labels (spaCy's English parser) by the role they give: labels not listed here are
# "not clear" (None). From the spaCy English label scheme (en_core_web_sm meta.json "labels").
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# Labels of a word used as a noun or a modifier of one: no verb of a clause.
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "attr", "appos",
                           "compound", "amod", "poss", "nmod", "det"})
# Labels that attach a clause's verb to another clause's (a joined or reported clause).
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "parataxis", "relcl", "xcomp",
                          "acl", "pcomp", "csubj"})


@dataclass(frozen=True, kw_only=True)
class ParsedToken:
    """One token: ``text[start:end]`` of the document, its label and head (an index into its
    sentence's tokens; the root is its own head), and its Penn Treebank tag ("" when the
    pipeline has no tagger, as `qa.parser_model` loads it)."""

    i: int
    start: int
    end: int
    dep: str
    head: int
    tag: str


@dataclass(frozen=True, kw_only=True)
class ParsedSentence:
    """The parse of ``text[start:end]``: tokens in order (the parser may find more than one
    root in it: each is its own head)."""

    start: int
    end: int
    tokens: tuple[ParsedToken, ...]


def _inside(tok: ParsedToken, start: int, end: int) -> bool:
    return start <= tok.start and tok.end <= end


def span_head(sent: ParsedSentence, start: int, end: int) -> ParsedToken | None:
    """The one token of ``[start, end)`` whose head lies outside it (or that is a root): the
    head of the phrase; None when the span is no single subtree of the parse (the parser
    split the name, or attached parts of it elsewhere) or covers no token."""
    inside = [t for t in sent.tokens if _inside(t, start, end)]
    if not inside:
        return None
    idx = {t.i for t in inside}
    heads = [t for t in inside if t.head == t.i or t.head not in idx]
    return heads[0] if len(heads) == 1 else None


def _governor(sent: ParsedSentence, tok: ParsedToken) -> ParsedToken | None:
    return None if tok.head == tok.i else sent.tokens[tok.head]


def _clause_chain(sent: ParsedSentence, verb: ParsedToken) -> bool:
    """Whether `verb` is a root or joined to one by coordination only (the main clause, or
    "…, but X rejected …" coordinated with it)."""
    seen = 0
    while verb.dep == "conj" and seen < len(sent.tokens):
        gov = _governor(sent, verb)
        if gov is None:
            return False
        verb, seen = gov, seen + 1
    return verb.dep == "ROOT"


def _phrase_of(sent: ParsedSentence, tok: ParsedToken) -> ParsedToken:
    """The phrase whose role a name shares: climbing conjuncts and appositions ("the minister,
    Tom Reed, said": the role of "minister")."""
    seen = 0
    while tok.dep in ("conj", "appos") and seen < len(sent.tokens):
        gov = _governor(sent, tok)
        if gov is None:
            break
        tok, seen = gov, seen + 1
    return tok


def _name_phrase(sent: ParsedSentence, start: int,
                 end: int) -> tuple[ParsedToken, ParsedToken | None] | None:
    """The head of the phrase the name at ``[start, end)`` stands in (`_phrase_of`) and that
    phrase's governor; None when the name is no single subtree."""
    tok = span_head(sent, start, end)
    if tok is None:
        return None
    tok = _phrase_of(sent, tok)
    return tok, _governor(sent, tok)


def grammatical_role(sent: ParsedSentence, start: int, end: int) -> GrammaticalRole | None:
    """What the name at ``[start, end)`` does in its sentence (`GrammaticalRole`), or None when
    the parse is not clear: the name is no single subtree, or its label is none of those
    listed. A conjunct ("Tom and Eva said") or an apposition ("the minister, Tom Reed,")
    takes the role of the phrase it joins ("apposition" is left for one with no such phrase)."""
    found = _name_phrase(sent, start, end)
    if found is None:
        return None
    tok, gov = found
    if tok.dep in _SUBJECT_DEPS and gov is not None:
        return "main_subject" if _clause_chain(sent, gov) else "subject"
    if tok.dep in _OBJECT_DEPS:
        return "object"
    if tok.dep == "appos":
        return "apposition"
    if tok.dep == "pobj" or tok.dep == "agent":
        return "oblique"
    if tok.dep == "poss":
        return "possessor"
    if tok.dep in _MODIFIER_DEPS:
        return "modifier"
    return None


def main_clause_subjects(sent: ParsedSentence) -> list[ParsedToken]:
    """The subject tokens of the sentence's main clause and of clauses coordinated with it,
    in order ("Eva Lind rejected …, but Tom Hale insisted …": both heads)."""
    out = []
    for t in sent.tokens:
        gov = _governor(sent, t)
        if t.dep in _SUBJECT_DEPS and gov is not None and _clause_chain(sent, gov):
            out.append(t)
    return out


def object_verb_subject(sent: ParsedSentence, start: int, end: int) -> ParsedToken | None:
    """The subject token of the verb whose object is the name at ``[start, end)`` ("Ms Grant
    accused Tom Reed": "Grant"), or None (no object, or a verb with no subject of its own)."""
    found = _name_phrase(sent, start, end)
    if found is None:
        return None
    tok, verb = found
    if tok.dep not in _OBJECT_DEPS or verb is None:
        return None
    subj = [t for t in sent.tokens if t.head == verb.i and t.i != verb.i and t.dep in _SUBJECT_DEPS]
    return subj[0] if subj else None


def cue_subject(sent: ParsedSentence, start: int, end: int) -> ParsedToken | None:
    """The subject token of the speech verb at ``[start, end)`` ("Tom Hale, an adviser to Eva
    Lind, said": "Hale"): its own subject, or for a verb coordinated with another and sharing
    its subject ("… arrived and said"), that verb's; None when the parse gives it none."""
    tok = span_head(sent, start, end)
    seen = 0
    while tok is not None and seen < len(sent.tokens):
        subj = [t for t in sent.tokens
                if t.head == tok.i and t.i != tok.i and t.dep in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if tok.dep != "conj":
            return None
        tok, seen = _governor(sent, tok), seen + 1
    return None


def is_clause_verb(sent: ParsedSentence, start: int, end: int) -> bool | None:
    """Whether the word at ``[start, end)`` (a speech cue) is the verb of a clause: True when
    it is the root or heads a joined or reported clause with a subject of its own ("Tom said",
    "…, but Eva insisted"); False when the parse uses it as a noun or a modifier ("the claims
    were denied", "the added cost", "a warning to them"); None when not clear (a participle
    with no subject: "…, saying …"). From labels and heads only (no tagger needed)."""
    tok = span_head(sent, start, end)
    if tok is None:
        return None
    if tok.dep in _NOMINAL_DEPS:
        return False
    has_subject = any(t.head == tok.i and t.i != tok.i and t.dep in _SUBJECT_DEPS
                      for t in sent.tokens)
    if tok.dep in _CLAUSE_DEPS and (has_subject or tok.dep == "ROOT"):
        return True
    return None


@dataclass(frozen=True, kw_only=True)
class CueComplement:
    """What a speech verb takes in its sentence (`cue_complement`): ``"clause"`` (a reported
    clause or another clause hangs on it: "said the plan failed", "denied that …"),
    ``"object"`` (a noun phrase and no clause: "added two goals", "found a way to …"),
    ``"modifier"`` (the word modifies a noun: "Zentrix's promised cuts"); `head` is the
    object's head token (None but for "object"), `subject` the verb's own subject token,
    `second_object` whether it has two ("denied them a point": a dative and a direct one)."""

    kind: Literal["clause", "object", "modifier"]
    head: ParsedToken | None
    subject: ParsedToken | None
    second_object: bool = False


# Dependents that make a verb's complement a clause ("said [the plan failed]ccomp", "claimed
# [to be] …xcomp", "…, said X"parataxis): ClearNLP labels, as `_CLAUSE_DEPS`.
_COMPLEMENT_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "csubj"})


def cue_complement(sent: ParsedSentence, start: int, end: int) -> CueComplement | None:
    """What the speech word at ``[start, end)`` takes (`CueComplement`), or None when the
    parse is not clear: the word is no single token the parse makes a verb or a noun's
    modifier, or has neither a clause nor a noun-phrase object, or a verb is joined to it
    with no coordinator (a misread clause). A clause anywhere among its dependents wins over
    an object ("told MPs that …" is a clause). From labels only."""
    tok = span_head(sent, start, end)
    if tok is None:
        return None
    kids = [t for t in sent.tokens if t.head == tok.i and t.i != tok.i]
    if tok.dep in ("amod", "compound", "nmod") and not kids:
        return CueComplement(kind="modifier", head=None, subject=None)
    if tok.dep in _NOMINAL_DEPS:
        return None
    if tok.dep in ("ccomp", "parataxis") and tok.head > tok.i:
        return None  # "Mr Hale denied Mr Vane, his deputy, said …" read as the clause "said"
        # reports: the parse took the sentence's shape wrongly
    subj = next((t for t in kids if t.dep in ("nsubj", "nsubjpass")), None)
    if any(t.dep == "conj" and not any(c.dep == "cc" and tok.i < c.i < t.i for c in kids)
           for t in kids):
        return None  # "he added some projects, …, were showing …": a verb joined on with no
        # "and"/"but" is a reported clause the parser misread, not a second act
    obj = next((t for t in kids if t.dep == "dobj"), None)
    if any(t.dep in _COMPLEMENT_CLAUSE_DEPS and (t.i > tok.i or obj is None) for t in kids):
        return CueComplement(kind="clause", head=None, subject=subj)  # (a clause before a
        # verb that has an object after it is no report: "…, Eva showed real grit")
    if obj is not None:
        return CueComplement(kind="object", head=obj, subject=subj,
                             second_object=any(t.dep == "dative" for t in kids))
    return None
