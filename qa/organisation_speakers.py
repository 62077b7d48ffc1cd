"""Organisations as the speakers of one document while it is read: a named organisation subject
recorded as having spoken, "the firm"/"it"/"they" resolved to the last one that spoke, the author
of "a report by X" (or one named later), a narrated organisation subject. A step of the
statement extractor (`qa.quotes`); the word-level shapes are in `qa.organisations`.
"""

from __future__ import annotations

import re

from index.chunking import Span
from qa.antecedents import Antecedents
from qa.attribution_shapes import (
    BARE_DOCUMENT_RE,
    DOCUMENT_AUTHOR_RE,
    DOCUMENT_FROM_RE,
    DOCUMENT_NOUNS,
    FRONTED_CLAUSE_RE,
    ORG_SUBJECT_RE,
    PENDING_AUTHOR,
    PERSON_VOICES,
    VOICE_OF_RE,
    ends_subject,
)
from qa.group_voices import commentators_named
from qa.organisations import (
    INSTITUTION_NOUNS,
    LEAD_COMPANY_RE,
    ORG_NOUNS,
    OrgSubject,
    canonical_org,
    name_followed_by,
    named_as_organisation,
    organisation_after,
    organisation_before,
)
from qa.speaker_words import modifier_shaped, names_no_one, premodifies_noun

# A document after an inverted cue: "…, predicts the report by telecoms giant Zentrix" (its
# author follows "by"/"from"), "…, says a study" (unauthored: its author is named later, as
# for BARE_DOCUMENT_RE). Hand-set from news copy's forms; tested on invented sentences.
_AUTHORED_DOCUMENT_AFTER_RE = re.compile(
    r"(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}?(?:report|study|survey|poll|review|research|analysis)"
    r"\s+(?:by|from)\s+(?:the\s+)?")
_BARE_DOCUMENT_AFTER_RE = re.compile(
    r"(?:a|an)\s+(?:new\s+|recent\s+|latest\s+)?(?:[a-z-]+\s+)?(?:report|study|survey|poll)"
    r"(?![\w’'-])")


# A possessive after a name ("Zentrix's Tom Hale"): `_has_staff`.
_POSSESSIVE_RE = re.compile(r"[’']s\s+")
# Plural nouns for organisations that "the"/"both"/"the two" make refer back to named ones
# (hand-set, the company nouns of `ORG_NOUNS` in the plural that `GROUP_NOUNS` holds).
_COMPANY_PLURALS = frozenset({"companies", "firms", "banks", "airlines", "insurers", "lenders"})


