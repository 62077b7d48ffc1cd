"""Disagreement between reports of one statement (`qa.disagreement`): the rules on texts the
tests write, invariants with hypothesis, and answers over several outlets the tests write."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_embedder import HashEmbedder
from hypothesis import given, settings
from hypothesis import strategies as st

from qa import Retriever
from qa.claim_tokens import tokens
from qa.disagreement import (
    REVERSALS,
    differences_among,
    statement_differences,
    text_differences,
)
from qa.quotes import Quote

BASE = "The minister said the council would spend {x} on the new bridge over four years."


def kinds(a: str, b: str) -> list[str]:
    return [d.kind for d in text_differences(a, b)]


def spans(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(d.kind, a[d.a[0]:d.a[1]], b[d.b[0]:d.b[1]]) for d in text_differences(a, b)]


@pytest.mark.parametrize(("a", "b", "expected"), [
    (BASE.format(x="£3bn"), BASE.format(x="£300m"), ("number", "£3bn", "£300m")),
    (BASE.format(x="5,000 euros"), BASE.format(x="50,000 euros"),
     ("number", "5,000 euros", "50,000 euros")),
    ("Kerr said the school would open on Monday after the holiday.",
     "Kerr said the school would open on Thursday after the holiday.",
     ("date", "Monday", "Thursday")),
    ("Kerr said building would start on 12 March at the north end.",
     "Kerr said building would start on 21 March at the north end.",
     ("date", "12 March", "21 March")),
    ("Kerr said the new line would be finished by 2027.",
     "Kerr said the new line would be finished by 2029.", ("date", "2027", "2029")),
    ("Kerr said the club would keep the striker until the summer.",
     "Kerr said the club would not keep the striker until the summer.",
     ("negation", "would keep", "would not keep")),
    ("Kerr said the club won't sell the striker this season.",
     "Kerr said the club will sell the striker this season.",
     ("negation", "won't sell", "will sell")),
    ("Kerr said the board had accepted the offer from the fund.",
     "Kerr said the board had rejected the offer from the fund.",
     ("reversal", "accepted", "rejected")),
    ("Kerr said prices had risen by 4% since the spring.",
     "Kerr said prices had fallen by 4% since the spring.", ("reversal", "risen", "fallen")),
    ("Kerr said she would meet the envoy in Tallinn next week.",
     "Kerr said she would meet the envoy in Riga next week.", ("entity", "Tallinn", "Riga")),
])
def test_each_kind_is_flagged_with_both_spans(a, b, expected):
    assert spans(a, b) == [expected]


@pytest.mark.parametrize(("a", "b", "expected"), [
    # Reworded reports: clauses moved, attribution changed; the difference keeps its neighbours.
    ("Kerr said 2,400 nurses would join the service in the spring.",
     "In the spring, 4,200 nurses would join the service, according to Kerr.",
     ("number", "2,400", "4,200")),
    ("Kerr said the barrier would open in Tallinn next spring.",
     "A barrier will open in Riga next spring, Kerr said.", ("entity", "Tallinn", "Riga")),
    ("We did not expect to win the cup this year",
     "Kerr said the team had expected to win the cup this year.",
     ("negation", "did not expect", "had expected")),
    ("Fares have risen by 6% this year, Kerr said.",
     "Kerr said fares had fallen by 6% this year.", ("reversal", "risen", "fallen")),
])
def test_reworded_reports_are_flagged(a, b, expected):
    assert spans(a, b) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    ("Kerr told the BBC that the barrier would open next spring.",
     "The barrier will open next spring, Kerr told Reuters."),
    ("Kerr said sales fell 2% in May after a 3% rise in April.",
     "Kerr said sales rose 3% in April."),
    ("Kerr said sales rose 0.6% on the month and 6.1% on the year.",
     "Sales dropped by 1% on the month, after a 0.6% rise, Kerr said."),
])
def test_reworded_agreeing_or_different_claims_are_not_flagged(a, b):
    assert kinds(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    (BASE.format(x="5,000"), BASE.format(x="5000")),
    (BASE.format(x="£3bn"), BASE.format(x="£3 billion")),
    (BASE.format(x="12%"), BASE.format(x="12 per cent")),
    (BASE.format(x="2m"), BASE.format(x="2 million")),
    (BASE.format(x="€45m"), BASE.format(x="45 million euros")),
    (BASE.format(x="14"), BASE.format(x="fourteen")),
])
def test_reformatted_amounts_agree(a, b):
    assert kinds(a, b) == []


@pytest.mark.parametrize(("a", "b"), [
    # A quote and the sentence that reports it; a quote cut short by another outlet.
    ("We will not let the fishing fleet down",
     "Marsh said: We will not let the fishing fleet down, and we will never let it down."),
    ("There is no deal yet", "There is no deal yet, but we are close"),
    # Paraphrases, tenses, titles, more precise dates, approximate numbers.
    ("Kerr said he was glad to see the back of the old board.",
     "Kerr says he is glad to see the back of the old board."),
    ("Kerr said the number of people missing had reached 440.",
     "Kerr said about 440 people were missing."),
    ("The election is not going to be decided on what Robert Jackson did",
     "The election is not going to be decided on the basis of what Mr Jackson did"),
    ("Kerr said work would begin on 12 March with the north wall.",
     "Kerr said work would begin in March with the north wall."),
    ("Last week, the firm agreed to a buyout in a deal valued at $6.75bn.",
     "On Monday, the firm agreed to a buyout in a deal valued at $6.75bn."),
    ("We will never let the fleet down", "We will not let the fleet down"),
    ("Kerr said the European Union would decide.", "Kerr said the EU would decide."),
    # Different claims of one speaker that share words are no disagreement.
    ("UK house prices fell 0.7% in December, according to the statistics office.",
     "UK house prices dipped slightly in November, the statistics office has said."),
])
def test_paraphrases_and_sub_spans_are_not_flagged(a, b):
    assert kinds(a, b) == []


def test_reversal_list_is_symmetric():
    assert all((b, a) in REVERSALS for a, b in REVERSALS)


WORDS = ("the minister said council would spend £3bn on 5,000 new homes in Leeds by 2027 not "
         "Monday accepted rejected 12 March We it’s won’t never")
sentences = st.lists(
    st.sampled_from(WORDS.split()),
    min_size=1, max_size=25).map(" ".join)
text = st.one_of(sentences, st.text(max_size=120))


@settings(max_examples=300, deadline=None)
@given(text)
def test_a_statement_never_differs_from_itself(a):
    assert text_differences(a, a) == []


@settings(max_examples=300, deadline=None)
@given(text, text)
def test_the_relation_is_symmetric(a, b):
    ab = text_differences(a, b)
    ba = text_differences(b, a)
    assert sorted((d.kind, d.a, d.b) for d in ab) == sorted((d.kind, d.b, d.a) for d in ba)
    for d in ab:  # every span slices its text and is not empty
        assert 0 <= d.a[0] < d.a[1] <= len(a) and 0 <= d.b[0] < d.b[1] <= len(b)


@st.composite
def reformatted(draw: st.DrawFn) -> tuple[str, str]:
    """One amount written two ways: separators, "bn"/" billion", "%"/" per cent"."""
    whole = draw(st.integers(min_value=1, max_value=999_999))
    cur = draw(st.sampled_from(["", "£", "$", "€"]))
    style = draw(st.sampled_from(["plain", "mult", "pct"]))
    if style == "mult":
        short, word = draw(st.sampled_from([("bn", "billion"), ("m", "million"),
                                            ("k", "thousand")]))
        return f"{cur}{whole}{short}", f"{cur}{whole:,} {word}"
    if style == "pct":
        return f"{whole}%", f"{whole:,} per cent"
    return f"{cur}{whole:,}", f"{cur}{whole}"


@settings(max_examples=300, deadline=None)
@given(reformatted())
def test_reformatted_numbers_never_differ(pair):
    x, y = pair
    a, b = BASE.format(x=x), BASE.format(x=y)
    assert [t.norm for t in tokens(a)] == [t.norm for t in tokens(b)]
    assert text_differences(a, b) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_different_amounts_always_differ(x, y):
    a, b = BASE.format(x=f"£{x:,}"), BASE.format(x=f"£{y:,}")
    assert kinds(a, b) == ([] if x == y else ["number"])


# ---------------------------------------------------------------- answers over written outlets

OUTLETS = {
    "gazette.md": ("Gazette", "2024-03-04",
                   "Harbour minister Elin Vask said the government would spend £3bn on the "
                   "harbour over five years.\n\n\"We will not let the fleet down,\" she said.\n\n"
                   "Vask said work would begin on 12 March, with the north breakwater first."),
    "herald.md": ("Herald", "2024-03-04",
                  "Harbour minister Elin Vask said the government would spend £3 billion on the "
                  "harbour over five years.\n\n\"We will not let the fleet down,\" Vask said.\n\n"
                  "Vask said work would begin on 21 March, starting with the north breakwater."),
    "ledger.md": ("Ledger", "2024-03-05",
                  "Elin Vask said the government would spend £300m on the harbour over five "
                  "years.\n\n\"We will never let the fleet down,\" Vask said.\n\n"
                  "Vask said work would begin in March."),
}


@pytest.fixture(scope="module")
def outlets(tmp_path_factory: pytest.TempPathFactory) -> Retriever:
    root = tmp_path_factory.mktemp("outlets")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, (source, date, body) in OUTLETS.items():
        (corpus / name).write_text(
            f"---\ntitle: Harbour plan\ndate: {date}\nsource: {source}\n---\n\n{body}\n",
            encoding="utf-8")
    r = Retriever(corpus, root / "index", embedder=HashEmbedder())
    yield r
    r.index.close()


@pytest.mark.parametrize("mode", ["bm25", "hybrid"])
def test_answers_show_where_outlets_differ(outlets, mode):
    d = outlets.ask("what did Elin Vask say?", mode=mode).to_dict()
    found = {(x["what"], x["this"], x["other"], x["other_path"])
             for q in d["quotes"] for x in q["differs"]}
    # Each pair is listed from both sides' groups or once inside a group: compare unordered.
    pairs = {(w, frozenset({a, b})) for w, a, b, _ in found}
    assert pairs == {("number", frozenset({"£3bn", "£300m"})),
                     ("number", frozenset({"£3 billion", "£300m"})),
                     ("date", frozenset({"12 March", "21 March"}))}
    texts = {name: (Path(d["corpus"]) / name).read_bytes().decode("utf-8")
             for name in OUTLETS}
    for q in d["quotes"]:
        for x in q["differs"]:
            assert texts[x["other_path"]][x["other_start"]:x["other_end"]] == x["other"]
            path = x["this_citation"].split(" ")[0]
            assert texts[path][x["this_start"]:x["this_end"]] == x["this"]


def test_who_said_groups_carry_differences_too(outlets):
    d = outlets.ask("who said the government would spend on the harbour?", mode="bm25")
    assert any(x["what"] == "number" for q in d.to_dict()["quotes"] for x in q["differs"])



def _quote(text: str, doc: str, speaker: str = "Kerr") -> Quote:
    return Quote(speaker=speaker, text=text, doc_id=doc, path=doc, start=0, end=len(text),
                 cue="said", confidence=0.8, kind="reported", paragraph=1)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(sentences, st.sampled_from(["a.md", "b.md", "c.md"]),
                          st.sampled_from(["Kerr", "Vask"])), max_size=6))
def test_differences_among_is_every_same_speaker_pair_compared(items):
    quotes = [(_quote(t, d), s) for t, d, s in items]
    found = differences_among(quotes)
    expected: dict[tuple[str, int, int], list] = {}
    unique = list(dict.fromkeys(quotes))
    for n, (qa, sa) in enumerate(unique):
        for qb, sb in unique[n + 1:]:
            if sa == sb and qa.doc_id != qb.doc_id and (ab := statement_differences(qa, qb)):
                expected.setdefault((qa.doc_id, qa.start, qa.end), []).extend(ab)
                expected.setdefault((qb.doc_id, qb.start, qb.end), []).extend(
                    statement_differences(qb, qa))
    assert {k: sorted(map(repr, v)) for k, v in found.items()} == {
        k: sorted(map(repr, v)) for k, v in expected.items()}
