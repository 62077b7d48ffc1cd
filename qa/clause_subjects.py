"""Which person a clause is about, by its grammar: the subject that opens a sentence or a
clause joined by "but/while/whereas" ("…, but Eva Lind rejected his comments"), a sentence's
pronoun subject ("But he refused …"), and a named subject kept across a long appositive or
relative clause before its cue ("Tom Hale, who …, said"; "Eva Lind, managing director of
Zentrix said"). Pure shapes over the text and the people's mentions; the reading state that
uses them to rank antecedents by salience is `qa.antecedents` (issue 11: attribution by
salience, from the error kinds of held-out sample 6).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.attribution_shapes import (
    BRIDGE_RE,
    FRONTED_CLAUSE_RE,
    SENTENCE_OPENERS_RE,
    is_description,
    title_phrase,
)
from qa.document_people import Mention
from qa.lexicon import HONORIFICS, TITLE_HEADS
from qa.names import Gender, is_title_word

__all__ = [
    "WRITTEN_AFTER_CUE_RE",
    "appositive_subject",
    "is_clause_subject",
    "is_verb_object",
    "possessed_person",
    "named_in",
    "pronoun_subject",
    "role_subject",
]

# A clause joined on with its own subject: "…, but Eva Lind rejected", "… while Tom Hale
# insisted" (hand-set English contrastive coordinators; a bare "and" is left out: "said Eva and
# Tom were …" joins two subjects of one reported clause).
_JOINED_CLAUSE_RE = re.compile(r"(?:,\s*|\s)(?:but|while|whereas|whilst)\s+$|,\s+and\s+$")
# The verb that shows a name is a clause's subject: a past tense, an auxiliary, a common
# irregular past or a third-person present of a speech or stance verb (hand-set).
_SUBJECT_VERB_RE = re.compile(
    r"(?:[a-z]+ed|has|had|have|is|was|will|would|could|can|may|might|must|did|does|also|"
    r"later|then|led|made|took|gave|said|says|told|tells|hit|rejects|denies|insists|"
    r"argues|claims|admits|believes|thinks|wants|refused|spoke|went|came|won|lost|got|held|"
    r"felt|kept|left|met|ran|saw|sent|set|stood|wrote)(?![\w’'-])")
# What may stand between a subject and its verb: an age (", 57,") or a short appositive
# (", the club's captain,") of at most 60 characters (hand-set, from news copy).
_AFTER_SUBJECT_RE = re.compile(r"\s*(?:,\s*\d{1,3}\s*,|,[^,.;:!?“”\"«»]{1,60},)?\s*")
# A relative clause after a subject, closed by the comma before its cue (", who …, said"):
# any words but a sentence end, at most 300 characters (hand-set: the longest seen in sample
# 6 is 160).
_RELATIVE_RE = re.compile(r"\s*,\s*(?:who|whose)\s[^.!?;]{1,300},")
# A noun-phrase appositive between a subject and its cue (", managing director of Zentrix",
# ", MP for Leeds, Yorkshire,"): at most 12 words, no verb-like word, no "and" (which would
# join a second subject) and no quotation (hand-set).
_APPOSITIVE_MAX_CHARS = 100
_NOT_IN_APPOSITIVE_RE = re.compile(
    r"(?<![\w’'-])(?:and|who|which|that|[a-z]+ed|has|had|have|is|was|are|were|will|would|"
    r"said|says|told)(?![\w’'-])")
# A comma followed by a verb-like word: a predicate, not more of a relative clause (hand-set).
_PREDICATE_AFTER_COMMA_RE = re.compile(
    r",\s*(?:will|would|has|had|have|is|was|are|were|could|should|may|might|must|[a-z]+ed)"
    r"(?![\w’'-])")
# What a person writes, which speaks for them ("Mr Hale's statement said"): hand-set.
_WRITTEN_NOUNS = frozenset({"statement", "letter", "e-mail", "email", "memo", "note", "book",
                            "autobiography", "memoir", "memoirs", "blog", "diary", "website",
                            "article", "column", "message", "tweet"})
# A fronted clause (`FRONTED_CLAUSE_RE`) or prepositional phrase ("On the subject of …, Eva
# Lind revealed"; hand-set English prepositions) before a sentence's subject.
_FRONTED_RE = re.compile(
    FRONTED_CLAUSE_RE.pattern + r"|(?:On|In|At|For|With|Among|From|Under|During|Unlike|"
    r"Like|Amid|Against|Besides|Beyond|Within|Without|Of)\b")
# A written text as the subject after a cue ('…," said the statement', "said the party's
# letter"): whose it is the extractor must find elsewhere, it is no earlier speaker's.
WRITTEN_AFTER_CUE_RE = re.compile(
    r"\s*(?:the|its|his|her|their)\s+(?:[\w’'-]+\s+){0,2}?(?:"
    + "|".join(sorted(_WRITTEN_NOUNS)) + r")(?![\w’'-])")
_JOINERS = frozenset({"of", "the", "for", "and"})  # inside a title phrase ("head of the …")
# An adverb between a subject and its verb ("he bitterly criticised"): hand-set.
_ADVERB_RE = re.compile(r"[a-z]+ly\s+")
_PRONOUN_START_RE = re.compile(r"(He|She|he|she)\s+(?=\S)")


def _subject_head(head: str) -> bool:
    """Whether the words before a name leave it as its clause's subject: none, or a title
    phrase ending in a title word or a possessive ("Tennis Australia's", "Musician",
    "club captain"), not a capitalised word that opens a clause ("Unlike", "Speaking to")."""
    words = head.split()
    if not words:
        return True
    if not all(w[0].isupper() or is_title_word(w.lower()) or w.lower() in _JOINERS
               for w in words) or words[0].lower().endswith("ing"):
        return False  # "suggesting presenter", "Echoing the US Secretary of State": a clause
    last = words[-1].lower().strip("’'")
    return title_phrase(head) and (
        re.search(r"[’']s$", words[-1]) is not None or is_title_word(last)
        or last.strip(".") in HONORIFICS)


def _clause_head(text: str, sent_start: int, pos: int) -> str | None:
    """The words between the start of the clause holding `pos` and `pos`: after a fronted
    clause ("When …, ") and openers ("But", "However,"), or after a joined clause's
    coordinator; None when `pos` opens no clause."""
    head = text[sent_start:pos]
    j = _last_join(head)
    if j is not None:
        return head[j:]
    lead = re.match(r"[\s\"“‘'—–-]*", head)
    head = head[lead.end() if lead else 0 :]
    if _FRONTED_RE.match(head) and "," in head:
        # after the fronted clause's last comma: it may hold a relative clause ("Having
        # worked with Tom Hale, who …, Eva Lind focused …")
        head = head[head.rindex(",") + 1 :]
    om = SENTENCE_OPENERS_RE.match(head)
    return head[om.end() if om else 0 :]


def _last_join(head: str) -> int | None:
    """Where the clause after the last contrastive coordinator of `head` starts, if a clause
    subject of at most four words follows it."""
    for k in range(len(head), 0, -1):
        if head[k - 1] == " " and _JOINED_CLAUSE_RE.search(head, 0, k):
            return k if len(head[k:].split()) <= 4 else None
    return None


def is_clause_subject(text: str, sent_start: int, m: Mention) -> bool:
    """Whether a mention is the subject of its sentence or of a joined clause: it opens the
    clause (`_clause_head`), is no possessor ("Eva's comments"), and a verb follows it, maybe
    after an age or a short appositive ("Tom Hale, 57, rejected"; "…, but Zentrix's Eva Lind
    rejected his comments")."""
    if text.startswith(("’s", "'s"), m.end):
        return False
    head = _clause_head(text, sent_start, m.start)
    if head is None or not _subject_head(head):
        return False
    after = _AFTER_SUBJECT_RE.match(text, m.end)
    return _verb_follows(text, after.end() if after else m.end)


# A verb whose object follows it: a past tense or third-person present, or a common
# irregular past ("Eva Lind thanked director Tom Hale", "Tom Hale beat Eric Vane"); hand-set.
_OBJECT_VERB_RE = re.compile(
    r"(?:[a-z]{2,}(?:ed|es|s)|beat|met|told|gave|left|hit|led|took|sent|saw|made|caught|"
    r"fought|brought|sought|chose|drew|struck|overtook|underwent|hired|fired)$")
# What may stand between a verb and its object's name: determiners, title and capitalised
# words, possessives ("the shadow minister", "Zentrix chief executive", "director"); at most
# 7 words (hand-set, as `title_phrase`).
_OBJECT_TITLE_MAX_WORDS = 7
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "fellow", "former"})
_ROLE_SUBJECT_RE = re.compile(r"(?:^|\s)(?:the|The)\s+(?:[\w’'-]+\s+){0,4}?([\w-]+)$")


