"""One unnamed member of a group as a speaker, described by a participle phrase: '"…," said
one musician quoted by the report'. The speaker is the member noun, as for '"…," said one fan'
(`UNNAMED_PERSON_AFTER_RE`, tried first). A step of the subject after a cue
(`qa.speech_subjects`).
"""

from __future__ import annotations

import re

from qa.lexicon import GROUP_NOUNS

__all__ = ["group_member_after"]

# The singular of each plural group noun ending in a plain "s" ("analysts" -> "analyst");
# GROUP_NOUNS is the hand-set list of unnamed groups of sources in `qa.lexicon`.
_MEMBERS = sorted((n[:-1] for n in GROUP_NOUNS if n.endswith("s") and not n.endswith("ies")),
                  key=len, reverse=True)
# "one [modifier] musician [quoted|surveyed|… by X]", ending the sentence or at a comma.
_MEMBER_AFTER_RE = re.compile(
    r"(?:[Oo]ne)\s+(?:[a-z-]+\s+)?(" + "|".join(_MEMBERS) + r")(?![\w’'-])"
    r"(?:\s+(?:quoted|surveyed|polled|questioned|interviewed|contacted)\s+by\s+"
    r"[^,.;:!?“”\"«»()]{1,60})?(?=\s*[,.;:!?]|\s*$)")


def group_member_after(text: str, at: int, hi: int) -> str | None:
    """The member noun of 'one <member of a group>' right at `at` (after a cue) when it ends
    the subject there; None otherwise (not "said one analyst would resign")."""
    m = _MEMBER_AFTER_RE.match(text, at, hi)
    return m.group(1).lower() if m is not None else None
