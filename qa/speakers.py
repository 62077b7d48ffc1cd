"""Names and aliases of the people in a corpus, learned from the texts themselves.

Per document, `document_people` finds person names by their evidence in the text (a title or
honorific before the name, an appositive, a speech verb) and every later mention of them; its
output is JSON-able so the index can cache it. `SpeakerTable.merge` joins the documents' people
(full names, surnames, titles, roles) and `SpeakerTable.resolve` maps what a user typed —
"Stoltenberg", "the NATO chief", "Blinkin", "stoltenbergs" — to one person, or None.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from index.chunking import Chunk, sentence_spans
from index.corpus import Document

__all__ = [
    "FUZZY_MIN_SCORE",
    "DocPeople",
    "DocPerson",
    "Mention",
    "Person",
    "SpeakerTable",
    "Token",
    "document_people",
    "normalize_name",
    "surname_of",
    "tokens",
]


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# A typed name matches a corpus name when rapidfuzz's ratio (0-100) is at least this. Typos
# of one or two letters in names of 6+ letters score 83-92 ("blinkin"/"blinken" 85.7); unrelated
# names of similar length score below 60.
FUZZY_MIN_SCORE = 80.0

# Job-title head nouns: a word of this list before or around a name says it is a person's.
TITLE_HEADS = _words(
    """
    minister secretary president deputy spokesman spokeswoman spokesperson chancellor chief
    director governor senator representative ambassador envoy leader chairman chairwoman chair
    chairperson head mayor premier commissioner colonel lieutenant captain gen lt col sgt capt
    maj cdr sen rep gov admiral sergeant commander officer executive ceo cfo coo founder
    analyst economist correspondent editor reporter professor judge justice attorney lawyer
    king queen prince princess pope sheikh mp mep manager coach boss adviser advisor aide
    official diplomat negotiator candidate strategist campaigner activist researcher scientist
    consultant owner producer author actor actress player striker goalkeeper skipper referee
    commentator presenter inspector superintendent detective constable speaker whip
    backbencher undersecretary president-elect solicitor barrister counsel qc peer councillor
    councilman councilwoman alderman
    engineer conductor pilot doctor surgeon physician teacher headteacher headmaster
    headmistress lecturer firefighter paramedic soldier architect designer artist musician
    composer pianist violinist guitarist novelist poet journalist photographer filmmaker
    historian student pastor rabbi imam archbishop vicar chef plumber electrician mechanic
    technician programmer entrepreneur investor banker trader accountant physicist chemist
    biologist astronaut pharmacist dentist veterinarian midwife worker resident
    """
)
# (Occupations that are common surnames — baker, farmer, singer, driver, bishop, nurse,
# mason, cook — are left out: "Julie Bishop said" names a person.)
# Words that only modify a title ("Foreign", "Shadow", "Deputy"): part of it, no evidence.
TITLE_MODIFIERS = _words(
    """
    vice shadow acting interim former foreign defence defense home state trade industry
    finance economy economic affairs health education culture interior environment energy
    transport treasury security national assistant cabinet press senior top first prime
    general
    """
)
TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS
HONORIFICS = _words("mr mrs ms miss dr sir lord lady dame prof rev mx baroness baron")
_FEMALE = _words(
    """
    mrs ms miss lady dame baroness queen princess actress spokeswoman chairwoman
    """
)
_MALE = _words("mr sir lord baron king prince spokesman chairman")
# Title heads that stand for a leader in general ("the NATO chief" = NATO's top person).
GENERIC_HEADS = _words("chief head leader boss top")
# Words that join the parts of a title ("Secretary of State for the Family").
_TITLE_JOINERS = _words("of for and the")
# Particles inside personal names ("Ursula von der Leyen").
_PARTICLES = _words("von van der den de da di du la le bin ibn al el ben")
# Capitalised words that are never (part of) a personal name.
_FUNCTION = _words(
    """
    the a an in on at but and or however meanwhile also earlier later after before when while
    if as for with by from this that these those it its he she they we i you his her their our
    my your there here then so yet still now today yesterday tomorrow although though because
    since until unless despite according asked speaking writing last next this every some many
    most all both each few several such what which who whom whose why how where not no yes mr
    mrs ms dr sir lord lady dame monday tuesday wednesday thursday friday saturday sunday
    one two three four five six seven eight nine ten
    """
)
# Month names are surnames too ("Theresa May"), but never a first name or a name alone.
_MONTHS = _words(
    "january february march april may june july august september october november december"
)
_ORG_WORDS = _words(
    """
    party democrats republicans conservatives tories labour council committee ministry
    department office government commission union bank association agency group company
    corporation corp inc ltd plc llc university college school court house parliament congress
    senate news times post federation alliance organisation organization institute foundation
    fund authority board police army navy forces league club airlines airways motors
    international services systems media channel tv radio network exchange market markets
    street city republic kingdom nations united europe european council kremlin reuters
    interfax agency press tass bbc cnn aid dems trust society campaign election elections
    morning evening programme show magazine newspaper journal act bill law
    """
)
_SPEECH_AFTER_RE = re.compile(
    r"^\s*(?:,[^,.;:!?“”\"«»]{1,90},\s*)?(?:has\s+|had\s+|have\s+|also\s+|again\s+|then\s+|"
    r"later\s+|previously\s+|earlier\s+|once\s+)*"
    r"(?:said|says|told|tells|added|adds|stressed|emphasi[sz]ed|warned|insisted|argued|claimed|"
    r"noted|explained|announced|declared|called|urged|described|dismissed|accused|denied|"
    r"admitted|suggested|predicted|promised|pledged|vowed|acknowledged|conceded|confirmed|"
    r"maintained|revealed|stated|asserted|replied|responded|commented|remarked|complained|"
    r"wrote|tweeted|reiterated|criticised|criticized|attacked|welcomed|rejected)\b"
)
_SPEECH_BEFORE_RE = re.compile(
    r"\b(?:said|says|added|according\s+to|wrote|writes)\s*$"
)
_APPOSITIVE_AFTER_RE = re.compile(r"^\s*,\s*([^,.;:!?“”\"«»()]{2,100})(?:,|\.|;|$)")
_APPOSITIVE_BEFORE_RE = re.compile(r"([^,.;:!?“”\"«»()]{2,100}),\s*$")

_TOKEN_RE = re.compile(r"[^\W\d_](?:['’][^\W\d_]{2,})?[^\W\d_]*(?:-[^\W\d_]+)*|\d[\d.,]*|[^\w\s]")
_SENTENCE_OPENERS = frozenset(".!?:;“\"«‘'([—–•-")


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark with its offsets into the document."""

    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        """True for alphabetic tokens."""
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        """True when the token starts with a capital letter."""
        return self.text[0].isupper()

    @property
    def low(self) -> str:
        """The token in lower case."""
        return self.text.lower()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into `text`."""
    end = len(text) if end is None else end
    return [
        Token(start + m.start(), start + m.end(), m.group())
        for m in _TOKEN_RE.finditer(text[start:end])
    ]


def normalize_name(name: str) -> str:
    """Lower case, accents, hyphens, apostrophes and possessives removed: the key of a name."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[-‐‑–—_.]", " ", s)
    s = re.sub(r"[^\w\s]", "", s)
    return " ".join(s.split())


