"""The subject of a speech cue: the name, pronoun, role, organisation or group right before it
("Ms Lind said", "the minister said"), right after it ("said Blinken", "according to him"),
opening its sentence, or narrated just before a quotation with no cue. A step of the statement
extractor (`qa.quotes`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.chunking import Span
from qa.attribution_shapes import (
    BRIDGE_RE,
    DOCUMENT_NOUNS,
    FRONTED_CLAUSE_RE,
    IT_RE,
    ORG_AFTER_CUES,
    ORG_NOUN_AFTER_RE,
    PENDING_AUTHOR,
    PERSON_VOICES,
    PRESS_VOICES,
    PRONOUN_RE,
    ROLE_OF_RE,
    ROLE_RE,
    SENTENCE_OPENERS_RE,
    THEY_RE,
    UNAUTHORED_DOCUMENT_AFTER_RE,
    UNNAMED_PERSON_AFTER_RE,
    UNNAMED_PERSON_RE,
    UNNAMED_VOICE_AFTER_RE,
    UNNAMED_VOICE_RE,
    VERB_GUESS_RE,
    bridge_starts,
    ends_subject,
    title_phrase,
)
from qa.clause_subjects import appositive_subject, possessed_person
from qa.complement_mentions import after_clause_boundary
from qa.cue_descriptions import related_unnamed
from qa.document_people import Mention
from qa.group_voices import group_member_after
from qa.lexicon import GROUP_NOUNS, TITLE_HEADS
from qa.names import Gender
from qa.organisation_speakers import OrganisationSpeakers
from qa.organisations import (
    SOURCE_OF_DOCUMENT_RE,
    group_before,
    inside_organisation_name,
    organisation_after,
    organisation_before,
)
from qa.quote_marks import QuoteSpan
from qa.role_appositions import apposed_person


def mention_ending_at(mentions: Sequence[Mention], lo: int, hi: int) -> Mention | None:
    """The last mention inside [lo, hi)."""
    best = None
    for m in mentions:
        if lo <= m.start and m.end <= hi and (best is None or m.end > best.end):
            best = m
    return best


# A person's affiliation between their name and the cue: "from", "of", "at" or "with" and a
# capitalised organisation name (joining words allowed), then only what may bridge a subject
# and its verb (a named person's statement was given to their organisation, as in the v16 spot
# check's "Nigel … from the Musicians' Union said"). Hand-set; tested on invented sentences.
_AFFILIATION_RE = re.compile(
    r"\s+(?:from|of|at|with)\s+(?:the\s+)?"
    r"[A-Z][\w&’'-]*(?:\s+(?:(?:of|for|and|&|the|de)\s+)*[A-Z][\w&’'-]*)*"
    r"(?:\s*\([A-Z][A-Za-z&]{1,8}\))?"
    r"\s*(?:(?:has|had|have|also|again|later|then|previously|earlier|recently|"
    r"yesterday|today|would|will|is|was)\s+)*")


def _title_comma(between: str) -> bool:
    """A title phrase ending in a role word and a comma before a name ("said Zentrix
    spokesman, Tom Hale"), maybe with a title of its own after the comma ("said the committee
    chairman, MP Tom Hale"): the name is the speaker, not the organisation (issue 11, point 7)
    nor whoever a description alone would read back to."""
    tm = re.fullmatch(r"(.*\S)\s*,\s*([^,]*?)\s*", between, re.DOTALL)
    return tm is not None and title_phrase(tm.group(1)) and (
        tm.group(1).split()[-1].lower() in TITLE_HEADS) and (
        not tm.group(2) or title_phrase(tm.group(2)))


class SpeechSubjects(OrganisationSpeakers):
    """Subjects of cues (see the module docstring)."""

    def _subject_before(self, lo: int, cue_start: int, *, names_only: bool = False
                        ) -> tuple[str, str | None, int] | None:
        """(how, who, at) for the subject ending right before a cue: a name, pronoun or role
        (`names_only`: a person's name or nothing, recording no organisation or role)."""
        text = self.text
        app = appositive_subject(text, self.people.mentions, lo, cue_start)
        if app is not None:  # "Tom Hale, who …, said": not the relative clause's Eva Lind
            return "name", app.name, app.start
        ap = apposed_person(text[lo:cue_start])
        if ap is not None:  # "Jo Sullivan, spokesman for Zentrix said": him, not his firm
            known = mention_ending_at(self.people.mentions, lo + ap[0], lo + ap[0] + len(ap[1]))
            return "name", known.name if known is not None else ap[1], lo + ap[0]
        possessor = None if names_only else possessed_person(text, self.people.mentions, lo,
                                                              cue_start)
        if possessor is not None:  # "Mr Hale's spokesman said": someone unnamed, not Mr Hale
            return "role", None, possessor
        related = None if names_only else related_unnamed(text, lo, cue_start)
        if related is not None:  # "His agent told the Times": someone unnamed, not "him"
            return "role", None, related
        m = mention_ending_at(self.people.mentions, lo, cue_start)
        if m and BRIDGE_RE.match(text[m.end : cue_start]) and not text[m.end :].startswith(
                ("’s", "'s")):
            bare_comma = re.match(r"\s*,\s*$", text[m.end : cue_start])
            # "The opposition leader, Tomas Varga, said" but not "allies of Mr Brown, said".
            if not bare_comma or re.search(r",\s*(?:\w+\s+){0,3}$", text[lo : m.start]):
                better = self._parsed_cue_subject(self.people.mentions, lo, cue_start, m)
                if better is not None:  # "Tom Hale, an executive at Zentrix, said"
                    return "name", better.name, better.start
                return "name", m.name, m.start
        if m and _AFFILIATION_RE.fullmatch(text, m.end, cue_start) and not inside_organisation_name(
                text, m.end):
            # "Tom Hale from the Zentrix Union said", "Eva Lind at Brill Labs said": the person
            # named is the subject; the organisation after the preposition only places them.
            return "name", m.name, m.start
        if names_only:
            return None
        window = text[lo:cue_start]
        for pm in reversed(list(PRONOUN_RE.finditer(window))):
            if BRIDGE_RE.match(window[pm.end() :]):
                g: Gender = "f" if pm.group(1).lower() == "she" else "m"
                return "pronoun", self._salient(lo + pm.start(), g), lo + pm.start()
            break
        for k in bridge_starts(window):
            for rx in (ROLE_RE, ROLE_OF_RE):  # "the minister", "the chairman of the X Board"
                rm = rx.search(window[:k])
                if rm:
                    phrase = "".join(g for g in rm.groups() if g)  # (modifiers, head) / (role,)
                    is_role, who = self._role(phrase, lo + rm.start())
                    if is_role:
                        return "role", who, lo + rm.start()
            author = self._document_author(window[:k], lo)
            if author is not None:
                return author
            found = organisation_before(window[:k], lo)
            group = group_before(window[:k], lo, self.common)
            if group is not None and found is not None and (
                    group.start < found.start or found.name.lower() in GROUP_NOUNS):
                found = None  # "companies contacted by the Daily Post insist": the companies
            if found is None and group is None and (
                    um := UNNAMED_PERSON_RE.search(window[:k])):
                # "one leading broker said": an unnamed person, speaking as themselves
                self.voice_subjects[lo + um.start()] = ""
                return "group", um.group(1).lower(), lo + um.start()
            spokes = UNNAMED_VOICE_RE.search(window[:k])
            if found is None and group is None and spokes:
                # "A spokeswoman said": for the organisation that spoke last, else unnamed.
                noun = spokes.group(1).lower()
                who = (self._titled(noun) or noun) if noun in PRESS_VOICES else (
                    self._last_org(lo + k) or noun)
                self.voice_subjects[lo + spokes.start()] = PERSON_VOICES.get(
                    spokes.group(1).lower(), "")
                return "org_noun", who, lo + spokes.start()
            org = self._org(found)
            if org is not None:
                return org
            if group is not None and (
                    together := self._named_together(group.name, window[:k])) is not None:
                return "org_noun", together, group.start  # "SBC and Brill said …. The
                # companies said …": the two named, not an unnamed group
            if group is not None:  # "Analysts said", "Critics of the plan claim"
                return self._group_spoke(group.name, group.start)
            if THEY_RE.search(window[:k]):
                named = self._they_commentators(lo + k)
                if named is not None:  # "…. Many had expected …, they say": the analysts
                    return self._group_spoke(named, lo + k)
                last = self._last_org(lo + k, groups=True)
                if last is not None:
                    return "org_noun", last, lo + k
            if IT_RE.search(window[:k]):
                # "It found that …" after a study spoke: the study's author (tech/145 dev).
                finding = text[cue_start:].split(None, 1)[:1] in (["found"], ["finds"],
                                                                   ["showed"], ["shows"])
                last = self._last_org(lo + k, documents=finding)
                if last is not None:
                    return "org_noun", last, lo + k
        return None

    def _titled(self, noun: str) -> str | None:
        """The one person of the document whose title has `noun` ("our correspondent" after
        "BBC correspondent Eva Lind"), else None (none, or several)."""
        found = [n for n, ts in self.titles.items()
                 if any(noun in t.lower().split() for t in ts)]
        return found[0] if len(found) == 1 else None

    def _group_spoke(self, name: str, at: int) -> tuple[str, str | None, int]:
        """Record the unnamed group `name` as speaking at `at` (an organisation-like speaker
        "they" and "the firm" skip: `groups`) and return it as the cue's subject."""
        self.orgs.append((at, name))
        self.org_names.add(name)
        self.groups.add(name)
        return "group", name, at

    def _subject_after(self, cue_end: int, hi: int) -> tuple[str, str | None, int] | None:
        """The subject right after a cue: "said Blinken", "according to him", "said the chief";
        not a name past the start of its reported clause ("said that it undervalues Zentrix":
        `qa.complement_mentions.after_clause_boundary`)."""
        got = self._inverted_subject(cue_end, hi)
        if got is not None and after_clause_boundary(self.text, cue_end, got[2]) and not (
                got[0] == "name" and _title_comma(self.text[cue_end : got[2]].lstrip())):
            return None  # ("said the committee chairman, MP Tom Hale": a title, then him)
        return got

    def _inverted_subject(self, cue_end: int, hi: int) -> tuple[str, str | None, int] | None:
        """`_subject_after` before its clause-boundary check."""
        text = self.text
        gap = re.match(r"\s*(?:by\s+)?", text[cue_end:hi])
        at = cue_end + (gap.end() if gap else 0)
        near = [m for m in self.people.mentions if at <= m.start <= at + 80]
        for i, m in enumerate(near):
            if text.startswith(("’s", "'s"), m.end):
                continue  # "said Dore's publicist Eva Lind": the possessor is not the speaker
            if inside_organisation_name(text, m.end):
                continue  # "said Eva Day of the Tom Hale Trust": the trust's namesake
            if m.start == at or title_phrase(text[at : m.start]) or _title_comma(
                    text[at : m.start]):
                # "said Green shadow local government secretary Eva Lind"; a name that only
                # opens the title of the next one is a place or club ("said Brill race
                # director Eva Lind"): the speaker is the last name of the chain.
                for later in near[i + 1 :]:
                    if title_phrase(text[m.end : later.start]) or _title_comma(
                            text[m.end : later.start]):
                        m = later
                    else:
                        break
                if not ends_subject(text, m.end, hi):
                    return None  # "…, said Eva Lind would resign": she is the clause's subject
                return "name", m.name, m.start
        cue_word = text[:cue_end].split()[-1].lower() if text[:cue_end].split() else ""
        pm = re.match(r"(he|she|him|her)(?![\w’'])", text[at:hi], re.IGNORECASE)
        if pm and pm.group(1).lower() in ("him", "her") and cue_word != "to":
            pm = None  # "urged him to …": the object; only "according to him" names a speaker
        if pm and not ends_subject(text, at + pm.end(), hi):
            pm = None  # "suggested he had nothing to lose": the reported clause's subject
        if pm:
            g: Gender = "f" if pm.group(1).lower() in ("she", "her") else "m"
            return "pronoun", self._salient(at, g), at
        vm = UNNAMED_VOICE_AFTER_RE.match(text, at, hi)
        if vm and cue_word in ORG_AFTER_CUES and ends_subject(text, vm.end(), hi):
            # "…, said a spokeswoman": for the organisation that spoke last, else unnamed (as
            # "A spokeswoman said" in `_subject_before`).
            noun = vm.group(1).lower()
            self.voice_subjects[at] = PERSON_VOICES.get(noun, "")
            of = re.match(r"\s+(?:for|of|at|from)\s+", text[vm.end() : hi])
            if of is not None:  # "said a spokesman for the Zentrix Office": that one, or nobody
                org = self._org(organisation_after(text, vm.end() + of.end(), hi))
                return org if org is not None and org[1] else ("org_noun", noun, at)
            who = (self._titled(noun) or noun) if noun in PRESS_VOICES else (
                self._last_org(at) or noun)
            return "org_noun", who, at
        rm = re.match(r"(?:the|The)\s+((?:[\w’'-]+\s+){0,5}?[\w-]+)(?=[\s,.;:])", text[at:hi])
        if rm:
            for j in range(len(rm.group(1).split()), 0, -1):
                phrase = " ".join(rm.group(1).split()[:j])
                is_role, who = self._role(phrase, at)
                if is_role:
                    return "role", who, at
        if (um := UNNAMED_PERSON_AFTER_RE.match(text, at, hi)) and ends_subject(
                text, um.end(), hi):  # '…," said one fan': an unnamed person (as before it)
            self.voice_subjects[at] = ""
            return "group", um.group(1).lower(), at
        member = group_member_after(text, at, hi) if cue_word in ORG_AFTER_CUES else None
        if member is not None:  # "…, said one musician quoted by the report": that musician
            self.voice_subjects[at] = ""
            return "group", member, at
        if cue_word != "to" and (doc := self._document_after(at, hi)) is not None:
            return doc  # "…, predicts the report by Zentrix", "…, says a study"
        if cue_word == "to" and (dm := SOURCE_OF_DOCUMENT_RE.match(text, at, hi)):
            # "according to figures gathered by Telcoreg": the document's source speaks.
            org = self._org(organisation_after(text, dm.end(), hi))
            if org is not None:
                return org
        if cue_word == "to" and (bd := UNAUTHORED_DOCUMENT_AFTER_RE.match(text, at, hi)) and (
                ends_subject(text, bd.end(), hi)) and not self._document_spoke() and not (
                re.match(r"\s+(?:from|by|of)\s", text[bd.end() : hi])):
            # "…, according to official figures." with no author yet: the organisation named
            # within the next sentences (as "…, a report says": PENDING_AUTHOR)
            return "org_noun", PENDING_AUTHOR, at
        if cue_word in ORG_AFTER_CUES:
            org = self._org(organisation_after(text, at, hi))
            if org is not None:
                return org
            nm = ORG_NOUN_AFTER_RE.match(text, at, hi)
            if nm and ends_subject(text, nm.end(), hi):
                # "said the report": the organisation that spoke last, else nobody known (not
                # "said the government should …": that is the clause's subject)
                noun = nm.group().split()[-1].lower()
                return "org_noun", self._last_org(at, impersonal=True,
                                                  documents=noun in DOCUMENT_NOUNS), at
        return None

    def _sentence_subject(self, lo: int, hi: int) -> tuple[str, str | None, int] | None:
        """The subject opening the sentence that starts at `lo` (after a fronted clause and
        openers such as "But"): a person named within its first three words, "he"/"she", or
        an organisation, group or role right before its first verb-like word; else None."""
        text = self.text
        head = text[lo:hi]
        if FRONTED_CLAUSE_RE.match(head) and "," in head:
            lo += head.index(",") + 1
        om = SENTENCE_OPENERS_RE.match(text, lo, hi)
        lo = om.end() if om else lo
        first = min((m for m in self.people.mentions if lo <= m.start < hi),
                    key=lambda m: m.start, default=None)
        if first is not None and (len(text[lo : first.start].split()) <= 3 or title_phrase(
                text[lo : first.start])) and re.match(
                r"[\s,]*(?:\d{1,3}\s*,\s*)?(?:[a-z]|$)", text[first.end : hi]):
            return "name", first.name, first.start
        pm = PRONOUN_RE.match(text, lo, hi)
        if pm:
            g: Gender = "f" if pm.group(1).lower() == "she" else "m"
            return "pronoun", self._salient(lo, g), lo
        vm = VERB_GUESS_RE.search(text, lo, hi)
        if vm is None or len(text[lo : vm.start()].split()) > 6:
            return None
        got = self._subject_before(lo, vm.start())
        if got is not None and len(text[lo : got[2]].split()) <= 3:
            return got
        return None

    def _narrated_subject(self, sents: Sequence[Span], opening: int,
                          spans: Sequence[QuoteSpan], mentions: Sequence[Mention]) -> str | None:
        """The person a quotation with no cue follows on from: the subject (a name within the
        first three words) of the sentence right before it, when that sentence quotes nobody
        (a narrated sentence about the speaker: 'Marek, who was upset …, hinted at …')."""
        prev = [s for s in sents if s.end <= opening]
        if not prev:
            return None
        sent = prev[-1]
        if any(sent.start <= q.start < sent.end or q.start <= sent.start < q.end for q in spans):
            return None
        first = min((m for m in mentions if sent.start <= m.start < sent.end),
                    key=lambda m: m.start, default=None)
        rule: str | None = None
        if first is not None and len(self.text[sent.start : first.start].split()) <= 3 and (
                first.name not in self.org_names):
            rule = first.name
        if rule is None:
            return None  # the parse may correct the rule's choice, not make one of its own
        clear, who = self._parsed_narrator(sent, mentions, rule)
        return who if clear else rule
