"""Organisations as speakers: "the ministry said", "a Zentrix spokesman said", "the
Northern Fisheries Board (NFB) said", "The NFB added", and later "the firm said" / "it said".

Pure functions over a document's text: `acronyms` reads "Full Name (ACR)" definitions, and
`organisation_before` finds the organisation that is the subject right before a speech cue.
Which words may name an organisation is judged by capitalisation and a few well-known word
lists below (no names of organisations).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from qa.lexicon import (
    FUNCTION_WORDS,
    GROUP_NOUNS,
    HONORIFICS,
    MONTHS,
    TITLE_HEADS,
    TITLE_WORDS,
    word_set,
)
from qa.work_titles import inside_work_title

__all__ = [
    "INSTITUTION_NOUNS",
    "LEAD_COMPANY_RE",
    "SOURCE_OF_DOCUMENT_RE",
    "ORG_NOUNS",
    "org_full_forms",
    "OrgSubject",
    "acronym_of",
    "acronyms",
    "canonical_org",
    "group_before",
    "NAMESAKE_HEADS",
    "org_aliases",
    "inside_organisation_name",
    "named_as_organisation",
    "name_followed_by",
    "organisation_after",
    "organisation_before",
]

# Nouns after an organisation's name that let it speak through someone or something ("a Zentrix
# statement said", "a Zentrix spokesman said", "the NFB report said"): a hand-set list of
# the forms met in news copy.
_VOICE_NOUNS = (
    r"spokes(?:man|woman|person|people)|statement|report|survey|study|figures|official|officials"
    r"|source|sources|newspaper|magazine|paper|website|analysts?|researchers|representative"
    r"|board|executive|executives|chief|boss|bosses"
)
# Nouns standing for an organisation already named ("the firm said"): hand-set, common news
# usage.
ORG_NOUNS = word_set(
    "firm company group party carmaker bank station report survey study watchdog regulator "
    "club union council organisation organization agency ministry department commission "
    "broadcaster retailer airline giant operator insurer lender government office"
)
# A company introduced by its kind in an article's lead ("Indian drugmaker Zentrix Labs",
# "US retail giant Brill", "car maker Zentrix"; "at parent Zentrix", "owner Zentrix" too, so
# that a lead naming a company and its owner is unsure): the company nouns of news copy,
# hand-set. ("rival" is left out: "its smaller rival Brill" is the other company.)
LEAD_COMPANY_RE = re.compile(
    r"(?<![\w’'-])(?:[a-z-]*maker|maker|firm|company|group|giant|retailer|bank|airline|carrier|"
    r"operator|insurer|lender|broadcaster|chain|manufacturer|producer|brewer|supermarket|"
    r"parent|owner)\s+"
    r"(?P<name>[A-Z][\w&’'-]*(?:\.\w+)*(?:\s+[A-Z][\w&’'-]*(?:\.\w+)*){0,3})")
# Of those, public institutions that speak under their noun when no organisation of that kind
# spoke before ("the government said", "the statistical office said"): unnamed voices, not
# the last company named (hand-set; the labelled set's convention for "the government").
INSTITUTION_NOUNS = word_set("government ministry department office agency commission "
                             "regulator watchdog council")
_CAP = r"(?:[A-Z](?:[\w&’'/-]|\.(?=\w))*|[0-9][\w&-]*[A-Za-z][\w&-]*)"
_JOIN = r"(?:of|for|and|&|de|the)"
_ORG_RE = re.compile(
    rf"(?:(?<=\s)|(?<=^)|(?<=[(“\"‘'—–-]))(?:(?:[Tt]he|[Aa]n?)\s+)?"
    rf"(?P<org>{_CAP}(?:\s+(?:{_JOIN}\s+)*(?:{_CAP}|[0-9]+(?![\w%])))*)"
    rf"(?:\s*\((?P<acr>[A-Z][A-Za-z]{{1,8}})\))?"
    rf"(?:[’']s)?(?:\s+(?P<noun>{_VOICE_NOUNS}))?\s*$"
)
_ORG_NOUN_RE = re.compile(
    rf"(?:(?<=\s)|(?<=^))(?:[Tt]he)\s+(?:[a-z-]+\s+)?(?P<noun>{'|'.join(sorted(ORG_NOUNS))})"
    r"\s*$"
)
_DEFINITION_RE = re.compile(
    rf"(?P<full>{_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP})+)\s*\((?P<acr>[A-Z][A-Za-z&]{{1,8}})\)"
)
# Sentence-initial words that are not part of a name ("But Zentrix said"); pronouns and
# words that open a person's designation are never an organisation on their own.
_NOT_ORG = frozenset({"i", "we", "you", "he", "she", "it", "they", "this", "that", "there"})
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_GENERIC_TAILS = frozenset({"party", "corp", "corporation", "inc", "ltd", "plc", "group", "llc",
                            "co", "company"})


def _has_letter(name: str) -> bool:
    """Whether a name has a letter: a year, number or date in figures ("2025", "10,000")
    names no organisation, so it is never a speaker."""
    return re.search(r"[^\W\d_]", name) is not None


@dataclass(frozen=True)
class OrgSubject:
    """An organisation found as a subject: its name as written, and where it starts."""

    name: str
    start: int
    via_noun: bool  # "the firm said": the organisation is named earlier, not here (`name`
    # is then the noun phrase after "the": "firm", "statistical office")
    voice: str = ""  # the noun it speaks through, if any ("a Zentrix spokesman": "spokesman")


def acronym_of(name: str) -> str:
    """Initials of the capitalised words ("European Commission" -> "EC")."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines: "the Northern Fisheries Board (NFB)" -> {"NFB": ...}; also
    the initials of the name's last words ("the US Federal Communications Commission (FCC)").
    A new dict each call; the last few texts' are remembered (extracting a document's
    statements asks twice)."""
    return dict(_acronyms(text))


@lru_cache(maxsize=8)
def _acronyms(text: str) -> tuple[tuple[str, str], ...]:
    if "(" not in text:  # every definition has its acronym in brackets
        return ()
    out: dict[str, str] = {}
    for m in _DEFINITION_RE.finditer(text):
        full = _strip_function_words(m.group("full"))
        acr = m.group("acr")
        if full and acr[0] != full[0]:
            full = _abbreviates(acr, full) or ""  # "the US Federal … Commission (FCC)"
        if full and acr not in out:
            out[acr] = full
    return tuple(out.items())


# Words after an organisation's name that only an organisation has ("a Zentrix spokesman",
# "Zentrix's chief executive", "Zentrix boss"): hand-set, a subset of `_VOICE_NOUNS` with the
# heads of a company's officers.
_STAFF_AFTER = (r"(?:[’']s)?\s+(?:spokes(?:man|woman|person)|officials?|executives?|chief|boss"
                r"|chairman|chairwoman|founder|shareholders|staff|employees|workers)(?![\w’'-])")


_STAFF_AFTER_RE = re.compile(_STAFF_AFTER)


def name_followed_by(text: str, name: str, after: re.Pattern[str]) -> list[int]:
    r"""The ends of the matches of `after` right after each whole-word `name` in `text` (as
    ``re.finditer(rf"(?<![\w’'-]){re.escape(name)}{after.pattern}", text)`` without
    compiling a pattern per name: the extractor asks this of every narrated subject)."""
    ends: list[int] = []
    i = text.find(name) if name else -1
    while i != -1:
        before = text[i - 1] if i else " "
        m = None if before.isalnum() or before in "_’'-" else after.match(text, i + len(name))
        if m is not None:
            ends.append(m.end())
        i = text.find(name, max(m.end(), i + 1) if m is not None else i + 1)
    return ends


@lru_cache(maxsize=4)
def _lead_company_names(text: str) -> frozenset[str]:
    """The names `LEAD_COMPANY_RE` introduces in one document (asked once per subject)."""
    return frozenset(m.group("name") for m in LEAD_COMPANY_RE.finditer(text))


def named_as_organisation(name: str, text: str) -> bool:
    """Whether the document writes `name` as an organisation's: a company form or
    organisation noun ends it ("Zentrix Corp", "Zentrix Bank"), a company noun introduces it
    ("telecoms giant Zentrix", `LEAD_COMPANY_RE`), or its staff are named by it ("a Zentrix
    spokesman", "Zentrix boss"). Evidence from word shapes only, for a narrated subject
    that "it" may then mean."""
    words = name.split()
    if len(words) >= 2 and words[-1].lower().strip(".") in _GENERIC_TAILS | ORG_NOUNS:
        return True
    if name in _lead_company_names(text):
        return True
    return bool(name_followed_by(text, name, _STAFF_AFTER_RE))


def canonical_org(name: str, known: Mapping[str, str], seen: list[str]) -> str:
    """The fullest form of an organisation's name in its document: a defined acronym's full
    name, or an earlier speaker whose initials it is."""
    if name in known:
        return known[name]
    if name.isupper() and len(name) >= 2:
        for full in reversed(seen):
            if acronym_of(full) == name and " " in full:
                return full
    return name


_CAPITALISED_RUN_RE = re.compile(
    r"[A-Z][\w&’'-]*(?:[ \t]+(?:(?:of|for|and|the|&)[ \t]+)*[A-Z][\w&’'-]*)*")


def _abbreviates(short: str, full: str, *, ends: bool = True) -> str | None:
    """The name `short` is a shorter written form of (`full`, or its part from the first
    capital), or None: its first words ("Virgin" of "Virgin Radio"), its last two or more
    ("Federal Communications Commission" of "US Federal Communications Commission"; not with
    `ends` false), its initials in any case, leading initials ("US", "EU") allowed ("FCC",
    "Hefce"), or word-by-word prefixes, plural kept ("Lib Dems" of "Liberal Democrats")."""
    sw, fw = short.split(), full.split()
    if len(sw) < len(fw) and (fw[: len(sw)] == sw or (
            ends and len(sw) >= 2 and fw[-len(sw):] == sw)):
        return full
    if len(sw) == 1 and len(short) >= 2 and short.isalpha():
        caps = [i for i, w in enumerate(fw) if w[:1].isupper()]
        for k in range(len(caps) - 1):
            if "".join(fw[i][0] for i in caps[k:]).upper() == short.upper():
                return " ".join(fw[caps[0]:])
            if not fw[caps[k]].isupper():
                break  # only initials ("US", "EU") may lead the name without being in it
        return None
    if len(sw) >= 2 and len(sw) == len(fw) and sw[-1] != fw[-1] and all(
            len(a) >= 3 and b.lower().startswith(_singular(a, b).lower())
            for a, b in zip(sw, fw, strict=True)):
        return full
    return None


def _singular(a: str, b: str) -> str:
    """`a` without its plural "s" when `b` is plural too ("Dems" of "Democrats")."""
    return a[:-1] if a.endswith("s") and b.endswith("s") else a


def _designates_person(short: str, full: str) -> bool:
    """Whether `full` is `short` followed by a person's title and more ("Labour MSP Eva Lind",
    "Zentrix chief executive Tom Hale"): a person's designation, which holds the organisation's
    name but is no longer form of it (held-out sample 10, politics/089)."""
    rest = full.split()[len(short.split()) :]
    return full.startswith(short + " ") and any(
        w.lower() in TITLE_HEADS for w in rest[:-1])


def org_full_forms(orgs: set[str], text: str, people: set[str],
                   bare: AbstractSet[str] = frozenset()) -> dict[str, str]:
    """Within one document, each organisation speaker written in a shorter form -> its fullest
    form: another organisation speaker of the document, or, for initials and word prefixes, a
    capitalised name the text writes ("Lib Dems said" after "The Liberal Democrats have …").
    A first-words match needs the longer form to be an organisation speaker ("Microsoft" is not
    "Microsoft Windows"); it also takes `bare` one-word speakers read as a name ("Brill said"
    after "Brill Radio said"). So a question finds every statement of the organisation."""
    written: set[str] | None = None  # read from the text only when a name needs it
    out: dict[str, str] = {}
    for name in orgs | {b for b in bare if " " not in b}:
        longer = [s for s in orgs if s != name and len(s) > len(name) and _abbreviates(name, s)
                  and not _designates_person(name, s) and not _joint_with(s, orgs | set(bare))]
        if not longer and name in orgs:  # the part of a written name it stands for
            if written is None:
                written = {_strip_function_words(m.group().rstrip("’'"))
                           for m in _CAPITALISED_RUN_RE.finditer(text)} - (people | {""})
            parts = [_abbreviates(name, w, ends=False) for w in written
                     if w.split()[: len(name.split())] != name.split()]
            longer = [p for p in parts if p and len(p) > len(name)]
        if longer:
            out[name] = max(longer, key=lambda s: (s in orgs, len(s)))
    return out


def _joint_with(joint: str, orgs: set[str]) -> bool:
    """Whether `joint` is two speakers named together ("Zentrix and Brill said"): its second
    part is (a form of) another organisation speaker, so it is no longer form of the first
    ("Zentrix said" is Zentrix's alone); a name with "&" of its own ("Bradford & Bingley")
    has no such part."""
    parts = re.split(r"\s+(?:and|&)\s+", joint)
    if len(parts) != 2:
        return False
    return any(o != joint and (o == parts[1] or _abbreviates(o, parts[1])
                               or _abbreviates(parts[1], o)) for o in orgs)


def org_aliases(name: str, known: Mapping[str, str]) -> tuple[str, ...]:
    """Other forms a user may type: the defined acronym, the initials of a long name, the
    name without a generic tail ("Green Party" -> "Green")."""
    if name[:1].islower():
        return ()  # an unnamed group ("analysts"): no initials to type
    out = [a for a, full in known.items() if full == name]
    words = name.split()
    if len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 2:
        out.append(acronym_of(name))
    if len(words) >= 2 and words[-1].lower() in _GENERIC_TAILS:
        out.append(" ".join(words[:-1]))
    return tuple(dict.fromkeys(a for a in out if a and a != name))


def _strip_function_words(name: str) -> str:
    words = re.sub(r"[’']s$", "", name.strip().rstrip(".")).split()
    while words and (words[0].lower() in FUNCTION_WORDS or words[0].lower() in _NOT_ORG):
        words = words[1:]
    while words and (words[-1].lower() in ("of", "for", "and", "&", "de", "on", "the", "in")
                     or words[-1].lower() in _DAYS):
        words = words[:-1]
    if any(re.fullmatch(r"\d+-year-olds?", w.lower()) for w in words):
        return ""  # "the 21-year-old told": a person described by age
    return " ".join(words)


# After a cue: "said Zentrix", "according to industry watchdog, Telcoreg", "according to
# Brill trade magazine" (a lower-case word may stand before the voice noun after the name).
_AFTER_RE = re.compile(
    rf"(?:(?:[Tt]he|[Aa]n?)\s+)?(?:[a-z-]+,?\s+){{0,3}}?"
    rf"(?P<org>{_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP})*)"
    rf"(?:\s*\([A-Z][A-Za-z&]{{1,8}}\))?"
    rf"(?=\s*(?:[,.;:]|$|\s+(?:[a-z-]+\s+)?(?:{_VOICE_NOUNS})\b))"
)
# "according to a table drawn up by …", "according to figures gathered by …": the words
# before the source of a document (hand-set, from news copy's forms).
SOURCE_OF_DOCUMENT_RE = re.compile(
    r"(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,3}?(?:(?:gathered|drawn\s+up|compiled|published|"
    r"released|produced|collected|issued|commissioned|carried\s+out)\s+)?by\s+")


def organisation_after(text: str, at: int, hi: int) -> OrgSubject | None:
    """The organisation right after a cue: "said Zentrix", "according to industry watchdog
    Telcoreg", "according to the Daily Telegraph"."""
    m = _AFTER_RE.match(text, at, hi)
    if not m:
        return None
    # "France's Le Figaro": the possessor is a place or owner, not part of the name.
    name = _strip_function_words(re.sub(r"^[\w-]+[’']s\s+(?=[A-Z])", "", m.group("org")))
    words = [w.lower() for w in name.split()]
    if not words or not _has_letter(name) or words[0] in HONORIFICS or all(
            w in TITLE_WORDS for w in words) or (
            len(words) == 1 and (words[0] in MONTHS or words[0] in _NOT_ORG)):
        return None
    return OrgSubject(name, m.start("org"), False)


# A capitalised name right after "from" or "in" is the object of a preposition that modifies
# the noun before it ("The unnamed woman from Zentria says", "… will double in Zentria, says a
# report"): a place or an origin, not the subject of the cue. Only a voice noun before the
# preposition lets the organisation speak ("a spokesman from Zentrix said"). Hand-set, from
# held-out samples 9 (tech/037) and 10 (tech/192); tested on invented sentences.
_PLACE_PREP_RE = re.compile(r"(?:(?<=\s)|^)(?P<before>[\w’'-]+\s+)?(?:from|in)\s+$")
# Voice and document nouns before "from"/"in" that let the organisation after it speak ("New
# research from the Zentria Academy has found", "Reports in the Zentria Post suggested"): the
# voice nouns above with their plurals, and the written forms news copy cites (hand-set).
_VOICE_NOUN_RE = re.compile(
    rf"(?:{_VOICE_NOUNS}|reports|statements|surveys|studies|research|poll|polls|data|article"
    r"|articles|editorial|letter|letters|document|documents|paper|papers)\s+$", re.IGNORECASE)


def after_place_preposition(window: str, at: int) -> bool:
    """Whether the name starting at `at` in `window` is the object of "from"/"in" after a
    noun that is no voice of an organisation (`_PLACE_PREP_RE`)."""
    pm = _PLACE_PREP_RE.search(window, 0, at)
    return pm is not None and not (pm.group("before") and _VOICE_NOUN_RE.fullmatch(
        pm.group("before")))


def organisation_before(window: str, base: int) -> OrgSubject | None:
    """The organisation ending `window` (the text before a speech cue, without the bridge):
    "… the Northern Fisheries Board (NFB)", "a Zentrix spokesman", "the firm"; not a name
    after "from"/"in" (`after_place_preposition`)."""
    m = _ORG_RE.search(window)
    if m and (after_place_preposition(window, m.start())
              or inside_work_title(window, 0, m.start("org"))):
        return None
    if m:
        raw = m.group("org")
        name = _strip_function_words(raw)
        words = [w.lower().strip("’'") for w in name.split()]
        if name and words and not (
            not _has_letter(name)  # "By 2025, …": a year or number is never a speaker
            or all(w in TITLE_WORDS or w in HONORIFICS or w in ("of", "for", "and", "the")
                for w in words)
            or words[0] in HONORIFICS
            or (len(words) == 1 and (words[0] in MONTHS or words[0] in _NOT_ORG))
            or any(w.lower() in MONTHS for w in name.split()[:1])
        ):
            start = base + m.start("org") + (len(raw) - len(raw.lstrip())) + raw.find(name)
            name = re.sub(r"[’']s$", "", name)
            return OrgSubject(name, start, False, voice=(m.group("noun") or "").lower())
    n = _ORG_NOUN_RE.search(window)
    if n:
        phrase = n.group().split(None, 1)[1].strip()  # "statistical office" of "the …"
        return OrgSubject(" ".join(phrase.split()), base + n.start(), True)
    return None


# Words before a group's noun phrase that are not part of its name ("Most of the analysts",
# "Meanwhile economists"): hand-set English quantifiers and sentence adverbs.
_OPENERS = r"but|and|however|while|yet|meanwhile|separately|still|now|also|instead|elsewhere"
# A quantifier inside a group's words means the words before it are no part of the group
# ("…, but accepted many experts said": the experts, not "accepted many experts").
_QUANT_WORDS = r"many|most|some|several|few|all|both|numerous"
_QUANT = r"(?:(?:most|many|some|all|several|few|none|one|two)\s+of\s+)?" \
    r"(?:the|some|many|most|other|several|few|all|both|numerous)\s+"
# A quantifier alone opens a group's clause even after a clause with no comma ("while few will
# be surprised by it many analysts said …"): hand-set, the quantifiers that cannot end a noun
# phrase; not after a participle or past tense ("accepted many experts said", "has seen many
# firms cautioned"), whose object the group is.
_CLAUSE_QUANT = r"(?<=\s)(?<!ed\s)(?<!en\s)(?=(?:many|most|several|numerous)\s)"
# A share of a group ("60% of the musicians", "about half of those nurses", "two-thirds of
# analysts"): a quantity of the group, which is the speaker. Hand-set English: a percentage or
# a fraction word, with the approximators news copy puts before one.
_SHARE = (r"(?:(?:some|about|around|nearly|almost|roughly|over|under|only|just|more\s+than"
          r"|fewer\s+than|less\s+than)\s+)?(?:\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s+per\s*cent"
          r"|half|a\s+third|two-thirds|a\s+quarter|three-quarters|an?\s+(?:large\s+)?majority"
          r"|the\s+majority|a\s+minority)\s+of\s+(?:those\s+|these\s+)?")
# A participle after the group that says it was asked ("the musicians surveyed said"): hand-set.
_ASKED = r"(?:\s+(?:surveyed|polled|questioned|interviewed))?"
_GROUP_RE = re.compile(
    rf"(?:^|[,;:]\s*|(?<![\w’'])(?:{_OPENERS})\s+|{_CLAUSE_QUANT})(?:{_SHARE})?(?:{_QUANT})?"
    rf"(?P<np>(?:(?!(?:{_OPENERS}|{_QUANT_WORDS})\s)[A-Za-z][\w-]*\s+){{0,2}}?"
    rf"(?P<head>{'|'.join(sorted(GROUP_NOUNS, key=len, reverse=True))}){_ASKED}"
    r"(?:\s+(?:of|for|at|in|from|on|with|close\s+to|contacted\s+by|surveyed\s+by|polled\s+by"
    r"|quoted\s+by|questioned\s+by)\s+[^,.;:!?“”\"«»()]{1,60}?)?)\s*$",
    re.IGNORECASE,
)

# A plural noun after a quantifier that cannot end a noun phrase ("However, other browser stat
# gatherers say", "Some technical websites report"): the quantifier marks the words as a group
# of sources though the noun is in no list. Hand-set: lower-case words only (a capitalised one
# may be a name, read elsewhere), a plural in -s that is none in -ss/-us/-is ("business",
# "status", "analysis"); not "both"/"all", which refer back to people already named ("Both men
# said"). From two missed dev labels (tech/020); every statement it adds on the spot-check
# articles was read (tests/data/statements/README.md, "Quantified groups").
_QUANTIFIED = r"other|some|many|most|several|numerous"
_QUANTIFIED_GROUP_RE = re.compile(
    rf"(?:^|[,;:]\s*|(?<![\w’'])(?i:{_OPENERS})\s+)(?i:{_SHARE})?(?i:{_QUANTIFIED})\s+"
    rf"(?P<np>(?:(?!(?:{_OPENERS}|{_QUANT_WORDS}|of|the|a|an)\s)[a-z][\w-]*\s+){{0,2}}?"
    r"(?P<head>[a-z][\w-]*[^\Wsui]s))\s*$")


def group_before(window: str, base: int,
                 common: AbstractSet[str] = frozenset()) -> OrgSubject | None:
    """An unnamed group of sources heading the clause that ends `window` (the text before a
    speech cue, without the bridge): "Analysts", "Critics of the reform", "many economists".
    Its name is the noun phrase as written, without a leading determiner or quantifier, and
    with a sentence-initial capital lowered unless the word is a name (not a group noun nor a
    word the text also writes in lower case, `common`: "Brill police" keeps its capital)."""
    m = _GROUP_RE.search(window) or _QUANTIFIED_GROUP_RE.search(window)
    if not m:
        return None
    name = m.group("np")
    first = name.split()[0].lower()
    if name[:1].isupper() and not name[1:2].isupper() and (
            first in GROUP_NOUNS or first in common or " " not in name):
        name = name[0].lower() + name[1:]
    return OrgSubject(name, base + m.start("np"), False)


# Heads of an organisation named after a person ("the Eva Lind Foundation", "the Tom Hale
# Trust"): a person's name right before one of them is part of the organisation's name, not
# a speaker (issue 11, held-out sample 5). Hand-set.
NAMESAKE_HEADS = word_set("foundation trust institute society fund association federation "
                           "centre center memorial charity academy museum prize award")
_NEXT_WORD_RE = re.compile(r"(?:’s|'s)?\s+([A-Z][\w-]*)")


def inside_organisation_name(text: str, name_end: int) -> bool:
    """Whether the person's name ending at `name_end` opens an organisation's name: the next
    word is a capitalised organisation head ("… Eva Lind Foundation")."""
    m = _NEXT_WORD_RE.match(text, name_end)
    return m is not None and m.group(1).lower() in NAMESAKE_HEADS
