"""The speaker table: all people of a corpus with their aliases, and what a user typed —
"Stoltenberg", "the NATO chief", "Blinkin", "stoltenbergs" — resolved to one person, or None.

The people come from `qa.document_people` (per document) joined by `qa.people_merge`; the names
those modules define are re-exported here for the import paths of earlier versions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz, process

from qa.attribution_shapes import OFFICE_MODIFIERS
from qa.document_people import DocPeople, DocPerson, Mention, document_people
from qa.lexicon import GENERIC_HEADS, HONORIFICS, TITLE_JOINERS, TITLE_WORDS
from qa.names import FUZZY_MIN_SCORE, Token, normalize_name, surname_of, tokens
from qa.people_merge import Person, merge_people

__all__ = [
    "FUZZY_MIN_SCORE",
    "DocPeople",
    "DocPerson",
    "Mention",
    "Person",
    "PersonKeys",
    "SpeakerTable",
    "Token",
    "document_people",
    "normalize_name",
    "person_keys",
    "surname_of",
    "tokens",
]


def _title_forms(person: Person, words: Sequence[str]) -> int:
    """In how many of a person's title forms all `words` occur: among people who hold a role,
    the one the corpus gives it in the most forms wins before the most mentioned, so a role
    learned once for an untitled person ("the chancellor said" after a sentence about someone
    else) does not outrank the person titled with it across many articles. Hand-set rule (a
    failure seen on bbc-full), checked on the labelled set (scripts/eval_statements)."""
    return sum(all(w in _title_tokens(t) for w in words) for t in person.titles)


def _title_tokens(title: str) -> set[str]:
    return {w for w in normalize_name(title).split() if w not in TITLE_JOINERS}


PersonKeys = tuple[str, str, tuple[str, ...]]
"""A person's normalised name, surname and aliases (`normalize_name`): the table's lookups."""


def person_keys(p: Person) -> PersonKeys:
    """The normalised forms a `SpeakerTable` looks a person up by."""
    aliases = tuple(dict.fromkeys(normalize_name(a) for a in (p.name, *p.aliases)))
    return normalize_name(p.name), normalize_name(surname_of(p.name)), aliases


def _plain_office(titles: Sequence[str], specific: list[str], words: list[str]) -> bool:
    """Whether one of `titles` naming the role holds no office-changing modifier ("shadow",
    "deputy") the question lacks: "the chancellor" is not the shadow chancellor."""
    for t in titles:
        tt = _title_tokens(t)
        tt |= {part for w in tt for part in w.split("-")}
        if tt & set(specific) and not (tt & OFFICE_MODIFIERS) - set(words):
            return True
    return False


# Between the speakers of a statement written together ("X and Y", "X & Y", "X, Y and Z").
_JOINT_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")


class SpeakerTable:
    """All people of a corpus with their aliases; resolves what a user typed to one person."""

    def __init__(self, people: Sequence[Person], keys: Sequence[PersonKeys] | None = None) -> None:
        """`keys`: each person's `person_keys`, as `keys()` gave them for these people before
        (stored with the index, so that loading normalises no name); None computes them."""
        self.people: tuple[Person, ...] = tuple(people)
        self._keys = list(keys) if keys is not None else [person_keys(p) for p in self.people]
        self._alias: dict[str, list[Person]] = defaultdict(list)
        self._names: dict[str, Person] = {}
        self._surnames: dict[str, list[Person]] = defaultdict(list)
        for p, (name_key, surname_key, alias_keys) in zip(self.people, self._keys, strict=True):
            for key in alias_keys:
                if key and p not in self._alias[key]:
                    self._alias[key].append(p)
            self._names[name_key] = p
            self._surnames[surname_key].append(p)
        self._canonical: dict[str, str] = {}
        self._joint: dict[str, tuple[str, ...]] = {}

    def keys(self) -> list[PersonKeys]:
        """Each person's normalised lookup keys (to store beside the people)."""
        return list(self._keys)

    @classmethod
    def merge(cls, per_document: Mapping[str, DocPeople]) -> SpeakerTable:
        """Join the people of all documents: same full name, or same surname and first name."""
        return cls(merge_people(per_document))

    def canonical(self, name: str) -> str:
        """The canonical name of a name as a document wrote it (itself when unknown): a person
        of exactly that name first ("Vane", a peer kept apart, is not "Ian Vane")."""
        got = self._canonical.get(name)
        if got is None:
            p = self._names.get(normalize_name(name)) or self.resolve(name, fuzzy=False)
            got = self._canonical[name] = p.name if p else name
        return got

    def speakers_of(self, name: str) -> tuple[str, ...]:
        """The canonical names a statement's speaker stands for: its `canonical` name, or for
        speakers written together ("the Tories and the Lib Dems", "Mr Hale and Ms Lind") each
        part's, when every part names another known speaker by more than a bare surname
        ("Marks and Spencer" stays one speaker though people named Marks and Spencer speak)."""
        got = self._joint.get(name)
        if got is None:
            got = (self.canonical(name),)
            parts = [re.sub(r"^(?:the|a|an)\s+", "", part, flags=re.IGNORECASE)
                     for part in _JOINT_SPLIT_RE.split(name)]
            if len(parts) > 1:
                known = [self._part_speaker(part, got[0]) for part in parts]
                if all(known):
                    got = tuple(dict.fromkeys(p.name for p in known if p is not None))
            self._joint[name] = got
        return got

    def _part_speaker(self, part: str, whole: str) -> Person | None:
        """The known speaker one part of a joint speaker names (`speakers_of`), not the joint's
        own entry, nor a person a bare surname would name ("Spencer" of "Tom Spencer")."""
        p = self._names.get(normalize_name(part)) or self.resolve(part, fuzzy=False, roles=False)
        if p is None or p.name == whole:
            return None
        bare_surname = len(part.split()) == 1 and len(p.name.split()) > 1 and (
            normalize_name(part) == normalize_name(surname_of(p.name)))
        return None if bare_surname else p

    def remember_canonical(self, names: Mapping[str, str]) -> None:
        """Take `canonical`'s answers for these names as computed before for this same table
        (stored with the index: `qa.corpus_data`)."""
        self._canonical.update(names)

    def resolve(self, query: str, *, fuzzy: bool = True, roles: bool = True) -> Person | None:
        """The person a typed name, surname, title or role phrase means; None if nobody fits.
        Without `roles`, a role phrase ("the chancellor") is not looked up (a scan of every
        person's titles)."""
        q = normalize_name(query)
        q = re.sub(r"^(?:the|a|an)\s+", "", q)
        if not q:
            return None
        variants = [q]
        if q.endswith("s") and q[:-1] not in TITLE_WORDS:
            # "stoltenbergs" typed for "Stoltenberg's"; but "MPs" is no person titled MP.
            variants.append(q[:-1])
        words = q.split()
        while words and (words[0] in HONORIFICS or words[0] in TITLE_WORDS):
            words = words[1:]  # "mr blair", "foreign minister lavrov"
        if words and words != q.split():
            variants.append(" ".join(words))
        for v in variants:
            hit = self._alias.get(v)
            if hit:
                vw = v.split()
                return max(hit, key=lambda p: (_title_forms(p, vw), p.mentions))
        role = self._resolve_role(q) if roles else None
        if role is not None:
            return role
        if not fuzzy:
            return None
        keys = {**{k: [p] for k, p in self._names.items()}, **self._surnames}
        for v in variants:
            cand = v.split()[-1] if len(v.split()) == 1 else v
            best = process.extractOne(cand, list(keys), scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_MIN_SCORE)
            if best is not None:
                return max(keys[best[0]], key=lambda p: p.mentions)
        return None

    def _resolve_role(self, q: str) -> Person | None:
        """A role phrase ("nato chief", "secretary general") matched against people's titles."""
        words = [w for w in q.split() if w not in TITLE_JOINERS]
        if not words or not any(w in TITLE_WORDS or w in GENERIC_HEADS for w in words):
            return None
        specific = [w for w in words if w not in GENERIC_HEADS]
        if not specific:
            return None
        matches = []
        for p in self.people:
            tt = set().union(*(_title_tokens(t) for t in p.titles)) if p.titles else set()
            if all(w in tt for w in specific) and _plain_office(p.titles, specific, words):
                matches.append(p)
        return max(matches, key=lambda p: (_title_forms(p, specific), p.mentions), default=None)

    def to_list(self) -> list[dict[str, Any]]:
        """A JSON-able listing of the people."""
        return [
            {"name": p.name, "aliases": list(p.aliases), "titles": list(p.titles),
             "gender": p.gender, "mentions": p.mentions, "documents": list(p.documents)}
            for p in self.people
        ]
