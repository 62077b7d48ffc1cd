"""Who a speaker question asks about, when the speaker table alone does not say.

`SpeakerTable.resolve` knows names, surnames, aliases and the titles learned for people. A
question may instead name a spokesperson of an organisation ("the Labour Party spokesman"),
a role held at an organisation ("Apple's chief executive", "the chairman of the Police
Federation") or an organisation that speaks only through an unnamed spokesperson ("Downing
Street defended the decision, with a spokesperson saying: …"). `resolve_asked` tries the
table first and these readings after it, in that order; each is a rule, tested on invented
text (tests/qa/test_asked_person.py) and checked on the labelled questions
(`scripts/eval_statements`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from index.chunking import Chunk
from index.search import Hit
from qa.attribution_shapes import OFFICE_MODIFIERS
from qa.lexicon import GENERIC_HEADS, TITLE_HEADS, TITLE_JOINERS, TITLE_WORDS, word_set
from qa.names import normalize_name
from qa.organisations import acronym_of, acronyms
from qa.people_merge import Person
from qa.quotes import CUE_RE, Quote
from qa.speakers import SpeakerTable

__all__ = ["ROLE_TEXT_PARAGRAPHS", "SPOKES_NOUNS", "Asked", "resolve_asked", "spokes_statements"]

# Nouns of a person speaking for an organisation, not in their own name: hand-set, the forms of
# news copy ("a Microsoft spokesman", "a spokesperson for the ministry").
SPOKES_NOUNS = word_set("spokesman spokeswoman spokesperson spokespeople spokespersons")
# How far after a role phrase a named speaker is taken to hold the role (`_role_in_text`): its
# own paragraph and the next one. Hand-set from news style ("The chairman of the federation
# said … ." then "Jan Berry said: …" in the next paragraph), checked on the labelled questions.
ROLE_TEXT_PARAGRAPHS = 1
# Search results read for a role phrase written in the text (`_role_in_text`): hand-set, a
# role phrase is rare enough that its paragraphs rank at the top of a keyword search.
ROLE_SEARCH_DEPTH = 10
# Search results read for the paragraphs that name an organisation a role is asked at
# (`_role_at_org`): hand-set, deeper than a role phrase's (an organisation is named more often).
ORG_SEARCH_DEPTH = 50
# Title lists whose words are remembered between questions: hand-set, above the 4,071 people
# of bbc-full (a few MB).
TITLE_MEMO_SIZE = 20_000

_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SPOKES = "|".join(sorted(SPOKES_NOUNS))
# "the Labour Party spokesman", "a Microsoft spokeswoman", "Labour's spokesman"
_SPOKES_AFTER_RE = re.compile(rf"^(?P<org>.+?)(?:['’]s)?\s+(?:{_SPOKES})$", re.IGNORECASE)
# "a spokesman for Microsoft", "the spokeswoman of the ministry"
_SPOKES_BEFORE_RE = re.compile(rf"^(?:{_SPOKES})\s+(?:for|of|at)\s+(?P<org>.+)$", re.IGNORECASE)
# "Apple's chief executive"; "the chairman of the Police Federation", "the chief executive at X"
_POSSESSIVE_ROLE_RE = re.compile(r"^(?P<org>.+?)['’]s?\s+(?P<role>.+)$")
_ROLE_OF_RE = re.compile(r"^(?P<role>.+?)\s+(?:of|at|for)\s+(?:the\s+)?(?P<org>.+)$",
                         re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Asked:
    """The person (or organisation) a question names, the statements of unnamed spokespeople
    joined to it (`spokes_statements`), and which reading found it (for tests and logs)."""

    person: Person
    joined: tuple[Quote, ...] = ()
    how: str = "table"


Search = Callable[[str, int], Sequence[Hit]]
ChunksOf = Callable[[str], Sequence[Chunk]]


def resolve_asked(
    typed: str, *, table: SpeakerTable, quotes: Sequence[Quote], texts: Mapping[str, str],
    chunks_of: ChunksOf, search: Search,
) -> Asked | None:
    """The person a question's speaker phrase means (`SpeakerTable.resolve` without typos
    first), else a spokesperson's organisation, a role held at an organisation, a role phrase
    written just before a named speaker, an organisation speaking through an unnamed
    spokesperson or one the corpus defines by its initials but never quotes, else a misspelt
    name (`SpeakerTable.resolve` with typos); None when no reading finds anyone."""
    person = table.resolve(typed, fuzzy=False)
    if person is not None:
        return Asked(person=person, joined=_joined(person, quotes, chunks_of))
    asked = _read_further(typed, table=table, quotes=quotes, texts=texts, chunks_of=chunks_of,
                          search=search)
    if asked is not None:
        return asked
    # A typo last: "the chairman of the police federation" is no misspelt "Police Federation".
    person = table.resolve(typed)
    if person is not None:
        return Asked(person=person, joined=_joined(person, quotes, chunks_of))
    return None


def _read_further(
    typed: str, *, table: SpeakerTable, quotes: Sequence[Quote], texts: Mapping[str, str],
    chunks_of: ChunksOf, search: Search,
) -> Asked | None:
    """The readings of `resolve_asked` after the table's exact ones, in order."""
    plain = _ARTICLE_RE.sub("", typed.strip())
    org = _spokes_org(plain)
    if org is not None:
        found = table.resolve(org)
        if found is not None:
            return Asked(person=found, joined=_joined(found, quotes, chunks_of),
                         how="spokesperson")
    role = _role_at_org(plain, table, search)
    if role is not None:
        return Asked(person=role, how="role at organisation")
    role = _role_in_text(plain, table, quotes, texts, search)
    if role is not None:
        return Asked(person=role, how="role in text")
    name = org if org is not None else plain
    joined = spokes_statements((name,), quotes, chunks_of, ignore_case=True)
    if joined:
        docs = tuple(sorted({q.doc_id for q in joined}))
        written = _as_written(name, texts[joined[0].doc_id]) or name
        person = Person(name=written, aliases=(), titles=(), gender=None,
                        mentions=len(joined), documents=docs)
        return Asked(person=person, joined=joined, how="spokesperson's organisation")
    return _defined_organisation(name, search, quotes, chunks_of)