class OrganisationSpeakers(Antecedents):
    """Organisation references in reading order (see the module docstring)."""

    def _document_after(self, at: int, hi: int) -> tuple[str, str | None, int] | None:
        """The speaker of a document named right after a cue (`at`): the organisation after
        "the report by"/"a study from", recorded as speaking through a document ("the
        report" and "it" after it are its); for an unauthored "a study" ending the subject,
        the author named later (`PENDING_AUTHOR`), unless one already spoke through a
        document; None otherwise."""
        m = _AUTHORED_DOCUMENT_AFTER_RE.match(self.text, at, hi)
        if m is not None:
            got = self._org(organisation_after(self.text, m.end(), hi))
            if got is not None and got[1] and got[0] == "org":
                self.document_orgs.add(got[1])
                return got
            return None
        bare = _BARE_DOCUMENT_AFTER_RE.match(self.text, at, hi)
        if bare is not None and ends_subject(self.text, bare.end(), hi) and (
                not self._document_spoke()):
            return "org_noun", PENDING_AUTHOR, at
        return None

    def _document_author(self, window: str, base: int) -> tuple[str, str | None, int] | None:
        """The author of "a report by X" heading the clause that ends `window`: a named
        organisation, or an unnamed one under its words ("a report by two MPs committees"
        speaks as "two MPs committees"); recorded as speaking through a document, so that
        "the report" and "it" after it are its. None for a description of an organisation
        ("a report by the government's watchdog": a possessive, or a noun that stands for
        one named elsewhere)."""
        m = DOCUMENT_AUTHOR_RE.search(window)
        if m is None:
            bare = BARE_DOCUMENT_RE.search(window)
            if bare is not None and not self._document_spoke():
                return "org_noun", PENDING_AUTHOR, base + bare.start()  # "…, a survey has found"
            return None
        raw = m.group("author")
        start = base + m.start("author")
        named = organisation_before(raw, start)
        if named is not None:  # "a survey by Zentrix", "a survey by the firm"
            got = self._org(named)
            if got is not None and got[1] and got[1] != PENDING_AUTHOR:
                self.document_orgs.add(got[1])
                return got
            if not named.via_noun:
                return got
        words = raw.split()
        if re.search(r"[’']s(?!\w)", raw) or words[-1].lower() in ORG_NOUNS or (
                words[-1][:1].isupper()):
            # "a report by the government's watchdog says": its author is named later
            return ("org_noun", PENDING_AUTHOR, start) if not self._document_spoke() else None
        name = " ".join(w for w in words if w.lower() not in ("the", "a", "an"))
        self.orgs.append((start, name))
        self.org_names.add(name)
        self.document_orgs.add(name)
        return "org", name, start

    def _document_spoke(self) -> bool:
        """Whether an organisation has spoken through a document yet."""
        return bool(self.document_orgs - {PENDING_AUTHOR})

    def _org(self, o: OrgSubject | None) -> tuple[str, str | None, int] | None:
        """(how, who, at) for an organisation subject; "the firm" means the last one that
        spoke (None when none did: not a statement)."""
        if o is None:
            return None
        if o.via_noun:
            noun = o.name.split()[-1].lower()
            last = self._last_org(o.start, impersonal=True, documents=noun in DOCUMENT_NOUNS)
            if noun in DOCUMENT_NOUNS and not self._document_spoke() and (
                    last is None or self.pending):
                return "org_noun", PENDING_AUTHOR, o.start  # "The report said": named later
            if noun in INSTITUTION_NOUNS and (last is None or noun not in last.lower()):
                # "the government said": an unnamed institution speaking as itself, unless the
                # last organisation is one of its kind ("the Foreign Ministry … the ministry").
                self.orgs.append((o.start, o.name.lower()))
                self.org_names.add(o.name.lower())
                return "org_noun", o.name.lower(), o.start
            if last is None and noun not in DOCUMENT_NOUNS | {"party", "club", "union"}:
                last = self._lead_company()
                if last is not None:  # "The firm said" before any organisation spoke
                    self.orgs.append((o.start, last))
                    self.org_names.add(last)
            return ("org_noun", last, o.start) if last else None
        if re.search(r"[’'](?:ve|ll|m|re|d)\b", o.name) or (
                " " not in o.name and not o.name.isupper() and (
                    o.name.lower() in self.common or FRONTED_CLAUSE_RE.fullmatch(o.name))):
            return None  # "Having already described …", "Currently, …": a word, not a name
        if names_no_one(o.name) or (o.voice not in PERSON_VOICES and modifier_shaped(o.name)
                                    and self._premodifier(o)):
            return None  # "By 2025, … says", "Revised figures indicated": no one named
        person = next((p for p in self.titles if p == o.name or p.endswith(" " + o.name)), None)
        if person is not None and o.voice in PERSON_VOICES and re.match(
                rf"{re.escape(o.name)}[’']s\s", self.text[o.start :]):
            return "role", None, o.start  # "Mr Hale's spokesman": someone unnamed, not Mr Hale
        if person is not None:
            return "name", person, o.start  # a person of the document, not an organisation
        name = canonical_org(o.name, self.acronyms, [n for _, n in self.orgs])
        self.orgs.append((o.start, name))
        self.org_names.add(name)
        of = VOICE_OF_RE.search(self.text, max(0, o.start - 40), o.start)
        if o.voice in PERSON_VOICES:  # "a Zentrix spokesman said": a person, for "he" later
            self.voice_subjects[o.start] = PERSON_VOICES[o.voice]
        elif of is not None:  # "a spokesman for the Zentrix Office said"
            self.voice_subjects[o.start] = PERSON_VOICES[of.group(1).lower()]
        return "org", name, o.start

    def _premodifier(self, o: OrgSubject) -> bool:
        """Whether the parse makes the one-word name `o` an adjective of the noun after it
        (`qa.speaker_words.premodifies_noun`); False when its sentence has no parse."""
        sidx = self._sentence_at(o.start)
        parse = None if sidx is None else self._parse_of(sidx)
        return parse is not None and premodifies_noun(parse, o.start, o.start + len(o.name))

    def _lead_company(self) -> str | None:
        """The company the article is about, for "the firm said" before any organisation
        spoke: the one name the lead sentence introduces with a company noun ("Profits at
        Indian drugmaker Zentrix Labs fell"; `LEAD_COMPANY_RE`); None when it introduces none
        or two ("car maker Brill … at parent Zentrix": which one is unsure)."""
        if not self.chunks:
            return None
        first = self.chunks[0]
        lead = self.text[first.start : first.end].split(". ")[0]
        names = {canonical_org(re.sub(r"[’']s$", "", m.group("name")), self.acronyms, [])
                 for m in LEAD_COMPANY_RE.finditer(lead)}
        return names.pop() if len(names) == 1 else None

    def _last_org(self, pos: int, *, groups: bool = False, impersonal: bool = False,
                  documents: bool = False) -> str | None:
        """The organisation (`groups`: or unnamed group, for "they") that spoke last before
        `pos`, unless a person spoke since. An `impersonal` noun ("the company", "the
        report") cannot mean a person, so a person who spoke since does not block it
        ("Microsoft says … Mr Lind said … The company announced …"); a document noun
        (`documents`: "the report", "the survey") means the last organisation that spoke
        through a document or a finding ("Zentrix's study suggests", "a Zentrix report
        said"), else, when a person spoke since, nobody known. A noun never means a narrated
        subject that did not speak (`narrated_at`): only "it" does."""
        before = [(p, n) for p, n in self.orgs if p < pos and (groups or n not in self.groups)
                  and not (impersonal and p in self.narrated_at)]
        if not before:
            return None
        at, name = before[-1]
        if documents:
            reports = [n for _, n in before if n in self.document_orgs]
            if reports:
                return reports[-1]
            impersonal = False
        if not impersonal and any(
                at < e.pos < pos and e.subject and e.name and e.name not in self.org_names
                for e in self.entries):
            return None
        return name

    def _names_person(self, at: int) -> bool:
        """Whether a person's mention covers `at` ("Tom Hale Group" is not read as a firm)."""
        return any(p.start <= at < p.end for p in self.people.mentions)

    def _they_commentators(self, pos: int) -> str | None:
        """The commentators "they" at `pos` means: a commentator group named in the sentences
        of its paragraph before its own sentence, after the organisation, group or person that
        spoke last ("The data confounded analyst expectations. Many had expected …. …, they say":
        the analysts, not the firm of the paragraph before); None otherwise."""
        sidx = self._sentence_at(pos)
        if sidx is None:
            return None
        here = self.sentence_spans[sidx][0]
        lo = max(self.text.rfind("\n", 0, here) + 1,
                 max((p for p, _ in self.orgs if p < here), default=0),
                 max((e.pos for e in self.entries if e.subject and e.pos < here), default=0))
        return commentators_named(self.text, lo, here)

    def _named_together(self, group: str, window: str) -> str | None:
        """The organisations a definite plural ("the companies", "the two firms", "both
        banks") ending `window` refers back to: the last joint speaker ("X and Y said …"),
        or, for "the two"/"both", the two organisations that spoke when exactly two did;
        None for an indefinite group ("companies said", "many firms"), or none known."""
        head = group.split()[-1]
        if head not in _COMPANY_PLURALS or not re.search(
                rf"(?:^|\s)(?:[Tt]he|[Bb]oth|[Tt]he\s+two)\s+{re.escape(group)}\s*$", window):
            return None
        named = [n for _, n in self.orgs if n not in self.groups]
        joint = [n for n in named if " and " in n or " & " in n]
        if joint:
            return joint[-1]
        distinct = list(dict.fromkeys(named))
        if len(distinct) == 2 and re.search(r"(?:two|[Bb]oth)\s+\S+\s*$", window):
            return f"{distinct[0]} and {distinct[1]}"
        return None

    def _has_staff(self, name: str) -> bool:
        """Whether the document names a person as `name`'s own ("Zentrix's Tom Hale told
        …"): a name with people of its own is an organisation's (or a country's, that speaks
        as its government), not a product's."""
        starts = {p.start: p.name for p in self.people.mentions}
        for end in name_followed_by(self.text, name, _POSSESSIVE_RE):
            who = starts.get(end)
            if who is not None and who not in self.org_names:
                return True
        return False

    def _note_org_subject(self, s: Span) -> None:
        """An organisation that is the subject of a narrated sentence becomes the latest one
        for "it"/"they"/"the company" after it, as if it had spoken ("The BPI is quick to
        condemn brands. '…,' it said."): an organisation that spoke before, a defined or
        three-letter-plus acronym ("BAA are also owners …"), or "the company" for the last
        organisation that spoke. A document's named author in it ("a report from the Zentrix
        Institute shows …") is noted too, as speaking through that document."""
        for dm in DOCUMENT_FROM_RE.finditer(self.text, s.start, s.end):
            author = canonical_org(dm.group("org"), self.acronyms, [n for _, n in self.orgs])
            if author not in self.titles and not any(
                    m.start <= dm.start("org") < m.end for m in self.people.mentions):
                self.orgs.append((dm.start("org"), author))
                self.org_names.add(author)
                self.document_orgs.add(author)
        m = ORG_SUBJECT_RE.match(self.text, s.start, s.end)
        if m is None:
            return
        name = m.group("name") or m.group("bare")
        if name is None:  # "The company is …", "Thursday's report was …"
            last = self._last_org(s.start, impersonal=True,
                                  documents=m.group("noun").lower() in DOCUMENT_NOUNS)
            if last is not None:
                self.orgs.append((s.start, last))
            return
        name = canonical_org(name, self.acronyms, [n for _, n in self.orgs])
        if name in self.titles:
            return  # a person of the document
        if name in self.org_names - self.groups or name in self.acronyms.values() or (
                name.isupper() and len(name) >= 3) or (
                not self._names_person(m.start("name" if m.group("name") else "bare"))
                and (named_as_organisation(name, self.text) or self._has_staff(name))):
            # "Zentrix Corp could face a fine. Last week, it denied …": the subject named as
            # an organisation is the one "it" means next, though it had not spoken (not "the
            # firm": the German carmaker's brand "Mercedes faces …" is no "the carmaker")
            if not any(q.speaker == name for q in self.quotes):
                self.narrated_at.add(s.start)
            self.orgs.append((s.start, name))
            self.org_names.add(name)
