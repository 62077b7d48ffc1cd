"""Near-copies for held-out draws (`qa.evaluation.near_copies`)."""

from hypothesis import given
from hypothesis import strategies as st

from qa.evaluation.near_copies import near_copies, not_copies, shingles

STORY = ("The minister said on Monday that the new rules would come into force next year and "
         "that firms would have six months to prepare. Critics said the plan was rushed and "
         "would cost small businesses dearly, while unions welcomed it.")
OTHER = ("The striker scored twice in the second half as the home side came from behind to win "
         "the cup tie in front of a record crowd on a cold night in the north.")


def test_a_retitled_or_respaced_copy_is_a_near_copy() -> None:
    copy = STORY.upper().replace(". ", ".\n\n")
    assert near_copies({"b": copy}, {"a": STORY}) == {"b"}


def test_a_story_sharing_a_paragraph_is_a_near_copy_and_an_unrelated_one_is_not() -> None:
    found = near_copies({"part": OTHER + " " + STORY, "other": OTHER}, {"a": STORY})
    assert found == {"part"}


def test_short_texts_have_no_shingles() -> None:
    assert shingles("too short to hold eight words") == frozenset()
    assert near_copies({"b": "too short"}, {"a": "too short"}) == set()


@given(st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta"]), min_size=8, max_size=60))
def test_every_text_is_a_near_copy_of_itself(words: list[str]) -> None:
    text = " ".join(words)
    assert near_copies({"x": text}, {"y": text}) == {"x"}


def test_not_copies_leaves_out_read_articles_and_their_copies(tmp_path) -> None:
    files = {"a.txt": "Title A\n" + STORY, "b.txt": "Title A\n" + STORY,
             "c.txt": "Other title\n" + STORY, "d.txt": "Title D\n" + OTHER}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    candidates = ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert not_copies(candidates, {"a.txt"}, tmp_path) == ["d.txt"]
    assert not_copies(candidates, {"a.txt"}, tmp_path, near=False) == ["c.txt", "d.txt"]
