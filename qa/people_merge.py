"""Cross-document merging: the people of all documents joined into the people of the corpus
(same full name, or same surname and a compatible first name), with the aliases a user may type.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from qa.document_people import DocPeople
from qa.lexicon import GENERIC_HEADS, RANKS, TITLE_WORDS
from qa.names import FUZZY_MIN_SCORE, Gender, normalize_name, surname_of
from qa.organisations import NAMESAKE_HEADS, ORG_NOUNS, acronym_of

# Two names joined into one speaker ("the EU and US said"): never a long form of either.
_JOINT_RE = re.compile(r"\s(?:and|&)\s", re.IGNORECASE)
# Last words that make a name an organisation's ("Party", "Bank", "Union", "Foundation"): two
# such names that share their first and last words are two organisations unless equal
# ("Scottish National Party" is not the "Scottish Labour Party"), where two people's names
# with the same first name and surname are one person.
_ORGANISATION_HEADS = ORG_NOUNS | NAMESAKE_HEADS

__all__ = ["Person", "merge_people"]


@dataclass(frozen=True, kw_only=True)
class Person:
    """A person of the corpus: canonical name, aliases a user may type, titles, gender."""

    name: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    gender: Gender | None
    mentions: int
    documents: tuple[str, ...]


def merge_people(per_document: Mapping[str, DocPeople]) -> list[Person]:
    """Join the people of all documents: same full name, or same surname and first name."""
    groups: list[dict[str, Any]] = []
    index: dict[str, dict[str, Any]] = {}
    # Groups by the last word of their key (surname) and by the key of each title they hold,
    # in creation order: the merge looks a name up here instead of scanning every group (those
    # scans were quadratic: merge_people took 34 s on bbc-full, then 2.1 s, with the same people).
    by_surname: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_title: dict[str, list[dict[str, Any]]] = defaultdict(list)

    @cache
    def key_of(name: str) -> str:  # memoised: the same few thousand names recur millions of times
        return " ".join(normalize_name(w).replace(" ", "") for w in name.split())

    entries = [
        (doc_id, p) for doc_id, dp in sorted(per_document.items()) for p in dp.people
    ]
    for doc_id, p in sorted(entries, key=lambda e: -len(e[1].name.split())):
        k = key_of(p.name)
        parts = k.split()
        g = index.get(k) if len(parts) >= 2 else None
        if g is None and len(parts) >= 2:
            for other in by_surname.get(parts[-1], []):
                op = other["key"].split()
                if len(op) >= 2 and op[-1] == parts[-1] and _same_first(op[0], parts[0]) and (
                        parts[-1] not in _ORGANISATION_HEADS or _same_words(op, parts)):
                    g = other
                    break
        if g is None and len(parts) == 1:
            same = list(by_surname.get(parts[0], []))
            # Across documents a bare surname joins a person of that surname only when a title
            # agrees too ("Lord Vane" is not the lawyer "Ann Vane" of another article).
            agree = [o for o in same if _titles_agree(p.titles, o["titles"])]
            exact = index.get(k)
            short_of = _short_form_of(k, by_title.get(k, []), key_of) if exact is None else []
            if agree:
                g = max(agree, key=lambda o: sum(o["count"].values()))
            elif len(short_of) == 1:
                g = short_of[0]  # "Labour" said in one article, "Labour Party" in another
            elif exact is not None and (not p.titles or not exact["titles"]):
                g = exact  # the same bare name, and no title telling them apart
            elif not same and not p.strong:
                continue  # a bare capitalised word before "said": not enough to be a person
        if g is None:
            g = {"key": k, "forms": Counter(), "titles": [], "gender": Counter(),
                 "count": Counter(), "docs": set()}
            groups.append(g)
            if parts:
                by_surname[parts[-1]].append(g)
        index[k] = g
        g["forms"][p.name] += max(p.mentions, 1)
        g["titles"].extend(p.titles)
        for t in p.titles:
            holders = by_title[key_of(t)]
            if all(h is not g for h in holders):
                holders.append(g)
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
        # A rank is no alias on its own; with the surname it is ("Lord Vane").
        aliases.extend(t for t in titles if t.lower() not in RANKS)
        aliases.extend(f"{t} {surname}" for t in titles if t.lower() in RANKS)
        gender = g["gender"].most_common(1)[0][0] if g["gender"] else None
        people.append(
            Person(name=name, aliases=tuple(dict.fromkeys(aliases)), titles=titles, gender=gender,
                   mentions=sum(g["count"].values()), documents=tuple(sorted(g["docs"])))
        )
    people.sort(key=lambda p: (-p.mentions, p.name))
    return people


def _short_form_of(
    key: str, groups: list[dict[str, Any]], key_of: Callable[[str], str]
) -> list[dict[str, Any]]:
    """Among `groups` (those holding a title whose key is `key`, in creation order), the
    organisations of which a bare name is the short form: the group's own
    document listed it among its other forms (`qa.organisations.org_aliases`, kept as titles:
    "Labour" for "Labour Party") and it opens one of the group's names. Joined only when
    exactly one group qualifies ("Virgin" for both "Virgin Radio" and "Virgin Atlantic" stays
    apart), nor names joined by "and" ("EU and US" is no long form of "EU"). Rule, not a
    threshold: a failure of the labelled questions (the party's statements split between its
    short and full name across articles); on bbc-full it joins "Labour", "Conservative",
    "Menatep" and "Telegraph" to their "… Party"/"… Group" (checked by hand)."""
    out = []
    for g in groups:
        forms = [f for f in g["forms"] if len(f.split()) > 1]
        if any(_JOINT_RE.search(f) for f in forms):
            continue  # "EU and US": two names joined, no full name of either
        initials = {key_of(acronym_of(f)) for f in forms}
        if not any(key_of(t) == key and key not in initials for t in g["titles"]):
            continue  # a short form, not the initials ("EU" happens to be both above)
        if any(key_of(f).split()[0] == key for f in forms):
            out.append(g)
    return out


def _same_first(a: str, b: str) -> bool:
    """Two first names of one person: equal, an initial of the other, or a near spelling."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= FUZZY_MIN_SCORE


def _same_words(a: list[str], b: list[str]) -> bool:
    """Two organisations' names word for word: the same words up to "&" for "and", a plural
    or a near spelling ("Building Society/Societies Association", "Korea/Korean Development
    Bank"), not two different words ("World Trade/Health Organisation")."""
    def plain(words: list[str]) -> list[str]:  # without "and"/"&", plurals made singular
        return [w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") else w
                for w in words if w not in ("&", "and")]
    a, b = plain(a), plain(b)
    return len(a) == len(b) and all(_same_first(x, y) for x, y in zip(a, b, strict=True))


def _titles_agree(a: tuple[str, ...] | list[str], b: tuple[str, ...] | list[str]) -> bool:
    """Two title lists share a specific title word ("chancellor", "coach"), not only a
    generic one ("chief", "leader")."""
    def words(ts: tuple[str, ...] | list[str]) -> set[str]:
        return {w for t in ts for w in normalize_name(t).split()
                if w in TITLE_WORDS and w not in GENERIC_HEADS}
    return bool(words(a) & words(b))
