"""Organisations as speakers: acronyms, canonical names, subjects before and after a cue."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qa.organisations import (
    acronym_of,
    acronyms,
    canonical_org,
    org_aliases,
    organisation_after,
    organisation_before,
)


def test_acronyms_defined_in_the_text():
    text = "The Northern Fisheries Board (NFB) said catches fell. The NFB added more."
    assert acronyms(text) == {"NFB": "Northern Fisheries Board"}
    assert canonical_org("NFB", acronyms(text), []) == "Northern Fisheries Board"
    # Initials of an organisation that spoke before, without a definition.
    assert canonical_org("WTA", {}, ["Western Transport Agency"]) == "Western Transport Agency"
    assert canonical_org("Acme", {}, []) == "Acme"


def test_aliases_a_user_may_type():
    assert "NFB" in org_aliases("Northern Fisheries Board", {})
    assert "Green" in org_aliases("Green Party", {})
    assert org_aliases("Acme", {}) == ()


def test_subject_before_a_cue():
    o = organisation_before("Later a Zentrix spokesman ", 100)
    assert o is not None and o.name == "Zentrix" and not o.via_noun
    o = organisation_before("But the Northern Fisheries Board (NFB) ", 0)
    assert o is not None and o.name == "Northern Fisheries Board"
    o = organisation_before("In a statement, the firm ", 0)
    assert o is not None and o.via_noun
    # Titles, honorifics, pronouns and ages are not organisations.
    assert organisation_before("The Prime Minister ", 0) is None
    assert organisation_before("He ", 0) is None
    assert organisation_before("Mr ", 0) is None
    o = organisation_before("the 21-year-old ", 0)
    assert o is None or not o.name


def test_subject_after_a_cue():
    text = "sales fell, said Zentrix. Later"
    o = organisation_after(text, text.index("Zentrix"), len(text))
    assert o is not None and o.name == "Zentrix"
    text = "according to industry watchdog Telcoreg, prices rose"
    o = organisation_after(text, text.index("industry"), len(text))
    assert o is not None and o.name == "Telcoreg"


@given(st.lists(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=1)
                .map(lambda c: c + "abc"), min_size=1, max_size=6))
def test_acronym_is_the_initials(words: list[str]):
    assert acronym_of(" ".join(words)) == "".join(w[0] for w in words)