def _defined_organisation(
    name: str, search: Search, quotes: Sequence[Quote], chunks_of: ChunksOf,
) -> Asked | None:
    """An organisation the corpus defines with its initials ("the Northern Fisheries Board
    (NFB)") but never quotes: found, with no statement, so that the answer says it is
    mentioned but not quoted rather than that nobody has that name (its unnamed spokespeople's
    statements joined, `spokes_statements`)."""
    key = normalize_name(name)
    docs: set[str] = set()
    found: tuple[str, str] | None = None
    for hit in search(name, ROLE_SEARCH_DEPTH):
        for acr, full in acronyms(hit.text).items():
            if key in (normalize_name(acr), normalize_name(full)):
                found = found or (full, acr)
                docs.add(hit.doc_id)
    if found is None:
        return None
    person = Person(name=found[0], aliases=(found[1],), titles=(), gender=None, mentions=0,
                    documents=tuple(sorted(docs)))
    return Asked(person=person, joined=spokes_statements(found, quotes, chunks_of),
                 how="organisation defined, not quoted")


def _spokes_org(plain: str) -> str | None:
    """The organisation of a spokesperson phrase ("Labour Party spokesman" → "Labour Party")."""
    m = _SPOKES_AFTER_RE.match(plain) or _SPOKES_BEFORE_RE.match(plain)
    if not m:
        return None
    org = _ARTICLE_RE.sub("", m.group("org").strip())
    return org or None


def _role_words(role: str) -> list[str]:
    return [w for w in normalize_name(_ARTICLE_RE.sub("", role)).split()
            if w not in TITLE_JOINERS]


@lru_cache(maxsize=TITLE_MEMO_SIZE)
def _title_sets(titles: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Each title's words (`normalize_name`), joiners left out; remembered (a role question
    reads every titled person's titles)."""
    return tuple(frozenset(w for w in normalize_name(t).split() if w not in TITLE_JOINERS)
                 for t in titles)


def _holds_role(p: Person, words: Sequence[str], org: set[str] | None = None) -> bool:
    """Whether one of `p`'s titles holds every non-generic word of the role (every word when
    all are generic: "chief") and no office modifier the role lacks ("deputy"); with `org`
    (the words of the organisation asked about), a title naming another organisation
    ("chairman of the Mozilla foundation" for "the Microsoft chairman") does not count."""
    specific = [w for w in words if w not in GENERIC_HEADS] or list(words)
    for tt in _title_sets(p.titles):
        if not all(w in tt for w in specific) or (tt & OFFICE_MODIFIERS) - set(words):
            continue
        other = tt - set(words) - TITLE_WORDS - GENERIC_HEADS - (org or set())
        if org is None or not other:
            return True
    return False


def _is_organisation(p: Person) -> bool:
    """An organisation of the table: its initials are among its other forms, which
    `qa.organisations.org_aliases` gives every organisation of two capitalised words or more
    and no person's title is."""
    return acronym_of(p.name) in p.titles


def _mentions(name: str, text: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE))


def _org_before_role(plain: str) -> tuple[str, list[str]]:
    """"Zentrix chief executive" / "Police Federation chairman": the words before the first
    title word are the organisation, the rest the role (("", []) when either is empty)."""
    words = plain.split()
    i = next((j for j, w in enumerate(words)
              if normalize_name(w) in TITLE_WORDS or normalize_name(w) in GENERIC_HEADS), 0)
    if i == 0:
        return "", []
    return " ".join(words[:i]), _role_words(" ".join(words[i:]))


