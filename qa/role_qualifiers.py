"""Whether a role phrase and a person's title name two different offices by the party each
names: "the Scottish Conservative leader" is not "Scottish National Party Holyrood leader
Ann Lee". Used when a role is matched to a titled
person (`qa.antecedents`); party nicknames count as one name (`qa.party_names`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.lexicon import TITLE_HEADS, TITLE_WORDS, word_set
from qa.party_names import PARTY_NAMES

__all__ = ["qualifiers_conflict"]

# Every form of a party, longest first, and the one word it stands for while comparing.
_PARTY_FORMS = sorted(((form, name.replace(" ", "")) for name, forms in PARTY_NAMES.items()
                       for form in (name, *forms)), key=lambda fw: -len(fw[0]))


# Words that name a political party in a title: the parties with seats at Westminster, the
# devolved parliaments and the US Congress in 2004-05 (the bbc-full years), as their own
# names write them, and "Party" itself ("Scottish National Party leader"). Hand-set,
# well-known; nicknames are joined first (`_PARTY_FORMS`).
_PARTY_WORDS = word_set(
    """
    party labour conservatives liberaldemocrats snp plaid cymru green greens ukip
    respect unionist unionists sdlp sinn féin fein alliance republican republicans democrat
    democrats democratic
    """
)


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
    """Whether the role `phrase` names a party none of `titles` names while every title names
    a party the phrase does not: one kind of office ("leader") in two parties. A place against
    a party ("the Mid-Bedfordshire MP" for "Tory MP Tom Hale") or a phrase or title with no
    qualifier of its own ("the leader", "the US president" for "President Lee") is no
    conflict: a person holds one party's office, but has a seat, a party and a country."""
    said = _qualifiers(phrase)
    if not titles or not said:
        return False
    held = [_qualifiers(t) for t in titles]
    everything = set().union(*held)
    if not (said - everything) & _PARTY_WORDS:
        return False
    return all((h - said) & _PARTY_WORDS for h in held)