def is_verb_object(text: str, sent_start: int, m: Mention,
                   mentions: Sequence[Mention]) -> bool:
    """Whether a mention is the object of a verb whose subject is a person ("Ms Grant accused
    the shadow minister Tom Reed of …", "Mr Hale portrayed Mr Ross as …", "she thanked
    director Eva Lind"): no antecedent of a later "he"/"she" (issue 11, point 4). The subject
    is a person named right before the verb, "he"/"she" or a role ("the minister"); a name
    followed by its own verb ("said Eva Lind would resign") is a clause's subject, not an
    object, and an inverted cue ('…," said Tom Hale') has no subject before its verb."""
    after = _AFTER_SUBJECT_RE.match(text, m.end)
    if _verb_follows(text, after.end() if after else m.end):
        return False
    head = text[sent_start : m.start]
    words = list(re.finditer(r"\S+", head))
    k = len(words)
    while k and len(words) - k < _OBJECT_TITLE_MAX_WORDS:
        w = words[k - 1].group()
        low = w.lower().strip("’'")
        if (w[0].isupper() or low in _DETERMINERS or is_title_word(low)
                or re.search(r"[’']s$", w)) and not re.search(r"[,.;:!?“”\"«»()]", w):
            k -= 1
            continue
        break
    if not k or not _OBJECT_VERB_RE.match(words[k - 1].group()):
        return False
    verb_at = sent_start + words[k - 1].start()
    k -= 1
    if k and re.fullmatch(r"[a-z]+ly", words[k - 1].group()):  # "he bitterly criticised"
        verb_at = sent_start + words[k - 1].start()
        k -= 1
    before = text[sent_start:verb_at].rstrip()
    if not before or before[-1] in ",\"“”’'—–-:;":
        return False  # an inverted cue or a clause opening on the verb: no subject before it
    if any(o.end == sent_start + len(before) for o in mentions):
        return True  # "Ms Grant accused …"
    if re.search(r"(?:^|\s)(?:he|she|He|She)$", before):
        return True
    rm = _ROLE_SUBJECT_RE.search(before)
    return rm is not None and rm.group(1).lower() in TITLE_HEADS  # "the minister praised"