def _role_at_org(plain: str, table: SpeakerTable, search: Search) -> Person | None:
    """"Apple's chief executive" / "the chief executive of Apple" / "the Apple chief
    executive": among people titled with the role, the one whose title names the
    organisation, else whose articles have the most paragraphs naming it (among the
    `ORG_SEARCH_DEPTH` best search results for it)."""
    m = _POSSESSIVE_ROLE_RE.match(plain) or _ROLE_OF_RE.match(plain)
    if m:
        org, words = m.group("org").strip(), _role_words(m.group("role"))
    else:
        org, words = _org_before_role(plain)
    if not org or not words or not any(w in TITLE_WORDS or w in GENERIC_HEADS for w in words):
        return None
    org_words = set(normalize_name(org).split())
    # Paragraphs naming the organisation, by article (a keyword search: no article is read).
    naming: Counter[str] = Counter(h.doc_id for h in search(org, ORG_SEARCH_DEPTH)
                                   if _mentions(org, h.text))
    best: tuple[tuple[int, int, int], Person] | None = None
    for p in table.people:
        if not p.titles or not _holds_role(p, words, org_words):
            continue
        in_title = any(org_words <= set(normalize_name(t).split()) for t in p.titles)
        named = sum(naming[d] for d in p.documents)
        if not in_title and not named:
            continue
        key = (int(in_title), named, p.mentions)
        if best is None or key > best[0]:
            best = (key, p)
    return None if best is None else best[1]


def _role_in_text(
    plain: str, table: SpeakerTable, quotes: Sequence[Quote], texts: Mapping[str, str],
    search: Search,
) -> Person | None:
    """A role phrase the corpus writes as the subject of a speech verb ("the chairman of the
    Police Federation …, said it was essential …"): the named person who speaks next in that
    article, within `ROLE_TEXT_PARAGRAPHS` paragraphs (news style names the role first and
    the person after)."""
    words, role = plain.split(), _role_words(plain)
    if len(words) < 2 or not any(w in TITLE_HEADS for w in role):
        return None
    phrase = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)",
                        re.IGNORECASE)
    by_doc: dict[str, list[Quote]] = {}
    for hit in search(plain, ROLE_SEARCH_DEPTH):
        m = phrase.search(hit.text)
        if not m:
            continue
        after = hit.text[m.end():]
        sentence = re.split(r"(?<=[.!?])\s", after, maxsplit=1)[0]
        if not CUE_RE.search(sentence):
            continue  # the role is no speaker here ("she met the chairman of …")
        if not by_doc:
            for q in quotes:
                by_doc.setdefault(q.doc_id, []).append(q)
        at = hit.start + m.end()
        for q in by_doc.get(hit.doc_id, []):
            if q.start < at or q.paragraph > hit.paragraph + ROLE_TEXT_PARAGRAPHS:
                continue
            p = table.resolve(q.speaker, fuzzy=False)
            if p is None or len(p.name.split()) < 2 or _is_organisation(p):
                continue
            if p.titles and not _holds_role(p, [w for w in role if w in TITLE_WORDS]):
                return None  # the next speaker holds another office: not the role's holder
            return p
    return None


# The end of a sentence inside a paragraph: a stop (and closing quote mark) before a capital.
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘']?[A-Z])")


def _sentence_before(q: Quote, chunks_of: ChunksOf) -> str:
    """The words of the statement's sentence before the statement itself (from its
    paragraph's text; a regular-expression split, cheaper than the index's sentence model)."""
    for c in chunks_of(q.doc_id):
        if c.start <= q.start < c.end:
            head = c.text[:q.start - c.start]
            ends = list(_SENTENCE_END_RE.finditer(head))
            return head[ends[-1].end():] if ends else head
    return ""


def spokes_statements(
    names: Sequence[str], quotes: Sequence[Quote], chunks_of: ChunksOf, *,
    ignore_case: bool = False,
) -> tuple[Quote, ...]:
    """Statements of an unnamed spokesperson whose sentence opens with one of `names` as its
    subject ("Downing Street defended the decision, with a spokesperson saying: '…'"): the
    spokesperson speaks for that subject (the labelling rule of tests/data/statements: "a
    Microsoft spokesman" is Microsoft). Names match as written (a short form "Party" is not
    "the party"), unless `ignore_case` (a name as the user typed it)."""
    flags = re.IGNORECASE if ignore_case else 0
    pats = [re.compile(rf"^\W*(?:[Tt]he\s+)?{re.escape(n)}(?!\w)", flags)
            for n in names if len(n) > 2]
    if not pats:
        return ()
    out = []
    for q in quotes:
        if q.speaker.lower() not in SPOKES_NOUNS:
            continue
        before = _sentence_before(q, chunks_of)
        if any(p.match(before) for p in pats):
            out.append(q)
    return tuple(out)


def _joined(person: Person, quotes: Sequence[Quote], chunks_of: ChunksOf) -> tuple[Quote, ...]:
    return spokes_statements((person.name, *person.aliases), quotes, chunks_of)


def _as_written(name: str, text: str) -> str | None:
    """`name` as the article spells it ("downing street" typed, "Downing Street" written)."""
    m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
    return m.group(0) if m else None
