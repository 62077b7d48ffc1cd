"""A role named before its holder: "the chairman of the Police Federation … said …", then, in
the next sentence, "Jan Berry said: …" — the role is the person the article introduces next.
A step of role attribution (`qa.antecedents`), used only when no earlier person holds the role.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from qa.attribution_shapes import PERSON_VOICES
from qa.document_people import Mention
from qa.quote_sentences import opens_sentence

__all__ = ["introduced_next"]

# How far after the role's cue the holder may be introduced: the lead rule of
# `Antecedents._role_antecedent` uses the same 300 characters (hand-set).
_WINDOW = 300
# The role must name its organisation ("the chairman of the Police Federation"): a bare "the
# spokesman" refers back to someone met before, not forward (spot check, politics/078).
_ROLE_OF_ORG_RE = re.compile(
    r"(?:the|The)\s+((?:[a-z][\w’'-]*\s+){0,3}?[a-z][\w-]*)\s+(?:of|at|for)\s+(?:the\s+)?[A-Z]")


def introduced_next(text: str, mentions: Sequence[Mention], pos: int,
                    eligible: Callable[[str], bool]) -> str | None:
    """For a role naming its organisation at `pos` (no spokesperson), the person first named
    after it when that mention opens its sentence, lies within
    `_WINDOW` characters, is the person's first mention in the document and `eligible` holds
    for them (untitled, no organisation); None otherwise. A name already met, or one inside a
    sentence, is not an introduction of the role's holder."""
    role = _ROLE_OF_ORG_RE.match(text, pos)
    if role is None or role.group(1).split()[-1].lower() in PERSON_VOICES:
        return None  # a spokesperson is seldom named after the fact
    nxt = next((m for m in mentions if pos < m.start), None)
    if nxt is None or nxt.start > pos + _WINDOW or not opens_sentence(text, nxt.start):
        return None
    if any(m.name == nxt.name and m.start < nxt.start for m in mentions):
        return None
    return nxt.name if eligible(nxt.name) else None
