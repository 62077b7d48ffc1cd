"""Quote spans: the loop that visits only quote marks finds what visiting every character did."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qa.quote_marks as qm
from qa.quote_marks import QuoteSpan, quote_spans


def _per_character(text: str, start: int, end: int) -> list[QuoteSpan]:
    """`quote_spans` as it was first written: every character visited (the reference)."""
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

    i = start
    while i < end:
        c = text[i]
        if c in qm._OPEN_DOUBLE or (c == '"' and open_at is None and qm._is_open_straight(
                text, i, start, end)):
            if open_at is not None and kind == "d":
                close(open_at, None, i)  # a new quotation opens: the last one ended unclosed
            if open_at is None or kind == "d":
                open_at, kind = i, "d"
            first_mark = False
        elif c == '"' and open_at is not None and kind == "d" and qm._is_close_straight(
                text, i, start, end):
            close(open_at, i, i)
            open_at = None
            first_mark = False
        elif c == '"' and qm._is_open_straight(text, i, start, end):
            if open_at is not None and kind == "d":
                close(open_at, None, i)  # '…26 weeks. "We are going…': a new quotation
            if open_at is None or kind == "d":
                open_at, kind = i, "d"
            first_mark = False
        elif c in qm._CLOSE_DOUBLE or c == '"':
            if open_at is not None and kind == "d":
                close(open_at, i, i)
                open_at = None
            elif open_at is None and first_mark and (c != '"' or qm._is_close_straight(
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
        elif c == "'" and open_at is None and qm._is_open_straight(text, i, start, end):
            nxt = text[i + 1] if i + 1 < end else " "
            if nxt.isalpha():
                open_at, kind = i, "'"
        elif c == "'" and open_at is not None and kind == "'" and qm._is_close_straight(
                text, i, start, end):
            close(open_at, i, i)
            open_at = None
        if open_at is not None and kind in ("s", "'") and i - open_at > 400:
            open_at = None  # an apostrophe, not a quotation
        i += 1
    if open_at is not None and kind == "d":
        close(open_at, None, end)
    return spans


# Texts of quote marks, apostrophes and word runs, some longer than the 400 characters after
# which an open single quotation is taken for an apostrophe.
_PIECES = st.one_of(
    st.sampled_from(list("“„«”»\"‘’' \n(-:.,")),
    st.integers(1, 450).map(lambda n: "w" * n),
    st.text(alphabet="ab ", min_size=1, max_size=8),
)


@given(st.lists(_PIECES, max_size=40), st.data())
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_quote_spans_equal_the_per_character_loop(pieces: list[str], data: st.DataObject):
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert quote_spans(text, start, end) == _per_character(text, start, end)


def test_single_quotation_open_401_characters_is_an_apostrophe_at_a_mark_too():
    # The mark 401 characters after the opening one is still read as closing it; one further
    # on, the quotation has already been dropped.
    for gap, closed in ((399, True), (400, False), (401, False)):
        text = "‘w" + "w" * gap + "’ x"
        got = quote_spans(text, 0, len(text))
        assert got == _per_character(text, 0, len(text))
        assert (got == [QuoteSpan(0, gap + 2, 1, gap + 2)]) is closed