def surname_of(name: str) -> str:
    """The family name of a full name, with its particles ("Ursula von der Leyen" → "von der
    Leyen"); the name itself when it is one word."""
    parts = name.split()
    i = len(parts) - 1
    while i > 1 and parts[i - 1].lower() in _PARTICLES:
        i -= 1
    return " ".join(parts[i:])


def _is_title_word(low: str) -> bool:
    parts = low.split("-")
    return any(p in TITLE_WORDS or p in HONORIFICS for p in parts)


def _is_title_head(low: str) -> bool:
    parts = low.split("-")
    return any(p in TITLE_HEADS or p in HONORIFICS for p in parts)


def _is_name_token(tok: Token, common: set[str]) -> bool:
    t = tok.text
    if not tok.is_word or not tok.is_cap:
        return False
    low = tok.low
    if low in _FUNCTION or low in _ORG_WORDS or _is_title_word(low):
        return False
    if len(t) > 1 and t.isupper():  # acronyms: NATO, US, BBC
        return False
    return not (low in common and len(t) > 1)


@dataclass(frozen=True)
class Mention:
    """A mention of a person in a document: ``doc.text[start:end]`` names `name`."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class DocPerson:
    """A person as one document names them: longest name form, titles, gender votes."""

    name: str
    titles: tuple[str, ...] = ()
    gender: str | None = None
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
            DocPerson(p["name"], tuple(p["titles"]), p["gender"], p["mentions"], p["strong"])
            for p in d["people"]
        )
        return cls(people, tuple(Mention(s, e, n) for s, e, n in d["mentions"]))

    def person(self, name: str) -> DocPerson | None:
        """The person of this document with exactly this name."""
        return next((p for p in self.people if p.name == name), None)


@dataclass
class _Candidate:
    name_tokens: list[Token]
    titles: list[str] = field(default_factory=list)
    strong: bool = False
    weak: bool = False  # only a speech verb says it is a person
    gender: str | None = None
    lead: bool = False  # the name opens its sentence, with no title before it


def _runs(toks: list[Token], text: str) -> list[list[Token]]:
    """Maximal runs of capitalised words (with title joiners and name particles inside)."""
    runs: list[list[Token]] = []
    cur: list[Token] = []

    def adjacent(a: Token, b: Token) -> bool:
        gap = text[a.end : b.start]
        return gap.isspace() and "\n" not in gap and "\r" not in gap

    i = 0
    while i < len(toks):
        t = toks[i]
        ok = t.is_word and (t.is_cap or (cur and t.low in (_TITLE_JOINERS | _PARTICLES)))
        if ok and cur and not adjacent(cur[-1], t):
            runs.append(cur)
            cur = []
            ok = t.is_word and t.is_cap
        if ok:
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
        i += 1
    if cur:
        runs.append(cur)
    # A run never ends on a joiner or particle.
    out = []
    for r in runs:
        while r and not r[-1].is_cap:
            r = r[:-1]
        if r:
            out.append(r)
    return out


def _sentence_initial(toks: list[Token], idx: int) -> bool:
    return idx == 0 or toks[idx - 1].text in _SENTENCE_OPENERS


def _split_run(
    run: list[Token], initial: bool, common: set[str]
) -> tuple[list[Token], list[Token]] | None:
    """Split a capitalised run into (title part, name part), or None when it names nobody."""
    if initial and run and (run[0].low in _FUNCTION or (
            run[0].low in common and not (len(run) > 1 and _is_title_word(run[1].low)))):
        run = run[1:]  # "Earlier Tory leader …" but "Alliance Secretary-General …"
    while run and run[0].low in _FUNCTION and run[0].low not in HONORIFICS:
        run = run[1:]
    if not run:
        return None
    for h, t in enumerate(run[:-1]):
        # "Lord Callaghan of Cardiff": the name is what follows the honorific.
        if t.low in HONORIFICS and _is_name_token(run[h + 1], common):
            j = h + 1
            while j < len(run) and (_is_name_token(run[j], common) or run[j].low in _PARTICLES):
                j += 1
            if j < len(run) and run[j].low in _TITLE_JOINERS:
                return run[: h + 1], run[h + 1 : j]
    last_title = -1
    for i, t in enumerate(run):
        if _is_title_word(t.low) or t.low in _TITLE_JOINERS:
            last_title = i
    title, name = run[: last_title + 1], run[last_title + 1 :]
    if title and title[-1].low in _TITLE_JOINERS:
        if len(name) < 3:
            return None  # "Mayor of London": a place, not a name
        title, name = title + name[:1], name[1:]  # "Mayor of London Ken Livingstone"
    if not name or len(name) > 4 or not _is_name_token(name[0], common):
        return None
    if name[0].low in _MONTHS:
        return None
    for t in name[1:]:
        if not (_is_name_token(t, common) or t.low in _PARTICLES or len(t.text) == 1
                or (t.low in _MONTHS and t.is_cap)):
            return None  # "Liberal Democrats", "Antony Blinken Monday": not a clean name
    if len(name[-1].text) == 1:
        return None
    return title, name


def _lower_title_before(text: str, toks: list[Token], idx: int) -> list[Token]:
    """Lower-case title words right before token idx ("foreign minister Sergei Lavrov")."""
    out: list[Token] = []
    j = idx - 1
    while j >= 0 and idx - j <= 5:
        t = toks[j]
        gap = text[t.end : (out[0] if out else toks[idx]).start]
        if not gap.isspace():
            break
        if t.is_word and (_is_title_word(t.low) or (out and t.is_cap)):
            out.insert(0, t)
            j -= 1
            continue
        break
    # Demonyms or organisations before the title ("Russian foreign minister").
    return out if any(_is_title_word(t.low) for t in out) else []


def _gender_of(words: Iterable[str]) -> str | None:
    for w in words:
        for part in w.lower().split("-"):
            if part in _FEMALE:
                return "f"
            if part in _MALE:
                return "m"
    return None


def _common_words(text: str) -> set[str]:
    """Words that occur in lower case in a text: common words, not names."""
    return {m.group() for m in re.finditer(r"(?<![\w’'])[a-z][a-z]+\b", text)}


_LOCATIVE = _words(
    """
    in at from into across throughout inside near to of against towards toward within
    """
)


def _trim_title(title: list[Token], common: set[str]) -> list[Token]:
    """A title without honorifics, sentence openers, or another person named before "and"."""
    while title and (title[-1].low in HONORIFICS or title[-1].low in _TITLE_JOINERS):
        title = title[:-1]
    ands = [i for i, t in enumerate(title) if t.low == "and"]
    if ands:
        i = ands[-1]
        if any(t.low in HONORIFICS or _is_name_token(t, common) for t in title[:i]):
            title = title[i + 1 :]
    while title and (
        title[0].low in _FUNCTION or (
            title[0].low in common and not _is_title_word(title[0].low)
            and not (len(title) > 1 and _is_title_word(title[1].low)))
    ):
        title = title[1:]
    return title if any(_is_title_word(t.low) for t in title) else []


def _title_phrase_before(phrase: str) -> str | None:
    """The title NP at the end of a clause before ", Name" ("... the US ambassador to Russia")."""
    words = phrase.split()[-10:]
    heads = [i for i, w in enumerate(words) if _is_title_head(re.sub(r"['’]s$", "", w.lower()))]
    if not heads:
        return None
    first = heads[0]
    start = 0
    for i in range(first, -1, -1):
        if words[i].lower() in ("the", "a", "an") or words[i].endswith(("’s", "'s")):
            start = i + (1 if words[i].lower() in ("the", "a", "an") else 0)
            break
    return " ".join(words[start:]) or None


def _has_full_name(phrase: str, common: set[str]) -> bool:
    """True when a phrase holds two name-like capitalised words in a row (another person)."""
    toks = [Token(0, 0, w) for w in re.findall(r"[^\W\d_][\w’'-]*", phrase)]
    return any(
        _is_name_token(a, common) and _is_name_token(b, common)
        for a, b in zip(toks, toks[1:], strict=False)
    )


def _candidates(doc: Document, chunks: Sequence[Chunk], common: set[str]) -> list[_Candidate]:
    text = doc.text
    cands: list[_Candidate] = []
    for ch in chunks:
        toks = tokens(text, ch.start, ch.end)
        index = {id(t): i for i, t in enumerate(toks)}
        for run in _runs(toks, text):
            i0 = index[id(run[0])]
            split = _split_run(run, _sentence_initial(toks, i0), common)
            if split is None:
                continue
            title, name = split
            lead = _sentence_initial(toks, i0) and not title and all(
                t.low in _FUNCTION for t in run[: run.index(name[0])])
            before = text[ch.start : name[0].start]
            after = text[name[-1].end : ch.end]
            lower_title = _lower_title_before(text, toks, index[id(title[0] if title else name[0])])
            title_toks = lower_title + title
            cand = _Candidate(name, lead=lead)
            if any(_is_title_head(t.low) for t in title_toks):
                cand.strong = True
                cand.gender = _gender_of(t.text for t in title_toks)
                title_toks = _trim_title(title_toks, common)
                if title_toks:
                    cand.titles.append(text[title_toks[0].start : title_toks[-1].end])
            elif len(name) >= 2:
                m = _APPOSITIVE_AFTER_RE.match(after)
                mb = _APPOSITIVE_BEFORE_RE.search(before)
                if m and not _has_full_name(m.group(1), common):
                    appos = m.group(1).strip()
                    first = appos.split()[0]
                    starts_ok = (
                        first[0].islower() or first.lower() in ("the", "a", "an")
                        or first.endswith(("’s", "'s")) or first.isupper()
                        or _is_title_word(first.lower())
                    )
                    head = any(_is_title_head(w.lower()) for w in appos.split()[:5])
                    if starts_ok and head:
                        cand.strong = True
                        cand.titles.append(appos)
                        cand.gender = _gender_of(appos.split())
                if not cand.strong and mb:
                    phrase = _title_phrase_before(mb.group(1))
                    if phrase and not _has_full_name(phrase, common):
                        cand.strong = True
                        cand.titles.append(phrase)
            if not cand.strong and (
                _SPEECH_AFTER_RE.match(after) or _SPEECH_BEFORE_RE.search(before)
            ):
                cand.weak = True
            if cand.strong or cand.weak:
                cands.append(cand)
    for c in cands:
        _drop_sentence_opener(c, text, chunks)
    # A lone word used as a place ("in Moscow", "from Brussels") is not a person.
    places = {
        toks[i + 1].text
        for ch in chunks
        for toks in [tokens(text, ch.start, ch.end)]
        for i in range(len(toks) - 1)
        if toks[i].low in _LOCATIVE
    }
    return [
        c for c in cands
        if len(c.name_tokens) >= 2 or c.strong or c.name_tokens[0].text not in places
    ]


def _drop_sentence_opener(c: _Candidate, text: str, chunks: Sequence[Chunk]) -> None:
    """A sentence opening "Glazier Olga Petrova said …": when the document also names "Olga
    Petrova" without the first word, that word is a title (or a party, an adverb), not a first
    name: it moves to the candidate's titles."""
    if not c.lead or len(c.name_tokens) < 3:
        return
    first, rest = c.name_tokens[0], c.name_tokens[1:]
    form = text[rest[0].start : rest[-1].end]
    pat = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")
    if any(m.start() != rest[0].start
           for ch in chunks for m in pat.finditer(text, ch.start, ch.end)):
        c.titles.append(first.text)
        c.name_tokens = rest


