"""Whether a speech verb reports a statement in its sentence or names an act: a verb with both
senses ("claimed the title" / "claimed that …", "added two goals" / "added that …", "found a
way to" / "found that …") reports a statement when it takes a clause or an object that names
what was said ("denied the allegations"), not when its object is a thing ("showed signs of
recovery"); a speech word modifying a noun ("Zentrix's promised tax cuts") reports nothing.
Pure functions over the text and `qa.sentence_parse`; the lists are hand-set English (issue
11: the non-speech shapes of held-out samples 1, 5, 9 and 10 and the dev set's unlabelled ones).
"""

from __future__ import annotations

import re

from qa.lexicon import DESCRIPTION_NOUNS, TITLE_HEADS, word_set
from qa.sentence_parse import (
    ParsedSentence,
    cue_complement,
    cue_subject,
    is_clause_verb,
    span_head,
)

__all__ = [
    "ACT_SENSE_CUES",
    "NOUN_HOMOGRAPH_CUES",
    "PLURAL_EVIDENCE_RE",
    "DOCUMENT_SUBJECTS",
    "PERSON_OBJECT_CUES",
    "SPEECH_OBJECT_NOUNS",
    "asks_the_parse",
    "commits_to_act",
    "evidence_of_a_fact",
    "names_an_act",
    "plural_evidence_cues",
]

# Cue forms of verbs whose noun-phrase object is mostly a thing, not a statement: add (a goal,
# jobs, a trophy), claim (the title, a place), find/show (a way, signs of recovery), concede (a
# penalty), maintain (a lead), acknowledge (the crowd). Left out on purpose: the verbs whose
# object names speech in news copy ("reported a rise", "predicted growth", "warned MPs",
# "stressed the importance", "accused officials", "described X as", "revealed few details",
# "declared the lifts the swiftest", "recalled the case of"), those of `PERSON_OBJECT_CUES`,
# and "say" (its idioms are `qa.lexicon.NON_SPEECH_AFTER_CUE`'s). Hand-set; "recalled",
# "revealed" and "declared" were in it until a spot check of read articles showed them
# reporting speech with a noun object.
ACT_SENSE_CUES = word_set(
    """
    added adds claim claimed claims found finds showed shows conceded concedes maintained
    maintains acknowledged acknowledges agreed
    """
)
# (Round 3: "claim" (to claim the first set, a title) and "agreed" ("agreed a £5m fee", "agreed
# terms": a deal struck) added; a noun-phrase object of "agree" is a deal, its statement is a
# clause: "agreed that …", "agreed: …". Hand-set English.)
# Cue forms spelt as a plural noun too ("TV shows", "pay claims", "sales forecasts", "product
# recalls", "calls for reform"): the parse says which a sentence uses. Hand-set English, the
# cue forms of `qa.lexicon`'s table that a dictionary also lists as nouns.
NOUN_HOMOGRAPH_CUES = word_set(
    """
    shows claims finds forecasts estimates promises pledges vows recalls replies calls
    """
)
# (The base forms "claim" and "forecast" are left out: after a plural subject the parser
# reads them as nouns where they are verbs: "Critics of the policy claim he is …" parsed as
# "the policy claim", a dev-set statement lost when they were in.)
# Forms of "agree": "agree to" + a verb or a noun phrase is a commitment or a deal struck
# ("agreed to buy Zentrix", "agreed to the regulator's demands"), an act; what was said is
# "agreed that …" or "agreed: …". Hand-set English.
_AGREE = word_set("agree agrees agreed agreeing")
_TO_RE = re.compile(r"\s+to(?![\w’'-])")
# Cue forms whose noun-phrase object is a statement ("denies child molestation", "admitted
# one count of fraud", "recalled the case of") but for a person: "denied Leeds a win",
# "denied the striker", "admitted himself to hospital", "recalled the player" name acts.
# Hand-set, from the same spot check.
PERSON_OBJECT_CUES = word_set("denied denies admitted admits recalled recalls")
# Object pronouns that name a person ("denied him"): English accusatives and reflexives.
_PERSON_PRONOUNS = word_set("him me us himself herself themselves myself ourselves itself")
# Head nouns of an object that names what was said or a position taken ("denied the
# allegations", "admitted his mistake", "maintained his innocence", "claimed responsibility"),
# and the pronouns that stand for one ("denied it"): the object makes the verb a statement.
# Hand-set English (the dev set's noun-object statements: "denied allegations").
SPEECH_OBJECT_NOUNS = word_set(
    """
    allegation allegations accusation accusations claim claims charge charges report reports
    rumour rumours rumor rumors suggestion suggestions speculation story stories statement
    statements remark remarks comment comments suspicion suspicions
    responsibility credit blame innocence guilt wrongdoing involvement knowledge liability
    mistake mistakes error errors failure failures fault faults defeat
    position stance view views belief beliefs opinion opinions intention intentions
    importance need needs support opposition commitment determination concern concerns fear
    fears hope hopes doubt doubts wish desire problem problems possibility fact facts truth
    existence ambition ambitions
    it this that them these those everything anything something nothing much all none
    """
)
# Subjects that find and show on their own: documents and figures ("the survey found a sharp
# rise", "the figures showed a fall"): `qa.attribution_shapes.DOCUMENT_NOUNS` and their kin,
# hand-set.
DOCUMENT_SUBJECTS = word_set(
    """
    report reports survey surveys study studies poll polls research figures data statistics
    results findings analysis review index audit inquiry investigation census test tests
    trial trials
    """
)
_FINDING = word_set("found finds showed shows")
# What right after a cue makes its use a report by its form, so the parse need not be asked:
# "that", a colon, a quotation mark, a subject pronoun opening the reported clause ("added he
# would …"), "to" (no noun object follows: "added to speculation"), or punctuation (no object:
# "…, he added.").
_CLAUSE_MARK_RE = re.compile(
    r"\s*(?:(?:that|he|she|they|we|I|there|it|to)(?![\w’'-])|[:.,;!?)\"“‘'])|\s*$")