def _main_clause_starts(text: str, sent_start: int, sent_end: int) -> list[int]:
    """Where a sentence's main clause may start: after leading quotation marks and openers
    ("But", "However,"), or, after a fronted clause ("While …, "), after any of its commas."""
    lead = re.match(r"[\s\"“‘'—–-]*", text[sent_start:sent_end])
    at = sent_start + (lead.end() if lead else 0)
    starts = [at]
    if _FRONTED_RE.match(text, at, sent_end):
        starts = [at + k + 1 for k, ch in enumerate(text[at:sent_end]) if ch == ","]
    out = []
    for a in starts:
        om = SENTENCE_OPENERS_RE.match(text, a, sent_end)
        out.append(om.end() if om else a)
    return out


def pronoun_subject(text: str, sent_start: int, sent_end: int) -> tuple[int, Gender] | None:
    """(position, gender) of a "he"/"she" opening a sentence as its subject ("But he refused
    to accept …", "She later went on …"), after openers and a fronted clause."""
    for at in _main_clause_starts(text, sent_start, sent_end):
        pm = _PRONOUN_START_RE.match(text, at, sent_end)
        if pm is not None and _verb_follows(text, pm.end()):
            return at, "f" if pm.group(1).lower() == "she" else "m"
    return None


def appositive_subject(text: str, mentions: Sequence[Mention], lo: int,
                       cue_start: int) -> Mention | None:
    """The person named as the subject of a cue across what stands between them: a relative
    clause ("Tom Hale, who was forced to apologise for an article about Eva Lind, said") or a
    noun-phrase appositive ("Eva Lind, managing director of Zentrix said", "Tom Hale, MP for
    Leeds, Yorkshire, said"), the name opening the clause (`_subject_head`). The last name
    before the cue — the relative clause's object, a place — is not the speaker."""
    first = min((m for m in mentions if lo <= m.start < cue_start), key=lambda m: m.start,
                default=None)
    if first is None or text.startswith(("’s", "'s"), first.end):
        return None
    head = text[lo : first.start]
    head = head.lstrip(" \t\n,\"”’'—–-")
    om = SENTENCE_OPENERS_RE.match(head)
    if not _subject_head(head[om.end() if om else 0 :]):
        return None
    rel = _RELATIVE_RE.match(text, first.end, cue_start)
    if rel is not None and _only_auxiliaries(text[rel.end() : cue_start]):
        # "Tom Hale, who …, will resign, says Eva Lind": a predicate after the relative
        # clause makes Tom Hale the subject of the reported clause, not of the cue.
        return None if _PREDICATE_AFTER_COMMA_RE.search(text, rel.start(), rel.end()) else first
    app = _appositive(text, first.end, cue_start)
    if app is None:
        return None
    a, b = app
    if len(text[a:b].split()) > 12 or _NOT_IN_APPOSITIVE_RE.search(text, a, b) or any(
            a <= m.start < b for m in mentions if m.name != first.name):
        return None  # a clause, or "Tom Hale, Eva Lind said": two people, no appositive
    return first


