"""Where quotations open and close in a text, in any quote style (“…”, "…", «…», ‘…’, '…'):
pure functions over offsets, so that every quotation slices its document exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuoteSpan", "quote_spans"]

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_WORD_CHAR = re.compile(r"\w")
_MARK = re.compile("[“„«”»\"‘’']")  # every character `quote_spans` acts on


@dataclass(frozen=True)
class QuoteSpan:
    """Words between quote marks: ``open_at``/``close_at`` are the marks (None when missing)."""

    open_at: int | None
    close_at: int | None
    start: int  # first character of the quoted words
    end: int  # one past the last quoted character


def _is_open_straight(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return (prev.isspace() or prev in "([{—–-/:") and not nxt.isspace()


def _is_close_straight(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return not prev.isspace() and not _WORD_CHAR.match(nxt)


def quote_spans(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Top-level quotations in ``text[start:end]`` in any quote style; unclosed ones run to
    the next opening mark or to `end`; a closing mark with no opening one starts at `start`."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    kind = ""  # "d" double/curly, "s" curly single, "'" straight single
    first_mark = True

    def close(at_open: int | None, close_at: int | None, qend: int) -> None:
        s = (at_open + 1) if at_open is not None else start
        e = qend
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1] in " \t\r\n,":
            e -= 1
        if e > s:
            spans.append(QuoteSpan(at_open, close_at, s, e))

    # Only quote marks change the state, so the loop visits them alone; what a character in
    # between did (close a single quotation open for over 400 characters) is done first.
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        if open_at is not None and kind in ("s", "'") and i - 1 - open_at > 400:
            open_at = None
        c = text[i]
        if c in _OPEN_DOUBLE or (c == '"' and open_at is None and _is_open_straight(
                text, i, start, end)):
            if open_at is not None and kind == "d":
                close(open_at, None, i)  # a new quotation opens: the last one ended unclosed
            if open_at is None or kind == "d":
                open_at, kind = i, "d"
            first_mark = False
        elif c == '"' and open_at is not None and kind == "d" and _is_close_straight(
                text, i, start, end):
            close(open_at, i, i)
            open_at = None
            first_mark = False
        elif c == '"' and _is_open_straight(text, i, start, end):
            if open_at is not None and kind == "d":
                close(open_at, None, i)  # '…26 weeks. "We are going…': a new quotation
            if open_at is None or kind == "d":
                open_at, kind = i, "d"
            first_mark = False
        elif c in _CLOSE_DOUBLE or c == '"':
            if open_at is not None and kind == "d":
                close(open_at, i, i)
                open_at = None
            elif open_at is None and first_mark and (c != '"' or _is_close_straight(
                    text, i, start, end)):
                close(None, i, i)  # the tail of a quotation opened in an earlier chunk
            first_mark = False
        elif c == "‘" and open_at is None:
            open_at, kind = i, "s"
        elif c == "’" and open_at is not None and kind == "s":
            nxt = text[i + 1] if i + 1 < end else " "
            if not nxt.isalpha():
                close(open_at, i, i)
                open_at = None
        elif c == "'" and open_at is None and _is_open_straight(text, i, start, end):
            nxt = text[i + 1] if i + 1 < end else " "
            if nxt.isalpha():
                open_at, kind = i, "'"
        elif c == "'" and open_at is not None and kind == "'" and _is_close_straight(
                text, i, start, end):
            close(open_at, i, i)
            open_at = None
        if open_at is not None and kind in ("s", "'") and i - open_at > 400:
            open_at = None  # an apostrophe, not a quotation
    if open_at is not None and kind == "d":
        close(open_at, None, end)
    return spans
