"""The people one document names, and where: person names found by their evidence in the text
(a title or honorific before the name, an appositive, a speech verb), every later mention of
them, and gender votes from pronouns. The output is JSON-able so the index can cache it.

Over 450 lines: one detection pipeline (capitalised runs, titles, appositives, mentions) whose
steps are private to it; the word lists and name tests it reads live in qa.lexicon and qa.names,
the title phrases in qa.person_titles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from index.chunking import Chunk, sentence_spans
from index.corpus import Document
from qa.first_names import first_name_gender
from qa.lexicon import (
    FUNCTION_WORDS,
    HONORIFICS,
    LOCATIVES,
    MONTHS,
    NAME_PARTICLES,
    ORG_WORDS,
    RANKS,
    TITLE_JOINERS,
    WEEKDAYS,
    speech_verbs,
)
from qa.names import (
    Gender,
    Token,
    common_words,
    gender_of,
    is_name_token,
    is_title_head,
    is_title_word,
    surname_of,
    tokens,
    whole_word_spans,
)
from qa.person_titles import (
    clean_title,
    lower_title_before,
    title_phrase_before,
    title_shaped,
    trim_title,
)
from qa.work_titles import inside_work_title

__all__ = ["DocPeople", "DocPerson", "Mention", "document_people"]

_SPEECH_AFTER_RE = re.compile(
    r"^\s*(?:,[^,.;:!?“”\"«»]{1,90},\s*)?(?:has\s+|had\s+|have\s+|also\s+|again\s+|then\s+|"
    r"later\s+|previously\s+|earlier\s+|once\s+)*"
    rf"(?:{speech_verbs('person_after')})\b"
)
_SPEECH_BEFORE_RE = re.compile(rf"\b(?:{speech_verbs('person_before')})\s*$")
# (An appositive may also end right at a speech verb, its closing comma left out: "Eva Lind,
# managing director of Zentrix said …", held-out sample 6.)
_APPOSITIVE_AFTER_RE = re.compile(
    r"^\s*,\s*([^,.;:!?“”\"«»()]{2,100}?)(?:,|\.|;|\s[-–—]\s|$|"
    rf"(?=\s+(?:{speech_verbs('person_after')})\b))")
_APPOSITIVE_BEFORE_RE = re.compile(r"([^,.;:!?“”\"«»()]{2,100}),\s*$")
# The longest phrase `_APPOSITIVE_BEFORE_RE` takes: its match ends at the comma that is the last
# non-space character, so it starts at most this far before it.
_APPOSITIVE_BEFORE_MAX = 100


def _appositive_before(before: str) -> re.Match[str] | None:
    """`_APPOSITIVE_BEFORE_RE`'s search of `before`, started where its match may begin (at most
    `_APPOSITIVE_BEFORE_MAX` characters before the last non-space one) rather than at every
    position of the chunk's text so far; the same match (tests/qa/test_name_search.py)."""
    return _APPOSITIVE_BEFORE_RE.search(
        before, max(0, len(before.rstrip()) - 1 - _APPOSITIVE_BEFORE_MAX))


# "Hazel Gilbert, 23, …": a full name followed by an age is a person (news style for private
# people, who carry no title; seen in held-out sample 3).
_AGE_AFTER_RE = re.compile(r"^\s*,\s*(?:aged\s+)?\d{1,3}\s*,")
# A lower-case determiner right before a lone capitalised word: the word heads a noun phrase
# or ends the title of a work ("the Night", "a Storm"), while a person's name takes no article
# (held-out sample 10, entertainment/317; tested on invented sentences).
_DETERMINER_BEFORE_RE = re.compile(r"(?<![\w’'-])(?:the|a|an)\s+$")
# Speech verbs that open a sentence before the speaker's name ("Said Novak: …").
_OPENING_CUES = frozenset({"said", "says", "added", "adds", "asked"})
_SENTENCE_OPENERS = frozenset(".!?:;“\"«‘'([—–•-")


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


@dataclass
class _Candidate:
    name_tokens: list[Token]
    titles: list[str] = field(default_factory=list)
    strong: bool = False
    weak: bool = False  # only a speech verb says it is a person
    gender: Gender | None = None
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
        ok = t.is_word and (t.is_cap or (cur and t.low in (TITLE_JOINERS | NAME_PARTICLES)))
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


