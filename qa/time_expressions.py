"""Time expressions of news prose and the days they stand for, relative to an article's date.

`find_expressions` finds "on Wednesday (26 January)", "yesterday", "last week", "earlier this
month", "in October", "two weeks ago", "26 January", "May 3rd, 2022", "29/04/2024" in a text;
`resolve` turns one into a span of days (`DaySpan`), given the article's date. The news rules
(a weekday is the latest such day on or before the article date) are ours; explicit dates are
parsed by dateparser. Pure functions: no I/O, no clock (a relative expression without an
article date resolves to nothing).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

__all__ = [
    "DaySpan",
    "Expression",
    "ExpressionKind",
    "find_expressions",
    "resolve",
]

ExpressionKind = Literal["weekday", "relative", "month", "ago", "explicit"]

# A year-less explicit date ("on 12 February") is read as the latest such day on or before the
# article date; when that is more than half a year back, the writer more likely meant a day
# ahead (an event), which is no date of a statement. Hand-set: half a year.
YEARLESS_MAX_DAYS_BACK = 183

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = tuple(calendar.month_name)[1:]
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_MONTH = rf"(?:{'|'.join(_MONTHS)}|(?:{_MONTH_ABBR})\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime))?"
_EXPLICIT = (
    rf"(?:{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?![\d])"
    rf"|(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9])/{_YEAR}"
    rf"|{_YEAR}-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9]))"
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# One pattern, alternatives named by kind ("at Monday's meeting" is a weekday: the occasion);
# what may stand before an expression ("on", "late on", "last") is part of it, so that offsets
# cover the whole phrase a reader sees.
_EXPR_RE = re.compile(
    r"(?<![\w’'-])(?:"
    rf"(?P<weekday>(?:(?:[Ll]ate|[Ee]arly)\s+)?(?:[Oo]n\s+)?(?P<wd_last>[Ll]ast\s+)?"
    rf"(?P<wd>{'|'.join(_WEEKDAYS)}){_PART}"
    rf"(?:\s*\((?P<wd_paren>{_EXPLICIT})\))?"
    rf"|(?:[Aa]t|[Dd]uring|[Aa]fter)\s+(?P<wd_at>{'|'.join(_WEEKDAYS)})[’']s(?=\s+\w))"
    rf"|(?P<relative>(?:[Ee]arlier\s+|[Ll]ater\s+)?(?:yesterday|today|tonight){_PART}"
    r"|(?:[Ee]arlier|[Ll]ate|[Ee]arly)\s+(?:this|last)\s+(?:week|month|year)"
    r"|[Ll]ast\s+(?:night|week|weekend|month|year)"
    r"|[Tt]his\s+(?:week|month|year|morning|afternoon|evening)"
    r"|(?:at|over)\s+the\s+weekend|[Ee]arlier\s+(?:today|in\s+the\s+day))"
    r"|(?P<ago>(?P<ago_n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<ago_unit>day|week|month)s?\s+ago)"
    rf"|(?P<explicit>(?:[Oo]n\s+)?{_EXPLICIT})"
    rf"|(?P<month>(?:(?:[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate)\s+)?(?:[Ii]n|[Ll]ast)\s+"
    rf"(?P<mo>{'|'.join(_MONTHS)})(?:\s+(?P<mo_year>{_YEAR})|\s+(?P<mo_last>last\s+year))?)"
    r")(?![\w’'-])(?![’']s)"
)
# A bare weekday or "Today" followed by a capitalised word is a name ("Sunday Times", "Today
# programme"); so is one after "the" or a possessive ("The Sunday Telegraph", "Sky News'
# Sunday with …").
_NAME_AFTER_RE = re.compile(r"\s+(?:[A-Z]|programme|[Pp]rogram\b)")
_THE_BEFORE_RE = re.compile(r"(?:\b[Tt]he|[’']s|s[’'])\s*$")
# British Sunday newspaper titles ("told the Mail on Sunday"): a well-known list.
_SUNDAY_PAPER_RE = re.compile(r"(?:Mail|Independent|Scotland|Wales|Ireland)\s+$")


@dataclass(frozen=True, kw_only=True)
class Expression:
    """A time expression found in a text: its words, offsets and what kind it is."""

    text: str
    start: int
    end: int
    kind: ExpressionKind


@dataclass(frozen=True, kw_only=True)
class DaySpan:
    """Days from `start` to `end` inclusive (one day when they are equal)."""

    start: date
    end: date


def find_expressions(text: str, start: int = 0, end: int | None = None) -> list[Expression]:
    """Time expressions in ``text[start:end]``, in order, with offsets into `text`. Names that
    hold a weekday ("The Sunday Times") and possessives ("Wednesday's meeting") are left out."""
    end = len(text) if end is None else end
    out = []
    for m in _EXPR_RE.finditer(text, start, end):
        kind = next(k for k in ("weekday", "relative", "ago", "explicit", "month")
                    if m.group(k) is not None)
        bare = not re.match(r"(?:on|last|late|early|earlier|later)\s", m.group(), re.I)
        if kind in ("weekday", "relative") and (
            bare and _NAME_AFTER_RE.match(text, m.end()) and not m.group("wd_paren")
            or _THE_BEFORE_RE.search(text, max(0, m.start() - 6), m.start())
            or m.group("wd") == "Sunday" and m.group().lower().startswith("on ")
            and _SUNDAY_PAPER_RE.search(text, max(0, m.start() - 12), m.start())
        ):
            continue
        out.append(Expression(text=m.group(), start=m.start(), end=m.end(),
                              kind=kind))  # type: ignore[arg-type]
    return out


def _day(d: date) -> DaySpan:
    return DaySpan(start=d, end=d)


def _weekday_on_or_before(day: date, weekday: int, strictly: bool = False) -> date:
    back = (day.weekday() - weekday) % 7
    return day - timedelta(days=back or (7 if strictly else 0))


def _month_span(year: int, month: int, until: date | None = None) -> DaySpan:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return DaySpan(start=date(year, month, 1), end=min(last, until) if until else last)


def _months_back(day: date, n: int) -> tuple[int, int]:
    k = day.year * 12 + day.month - 1 - n
    return k // 12, k % 12 + 1


@lru_cache(maxsize=4096)
def _parse_explicit(words: str, article: date | None) -> date | None:
    """An explicit date by dateparser (the latest such day on or before the article date when
    the year is left out); None when it does not parse, names no day, or is ambiguous
    (02/03/2022: day and month both 12 or less)."""
    import dateparser  # deferred: its first use costs ~0.3 s

    s = re.sub(r"^(?:[Oo]n)\s+", "", words).strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
    if m and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2):
        return None
    base = datetime.combine(article, datetime.max.time()) if article else datetime(2100, 1, 1)
    got = dateparser.parse(s, languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "DATE_ORDER": "DMY",
        "PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month"]})
    if got is None:
        return None
    day: date = got.date()
    if not re.search(_YEAR, s) and (
            article is None or (article - day).days > YEARLESS_MAX_DAYS_BACK):
        return None
    return day


def resolve(expr: Expression, article: date | None) -> DaySpan | None:
    """The days `expr` stands for, seen from an article dated `article` (None: undated, so
    only an explicit date with its year resolves). Rules, all on or before the article date:

    - "on Wednesday": the latest Wednesday on or before the article date, so on a
      Wednesday-dated article it is that same day (news style: "said on Wednesday" in
      Wednesday's paper is today); "last Wednesday" is the one strictly before.
    - "on Wednesday (26 January)": the date in parentheses.
    - "yesterday", "last night": the day before; "today", "tonight", "this morning": the day.
    - "last week" / "last month" / "last year": the previous calendar week (Monday-Sunday),
      month or year; "this week/month/year": from its start to the article date; "earlier
      this week/month/year": the same, ending the day before; "at the weekend": the latest
      Saturday-Sunday on or before; "last weekend": the one before the current week.
    - "in October", "last December": the latest such month before (the current month up to
      the article date); "in May 2004": that month; "in June last year": June of the year
      before.
    - "three days ago": that day; "two weeks ago": the calendar week two weeks back; "a month
      ago": the calendar month before.
    - explicit dates: as written (a year-less one: see `YEARLESS_MAX_DAYS_BACK`).

    None when it names no day before the article date (a future date, an empty span)."""
    words = expr.text
    low = words.lower()
    got: DaySpan | None
    if expr.kind == "explicit":
        day = _parse_explicit(words, article)
        got = _day(day) if day else None
    elif expr.kind == "weekday":
        paren = re.search(r"\((.+)\)", words)
        if paren:
            day = _parse_explicit(paren.group(1), article)
            got = _day(day) if day else None
        elif article is None:
            got = None
        else:
            name = re.search("|".join(_WEEKDAYS), words)
            assert name is not None
            last = bool(re.search(r"\blast\s", low))
            got = _day(_weekday_on_or_before(article, _WEEKDAYS.index(name.group()), last))
    elif expr.kind == "month":
        m = _EXPR_RE.fullmatch(words)
        assert m is not None
        month = _MONTHS.index(m.group("mo")) + 1
        if m.group("mo_year"):
            got = _month_span(int(m.group("mo_year")), month)
        elif m.group("mo_last") and article is not None:  # "in June last year"
            got = _month_span(article.year - 1, month)
        elif article is None:
            got = None
        else:
            last = bool(re.match(r"(?:\w+\s+)?last\b", low))
            before = month < article.month or (month == article.month and not last)
            year = article.year if before else article.year - 1
            got = _month_span(year, month, until=article)
    elif article is None:
        got = None
    elif expr.kind == "ago":
        m = _EXPR_RE.fullmatch(words)
        assert m is not None
        raw = m.group("ago_n").lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = m.group("ago_unit").lower()
        if unit == "day":
            got = _day(article - timedelta(days=n))
        elif unit == "week":
            monday = article - timedelta(days=article.weekday() + 7 * n)
            got = DaySpan(start=monday, end=monday + timedelta(days=6))
        else:
            got = _month_span(*_months_back(article, n))
    else:
        got = _relative(low, article)
    if got is None or got.start > got.end or (article is not None and got.end > article):
        return None
    return got


def _relative(low: str, article: date) -> DaySpan | None:
    """The days of a relative expression ("yesterday", "last week", ...)."""
    one_day = timedelta(days=1)
    monday = article - timedelta(days=article.weekday())
    earlier = low.startswith(("earlier", "early"))
    if "yesterday" in low or "last night" in low:
        return _day(article - one_day)
    if re.search(r"today|tonight|this (?:morning|afternoon|evening)|earlier in the day", low):
        return _day(article)
    if "last weekend" in low:
        sat = monday - timedelta(days=2)
        return DaySpan(start=sat, end=sat + one_day)
    if "weekend" in low:
        sat = _weekday_on_or_before(article, 5)
        return DaySpan(start=sat, end=min(sat + one_day, article))
    unit = low.rsplit(None, 1)[-1]
    if "last" in low.split()[-2:-1] and not earlier:
        if unit == "week":
            return DaySpan(start=monday - timedelta(days=7), end=monday - one_day)
        if unit == "month":
            return _month_span(*_months_back(article, 1))
        if unit == "year":
            return DaySpan(start=date(article.year - 1, 1, 1), end=date(article.year - 1, 12, 31))
        return None
    first = {"week": monday, "month": article.replace(day=1),
             "year": article.replace(month=1, day=1)}.get(unit)
    if first is None:
        return None
    if "last" in low:  # "earlier last week", "late last month": the previous period
        return _relative(f"last {unit}", article)
    return DaySpan(start=first, end=article - one_day if earlier else article)
