"""Who "he", "she", "the minister" or "the 34-year-old" refers to: the salient person of the
latest sentence of compatible gender, a role matched to a person's titles (or learned from an
untitled antecedent), a description read back to the last subject. A step of the statement
extractor (`qa.quotes`), over its `ReadingState`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.chunking import Span
from qa.attribution_shapes import LOOSE_MODIFIERS, OFFICE_MODIFIERS, is_description
from qa.clause_subjects import pronoun_subject, role_subject
from qa.lexicon import TITLE_HEADS, TITLE_WORDS
from qa.names import Gender, gender_of
from qa.parsed_reading import ParsedReading
from qa.quote_sentences import fronted_clause_start, opens_sentence
from qa.reading_state import Entry
from qa.role_introductions import introduced_next
from qa.role_qualifiers import qualifiers_conflict

# "he"/"she" in a sentence: someone it talks about besides the people it names may be meant.
_PERSON_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")


def _marked_gender(words: Sequence[str]) -> Gender | None:
    """"f" for a role or description marked feminine ("chairwoman", "actress"); None
    otherwise: the masculine forms are written for women too ("chairman Jan Berry"), so
    "chairman" or "spokesman" says nothing of who holds the role."""
    return "f" if gender_of(words) == "f" else None


def _plain_office(title: str, heads: list[str], words: list[str]) -> bool:
    """Whether `title` holds a role head of the phrase and no office-changing modifier
    ("shadow", "deputy", "former") the phrase (`words`) lacks: OFFICE_MODIFIERS."""
    tw = {w.lower() for w in re.findall(r"[\w]+", title)}
    if not any(h in tw or set(h.split("-")) <= tw for h in heads):
        return False
    said = set(words) | {p for w in words for p in w.split("-")}
    return not any(m in tw and m not in said for m in OFFICE_MODIFIERS)


class Antecedents(ParsedReading):
    """Pronoun, role and description antecedents (see the module docstring)."""

    def _salient(self, pos: int, gender: Gender | None) -> str | None:
        """The person a pronoun at `pos` refers to: the subject of the latest sentence that
        talked about someone of a compatible gender (its first mention if it has no subject);
        the object of a person's verb is no antecedent (`Entry.obj`)."""
        lo = fronted_clause_start(self.text, pos)
        cands = [e for e in self.entries if e.pos < pos and (
            e.name not in self.org_names or e.voice is not None or e.name in self.groups) and (
            e.name is None or gender is None or (
                e.voice in ("", gender) if e.voice is not None
                else self.gender.get(e.name) in (None, gender)))
            and not (lo is not None and e.pos >= lo)]
        self._refine_latest(cands)
        objects = [e for e in cands if e.obj]
        cands = [e for e in cands if not e.obj]
        if objects and (not cands or max(e.sentence for e in objects) > max(
                e.sentence for e in cands)):
            return None  # the latest sentence names them only as a person's object ("Ms Grant
            # thanked director Tom Reed"): its subject is not someone known, nor is an earlier one
        if not cands:
            return None
        last_sentence = max(e.sentence for e in cands)
        in_sentence = [e for e in cands if e.sentence == last_sentence]
        subjects = [e for e in in_sentence if e.subject]
        chosen = (max(subjects, key=lambda e: e.pos) if subjects
                  else min(in_sentence, key=lambda e: e.pos))
        if chosen.name in self.groups and chosen.voice is None:
            return None  # "Analysts said …. '…,' he said": one of them, not a person before
        if self._unlisted_since(chosen, pos, gender):
            return None  # "Roddick broke a racket. '…,' he said", Roddick unlisted: not the
            # listed person before him
        return chosen.name

    def _unlisted_since(self, chosen: Entry, pos: int, gender: Gender | None) -> bool:
        """Whether a person the people table did not list (`qa.unlisted_people`), of a gender
        compatible with the pronoun's, opens a sentence after the chosen antecedent's and
        before the pronoun's: the pronoun may mean them. (Not one named in the antecedent's own
        sentence: "Actors Sam Lane and Ben Hale joined Tom Dore's film, the comedian said.
        He said …" is Tom Dore's.)"""
        here = self._sentence_at(pos)
        if here is None:
            return False
        for k in range(chosen.sentence + 1, here):
            span = self.sentence_spans.get(k)
            if span is not None and self._unlisted_lead(span[0], span[1], gender):
                return True
        return False

    def _note_pronoun_subject(self, sent: Span, sidx: int,
                              quoted: Sequence[tuple[int, int]]) -> None:
        """A sentence opening with "he"/"she" as its subject ("But he refused to accept …")
        keeps its antecedent salient, and one opening with a role a person of the document
        holds ("The prime minister ratcheted up …") makes that person salient: recorded as
        their subject entry, so that a quotation after it is not given to someone the
        sentence only talks about."""
        got = pronoun_subject(self.text, sent.start, sent.end)
        who: str | None = None
        at = -1
        if got is not None:
            at = got[0]
            who = self._salient(at, got[1])
        elif (role := role_subject(self.text, sent.start, sent.end)) is not None:
            at = role[0]
            if is_description(role[1].split()[-1].lower()):
                # "The 34-year-old made reference …": the last subject, described again
                who = self._described(role[1], at)
            else:
                is_role, who = self._role(role[1], at, learn=False)
                if who is not None and not self._holds_all(who, role[1]):
                    who = None  # "the 73-year-old former Zentrix chairman": not the chairman
        if who is None or any(a <= at < b for a, b in quoted):
            return
        self.entries.append(Entry(at, sidx, who, True))

    def _holds_all(self, who: str, phrase: str) -> bool:
        """Whether every capitalised word and modifier of a role phrase ("Tory", "former",
        "shadow") is in the person's titles and no word describes (an age): the strict match
        a narrated subject needs, where no cue vouches for a person being meant."""
        tw = {w.lower() for t in self.titles.get(who, ()) for w in re.findall(r"[\w’'-]+", t)}
        for w in re.findall(r"[\w’'-]+", phrase):
            low = w.lower()
            if is_description(low):
                return False
            if (w[0].isupper() or low in OFFICE_MODIFIERS or low in LOOSE_MODIFIERS) and (
                    low not in tw):
                return False
        return True

    def _role(self, phrase: str, pos: int, *, learn: bool = True) -> tuple[bool, str | None]:
        """(is a person role, who) for "the minister", "the US Secretary of State" (`learn`
        False: only a person titled so, no antecedent read back and no role learned)."""
        words = [w.lower().strip("’'") for w in re.findall(r"[\w’'-]+", phrase)]
        if not words:
            return False, None
        def is_head(w: str) -> bool:
            return w in TITLE_HEADS or any(p in TITLE_HEADS for p in w.split("-"))

        heads = [w for w in words if is_head(w)]
        said = _marked_gender(words)  # "the actress", "the chairwoman": a woman
        if not heads and is_description(words[-1]):
            who = self._described(phrase, pos) if learn else None
            return who is not None, who  # nobody found: read on as before (not a role)
        if not heads or not (is_head(words[-1]) or words[-1] in TITLE_WORDS):
            return False, None
        if any(w.endswith(("’s", "'s")) for w in re.findall(r"[\w’'-]+", phrase)[:-1]):
            return True, None  # "the prime minister's spokesman": someone unnamed
        best: tuple[int, int, str] | None = None
        recency = {e.name: e.pos for e in self.entries if e.pos < pos and e.name}
        for name, titles in self.titles.items():
            if not self._may_be(name, said):
                continue  # "the actress" is no man
            tw = {w.lower() for t in titles for w in re.findall(r"[\w-]+", t)}
            tw |= {p for w in list(tw) for p in w.split("-")}
            if not all(h in tw or set(h.split("-")) <= tw for h in heads):
                continue
            specific = [w for w in words if w in TITLE_WORDS and w not in LOOSE_MODIFIERS]
            if not all(w in tw for w in specific):
                continue  # "the foreign secretary" is not the home secretary
            if not any(_plain_office(t, heads, words) for t in titles):
                continue  # "the chancellor" is not the shadow chancellor
            if qualifiers_conflict(phrase, titles):
                continue  # "the Scottish Conservative leader" is not the SNP Holyrood leader
            score = sum(w in tw for w in words)
            key = (score, recency.get(name, -1), name)
            if best is None or key > best:
                best = key
        if best is None and not learn:
            return True, None
        if best is None:
            who = self._role_antecedent(pos, said)
            if who is not None:
                phrase_clean = " ".join(re.findall(r"[\w’'-]+", phrase))
                self.learned_roles.setdefault(who, []).append(phrase_clean)
                self.titles[who] = (*self.titles.get(who, ()), phrase_clean)
            return True, who
        return True, best[2]

    def _described(self, phrase: str, pos: int) -> str | None:
        """Who a description ("the 34-year-old", "the world indoor champion") refers back to:
        the person who is the subject (a speaker, or a name opening its sentence) of the
        latest sentence that talked about someone, titled or not, since a description is no
        office; nobody otherwise (an object — "talking to Real's director Eva Lind" — is no
        antecedent), nor for a possessive ("the club's winger")."""
        if re.search(r"[’']s\s", phrase):
            return None
        sidx = self._sentence_at(pos)
        span = self.sentence_spans.get(sidx - 1) if sidx is not None else None
        if span is not None and self._unlisted_lead(*span, _marked_gender(phrase.split())):
            return None  # 'Tom Reed made his debut. "…," said the youngster': Reed, whom the
            # people table did not list, not the person named before him (issue 11)
        cands = [e for e in self.entries if e.pos < pos and e.name and (
            e.subject or opens_sentence(self.text, e.pos)) and e.name not in self.groups]
        if not cands:
            return None
        who = cands[-1].name
        # a later sentence about someone else (not a group: "The remaining members of the
        # band said …" is no singular description's antecedent)
        if any(e.pos < pos and e.sentence > cands[-1].sentence and e.name not in self.groups
               and e.name != who for e in self.entries):
            # the sentence just before talks about someone else: the one person it introduces
            # ("… in the shape of Emma Lane, who plays Hermione. The 14-year-old said …"),
            # or no one
            who = self._only_person_of_latest(pos)
        if who is None or who in self.org_names:
            return None
        if not self._may_be(who, _marked_gender(phrase.split())):
            return None  # "the actress" is not the man named before
        phrase_clean = " ".join(re.findall(r"[\w’'-]+", phrase))
        self.learned_roles.setdefault(who, []).append(phrase_clean)
        return who

    def _may_be(self, who: str, gender: Gender | None) -> bool:
        """Whether a phrase of `gender` (None: either) may refer to `who`: not when the
        document knows them as the other gender (pronouns, titles, first name)."""
        return gender is None or self.gender.get(who) in (None, gender)

    def _only_person_of_latest(self, pos: int) -> str | None:
        """The one person the latest sentence before `pos` that talks about someone names,
        when it names exactly one, not as the object of a verb, and no group or organisation,
        has no "he"/"she" of its own, and introduces them (their first mention, not a
        possessive); None otherwise (two people, someone named and someone referred to, or
        someone met before: which one a description means is not known)."""
        before = [e for e in self.entries if e.pos < pos]
        if not before:
            return None
        last = max(e.sentence for e in before)
        here = [e for e in before if e.sentence == last]
        names = {e.name for e in here}
        if len(names) != 1 or any(e.obj for e in here):
            return None
        span = self.sentence_spans.get(last)
        if span is not None and _PERSON_PRONOUN_RE.search(self.text, *span):
            return None  # "The Spaniard believed he was talking to Tom Hale": the sentence
            # is about someone else it does not name
        who = next(iter(names))
        if who is None or who in self.groups or who in self.org_names:
            return None
        first = next((m for m in self.people.mentions if m.name == who), None)
        if first is None or span is None or not span[0] <= first.start < span[1] or (
                re.match(r"[’']s\b", self.text[first.end : first.end + 3])):
            return None  # met before ("Ms Love found …"), or only a possessor ("Hale's
            # drive"): a description after it need not be them
        return who

    def _role_antecedent(self, pos: int, gender: Gender | None = None) -> str | None:
        """Who an unmatched role ("the rural affairs minister said") names: the subject of the
        latest sentence naming a person, or in the lead, before anyone is named, the first
        person named in the next 300 characters; only a person with no title of their own
        (a titled person would have matched the role) and of the role's `gender` if it has
        one ("the chairwoman")."""
        def untitled(name: str | None) -> bool:
            return bool(name) and name not in self.org_names and not any(
                any(w.lower() in TITLE_HEADS for w in t.split()) for t in self.titles.get(
                    name or "", ()))

        who = self._salient(pos, gender)
        if who is not None:
            if untitled(who):
                return who
            return introduced_next(self.text, self.people.mentions, pos,
                                   lambda n: untitled(n) and self._may_be(n, gender))
        # not a name of the role's own sentence: one there is someone its clause talks
        # about ("The party's campaign director denied he warned Tom Hale …")
        sidx = self._sentence_at(pos)
        after = self.sentence_spans[sidx][1] if sidx is not None else pos
        nxt = next((m for m in self.people.mentions if after <= m.start <= pos + 300), None)
        return nxt.name if nxt is not None and untitled(nxt.name) and self._may_be(
            nxt.name, gender) else None
