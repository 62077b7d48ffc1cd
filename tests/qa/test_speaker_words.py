"""What a speaker's name may not be (qa.speaker_words), on invented words and sentences: a
number, a year or a weekday; a one-word participle modifying the noun after it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qa.parser_model import parse_span
from qa.speaker_words import modifier_shaped, names_no_one, premodifies_noun


def test_numbers_and_weekdays_name_no_one():
    for name in ("2025", "40%", "1,200", "1990s", "21st", "5m", "Monday"):
        assert names_no_one(name), name
    for name in ("Zentrix", "May", "Brill Labs", "3M Corp", "G8", ""):
        assert not names_no_one(name), name


@given(st.integers(min_value=0, max_value=10**9))
def test_every_number_names_no_one(n):
    assert names_no_one(str(n)) and names_no_one(f"{n:,}")


def test_modifier_shapes():
    assert modifier_shaped("Revised") and modifier_shaped("Rising")
    assert not modifier_shaped("Zentrix") and not modifier_shaped("Revised Labs")
    assert not modifier_shaped("Conservative")  # "a Conservative spokeswoman": the party


def test_the_parse_says_which_word_modifies_a_noun():
    text = "Revised figures indicated growth of 2%."
    assert premodifies_noun(parse_span(text, 0, len(text)), 0, len("Revised"))
    text = "Zentrix said profits rose."
    assert not premodifies_noun(parse_span(text, 0, len(text)), 0, len("Zentrix"))