def _split_pairs(runs: list[list[Token]], common: set[str]) -> list[list[Token]]:
    """Runs joined by "and" that hold a name on each side ("Ana Ruiz and Tom Hale") split in
    two; a title joined by "and" ("Secretary for Culture and Sport") stays whole."""
    out: list[list[Token]] = []
    for run in runs:
        cut = next((i for i, t in enumerate(run) if t.low == "and"), None)
        if cut is not None and cut >= 2 and len(run) - cut - 1 >= 2 and all(
                is_name_token(t, common) or t.low in NAME_PARTICLES
                for t in run[:cut] + run[cut + 1 :]):
            out.extend([run[:cut], run[cut + 1 :]])
        else:
            out.append(run)
    return out


def _plain_cap(t: Token) -> bool:
    """A capitalised word that is no function, organisation or title word and no acronym."""
    return (t.is_word and t.is_cap and not t.text.isupper() and t.low not in FUNCTION_WORDS
            and t.low not in ORG_WORDS and not is_title_word(t.low))


def _sentence_initial(toks: list[Token], idx: int) -> bool:
    return idx == 0 or toks[idx - 1].text in _SENTENCE_OPENERS


def _split_run(
    run: list[Token], initial: bool, common: set[str], titled: bool = False
) -> tuple[list[Token], list[Token]] | None:
    """Split a capitalised run into (title part, name part), or None when it names nobody."""
    if initial and run and (run[0].low in FUNCTION_WORDS or run[0].low in _OPENING_CUES or (
            run[0].low in common and not (len(run) > 1 and is_title_word(run[1].low)))):
        run = run[1:]  # "Earlier Tory leader …" but "Alliance Secretary-General …"
    while run and run[0].low in FUNCTION_WORDS and run[0].low not in HONORIFICS:
        run = run[1:]
    if not run:
        return None
    for h, t in enumerate(run[:-1]):
        # "Lord Callaghan of Cardiff": the name is what follows the honorific.
        if t.low in HONORIFICS and is_name_token(run[h + 1], common):
            j = h + 1
            while j < len(run) and (is_name_token(run[j], common) or run[j].low in NAME_PARTICLES):
                j += 1
            if j < len(run) and run[j].low in TITLE_JOINERS:
                return run[: h + 1], run[h + 1 : j]
    last_title = -1
    for i, t in enumerate(run):
        if is_title_word(t.low) or t.low in TITLE_JOINERS:
            last_title = i
    title, name = run[: last_title + 1], run[last_title + 1 :]
    if title and title[-1].low in TITLE_JOINERS:
        if len(name) < 3:
            return None  # "Mayor of London": a place, not a name
        title, name = title + name[:1], name[1:]  # "Mayor of London Ken Livingstone"
    if not name or len(name) > 4 or not is_name_token(name[0], common):
        return None
    if name[0].low in MONTHS:
        return None
    # After a title ("publicist Eva Day"), a capitalised common word may end the name.
    lenient = (titled or bool(title)) and len(name) == 2
    for t in name[1:]:
        if not (is_name_token(t, common) or t.low in NAME_PARTICLES or len(t.text) == 1
                or (t.low in MONTHS and t.is_cap) or (lenient and _plain_cap(t))
                or (lenient and t.low in WEEKDAYS and t.is_cap)):
            return None  # "Liberal Democrats", "Antony Blinken Monday": not a clean name
    if len(name[-1].text) == 1:
        return None
    return title, name


def _has_full_name(phrase: str, common: set[str]) -> bool:
    """True when a phrase holds two name-like capitalised words in a row (another person)."""
    toks = [Token(0, 0, w) for w in re.findall(r"[^\W\d_][\w’'-]*", phrase)]
    return any(
        is_name_token(a, common) and is_name_token(b, common)
        for a, b in zip(toks, toks[1:], strict=False)
    )


