"""Titles before and around a person's name ("foreign minister Sergei Lavrov", "..., the US
ambassador to Russia"): where a title phrase starts and ends, and when words are a clause
rather than a title. Read by qa.name_candidates when it learns people and their roles."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.lexicon import FUNCTION_WORDS, HONORIFICS, TITLE_JOINERS
from qa.names import Token, is_name_token, is_title_head, is_title_word

__all__ = ["clean_title", "lower_title_before", "title_phrase_before", "title_shaped",
           "trim_title"]

# English modal verbs: a title word right after one is a verb ("will captain England": the
# team is no person titled captain; bbc-full sport/369). Hand-set, the closed class.
_MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})


def lower_title_before(text: str, toks: list[Token], idx: int) -> list[Token]:
    """Lower-case title words right before token idx ("foreign minister Sergei Lavrov")."""
    out: list[Token] = []
    j = idx - 1
    while j >= 0 and idx - j <= 5:
        t = toks[j]
        gap = text[t.end : (out[0] if out else toks[idx]).start]
        if not gap.isspace():
            break
        if t.is_word and (is_title_word(t.low) or (out and t.is_cap)):
            out.insert(0, t)
            j -= 1
            continue
        if out and t.low == "s" and j >= 2 and toks[j - 1].text in "'’" and toks[j - 2].is_cap:
            out[:0] = [toks[j - 2], toks[j - 1], t]  # "Dore's publicist Eva Day"
        break
    if len(out) == 1 and j >= 0 and toks[j].low in _MODALS:
        return []  # "will captain England", "would chair Zentrix": a verb, not a title
    # Demonyms or organisations before the title ("Russian foreign minister").
    return out if any(is_title_word(t.low) for t in out) else []


def trim_title(title: list[Token], common: set[str]) -> list[Token]:
    """A title without honorifics, sentence openers, or another person named before "and"."""
    while title and (title[-1].low in HONORIFICS or title[-1].low in TITLE_JOINERS):
        title = title[:-1]
    ands = [i for i, t in enumerate(title) if t.low == "and"]
    if ands:
        i = ands[-1]
        if any(t.low in HONORIFICS or is_name_token(t, common) for t in title[:i]):
            title = title[i + 1 :]
    while title and (
        title[0].low in FUNCTION_WORDS or (
            title[0].low in common and not is_title_word(title[0].low)
            and not (len(title) > 1 and is_title_word(title[1].low)))
    ):
        title = title[1:]
    return title if any(is_title_word(t.low) for t in title) else []


def title_phrase_before(phrase: str) -> str | None:
    """The title NP at the end of a clause before ", Name" ("... the US ambassador to Russia")."""
    words = phrase.split()[-10:]
    heads = [i for i, w in enumerate(words) if is_title_head(re.sub(r"['’]s$", "", w.lower()))]
    if not heads:
        return None
    first = heads[0]
    start = None
    for i in range(first, -1, -1):
        if words[i].lower() in ("the", "a", "an") or words[i].endswith(("’s", "'s")):
            start = i + (1 if words[i].lower() in ("the", "a", "an") else 0)
            break
    if start is None:
        # No determiner: only the title words, capitalised words and joiners right before the
        # head ("… his second term as US President" gives "US President", not the clause).
        start = first
        while start > 0 and (words[start - 1][:1].isupper() or is_title_word(
                words[start - 1].lower()) or words[start - 1].lower() in ("of", "for")):
            start -= 1
    title = words[start:]
    if not title_shaped(title):
        return None
    return " ".join(title) or None


def title_shaped(words: Sequence[str]) -> bool:
    """A title is a short noun phrase: at most 8 words (hand-set: the longest dev-set titles,
    "shadow local government secretary", have 4-6) and no pronoun or relative word, which
    would make it a clause ("politics as he begins his second term as US President")."""
    return 0 < len(words) <= 8 and not any(
        w.lower().strip(",.") in _CLAUSE_WORDS for w in words)


# Words that start or mark a clause, never inside a title (hand-set English list).
_CLAUSE_WORDS = frozenset({"he", "she", "they", "we", "i", "you", "it", "who", "which", "that",
                           "whose", "when", "while", "because", "as", "is", "was", "are",
                           "were", "has", "had", "have", "will", "would"})


def clean_title(title: str) -> str:
    """A stored title without its article and edge punctuation ("the chairman," -> "chairman")."""
    t = re.sub(r"^(?:the|a|an)\s+", "", title.strip(), flags=re.IGNORECASE)
    return t.strip(" ,")
