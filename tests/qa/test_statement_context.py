"""A statement's context (`qa.statement_context`) and its terms stored with the corpus data
(`qa.corpus_data.context_terms`): the stored terms are the analysed context's, part by part."""

from __future__ import annotations

import shutil
from pathlib import Path

from fake_embedder import HashEmbedder
from hypothesis import given, settings
from hypothesis import strategies as st

from index.keyword import tokenize
from qa import Retriever
from qa.corpus_data import context_terms
from qa.statement_context import statement_context

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Text with the shapes the analyser treats specially: numbers with separators and decimals,
# dotted acronyms, capitals, stop words, punctuation and whitespace at the edges.
_PIECES = st.sampled_from(["U.S.", "5,000", "3.5", "2004", "the", "WHO", "it's", "£3bn", ".",
                           ",", "-", "'", "\n", " ", "Harbour", "e.g.", "talks", "a"])
_TEXT = st.lists(_PIECES, max_size=12).map("".join)


@given(title=_TEXT, before=_TEXT, text=_TEXT)
@settings(max_examples=300, deadline=None)
def test_the_terms_of_a_joined_context_are_its_parts_terms(title, before, text):
    assert tokenize(f"{title}. {before} {text}") == (
        tokenize(title) + tokenize(before) + tokenize(text))


def test_stored_context_terms_equal_the_analysed_contexts(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    r = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    r.prepare()
    data = r._corpus_data()
    stored = context_terms(r.index, data)  # loaded from the file `prepare` wrote
    assert len(stored.offsets) == len(data.quotes) + 1 and len(data.quotes) > 0
    for i, q in enumerate(data.quotes):
        expected = list(dict.fromkeys(tokenize(statement_context(q, r.index.chunks_of))))
        assert stored.row(i) == expected
    assert r._context_terms(data.quotes) == [stored.row(i) for i in range(len(data.quotes))]
    r.index.close()


def test_answers_equal_with_and_without_stored_context_terms(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    questions = ("what did Stoltenberg say about Russia?", "what did Grushko say about NATO?",
                 "what did Lavrov say about security guarantees?")
    r = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    r.prepare()
    stored = {(q, m): r.ask(q, mode=m).to_dict() for q in questions for m in ("bm25", "hybrid")}
    r.index.close()
    monkeypatch.setattr(Retriever, "_context_terms", None)  # each context analysed as text
    plain = Retriever(corpus, tmp_path / "idx", embedder=HashEmbedder())
    assert {(q, m): plain.ask(q, mode=m).to_dict() for q in questions
            for m in ("bm25", "hybrid")} == stored
    plain.index.close()