def _candidates(doc: Document, chunks: Sequence[Chunk], common: set[str]) -> list[_Candidate]:
    text = doc.text
    cands: list[_Candidate] = []
    maybe: list[_Candidate] = []
    chunk_tokens = [tokens(text, ch.start, ch.end) for ch in chunks]  # each chunk's, once
    for ch, toks in zip(chunks, chunk_tokens, strict=True):
        index = {id(t): i for i, t in enumerate(toks)}
        for run in _split_pairs(_runs(toks, text), common):
            i0 = index[id(run[0])]
            titled = i0 > 0 and toks[i0 - 1].is_word and is_title_head(toks[i0 - 1].low)
            split = _split_run(run, _sentence_initial(toks, i0), common, titled)
            if split is None:
                continue
            title, name = split
            if len(name) == 1 and not title and _DETERMINER_BEFORE_RE.search(
                    text, ch.start, name[0].start):
                continue  # "singer of Because the Night": a word of a title, not a name
            if len(name) == 1 and inside_work_title(text, ch.start, run[0].start):
                continue  # "the singer of Dancing Queen Tonight": a work's title
            lead = _sentence_initial(toks, i0) and not title and all(
                t.low in FUNCTION_WORDS for t in run[: run.index(name[0])])
            before = text[ch.start : name[0].start]
            after = text[name[-1].end : ch.end]
            lower_title = lower_title_before(text, toks, index[id(title[0] if title else name[0])])
            title_toks = lower_title + title
            cand = _Candidate(name, lead=lead)
            if any(is_title_head(t.low) for t in title_toks):
                cand.strong = True
                cand.gender = gender_of(t.text for t in title_toks)
                if len(name) == 1 and title_toks[-1].low in RANKS:
                    cand.titles.append(title_toks[-1].text)  # "Lord Vane": a peer, kept apart
                title_toks = trim_title(title_toks, common)
                if title_toks:
                    cand.titles.append(text[title_toks[0].start : title_toks[-1].end])
            elif len(name) >= 2:
                m = _APPOSITIVE_AFTER_RE.match(after)
                mb = _appositive_before(before)
                if m and not _has_full_name(m.group(1), common):
                    appos = m.group(1).strip()
                    first = appos.split()[0]
                    starts_ok = (
                        first[0].islower() or first.lower() in ("the", "a", "an")
                        or first.endswith(("’s", "'s")) or first.isupper()
                        or is_title_word(first.lower())
                    )
                    head = any(is_title_head(w.lower()) for w in appos.split()[:5])
                    if starts_ok and head and title_shaped(appos.split()):
                        cand.strong = True
                        cand.titles.append(appos)
                        cand.gender = gender_of(appos.split())
                if not cand.strong and mb:
                    phrase = title_phrase_before(mb.group(1))
                    if phrase and not _has_full_name(phrase, common):
                        cand.strong = True
                        cand.titles.append(phrase)
            if not cand.strong and (
                _SPEECH_AFTER_RE.match(after)
                or (_SPEECH_BEFORE_RE.search(before) and not _premodifier(name, after))
                or (len(name) >= 2 and _AGE_AFTER_RE.match(after))
            ):
                cand.weak = True
            if cand.strong or cand.weak:
                cands.append(cand)
            elif len(name) >= 2:
                maybe.append(cand)
    # A full name with no evidence of its own ("Anna Kowalski was speaking …") is a person when
    # the document gives its surname person evidence elsewhere ("Ms Kowalski", "Kowalski said").
    # So is a full name whose surname recurs alone as a sentence's subject ("Ivo Marek" …
    # "Marek was at a loss …"), unless its first word is a place ("Real Oviedo" … "Oviedo").
    evidenced = {c.name_tokens[-1].text for c in cands}
    places = _places(chunk_tokens)
    for c in maybe:
        sur = c.name_tokens[-1].text
        if sur in evidenced or (c.name_tokens[0].text not in places
                                and _subject_alone(text, chunks, sur)) or _personal_relative(
                text, c.name_tokens):
            cands.append(c)
    for c in cands:
        _drop_sentence_opener(c, text, chunks)
    # A lone word used as a place ("in Moscow", "from Brussels") is not a person.
    return [
        c for c in cands
        if len(c.name_tokens) >= 2 or c.strong or c.name_tokens[0].text not in places
    ]


