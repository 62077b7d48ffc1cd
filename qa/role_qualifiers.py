"""Whether a role phrase and a person's title name two different offices by their proper-noun
qualifiers: "the Scottish Conservative leader" is not "Scottish National Party Holyrood leader
Ann Lee" — each names a party or place the other lacks. Used when a role is matched to a titled
person (`qa.antecedents`); party nicknames count as one name (`qa.party_names`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.lexicon import TITLE_HEADS, TITLE_WORDS
from qa.party_names import PARTY_NAMES

__all__ = ["qualifiers_conflict"]

# Every form of a party, longest first, and the one word it stands for while comparing.
_PARTY_FORMS = sorted(((form, name.replace(" ", "")) for name, forms in PARTY_NAMES.items()
                       for form in (name, *forms)), key=lambda fw: -len(fw[0]))


def _qualifiers(phrase: str) -> set[str]:
    """The capitalised words of a phrase that are no title word ("Scottish", "Conservatives",
    "Holyrood"), parties written one way, lower-cased; a phrase-opening "The" is left out."""
    for form, word in _PARTY_FORMS:
        phrase = re.sub(rf"\b{re.escape(form)}\b", word, phrase)
    words = re.findall(r"[\w’'-]+", phrase)
    out = set()
    for i, w in enumerate(words):
        low = w.lower().removesuffix("’s").removesuffix("'s")
        if not w[0].isupper() or low in TITLE_HEADS or low in TITLE_WORDS:
            continue
        if i == 0 and low in ("the", "a", "an"):
            continue
        out.add(low)
    return out


def qualifiers_conflict(phrase: str, titles: Sequence[str]) -> bool:
    """Whether the role `phrase` has a proper-noun qualifier none of `titles` has while every
    title has one the phrase lacks: two offices of one kind ("leader") held in different
    parties or places. A phrase or title with no qualifier of its own ("the leader", "the US
    president" for "President Lee") is no conflict."""
    said = _qualifiers(phrase)
    if not titles or not said:
        return False
    held = [_qualifiers(t) for t in titles]
    everything = set().union(*held)
    if not said - everything:
        return False
    return all(h - said for h in held)