def _clean_title(title: str) -> str:
    t = re.sub(r"^(?:the|a|an)\s+", "", title.strip(), flags=re.IGNORECASE)
    return t.strip(" ,")


def document_people(doc: Document, chunks: Sequence[Chunk]) -> DocPeople:
    """The people named in the body `chunks` of `doc` and all their mentions there."""
    text = doc.text
    body = " ".join(c.text for c in chunks)
    common = _common_words(body)
    cands = _candidates(doc, chunks, common)
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
        g = Counter(e["gender"]) + votes.get(name, Counter())
        gender = None
        if g:
            (top, n), *rest = g.most_common()
            if not rest or n >= 2 * rest[0][1]:
                gender = top
        titles = tuple(dict.fromkeys(_clean_title(t) for t in e["titles"] if _clean_title(t)))
        people.append(DocPerson(name, titles, gender, counts.get(name, 0), bool(e["strong"])))
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
    forms.sort(key=lambda f: -len(f[0]))
    found: list[Mention] = []
    for ch in chunks:
        taken: list[tuple[int, int]] = []
        for form, name in forms:
            pat = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")
            for m in pat.finditer(text, ch.start, ch.end):
                s, e = m.start(), m.end()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                if form.lower() in common and " " not in form:
                    prev = text[max(ch.start, s - 12) : s].split()
                    if not prev or not _is_title_word(prev[-1].lower().strip(".")):
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
    for m in found:
        form = text[m.start : m.end]
        if form == m.name:
            last_full[m.name] = m.start
        elif len(sharing.get(form, [])) > 1:
            best = max(sharing[form], key=lambda n: last_full.get(n, -1))
            m = Mention(m.start, m.end, best)
        out.append(m)
    return out


