"""Time expressions and the days they stand for (`qa.time_expressions`)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.time_expressions import DaySpan, find_expressions, resolve

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SAT = date(2022, 1, 29)  # a Saturday
WED = date(2024, 3, 6)  # a Wednesday
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


def days(text: str, article: date | None) -> DaySpan | None:
    found = find_expressions(text)
    assert len(found) == 1, found
    return resolve(found[0], article)


def day(d: date) -> DaySpan:
    return DaySpan(start=d, end=d)


@pytest.mark.parametrize(("text", "article", "expected"), [
    ("on Wednesday", SAT, day(date(2022, 1, 26))),
    ("on Wednesday (26 January)", SAT, day(date(2022, 1, 26))),
    ("on Wednesday", WED, day(WED)),  # the same day: "said on Wednesday" in Wednesday's paper
    ("last Wednesday", WED, day(date(2024, 2, 28))),
    ("on Monday evening", WED, day(date(2024, 3, 4))),
    ("late on Friday", WED, day(date(2024, 3, 1))),
    ("yesterday", WED, day(date(2024, 3, 5))),
    ("last night", WED, day(date(2024, 3, 5))),
    ("today", WED, day(WED)),
    ("this morning", WED, day(WED)),
    ("last week", WED, DaySpan(start=date(2024, 2, 26), end=date(2024, 3, 3))),
    ("last month", WED, DaySpan(start=date(2024, 2, 1), end=date(2024, 2, 29))),
    ("earlier this month", WED, DaySpan(start=date(2024, 3, 1), end=date(2024, 3, 5))),
    ("earlier this week", WED, DaySpan(start=date(2024, 3, 4), end=date(2024, 3, 5))),
    ("this week", WED, DaySpan(start=date(2024, 3, 4), end=WED)),
    ("at the weekend", WED, DaySpan(start=date(2024, 3, 2), end=date(2024, 3, 3))),
    ("in October", WED, DaySpan(start=date(2023, 10, 1), end=date(2023, 10, 31))),
    ("in March", WED, DaySpan(start=date(2024, 3, 1), end=WED)),
    ("last December", date(2005, 3, 5), DaySpan(start=date(2004, 12, 1),
                                                 end=date(2004, 12, 31))),
    ("in May 2004", WED, DaySpan(start=date(2004, 5, 1), end=date(2004, 5, 31))),
    ("In June last year", WED, DaySpan(start=date(2023, 6, 1), end=date(2023, 6, 30))),
    ("three days ago", WED, day(date(2024, 3, 3))),
    ("two weeks ago", WED, DaySpan(start=date(2024, 2, 19), end=date(2024, 2, 25))),
    ("26 January", SAT, day(date(2022, 1, 26))),
    ("January 29th, 2022", SAT, day(SAT)),
    ("May 3rd, 2022", date(2022, 6, 10), day(date(2022, 5, 3))),
    ("29/04/2024", WED, None),  # after the article date
    ("29/01/2022", SAT, day(date(2022, 1, 29))),
    ("on 28 December", date(2024, 1, 2), day(date(2023, 12, 28))),  # across a new year
])
def test_resolve(text: str, article: date, expected: DaySpan | None):
    assert days(text, article) == expected


def test_ambiguous_or_future_or_undated_days_resolve_to_nothing():
    assert days("02/03/2022", SAT) is None  # day and month both <= 12: ambiguous
    assert days("on 12 February", SAT) is None  # a year-less day ahead, not last February
    assert days("on Wednesday", None) is None  # a relative day needs the article's date
    assert days("yesterday", None) is None
    assert days("26 January 2022", None) == day(date(2022, 1, 26))  # a full date needs none
    assert days("earlier this week", date(2024, 3, 4)) is None  # a Monday: no earlier day


def test_names_and_possessives_are_no_expressions():
    assert find_expressions("The Sunday Times said") == []
    assert find_expressions("told BBC Radio 4's Today programme") == []
    assert find_expressions("Wednesday’s answer to Russia") == []
    assert [e.text for e in find_expressions("said at Monday's meeting")] == ["at Monday's"]
    assert [e.text for e in find_expressions("On Monday Lib Dem chairman")] == ["On Monday"]
    assert find_expressions("He told Sky News' Sunday with Adam Boulton") == []
    assert find_expressions("she told the Mail on Sunday") == []
    assert [e.text for e in find_expressions("he told Interfax on Sunday")] == ["on Sunday"]


@settings(deadline=None)  # dateparser's first call loads its data (~0.3 s)
@given(dates, st.sampled_from(WEEKDAYS), st.sampled_from(["on ", "", "late on "]))
def test_a_weekday_is_within_the_week_up_to_the_article_date(article: date, weekday: str,
                                                             before: str):
    got = days(f"{before}{weekday}", article)
    assert got is not None and got.start == got.end
    assert 0 <= (article - got.start).days <= 6
    assert WEEKDAYS[got.start.weekday()] == weekday


@settings(deadline=None)  # dateparser's first call loads its data (~0.3 s)
@given(dates, st.sampled_from(WEEKDAYS))
def test_last_weekday_is_strictly_before(article: date, weekday: str):
    got = days(f"last {weekday}", article)
    assert got is not None and 1 <= (article - got.start).days <= 7


@settings(deadline=None)  # dateparser's first call loads its data (~0.3 s)
@given(dates, st.sampled_from(["yesterday", "today", "last week", "last month", "last year",
                               "earlier this month", "this week", "at the weekend",
                               "last weekend", "two weeks ago", "a month ago",
                               "in October", "last June", "earlier this year"]))
def test_relative_spans_end_on_or_before_the_article_date(article: date, text: str):
    got = days(text, article)
    if got is not None:
        assert got.start <= got.end <= article
        assert (article - got.start).days <= 2 * 366


@settings(deadline=None)  # dateparser's first call loads its data (~0.3 s)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
       st.integers(min_value=0, max_value=400), st.booleans())
def test_explicit_dates_read_as_written(d: date, later: int, day_first: bool):
    article = d + timedelta(days=later)
    text = (f"{d.day} {MONTHS[d.month - 1]} {d.year}" if day_first
            else f"{MONTHS[d.month - 1]} {d.day}, {d.year}")
    assert days(text, article) == day(d)
    assert days(text, d - timedelta(days=1)) is None  # never after the article date
