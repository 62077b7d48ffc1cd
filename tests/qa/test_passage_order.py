"""The answering paragraph first: within an article, passages by answer score; articles stay."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qa.passage_order import answer_first, article_key

A, B = article_key("a.txt", "Harbour plan"), article_key("b.txt", "Snow on the pass")


def test_paragraphs_of_one_article_swap_places_by_answer_score():
    items = ["a1", "b1", "a2", "a3"]
    shown = answer_first(items, [A, B, A, A], [0.2, 0.9, 0.7, 0.5])
    assert shown == ["a2", "b1", "a3", "a1"]  # b1 keeps its place; a's places go to a2, a3, a1


def test_same_file_other_title_is_another_article():
    one = article_key("corpus.jsonl", "Harbour")
    other = article_key("corpus.jsonl", "Weather")
    assert answer_first(["x", "y"], [one, other], [0.1, 0.9]) == ["x", "y"]


def test_passage_without_sentence_goes_last_within_its_article_and_ties_keep_order():
    assert answer_first(["a1", "a2", "a3"], [A, A, A], [None, 0.5, 0.5]) == ["a2", "a3", "a1"]


@given(st.lists(st.tuples(st.sampled_from([A, B, article_key("c.md", "")]),
                          st.one_of(st.none(), st.floats(-1, 2))), max_size=12))
def test_a_permutation_that_keeps_each_articles_places(rows):
    items = list(range(len(rows)))
    arts = [r[0] for r in rows]
    scores = [r[1] for r in rows]
    shown = answer_first(items, arts, scores)
    assert sorted(shown) == items
    assert [arts[i] for i in shown] == arts  # every place still holds its article
    for art in set(arts):
        got = [scores[i] for i in shown if arts[i] == art]
        known = [s for s in got if s is not None]
        assert known == sorted(known, reverse=True)
        assert all(s is None for s in got[len(known):])
