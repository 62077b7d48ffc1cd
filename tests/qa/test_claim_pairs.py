"""`qa.claim_pairs.pairs_to_compare` is the overlap test written pair by pair."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.claim_pairs import OverlapTest, pairs_to_compare

TEST = OverlapTest(stop_words=frozenset({"the", "a"}), local_min_shared=2, local_share=0.5,
                   min_aligned=4, share=0.6)
_TEXTS = st.lists(st.tuples(st.lists(st.sampled_from(["the", "a", "tax", "rise", "cut", "5",
                                                      "not", "budget"]), max_size=9),
                            st.sampled_from(["d1", "d2", "d3"])), max_size=7)


def _passes(a: list[str], b: list[str]) -> bool:
    ca, cb = ({w for w in t if w not in TEST.stop_words} for t in (a, b))
    words = len(ca & cb)
    if words >= TEST.local_min_shared and words >= TEST.local_share * min(len(ca), len(cb)):
        return True
    need = max(TEST.min_aligned, TEST.share * min(len(a), len(b)))
    na, nb = Counter(a), Counter(b)
    return sum(min(na[w], nb[w]) for w in na.keys() & nb.keys()) >= need


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_pairs_are_those_passing_the_test_pair_by_pair(items):
    norms = [t for t, _ in items]
    substance = [{w for w in t if w not in TEST.stop_words and w != "not"} for t in norms]
    docs = [d for _, d in items]
    expected = [(i, j) for i in range(len(items)) for j in range(i + 1, len(items))
                if docs[i] != docs[j] and substance[i] & substance[j]
                and _passes(norms[i], norms[j])]
    assert pairs_to_compare(norms, substance, docs, TEST) == expected
