"""pysbd's English rules with a cheaper abbreviation search, same output: pysbd (0.3.4) runs two
regex scans of a paragraph for each of its 188 abbreviations that occurs in it as a substring
("co" in "could"), and these scans were a quarter of the QA layer's statement extraction.
`index.chunking` segments with this language; tests/index/test_pysbd_english.py compares it
with pysbd's own on invented texts and on news.
"""

from __future__ import annotations

import re
from typing import Any

from pysbd.lang.english import English

__all__ = ["FastAbbreviationEnglish"]


def _after_space_or_start(lowered: str, word: str) -> bool:
    """Whether `word` occurs in `lowered` at its start or right after a whitespace character."""
    i = lowered.find(word)
    while i >= 0:
        if i == 0 or lowered[i - 1].isspace():
            return True
        i = lowered.find(word, i + 1)
    return False


class FastAbbreviationEnglish(English):  # type: ignore[misc]  # (pysbd has no type hints)
    """pysbd's English, whose abbreviation replacer skips scans that cannot match."""

    class AbbreviationReplacer(English.AbbreviationReplacer):  # type: ignore[misc]
        """pysbd's `search_for_abbreviations_in_string` (copied from 0.3.4), with two scans
        skipped where their result is known without them:

        - the abbreviation's own scan, ``(?:^|\\s|\\r|\\n)abbr`` ignoring case, in an ASCII
          line when a letters-only abbreviation never follows whitespace or the line's start
          (in ASCII, ignoring case is `str.lower`, and the loop only turns "." into "∯", so
          letters and whitespace stay where `lowered` has them);
        - the scan for the character after the abbreviation, ``(?<={abbr} ).``: pysbd's
          pattern asks for the abbreviation in literal braces, so it finds nothing in a line
          without "{".
        """

        def search_for_abbreviations_in_string(self, text: str) -> str:
            lowered = text.lower()
            plain = text.isascii()
            for abbr in self.lang.Abbreviation.ABBREVIATIONS:
                stripped = abbr.strip()
                if stripped not in lowered:
                    continue
                if (plain and stripped.isascii() and stripped.isalpha()
                        and not _after_space_or_start(lowered, stripped)):
                    continue
                abbrev_match = re.findall(
                    rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE
                )
                if not abbrev_match:
                    continue
                char_array: list[Any] = []
                if "{" in text:
                    next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
                    char_array = re.findall(next_word_start, text)
                for ind, match in enumerate(abbrev_match):
                    text = self.scan_for_replacements(text, match, ind, char_array)
            return text
