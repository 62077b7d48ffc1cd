"""Telling article prose from subheadings and web-page furniture, one paragraph at a time.

The rule is general, not a list of one site's lines:
- lines that match common web-furniture phrases ("Leave a Comment", "Related Articles",
  "Back to top", "Your email address will not be published", "Categories:") are furniture;
- a short line without sentence-final punctuation that starts in lower case is furniture
  (scraped widget labels such as "open box"; real headings are capitalised);
- any other short line without sentence-final punctuation is a subheading;
- the chunker adds a positional rule: short lines after the last prose paragraph are furniture.
"""

from __future__ import annotations

import re
from enum import Enum

__all__ = ["HEADING_MAX_WORDS", "LineKind", "classify_line", "heading_text"]

# Short lines: a subheading has at most this many words (hand-set, not calibrated).
HEADING_MAX_WORDS = 12
# Furniture phrases are matched only on lines this short: prose that merely starts with
# "Share" or "Cookie" is still prose (hand-set, not calibrated).
_FURNITURE_MAX_WORDS = 15

_FURNITURE_RE = re.compile(
    r"""^(?:
        (?:leave|post|add|write)\s+a\s+(?:comment|reply)
      | \d*\s*comments?(?:\s*\(\d+\))?
      | (?:related|recommended|more|popular|trending|latest)\s+
          (?:articles?|posts?|stories|news|reads?)
      | back\s+to\s+top(?:\s+button)?
      | (?:read|see|show|load)\s+more
      | (?:click|tap)\s+here.*
      | (?:share|tweet|pin|email|print)(?:\s+(?:this|on|via)\b.*)?
      | your\s+email\s+address\s+will\s+not\s+be\s+published.*
      | required\s+fields\s+are\s+marked.*
      | (?:article\s+)?(?:categories|category|tags|filed\s+under|topics)\s*:.*
      | advertisements?
      | skip\s+to\s+(?:main\s+)?content
      | (?:sign\s+up|subscribe)\b.*
      | follow\s+us\b.*
      | (?:we\s+use\s+)?cookies?\b.*
      | all\s+rights\s+reserved.*
      | (?:©|\(c\)|copyright)\s.*
      | previous\s+(?:article|post)|next\s+(?:article|post)
      | (?:image|photo|picture)\s*(?:source|credit)s?\s*:?.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_FINAL_PUNCT_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")


class LineKind(Enum):
    PROSE = "prose"
    HEADING = "heading"
    FURNITURE = "furniture"


def heading_text(line: str) -> str:
    """The heading as a reader sees it (Markdown `#` marks removed)."""
    return _MD_HEADING_RE.sub("", line).strip().rstrip("#").strip()


def classify_line(paragraph: str) -> LineKind:
    """Classify one paragraph (usually one line) as prose, subheading or furniture."""
    text = paragraph.strip()
    if not text:
        return LineKind.FURNITURE
    if _MD_HEADING_RE.match(text):
        return LineKind.HEADING
    words = text.split()
    if len(words) <= _FURNITURE_MAX_WORDS and _FURNITURE_RE.match(text):
        return LineKind.FURNITURE
    if len(words) > HEADING_MAX_WORDS or _FINAL_PUNCT_RE.search(text):
        return LineKind.PROSE
    first = next((c for c in text if c.isalpha()), "")
    if first and first.islower():
        return LineKind.FURNITURE
    if not first:  # digits and symbols only: page numbers, separators
        return LineKind.FURNITURE
    return LineKind.HEADING