# A possessive right before the cue ("Zentrix's promised cuts"): the cue may modify a noun.
_POSSESSIVE_BEFORE_RE = re.compile(r"[’']s?\s+$")
# A determiner or a preposition right before the cue ("despite reported interest", "an
# estimated 5,000 fans", "the promised cuts"): no subject stands between, so the cue is a
# participle modifying a noun, or a noun. English determiners and the prepositions news copy
# puts before a noun phrase; hand-set.
_DETERMINER_BEFORE_RE = re.compile(
    r"(?<![\w’'-])(?:the|a|an|its|their|his|her|our|my|your|this|these|those|despite|amid|"
    r"after|following|over|about|of|with|for|on|by|from|among|against)\s+$", re.IGNORECASE)
_MODIFIER_CONTEXT_CHARS = 12  # the longest word of `_DETERMINER_BEFORE_RE` and a space, kept


def _noun_context(text: str, cs: int) -> bool:
    """Whether a possessive, a determiner or a preposition stands right before ``cs``."""
    lo = max(0, cs - _MODIFIER_CONTEXT_CHARS)
    return bool(_POSSESSIVE_BEFORE_RE.search(text, max(0, cs - 3), cs)
                or _DETERMINER_BEFORE_RE.search(text[lo:cs]))


# Verbs of evidence: their subject states a finding when it is a study, a report or an
# organisation ("the survey shows", "figures from Zentrix indicated"); a demonstrative or
# relative pronoun before them ("this shows he is ready", "…, which shows …"), or "it" opening
# a subordinate clause ("… because it shows the sport is standing up to it"), stands for the
# fact just told, not for an author. Hand-set English (the cue forms of show and indicate,
# and the subordinators).
_EVIDENCE_CUES = word_set("shows showed indicates indicated")
_FACT_SUBJECT_RE = re.compile(
    r"(?<![\w’'-])(?:(?:this|that|which)|(?:because|as|since|when|if|so|though|although|"
    r"while|whereas|and|but)\s+it)\s+$", re.IGNORECASE)
_FACT_CONTEXT_CHARS = 20  # the longest subordinator, "it" and spaces, kept


def evidence_of_a_fact(text: str, cs: int, ce: int) -> bool:
    """Whether the cue at ``[cs, ce)`` is a verb of evidence ("shows", "indicated") whose
    subject is "this", "that", "which", or "it" after a subordinator ("because it shows"):
    the fact just told shows something; no one states a finding."""
    return text[cs:ce].lower() in _EVIDENCE_CUES and bool(
        _FACT_SUBJECT_RE.search(text[max(0, cs - _FACT_CONTEXT_CHARS) : cs]))


# The plural present of the verbs of evidence, "show", "suggest", "indicate", followed by a
# "that" clause: a report when the subject right before is a plural document noun with its
# source ("figures from the regulator show that …", "surveys by Zentrix suggest that …"),
# whose speaker the source is; a bare "figures show that" names no one to attribute to, and
# elsewhere the words are mostly nouns ("the show that made him") or a person's suggestion,
# so no cue. Kept out of the cue table (`qa.lexicon`),
# which the quotation and date steps read too. The plural forms of `DOCUMENT_SUBJECTS` (the
# verb agrees with them); the source's prepositions and the 80-character room for its name
# are hand-set.
PLURAL_EVIDENCE_RE = re.compile(r"(?<![\w’'-])(?:show|suggest|indicate)(?=\s+that\s)",
                                re.IGNORECASE)
_PLURAL_DOCUMENTS = word_set(
    "reports surveys studies polls figures data statistics results findings tests trials")
_DOCUMENT_SUBJECT_BEFORE_RE = re.compile(
    rf"(?<![\w’'-])(?:{'|'.join(sorted(_PLURAL_DOCUMENTS))})"
    r"\s+(?:(?:released|published|compiled|issued)\s+)?(?:from|by)\s+[^,;:\"“”()]{1,80}?"
    r"\s+(?:also\s+|now\s+)?$", re.IGNORECASE)
