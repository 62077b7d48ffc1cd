"""Organisations as speakers: acronyms, canonical names, subjects before and after a cue."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from qa.organisations import (
    acronym_of,
    acronyms,
    canonical_org,
    name_followed_by,
    org_aliases,
    org_full_forms,
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


def test_acronym_of_the_last_words_of_a_name():
    text = "The EU Transport Safety Board (TSB) said more."
    assert acronyms(text) == {"TSB": "EU Transport Safety Board"}
    text = "figures compiled by Brill-Track for the Widget Makers Guild (Wimg) show"
    assert acronyms(text) == {}  # compiled *by* Brill-Track: not part of the name
    assert org_full_forms({"Transport Safety Board", "EU Transport Safety Board"}, "", set()) == {
        "Transport Safety Board": "EU Transport Safety Board"}


def test_short_forms_of_an_organisation_take_its_full_name():
    text = ("The Green Democrats have unveiled plans. Brill Radio said listeners rose. Brill "
            "said more. The Green Dems said the plans were costed. Tom Reed said so. The "
            "Acme Widget Trust (AWT) said it was pleased; Awt said more.")
    speakers = {"Brill Radio", "Green Dems", "Awt", "Acme Widget Trust"}
    full = org_full_forms(speakers, text, {"Tom Reed"}, {"Brill", "Tom"})
    assert full["Brill"] == "Brill Radio"
    assert full["Green Dems"] == "Green Democrats"
    assert full["Awt"] == "Acme Widget Trust"
    assert "Tom" not in full  # no organisation speaker starts with it
    # A first-words match needs the longer form to speak: "Acme" is not "Acme Widget Trust"
    # unless that one spoke.
    assert org_full_forms({"Brill"}, text, set()) == {}


def test_acronyms_remembered_as_new_dicts() -> None:
    # Extraction asks twice per document: remembered, and each caller gets its own dict.
    text = "The Northern Fisheries Board (NFB) met. The NFB said no."
    first, second = acronyms(text), acronyms(text)
    assert first == second == {"NFB": "Northern Fisheries Board"}
    first["X"] = "changed"
    assert acronyms(text) == {"NFB": "Northern Fisheries Board"}
    assert acronyms("The Northern Fisheries Board NFB met.") == {}


_NAMES = st.sampled_from(["Zentrix", "Zentrix Corp", "BAA", "A", "U.S.", "Tom's", "AA"])
_TEXT = st.lists(st.sampled_from(["Zentrix", "Zentrix Corp", "BAA", "A", "AA", "U.S.", "'s",
                                  "’s ", " spokesman", " boss", " ", "x", "-", "_", "Tom's"]),
                 max_size=12).map("".join)


@given(name=_NAMES, text=_TEXT)
def test_name_followed_by_equals_the_per_name_regex(name, text):
    """`name_followed_by` is the regex it replaced, without a pattern compiled per name."""
    for after in (re.compile(r"[’']s\s+"), re.compile(r"(?:[’']s)?\s+(?:spokesman|boss)")):
        want = [m.end() for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}{after.pattern}",
                                             text)]
        assert name_followed_by(text, name, after) == want
