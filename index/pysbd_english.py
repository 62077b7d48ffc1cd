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
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.processor import Processor
from pysbd.utils import Text

__all__ = ["FastAbbreviationEnglish"]


def _after_space_or_start(text: str, lowered: str, word: str) -> list[str]:
    r"""What ``re.findall(rf"(?:^|\s|\r|\n){word}", text, flags=re.IGNORECASE)`` gives for
    an ASCII letters-only `word` in an ASCII `text` whose lower case is `lowered` (letters and
    whitespace where `text` has them): `word` at the start, or a whitespace character and
    `word` (matches cannot overlap: a match is letters after one whitespace character)."""
    out: list[str] = []
    n = len(word)
    i = lowered.find(word)
    while i >= 0:
        if i == 0:
            out.append(text[:n])
        elif lowered[i - 1].isspace():
            out.append(text[i - 1 : i + n])
        i = lowered.find(word, i + 1)
    return out


def _before_full_stop(text: str, lower_letter: bool) -> bool:
    """Whether a full stop in `text` follows a decimal digit (``\\d`` in a str pattern), or
    with `lower_letter` an ASCII lower-case letter at the text's start or after whitespace."""
    i = text.find(".", 1)
    while i >= 0:
        c = text[i - 1]
        if lower_letter:
            if "a" <= c <= "z" and (i == 1 or text[i - 2].isspace()):
                return True
        elif c.isdecimal():
            return True
        i = text.find(".", i + 1)
    return False


class _ListItemReplacer(ListItemReplacer):  # type: ignore[misc]
    """pysbd's list-item replacer, skipping the list scans whose patterns need what the text
    lacks: every alternative of the alphabetical-list patterns ends in a lower-case letter at
    the start or after whitespace, then "." (or any letters then ")"); of the numbered-list
    patterns, a digit then "." (or then ")"). With no match the scans change nothing."""

    def iterate_alphabet_array(self, regex: str, parens: bool = False,
                               roman_numeral: bool = False) -> str:
        if regex == self.ALPHABETICAL_LIST_WITH_PARENS and ")" not in self.text or (
                regex == self.ALPHABETICAL_LIST_WITH_PERIODS
                and not _before_full_stop(self.text, lower_letter=True)):
            return str(self.text)
        return str(super().iterate_alphabet_array(regex, parens, roman_numeral))

    def scan_lists(self, regex1: str, regex2: str, replacement: str,
                   strip: bool = False) -> None:
        if regex1 == self.NUMBERED_LIST_PARENS_REGEX and ")" not in self.text or (
                regex1 == self.NUMBERED_LIST_REGEX_1
                and not _before_full_stop(self.text, lower_letter=False)):
            return
        super().scan_lists(regex1, regex2, replacement, strip)


class FastAbbreviationEnglish(English):  # type: ignore[misc]  # (pysbd has no type hints)
    """pysbd's English, whose abbreviation and list-item replacers skip or replace regex
    scans."""

    class Processor(Processor):  # type: ignore[misc]
        """pysbd's processor with `_ListItemReplacer` (`process` copied from pysbd 0.3.4)."""

        text: Any

        def process(self) -> Any:
            if not self.text:
                return self.text
            self.text = self.text.replace("\n", "\r")
            li = _ListItemReplacer(self.text)
            self.text = li.add_line_break()
            self.replace_abbreviations()
            self.replace_numbers()
            self.replace_continuous_punctuation()
            self.replace_periods_before_numeric_references()
            self.text = Text(self.text).apply(
                self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
                self.lang.GeoLocationRule, self.lang.FileFormatRule)
            return self.split_into_segments()

    class AbbreviationReplacer(English.AbbreviationReplacer):  # type: ignore[misc]
        r"""pysbd's `search_for_abbreviations_in_string` (copied from 0.3.4) and
        `scan_for_replacements`, with regex scans replaced or skipped where their result is
        known without them:

        - the abbreviation's own scan, ``(?:^|\s|\r|\n)abbr`` ignoring case, is a `str.find`
          loop for a letters-only abbreviation in an ASCII line (in ASCII, ignoring case is
          `str.lower`, and the loop only turns "." into "∯", so letters and whitespace stay
          where `lowered` has them);
        - the scan for the character after the abbreviation, ``(?<={abbr} ).``: pysbd's
          pattern asks for the abbreviation in literal braces, so it finds nothing in a line
          without "{";
        - each replacement of a letters-only abbreviation's full stop (three patterns, each
          ``(?<=\sabbr)\.`` and a lookahead, case kept) changes nothing when the line does not
          hold the abbreviation and a full stop.
        """

        def search_for_abbreviations_in_string(self, text: str) -> str:
            lowered = text.lower()
            plain = text.isascii()
            for abbr in self.lang.Abbreviation.ABBREVIATIONS:
                stripped = abbr.strip()
                if stripped not in lowered:
                    continue
                if plain and stripped.isascii() and stripped.isalpha():
                    abbrev_match = _after_space_or_start(text, lowered, stripped)
                else:
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

        def scan_for_replacements(self, txt: str, am: str, ind: int, char_array: Any) -> str:
            abbr = am.strip()
            if abbr.isascii() and abbr.isalpha() and f"{abbr}." not in txt:
                return txt
            return str(super().scan_for_replacements(txt, am, ind, char_array))
