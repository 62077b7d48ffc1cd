"""A person introduced with a role apposition before a speech cue ("Jo Sullivan, spokesman for
software firm Zentrix said …"): the person is the cue's subject, not the organisation the
apposition places them in, even when the people table does not list them (issue 11, held-out
sample 12).
"""

from __future__ import annotations

import re

from qa.lexicon import ORG_WORDS, TITLE_HEADS

__all__ = ["apposed_person"]

# A sentence-initial name of two to four capitalised words (initials allowed: "JF"), a comma, at
# most five words of a role phrase ending in a title head, then "for/of/at/with" and at most six
# words up to the cue, no clause set off by dashes or commas (hand-set; the English role
# apposition).
_APPOSITION_RE = re.compile(
    r"\s*(?P<name>(?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]+),\s+(?:(?:an?|the)\s+)?"
    r"(?P<role>(?:[\w’'-]+\s+){0,4}?[a-z][\w-]*)\s+(?:for|of|at|with)\s+"
    r"(?:[\w’'&.][\w’'&.-]*\s+){0,5}[\w’'&.][\w’'&.-]*,?\s*")


def apposed_person(window: str) -> tuple[int, str] | None:
    """(offset in `window`, name) of the person a window before a cue opens with, introduced
    by a role apposition whose head is a title word ("spokesman", "director"); None otherwise
    (no such shape, a role head missing, or a name holding an organisation word)."""
    m = _APPOSITION_RE.fullmatch(window)
    if m is None:
        return None
    if m.group("role").split()[-1].lower() not in TITLE_HEADS:
        return None
    name = m.group("name")
    if any(w.lower().strip(".") in ORG_WORDS for w in name.split()):
        return None
    return m.start("name"), name
