"""Who says a sentence of reported speech: "X said that …", "according to X", a participle
clause ("…, saying …"), a second report joined on in one sentence. A step of the statement
extractor (`qa.quotes`), over `SpeechSubjects`; `qa.speech_attribution` adds direct quotations
on top of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.chunking import Span
from qa.attribution_shapes import (
    FRONTED_SUBORDINATE_RE,
    PARTICIPLE_CLAUSE_RE,
    PARTICIPLE_JOIN_RE,
    PASSIVE_BEFORE_RE,
    PERFECT_PARTICIPLE_RE,
    SHARED_SUBJECT_RE,
    SUBORDINATE_RE,
    is_participle,
    reported_clause_fits,
    title_phrase,
)
from qa.complement_mentions import (
    cue_used_as_noun,
    named_in_complement,
    parse_subject_elsewhere,
)
from qa.cue_senses import (
    asks_the_parse,
    commits_to_act,
    evidence_of_a_fact,
    names_an_act,
    plural_evidence_cues,
)
from qa.lexicon import (
    NON_SPEECH_AFTER_CUE,
    speech_verbs,
)
from qa.speech_subjects import SpeechSubjects
from qa.topic_cues import is_letter_cue, letter_cues, topic_cue_fits

# Speech and attribution verbs ("X said", "X told Interfax", "X called on ...").
_CUE_WORDS = speech_verbs("cue")
# A speech verb used for an act ("responded by cutting", "added two tries") is no cue.
CUE_RE = re.compile(rf"(?<![\w’'-])(?:{_CUE_WORDS})(?![\w-])(?!{NON_SPEECH_AFTER_CUE})",
                    re.IGNORECASE)

# Where a second report may be joined on in one sentence: ", while", ", whereas", "and",
# ", but" (hand-set; seen in the labelled dev set's politics articles).
_COORDINATOR_RE = re.compile(r",?\s+(?:while|whereas|and|but)\s+")
# Words the subject of a joined report may have ("the Zentrix Union", "Labour chairman Ian
# Hale"): hand-set.
_MAX_JOINED_SUBJECT_WORDS = 5


class ReportedSpeech(SpeechSubjects):
    """Attribution of reported speech (see the module docstring)."""

    def _cues(self, s: Span) -> list[re.Match[str]]:
        """The cue matches of a sentence, found once (reported and participle readings)."""
        if self._cue_cache[0] != (s.start, s.end):
            cues = [*(m for m in CUE_RE.finditer(self.text, s.start, s.end)
                      if topic_cue_fits(self.text, m.start(), m.end()) is not False),
                    *plural_evidence_cues(self.text, s.start, s.end),
                    *letter_cues(self.text, s.start, s.end)]
            self._cue_cache = ((s.start, s.end), sorted(cues, key=lambda m: m.start()))
        return self._cue_cache[1]

    def _names_an_act(self, cs: int, ce: int) -> bool:
        """Whether the cue at ``[cs, ce)`` names an act, not speech, by its parse ("Zentrix
        has found a way to …", "Tom Hale added two goals", "Zentrix's promised cuts":
        `qa.cue_senses`); the parse is asked only for the cue forms that may. "Agreed to
        buy …" is a deal by its form alone."""
        if commits_to_act(self.text, cs, ce):
            return True
        if not asks_the_parse(self.text, cs, ce):
            return False
        sidx = self._sentence_at(cs)
        parse = None if sidx is None else self._parse_of(sidx)
        return parse is not None and names_an_act(self.text, parse, cs, ce)

    def _participle_report(
        self, s: Span, quoted: list[tuple[int, int]], consumed: list[tuple[int, int]]
    ) -> tuple[str, str | None, str, tuple[int, int]] | None:
        """Reported speech in a participle clause joined to a narrated one ("Mr Dore led the
        tributes, saying the host had shaped TV", "Ana Ruiz called for observers - saying
        otherwise …", "Zentrix issued a statement saying that …"), or after a verb sharing
        the sentence's subject ("The BPI is concerned … and said they were …"): its speaker
        is the subject of the sentence (`_sentence_subject`); the statement is the clause
        after the cue."""
        text = self.text
        cues = self._cues(s)
        letters = {m.start() for m in cues if is_letter_cue(m)}  # "has written to X asking"
        for cm in cues:
            cs, ce = cm.start(), cm.end()
            if any(a <= cs < b for a, b in quoted) or any(a <= cs < b for a, b in consumed):
                continue
            if text[ce : s.end].strip(" \t.:") == "":
                continue
            shared = SHARED_SUBJECT_RE.search(text, s.start, cs) and not is_participle(cm.group())
            perfect = PERFECT_PARTICIPLE_RE.search(text, max(s.start, cs - 40), cs)
            if not shared and cs not in letters:
                if not perfect and (not is_participle(cm.group()) or not PARTICIPLE_JOIN_RE.search(
                        text, s.start, cs)):
                    continue
                if cm.group().lower().split()[0] not in ("saying", "pointing") and not (
                        PARTICIPLE_CLAUSE_RE.match(text, ce)):
                    continue  # "adding the final flourish", "claiming the title": no speech
            elif not reported_clause_fits(text, cs, ce, None):
                continue
            subj = self._sentence_subject(s.start, cs)
            if perfect and subj is not None and subj[0] not in ("name", "pronoun", "role"):
                continue  # "…, it emerged that …, having said": a person's only
            if subj is not None and not self._names_an_act(cs, ce):
                return *self._not_in_complement(subj, ce, s.end), cm.group(), (cs, ce)
        return None

    def _coordinated_report(
        self, sent: Span, after: int, who: str, quoted: list[tuple[int, int]],
        consumed: list[tuple[int, int]],
    ) -> tuple[int, int, tuple[str, str | None, str, tuple[int, int]]] | None:
        """A second report joined to the first in one sentence ("The Lib Dems said …, while
        Labour criticised …", "The Tories say … and Labour says …"): where it starts and its
        attribution, when its own subject is a named person, organisation or group (not a
        pronoun or role, which may be the first speaker again) other than the first speaker,
        right before its cue (a short subject and no comma: "… and reminded MPs that X last
        year described …" and "…, which …, Marvel said" are one report).
        Returns (end of the first report, start of the second, its attribution)."""
        for m in _COORDINATOR_RE.finditer(self.text, after, sent.end):
            sub = Span(start=m.end(), end=sent.end, text=self.text[m.end() : sent.end])
            got = self._attribute_reported(sub, quoted, consumed)
            if got is None or got[0] not in ("name", "org", "group") or got[1] in (None, who):
                continue
            gap = self.text[m.end() : got[3][0]]
            if "," not in gap and 0 < len(gap.split()) <= _MAX_JOINED_SUBJECT_WORDS:
                return m.start(), m.end(), got
        return None

    def _attribute_reported(
        self, s: Span, quoted: list[tuple[int, int]], consumed: list[tuple[int, int]]
    ) -> tuple[str, str | None, str, tuple[int, int]] | None:
        """The speaker of a sentence of reported speech: "X said that …", "according to X"."""
        cues = self._cues(s)
        # "…, said Mr Clarke." names the speaker of the whole sentence: try it first.
        cues.sort(key=lambda cm: not (self.text[s.start : cm.start()].rstrip().endswith(",")
                                      and cm.group().lower() in ("said", "says", "added")))
        for cm in cues:
            cs, ce = cm.start(), cm.end()
            if any(a <= cs < b for a, b in quoted) or any(a <= cs < b for a, b in consumed):
                continue
            cue = cm.group()
            low = cue.lower()
            if PASSIVE_BEFORE_RE.search(self.text, max(s.start, cs - 12), cs):
                continue
            if low.startswith("according"):
                subj = self._subject_after(ce, s.end)
            elif is_participle(cue):
                continue
            else:
                # "…, says Ms Dore." / "…, said the report": after a comma the cue is inverted,
                # and its subject follows it. (Lazily: finding an organisation records it.)
                if self.text[s.start : cs].rstrip().endswith(","):
                    recorded = (len(self.orgs), set(self.org_names), set(self.groups))
                    subj = (self._subject_before(s.start, cs, names_only=True)
                            or self._subject_after(ce, s.end) or self._subject_before(s.start, cs))
                    if subj is not None and subj[0] != "name" and subj[2] < cs and (
                            self._parse_says(parse_subject_elsewhere, cs, ce, subj[2])):
                        # "By 2025, 40% … will be offline, says a study": not 2025, which is
                        # then no organisation that spoke either
                        del self.orgs[recorded[0] :]
                        self.org_names, self.groups = recorded[1], recorded[2]
                        continue
                else:
                    subj = self._subject_before(s.start, cs) or self._subject_after(ce, s.end)
                if subj is not None and subj[2] < cs and subj[0] not in ("name", "pronoun") and (
                        cue_used_as_noun(self.text, cs, ce)):
                    continue  # "Mr Dore derided Tory claims they …": a noun, no Tory speech
            if subj is not None and (
                    SUBORDINATE_RE.search(self.text, max(s.start, subj[2] - 20), subj[2])
                    or FRONTED_SUBORDINATE_RE.fullmatch(self.text, s.start, subj[2])):
                continue  # "… more than Mr Dore predicted", "As Mr Dore announced …"
            if subj is not None and subj[2] < cs and _inside_earlier_report(self.text, s.start,
                                                                        subj[2]):
                continue  # "A new book claims that Mr Dore told …": the book's, not his
            if not reported_clause_fits(self.text, cs, ce, subj):
                continue
            if subj is not None and evidence_of_a_fact(self.text, cs, ce):
                continue  # "… because it shows the sport is …": the fact told, no finding
            if subj is not None and not self._names_an_act(cs, ce):  # not "Tom Hale added
                return *self._not_in_complement(subj, ce, s.end), cue, (cs, ce)  # two
                # goals": an act, not speech
        return None

    def _parse_says(self, question: Callable[..., bool], cs: int, ce: int, *args: int) -> bool:
        """`question` of `qa.complement_mentions` asked of the parse of the sentence holding
        the cue at ``[cs, ce)``; False when there is no parse."""
        sidx = self._sentence_at(cs)
        parse = None if sidx is None else self._parse_of(sidx)
        return parse is not None and question(parse, cs, ce, *args)

    def _not_in_complement(self, subj: tuple[str, str | None, int], cue_end: int,
                           sent_end: int) -> tuple[str, str | None]:
        """(how, who) of a cue's subject, with who None when a pronoun, role or organisation
        noun was resolved to someone the cue's own reported clause names ("the chancellor
        said Mr Hale was …" is not Mr Hale's: `named_in_complement`); such a statement is
        left unattributed rather than given to a wrong speaker."""
        how, who, at = subj
        if how in ("pronoun", "role", "org_noun") and who and at < cue_end and (
                named_in_complement(self.text, self.people.mentions, cue_end, sent_end, who)):
            return how, None
        return how, who


# Verbs of allegation that open a reported clause without being cues of their own (their
# subject is mostly a text: "a new book alleges that …"): hand-set.
_ALLEGE_RE = re.compile(r"(?<![\w’'-])(?:alleges?|alleged|contends?|asserts?|suggests?)(?![\w-])",
                        re.IGNORECASE)


def _inside_earlier_report(text: str, s_start: int, at: int) -> bool:
    """Whether a subject at `at` opens the reported clause of an earlier cue of its sentence
    ("A new book claims that Mr Dore told …", "a report alleges Ms Lind promised …"): the
    statement is about them, the earlier cue's subject's, not theirs (issue 11, point 7)."""
    for cm in (*CUE_RE.finditer(text, s_start, at), *_ALLEGE_RE.finditer(text, s_start, at)):
        between = text[cm.end() : at]
        if re.fullmatch(r"\s+(?:that\s+)?", between):
            return True
        tm = re.fullmatch(r"\s+(?:that\s+)?(.*?)\s*", between, re.DOTALL)
        if tm is not None and tm.group(1) and title_phrase(tm.group(1)):
            return True  # "… claims that chancellor Tom Hale told …"
    return False