# A full name followed by a clause only a person takes: "who"/"whose" (organisations are
# "which" in news copy, except teams: hence the first-name condition below) or an appositive
# headed by a noun for a person ("Ann Lee, the Leeds woman who …").
_PERSONAL_AFTER_RE = re.compile(
    r"\s*,\s*(?:(?:who|whose)\b|(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:woman|man|girl|boy|mother|father|wife|husband|widow|widower|pensioner|grandmother"
    r"|grandfather|daughter|son)\b)")


def _personal_relative(text: str, name: list[Token]) -> bool:
    """Whether a full name with no title or speech verb is a person's by what follows it (a
    "who" clause, "the … woman") and by a first name the name list knows (`qa.first_names`):
    "Emma Lane, who plays Hermione" is a person; "Leeds United, who beat …" is a team."""
    return bool(_PERSONAL_AFTER_RE.match(text, name[-1].end)) and first_name_gender(
        " ".join(t.text for t in name)) is not None


# One to three lower-case words then a capitalised word: "England lock Danny …", "England
# sevens coach Mike …", "Blair ally Jim …".
_ROLE_THEN_NAME_RE = re.compile(r"^\s+((?:[a-z][a-z-]+\s+){1,3})[A-Z]")


def _premodifier(name: list[Token], after: str) -> bool:
    """Is a one-word name after a speech verb only the qualifier of a role and a name ("says
    England lock Danny Grewcock needs …": the team, not a speaker; found on sport/307)?"""
    m = _ROLE_THEN_NAME_RE.match(after)
    return len(name) == 1 and m is not None and not any(
        w in FUNCTION_WORDS for w in m.group(1).split())


def _places(chunk_tokens: Sequence[Sequence[Token]]) -> set[str]:
    """Capitalised words right after a locative preposition ("in Moscow"), from the tokens of
    each chunk."""
    return {
        toks[i + 1].text
        for toks in chunk_tokens
        for i in range(len(toks) - 1)
        if toks[i].low in LOCATIVES
    }


# What follows a sentence-opening surname in `_subject_alone`: an optional parenthesis between
# commas, then a lower-case word.
_SUBJECT_VERB_AFTER_RE = re.compile(r"(?:,[^,]{1,90},)?\s+[a-z]")


def _subject_alone(text: str, chunks: Sequence[Chunk], surname: str) -> bool:
    """Does `surname` open a sentence alone, followed by a lower-case verb ("Marek was")?"""
    return any(_opens_sentence_alone(text, surname, ch.start, ch.end) for ch in chunks)


def _opens_sentence_alone(text: str, word: str, start: int, end: int) -> bool:
    """Whether the pattern `_subject_alone` once compiled per word (``(?:^|[.!?]["”’']?\\s+)``,
    the escaped word, then `_SUBJECT_VERB_AFTER_RE`) is found in ``text[start:end]``, without
    that compile (a document's words filled `re`'s cache and pushed pysbd's patterns out;
    tests/qa/test_name_search.py compares the two): `word` at the text's start, or after a
    sentence mark, maybe a closing quote, and whitespace, all inside the range."""
    if not word:  # (never a name; the pattern itself, to stay exact)
        return re.compile(r"(?:^|[.!?][\"”’']?\s+)(?:,[^,]{1,90},)?\s+[a-z]").search(
            text, start, end) is not None
    i = text.find(word, start, end)
    while i >= 0:
        if _SUBJECT_VERB_AFTER_RE.match(text, i + len(word), end) and (
                i == 0 or _after_sentence_end(text, i, start)):
            return True
        i = text.find(word, i + 1, end)
    return False


def _after_sentence_end(text: str, i: int, start: int) -> bool:
    """Whether ``text[start:i]`` ends with a sentence mark, maybe a closing quote, then at
    least one whitespace character."""
    j = i
    while j > start and text[j - 1].isspace():
        j -= 1
    if j == i:
        return False
    k = j - 1
    if k >= start and text[k] in "\"”’'":
        k -= 1
    return k >= start and text[k] in ".!?"


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


def document_people(doc: Document, chunks: Sequence[Chunk]) -> DocPeople:
    """The people named in the body `chunks` of `doc` and all their mentions there."""
    text = doc.text
    body = " ".join(c.text for c in chunks)
    common = common_words(body)
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
