"""The people one document names, and where: person names found by their evidence in the text
(a title or honorific before the name, an appositive, a speech verb), every later mention of
them, and gender votes from pronouns. The output is JSON-able so the index can cache it.

The candidates and their evidence come from qa.name_candidates (its runs from qa.name_runs, its
filters from qa.candidate_filters); here they are grouped into people, found again wherever the
text mentions them, and given a gender.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from index.chunking import Chunk, sentence_spans
from index.corpus import Document
from qa.first_names import first_name_gender
from qa.lexicon import speech_verbs
from qa.name_candidates import candidates
from qa.names import Gender, common_words, is_title_word, surname_of, whole_word_spans
from qa.person_titles import clean_title

__all__ = ["DocPeople", "DocPerson", "Mention", "document_people"]


@dataclass(frozen=True)
class Mention:
    """A mention of a person in a document: ``doc.text[start:end]`` names `name`."""

    start: int
    end: int
    name: str


@dataclass(frozen=True, kw_only=True)
class DocPerson:
    """A person as one document names them: longest name form, titles, gender votes."""

    name: str
    titles: tuple[str, ...] = ()
    gender: Gender | None = None
    mentions: int = 0
    strong: bool = True  # named with a title, honorific or appositive (not only "X said")

    @property
    def surname(self) -> str:
        """The family name ("Van Dalen" in "Pieter Van Dalen")."""
        return surname_of(self.name)


@dataclass(frozen=True)
class DocPeople:
    """The people of one document and where they are mentioned (JSON-able via to_dict)."""

    people: tuple[DocPerson, ...]
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form for the index cache."""
        return {
            "people": [
                {"name": p.name, "titles": list(p.titles), "gender": p.gender,
                 "mentions": p.mentions, "strong": p.strong}
                for p in self.people
            ],
            "mentions": [[m.start, m.end, m.name] for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DocPeople:
        """Inverse of `to_dict`."""
        people = tuple(
            DocPerson(name=p["name"], titles=tuple(p["titles"]), gender=p["gender"],
                      mentions=p["mentions"], strong=p["strong"])
            for p in d["people"]
        )
        return cls(people, tuple(Mention(s, e, n) for s, e, n in d["mentions"]))

    def person(self, name: str) -> DocPerson | None:
        """The person of this document with exactly this name."""
        return next((p for p in self.people if p.name == name), None)



def document_people(doc: Document, chunks: Sequence[Chunk]) -> DocPeople:
    """The people named in the body `chunks` of `doc` and all their mentions there."""
    text = doc.text
    body = " ".join(c.text for c in chunks)
    common = common_words(body)
    cands = candidates(doc, chunks, common)
    # Group by name; a one-word name joins the longer name it is the surname of.
    full: dict[str, dict[str, Any]] = {}
    for c in cands:
        name = " ".join(t.text for t in c.name_tokens)
        if len(c.name_tokens) >= 2:
            e = full.setdefault(name, {"titles": [], "gender": [], "strong": False})
            e["titles"].extend(c.titles)
            e["strong"] |= c.strong
            if c.gender:
                e["gender"].append(c.gender)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in full:
        by_surname[name.split()[-1]].append(name)
    singles: dict[str, dict[str, Any]] = {}
    for c in cands:
        if len(c.name_tokens) != 1:
            continue
        name = c.name_tokens[0].text
        target = by_surname.get(name)
        if not target:
            # "Sir Alan" after "Sir Alan Dore": knights and dames go by their first name.
            firsts = [n for n in full if n.split()[0] == name]
            if len(firsts) == 1 and re.search(rf"\b(?:Sir|Dame)\s+{re.escape(name)}\b", text):
                target = firsts
        e = full[target[0]] if target else singles.setdefault(
            name, {"titles": [], "gender": [], "strong": False}
        )
        e["titles"].extend(c.titles)
        e["strong"] |= c.strong
        if c.gender:
            e["gender"].append(c.gender)
    names = {**full, **singles}
    mentions = _find_mentions(doc, chunks, names, common)
    counts = Counter(m.name for m in mentions)
    votes = _pronoun_votes(text, chunks, mentions)
    people = []
    for name, e in names.items():
        g: Counter[Gender] = Counter(e["gender"]) + votes.get(name, Counter())
        gender: Gender | None = None
        if g:
            (top, n), *rest = g.most_common()
            if not rest or n >= 2 * rest[0][1]:
                gender = top
        else:
            gender = first_name_gender(name)  # no pronoun or title: the first name's
        titles = tuple(dict.fromkeys(clean_title(t) for t in e["titles"] if clean_title(t)))
        people.append(DocPerson(name=name, titles=titles, gender=gender,
                                mentions=counts.get(name, 0), strong=bool(e["strong"])))
    people.sort(key=lambda p: (-p.mentions, p.name))
    return DocPeople(tuple(people), tuple(mentions))


def _find_mentions(
    doc: Document, chunks: Sequence[Chunk], names: Mapping[str, Any], common: set[str]
) -> list[Mention]:
    """Every occurrence of a known name (full name, or surname alone) in the body chunks."""
    text = doc.text
    forms: list[tuple[str, str]] = []  # (form, canonical)
    for name in names:
        forms.append((name, name))
        parts = name.split()
        if len(parts) >= 2:
            forms.append((surname_of(name), name))
            if len(parts) >= 3:
                forms.append((f"{parts[0]} {parts[-1]}", name))
            forms.extend((f"{h} {parts[0]}", name) for h in ("Sir", "Dame"))
    forms.sort(key=lambda f: -len(f[0]))
    found: list[Mention] = []
    for ch in chunks:
        taken: list[tuple[int, int]] = []
        for form, name in forms:
            for s, e in whole_word_spans(text, form, ch.start, ch.end):
                if any(s < te and ts < e for ts, te in taken):
                    continue
                if form.lower() in common and " " not in form:
                    prev = text[max(ch.start, s - 12) : s].split()
                    if not prev or not is_title_word(prev[-1].lower().strip(".")):
                        continue
                taken.append((s, e))
                found.append(Mention(s, e, name))
    found.sort(key=lambda m: m.start)
    # A surname shared by two people means the one named in full most recently.
    sharing: dict[str, list[str]] = defaultdict(list)
    for name in names:
        if len(name.split()) >= 2:
            sharing[surname_of(name)].append(name)
    last_full: dict[str, int] = {}
    out: list[Mention] = []
    for mention in found:
        form = text[mention.start : mention.end]
        if form == mention.name:
            last_full[mention.name] = mention.start
        elif len(sharing.get(form, [])) > 1:
            best = max(sharing[form], key=lambda n: last_full.get(n, -1))
            mention = Mention(mention.start, mention.end, best)
        out.append(mention)
    return out


# He/She opening a sentence, not inside a quotation ('"She said: …"' is someone quoted).
_SUBJECT_PRONOUN_RE = re.compile(r"^[^\w\"“‘'«]*(he|she)\b", re.IGNORECASE)
_SAID_PRONOUN_RE = re.compile(
    rf"^\s*(?:has\s+|had\s+)?(?:{speech_verbs('gender')})\s+(?:that\s+)?(he|she)\b",
    re.IGNORECASE,
)


def _pronoun_votes(
    text: str, chunks: Sequence[Chunk], mentions: Sequence[Mention]
) -> dict[str, Counter[Gender]]:
    """Gender votes: "X said he/she ...", and He/She opening the sentence after one naming X."""
    votes: dict[str, Counter[Gender]] = defaultdict(Counter)

    def vote(name: str, pronoun: str) -> None:
        votes[name]["f" if pronoun.lower() == "she" else "m"] += 1

    for m in mentions:
        said = _SAID_PRONOUN_RE.match(text, m.end, min(len(text), m.end + 60))
        if said:
            vote(m.name, said.group(1))
    for ch in chunks:
        sents = sentence_spans(text, ch.start, ch.end)
        for i, s in enumerate(sents[:-1]):
            names = {m.name for m in mentions if s.start <= m.start < s.end}
            nxt = _SUBJECT_PRONOUN_RE.match(sents[i + 1].text)
            if len(names) == 1 and nxt:
                vote(next(iter(names)), nxt.group(1))
    return votes