_SUBJECT_PRONOUN_RE = re.compile(r"^\W*(he|she)\b", re.IGNORECASE)
_SAID_PRONOUN_RE = re.compile(
    r"^\s*(?:has\s+|had\s+)?(?:said|says|added|told\s+\w+|insisted|argued)\s+(?:that\s+)?"
    r"(he|she)\b",
    re.IGNORECASE,
)


def _pronoun_votes(
    text: str, chunks: Sequence[Chunk], mentions: Sequence[Mention]
) -> dict[str, Counter[str]]:
    """Gender votes: "X said he/she ...", and He/She opening the sentence after one naming X."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)

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


@dataclass(frozen=True)
class Person:
    """A person of the corpus: canonical name, aliases a user may type, titles, gender."""

    name: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    gender: str | None
    mentions: int
    documents: tuple[str, ...]


def _title_tokens(title: str) -> set[str]:
    return {w for w in normalize_name(title).split() if w not in _TITLE_JOINERS}


class SpeakerTable:
    """All people of a corpus with their aliases; resolves what a user typed to one person."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.people: tuple[Person, ...] = tuple(people)
        self._alias: dict[str, list[Person]] = defaultdict(list)
        for p in self.people:
            for a in {p.name, *p.aliases}:
                key = normalize_name(a)
                if key and p not in self._alias[key]:
                    self._alias[key].append(p)
        self._names = {normalize_name(p.name): p for p in self.people}
        self._surnames: dict[str, list[Person]] = defaultdict(list)
        for p in self.people:
            self._surnames[normalize_name(surname_of(p.name))].append(p)

    @classmethod
    def merge(cls, per_document: Mapping[str, DocPeople]) -> SpeakerTable:
        """Join the people of all documents: same full name, or same surname and first name."""
        groups: list[dict[str, Any]] = []
        index: dict[str, dict[str, Any]] = {}

        def key_of(name: str) -> str:
            return " ".join(normalize_name(w).replace(" ", "") for w in name.split())

        entries = [
            (doc_id, p) for doc_id, dp in sorted(per_document.items()) for p in dp.people
        ]
        for doc_id, p in sorted(entries, key=lambda e: -len(e[1].name.split())):
            k = key_of(p.name)
            parts = k.split()
            g = index.get(k)
            if g is None and len(parts) >= 2:
                for other in groups:
                    op = other["key"].split()
                    if len(op) >= 2 and op[-1] == parts[-1] and _same_first(op[0], parts[0]):
                        g = other
                        break
            if g is None and len(parts) == 1:
                same = [o for o in groups if o["key"].split()[-1] == parts[0]]
                if len(same) >= 1:
                    g = max(same, key=lambda o: sum(o["count"].values()))
                elif not p.strong:
                    continue  # a bare capitalised word before "said": not enough to be a person
            if g is None:
                g = {"key": k, "forms": Counter(), "titles": [], "gender": Counter(),
                     "count": Counter(), "docs": set()}
                groups.append(g)
            index[k] = g
            g["forms"][p.name] += max(p.mentions, 1)
            g["titles"].extend(p.titles)
            if p.gender:
                g["gender"][p.gender] += 1
            g["count"][doc_id] += p.mentions
            g["docs"].add(doc_id)
        people = []
        for g in groups:
            forms = g["forms"]
            multi = [f for f in forms if len(f.split()) >= 2] or list(forms)
            name = max(multi, key=lambda f: (forms[f], len(f)))
            titles = tuple(dict.fromkeys(g["titles"]))
            aliases = [f for f in forms if f != name]
            surname = surname_of(name)
            if surname != name:
                aliases.append(surname)
            aliases.extend(titles)
            gender = g["gender"].most_common(1)[0][0] if g["gender"] else None
            people.append(
                Person(name, tuple(dict.fromkeys(aliases)), titles, gender,
                       sum(g["count"].values()), tuple(sorted(g["docs"])))
            )
        people.sort(key=lambda p: (-p.mentions, p.name))
        return cls(people)

    def canonical(self, name: str) -> str:
        """The canonical name of a name as a document wrote it (itself when unknown)."""
        p = self.resolve(name, fuzzy=False)
        return p.name if p else name

    def resolve(self, query: str, *, fuzzy: bool = True) -> Person | None:
        """The person a typed name, surname, title or role phrase means; None if nobody fits."""
        q = normalize_name(query)
        q = re.sub(r"^(?:the|a|an)\s+", "", q)
        if not q:
            return None
        variants = [q]
        if q.endswith("s"):
            variants.append(q[:-1])  # "stoltenbergs" typed for "Stoltenberg's"
        words = q.split()
        while words and (words[0] in HONORIFICS or words[0] in TITLE_WORDS):
            words = words[1:]  # "mr blair", "foreign minister lavrov"
        if words and words != q.split():
            variants.append(" ".join(words))
        for v in variants:
            hit = self._alias.get(v)
            if hit:
                return max(hit, key=lambda p: p.mentions)
        role = self._resolve_role(q)
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
        words = [w for w in q.split() if w not in _TITLE_JOINERS]
        if not words or not any(w in TITLE_WORDS or w in GENERIC_HEADS for w in words):
            return None
        specific = [w for w in words if w not in GENERIC_HEADS]
        if not specific:
            return None
        matches = []
        for p in self.people:
            tt = set().union(*(_title_tokens(t) for t in p.titles)) if p.titles else set()
            if all(w in tt for w in specific):
                matches.append(p)
        return max(matches, key=lambda p: p.mentions) if matches else None

    def to_list(self) -> list[dict[str, Any]]:
        """A JSON-able listing of the people."""
        return [
            {"name": p.name, "aliases": list(p.aliases), "titles": list(p.titles),
             "gender": p.gender, "mentions": p.mentions, "documents": list(p.documents)}
            for p in self.people
        ]


def _same_first(a: str, b: str) -> bool:
    """Two first names of one person: equal, an initial of the other, or a near spelling."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= FUZZY_MIN_SCORE