def _appositive(text: str, start: int, cue_start: int) -> tuple[int, int] | None:
    """The span of a noun-phrase appositive opening with a comma at `start` and running to the
    cue but for auxiliaries, adverbs or a closing comma (`BRIDGE_RE`): the shortest such."""
    lead = re.match(r"\s*,\s*", text[start:cue_start])
    if lead is None:
        return None
    a = start + lead.end()
    for wm in re.finditer(r"[^\s,]+", text[a:cue_start]):
        b = a + wm.end()
        if b - a > _APPOSITIVE_MAX_CHARS or re.search(r"[.!?;“”\"«»]", text[a:b]):
            return None
        if _only_auxiliaries(text[b:cue_start]):
            return a, b
    return None


def _only_auxiliaries(rest: str) -> bool:
    """Whether `rest` (between an appositive and its cue) holds only a closing comma,
    auxiliaries and adverbs (`BRIDGE_RE` without its own appositive)."""
    rest = re.sub(r"^\s*,", "", rest)
    return not re.match(r"\s*[,—–-]", rest) and BRIDGE_RE.match(rest) is not None


# What a person's possessive may head before a cue: a few words naming someone else, maybe
# with an age or a first name ("Tom Hale's son Eric, 57,", "Mr Hale's official spokesman"):
# at most five words, no verb-like word (hand-set).
_POSSESSED_RE = re.compile(r"[’']s\s+(?P<np>(?:[\w-]+\s+){0,4}[\w-]+)\s*(?:,\s*\d{1,3}\s*,)?\s*")


def possessed_person(text: str, mentions: Sequence[Mention], lo: int,
                     cue_start: int) -> int | None:
    """Where a cue's subject is someone a person's possessive names and the text does not
    ("Mr Hale's son Eric, 57, said", "Mr Hale's spokesman said"): a person other than the
    possessor, unnamed here, so neither the possessor nor the previous speaker. The possessor
    opens the clause (`_subject_head`) and no other person is named before the cue."""
    inside = [m for m in mentions if lo <= m.start < cue_start]
    if not inside:
        return None
    m = inside[0]
    if any(" " in o.name for o in inside[1:]):
        return None  # "Mr Hale's coach Eva Lind said": she is named, and speaks
    head = text[lo : m.start].lstrip(" \t\n,\"”’'—–-")
    om = SENTENCE_OPENERS_RE.match(head)
    if not _subject_head(head[om.end() if om else 0 :]):
        return None
    pm = _POSSESSED_RE.match(text, m.end, cue_start)
    if pm is None or pm.end() != cue_start and not _only_auxiliaries(text[pm.end() : cue_start]):
        return None
    if _NOT_IN_APPOSITIVE_RE.search(pm.group("np")) or (
            pm.group("np").split()[-1].lower() in _WRITTEN_NOUNS):
        return None  # "Mr Hale's statement said": his own words, written
    return m.start


def _verb_follows(text: str, at: int) -> bool:
    """Whether a verb-like word (`_SUBJECT_VERB_RE`) follows at `at`, maybe after an adverb."""
    adv = _ADVERB_RE.match(text, at)
    return bool(_SUBJECT_VERB_RE.match(text, at) or (
        adv is not None and _SUBJECT_VERB_RE.match(text, adv.end())))


_ROLE_START_RE = re.compile(r"(?:the|The)\s+")


def role_subject(text: str, sent_start: int, sent_end: int) -> tuple[int, str] | None:
    """(position, phrase) of a role opening a sentence as its subject ("The prime minister
    ratcheted up …", "Earlier, the chancellor said …", "The 34-year-old made reference …"):
    "the" and at most five words ending in a title head or a description, a verb after them.
    Whose role it is, is the reader's to decide."""
    for at in _main_clause_starts(text, sent_start, sent_end):
        rm = _ROLE_START_RE.match(text, at, sent_end)
        if rm is None:
            continue
        words = list(re.finditer(r"[\w’'-]+", text[rm.end() : min(sent_end, rm.end() + 80)]))
        for k, w in enumerate(words[:5]):
            if (w.group().lower() in TITLE_HEADS or is_description(w.group().lower())) and (
                    _verb_follows(
                    text, rm.end() + w.end() + 1)):
                return at, " ".join(x.group() for x in words[: k + 1])
    return None


def named_in(quotation: str, name: str) -> bool:
    """Whether a quotation names the person `name` by one of its words of at least three
    letters (first name or surname, as a whole word: "Lleyton's proving …")."""
    words = [w for w in re.findall(r"[\w-]+", name) if len(w) >= 3 and w[0].isupper()]
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", quotation) for w in words)
