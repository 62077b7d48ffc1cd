"""The well-known other names of political parties in British news copy ("Tories" for the
Conservatives, "Lib Dems" for the Liberal Democrats): one speaker under one name, whichever
form an article uses, and the other forms as aliases a user may type.

A hand-set, well-known word list (issue 11): the parties' own short names and the nicknames the
BBC style guide and the parties' Wikipedia articles give ("Conservative Party … also known
colloquially as the Tories"; "Liberal Democrats … Lib Dems"). No other party has a second name
in the dev articles; "Labour" already joins "Labour Party" through `qa.people_merge`.
"""

from __future__ import annotations

__all__ = ["PARTY_NAMES", "canonical_party", "party_aliases"]

# canonical speaker name -> the other forms news copy writes for that party
PARTY_NAMES: dict[str, tuple[str, ...]] = {
    "Conservatives": ("Tories", "Tory", "Tory Party", "Conservative", "Conservative Party"),
    "Liberal Democrats": ("Lib Dems", "Lib Dem", "Liberal Democrat", "Liberal Democrat Party"),
}
_CANONICAL = {form.lower(): name for name, forms in PARTY_NAMES.items()
              for form in (name, *forms)}


def canonical_party(name: str) -> str:
    """The party's canonical name for any of its forms ("the Tories" -> "Conservatives");
    any other name unchanged."""
    key = name.lower().removeprefix("the ").strip()
    return _CANONICAL.get(key, name)


def party_aliases(name: str) -> tuple[str, ...]:
    """The other forms of a canonical party name (empty for any other name)."""
    return PARTY_NAMES.get(name, ())
