"""Candidate people of one document and the evidence for each: a title or honorific before the
name, an appositive after or before it, a speech verb, an age; a full name with none is kept
when the document gives its surname evidence elsewhere or a filter of qa.candidate_filters
says it is a person's. The runs come from qa.name_runs; qa.document_people groups the
candidates into people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.chunking import Chunk
from index.corpus import Document
from qa.candidate_filters import personal_relative, place_words, premodifier, subject_alone
from qa.lexicon import FUNCTION_WORDS, RANKS, speech_verbs
from qa.name_runs import capitalised_runs, sentence_initial, split_pairs, split_run
from qa.names import (
    Gender,
    Token,
    gender_of,
    is_name_token,
    is_title_head,
    is_title_word,
    tokens,
)
from qa.person_titles import (
    lower_title_before,
    title_phrase_before,
    title_shaped,
    trim_title,
)
from qa.work_titles import inside_work_title

__all__ = ["Candidate", "candidates"]

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


@dataclass
class Candidate:
    """A name found in the text with its evidence so far (mutable while it is weighed: a
    sentence-opening first word may move to its titles); qa.document_people groups them."""

    name_tokens: list[Token]
    titles: list[str] = field(default_factory=list)
    strong: bool = False
    weak: bool = False  # only a speech verb says it is a person
    gender: Gender | None = None
    lead: bool = False  # the name opens its sentence, with no title before it



def _has_full_name(phrase: str, common: set[str]) -> bool:
    """True when a phrase holds two name-like capitalised words in a row (another person)."""
    toks = [Token(0, 0, w) for w in re.findall(r"[^\W\d_][\w’'-]*", phrase)]
    return any(
        is_name_token(a, common) and is_name_token(b, common)
        for a, b in zip(toks, toks[1:], strict=False)
    )


def candidates(doc: Document, chunks: Sequence[Chunk], common: set[str]) -> list[Candidate]:
    """The candidate people of the body `chunks` of `doc`: those with evidence, and the full
    names without it that the document's other mentions or the filters make a person's."""
    text = doc.text
    cands: list[Candidate] = []
    maybe: list[Candidate] = []
    chunk_tokens = [tokens(text, ch.start, ch.end) for ch in chunks]  # each chunk's, once
    for ch, toks in zip(chunks, chunk_tokens, strict=True):
        index = {id(t): i for i, t in enumerate(toks)}
        for run in split_pairs(capitalised_runs(toks, text), common):
            i0 = index[id(run[0])]
            titled = i0 > 0 and toks[i0 - 1].is_word and is_title_head(toks[i0 - 1].low)
            split = split_run(run, sentence_initial(toks, i0), common, titled)
            if split is None:
                continue
            title, name = split
            if len(name) == 1 and not title and _DETERMINER_BEFORE_RE.search(
                    text, ch.start, name[0].start):
                continue  # "singer of Because the Night": a word of a title, not a name
            if len(name) == 1 and inside_work_title(text, ch.start, run[0].start):
                continue  # "the singer of Dancing Queen Tonight": a work's title
            lead = sentence_initial(toks, i0) and not title and all(
                t.low in FUNCTION_WORDS for t in run[: run.index(name[0])])
            before = text[ch.start : name[0].start]
            after = text[name[-1].end : ch.end]
            lower_title = lower_title_before(text, toks, index[id(title[0] if title else name[0])])
            title_toks = lower_title + title
            cand = Candidate(name, lead=lead)
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
                or (_SPEECH_BEFORE_RE.search(before) and not premodifier(name, after))
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
    places = place_words(chunk_tokens)
    for c in maybe:
        sur = c.name_tokens[-1].text
        if sur in evidenced or (c.name_tokens[0].text not in places
                                and subject_alone(text, chunks, sur)) or personal_relative(
                text, c.name_tokens):
            cands.append(c)
    for c in cands:
        _drop_sentence_opener(c, text, chunks)
    # A lone word used as a place ("in Moscow", "from Brussels") is not a person.
    return [
        c for c in cands
        if len(c.name_tokens) >= 2 or c.strong or c.name_tokens[0].text not in places
    ]



def _drop_sentence_opener(c: Candidate, text: str, chunks: Sequence[Chunk]) -> None:
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