_DOCUMENT_SUBJECT_CHARS = 120  # the longest subject `_DOCUMENT_SUBJECT_BEFORE_RE` allows, kept


def plural_evidence_cues(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The cues of `PLURAL_EVIDENCE_RE` in ``[start, end)`` whose subject right before is a
    plural document noun from a source ("figures from Zentrix show that …")."""
    return [m for m in PLURAL_EVIDENCE_RE.finditer(text, start, end)
            if _DOCUMENT_SUBJECT_BEFORE_RE.search(
                text[max(start, m.start() - _DOCUMENT_SUBJECT_CHARS) : m.start()])]


# A relative pronoun and a name right before a cue ("…, which Zentrix claims was sold",
# "…, that Eva Lind says were cheap"): a reported clause with its subject gapped, where the
# cue is a verb. English relatives; at most four capitalised words for the name (hand-set).
_RELATIVE_THEN_NAME_RE = re.compile(
    r"(?<![\w’'-])(?:which|that|who|whom)\s+(?:[A-Z][\w’'&.-]*\s+){1,4}$")
_RELATIVE_CONTEXT_CHARS = 80  # room for the relative and a four-word name


def commits_to_act(text: str, cs: int, ce: int) -> bool:
    """Whether the cue at ``[cs, ce)`` is "agree" followed by "to" ("agreed to buy Zentrix",
    "agreed to work together", "agreed to the demands"): a commitment or a deal, not speech;
    from the text alone (no parse)."""
    return text[cs:ce].lower() in _AGREE and bool(_TO_RE.match(text, ce))


def asks_the_parse(text: str, cs: int, ce: int) -> bool:
    """Whether the cue at ``[cs, ce)`` may name an act by its form, so that `names_an_act`
    should see the parse: a cue of `ACT_SENSE_CUES` not followed by "that", a colon or a
    quote mark, or any cue right after a possessive. Keeps the parsed share small."""
    low = text[cs:ce].lower()
    if _noun_context(text, cs):
        return True
    return low in ACT_SENSE_CUES | PERSON_OBJECT_CUES | NOUN_HOMOGRAPH_CUES and not (
        _CLAUSE_MARK_RE.match(text, ce))


def names_an_act(text: str, sent: ParsedSentence, cs: int, ce: int) -> bool:
    """Whether the parse says the cue at ``[cs, ce)`` reports no statement: the parse makes a
    form of `NOUN_HOMOGRAPH_CUES`, or a cue after a possessive, a determiner or a preposition,
    a noun or a modifier ("children's TV shows", "despite reported interest"), or gives a
    present-tense form of those no subject (the plural noun misread as a verb; not after a
    relative and a name: "which Zentrix claims was sold" is a verb); or it is a verb of
    `ACT_SENSE_CUES` whose complement is a noun phrase, not a clause, headed by no noun of
    `SPEECH_OBJECT_NOUNS` (for "found"/"showed", only when its subject is no document: "the
    survey found a sharp rise" reports); or a verb of `PERSON_OBJECT_CUES` whose object is a
    person: a name, a person pronoun, a job title or description ("denied the striker"), or
    a second object ("denied them a point"). False whenever the parse is not clear."""
    low = text[cs:ce].lower()
    if _RELATIVE_THEN_NAME_RE.search(text[max(0, cs - _RELATIVE_CONTEXT_CHARS) : cs]):
        return False  # "…, which Zentrix claims was sold illegally": a verb (the parser may
        # read "Zentrix claims" as a noun phrase)
    verb = is_clause_verb(sent, cs, ce)
    if verb is False and (low in NOUN_HOMOGRAPH_CUES or _noun_context(text, cs)):
        return True  # "children's TV shows", "despite reported interest": a noun, a modifier
    if low in NOUN_HOMOGRAPH_CUES and low.endswith("s") and not text[:cs].rstrip().endswith(
            ",") and span_head(sent, cs, ce) is not None and cue_subject(sent, cs, ce) is None:
        return True  # a present-tense verb has a subject; "presented TV shows Number 73"
        # read with none is the plural noun the parser took for a verb (an inverted cue,
        # "…, shows a survey", is left alone: its subject follows it)
    comp = cue_complement(sent, cs, ce)
    if comp is None or comp.kind == "clause":
        return False
    if comp.kind == "modifier":
        return _noun_context(text, cs)
    if comp.head is None:
        return False
    head = text[comp.head.start : comp.head.end]
    if low in PERSON_OBJECT_CUES:
        return comp.second_object or head.lower() in _PERSON_PRONOUNS or head[:1].isupper() or (
            head.lower() in TITLE_HEADS | DESCRIPTION_NOUNS)
    if low not in ACT_SENSE_CUES or head.lower() in SPEECH_OBJECT_NOUNS:
        return False
    subject = "" if comp.subject is None else text[comp.subject.start : comp.subject.end]
    return not (low in _FINDING and subject.lower() in DOCUMENT_SUBJECTS)
