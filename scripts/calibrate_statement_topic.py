"""Calibrate the "X never spoke about T" threshold of speaker answers (issue 11) on the
labelled questions of tests/data/statements: for every "what did X say about T?" question,
the best topic relevance among X's statements (`qa.answer._topic_relevance`); questions with a
gold list should answer, "absent_topic" ones should not. Prints both lists and the threshold
that separates them best (the midpoint of the widest gap that keeps the most right).
With --context-weights, also the ranking of X's statements for each such question with gold and
non-gold statements (mean average precision of the gold ones, gold first, R-precision) for each
weight of the quote against its context (`qa.answer.QUOTE_CONTEXT_WEIGHT`).

    .venv/bin/python scripts/calibrate_statement_topic.py [--mode bm25|hybrid] [--work DIR]
        [--context-weights]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import qa.answer as answer_module
from index.keyword import tokenize
from qa.answer import Corpus, _topic_relevance
from qa.asked_person import resolve_asked
from qa.corpus_data import context_vectors
from qa.evaluation.dev_articles import add_dev_article_options, article_list, copy_articles
from qa.evaluation.statement_set import load_questions, load_statements, overlaps
from qa.lexical import passage_idf
from qa.question import analyze
from qa.quotes import Quote
from qa.retriever import Retriever

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "statements"
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_dev_article_options(ap, SHARED)
    ap.add_argument("--mode", default="bm25", choices=["bm25", "hybrid", "dense"])
    ap.add_argument("--context-weights", action="store_true",
                    help="rank each question's statements with weights 0, 0.25, ..., 1")
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(args.work or tmp_dir)
        corpus_dir = tmp / "bbc-dev"
        copy_articles(args.corpus, article_list(args.articles), corpus_dir)
        r = Retriever(corpus_dir, tmp / "index")
        idx = r.index
        corpus = Corpus(
            root=idx.corpus, texts={d: doc.text for d, doc in idx.documents.items()},
            chunks_of=idx.chunks_of, search=lambda q, k, m: idx.search(q, k=k, mode=m),
            embed=None if args.mode == "bm25" else idx.embed, tokenize=tokenize,
            idf=passage_idf((c.text for c in idx.chunks), tokenize),
            # as answering does: contexts' vectors from the index's paragraph vectors
            context_vectors=lambda quotes: context_vectors(idx, quotes, idx.embed),
        )
        pos: list[float] = []
        neg: list[float] = []
        ranked: list[tuple[str, list[tuple[Quote, str]], list[bool]]] = []
        labels = {lab.id: lab for lab in load_statements(DATA / "statements.jsonl")}
        for sq in load_questions(DATA / "questions.jsonl"):
            q = analyze(sq.question)
            if q.kind != "speaker" or not q.speaker or not q.topic:
                continue
            asked = resolve_asked(q.speaker, table=r.table, quotes=r.quotes,
                                  texts=corpus.texts, chunks_of=idx.chunks_of,
                                  search=lambda text, n: idx.search(text, k=n, mode="bm25"))
            if asked is None:
                continue
            person = asked.person
            st = [(s, person.name) for s in r.quotes
                  if r.table.canonical(s.speaker) == person.name]
            st += [(s, person.name) for s in asked.joined if (s, person.name) not in st]
            if not st:
                continue
            best = max(_topic_relevance(st, q.topic, corpus)[0])
            (pos if sq.gold else neg).append(best)
            gold = [any(labels[g].path == s.doc_id and overlaps(
                s.start, s.end, labels[g].start, labels[g].end) for g in sq.gold) for s, _ in st]
            if any(gold) and not all(gold):
                ranked.append((q.topic, st, gold))
            print(f"{'gold  ' if sq.gold else 'absent'} {best:.3f} {sq.question}")
        if args.context_weights:
            _rank_by_weight(ranked, corpus)
        idx.close()
    cands = sorted(set(pos + neg))
    best_t, best_ok = 0.0, -1
    for a, b in zip(cands, cands[1:], strict=False):
        t = (a + b) / 2
        ok = sum(x >= t for x in pos) + sum(x < t for x in neg)
        if ok > best_ok:
            best_t, best_ok = t, ok
    print(f"{len(pos)} questions with gold, {len(neg)} absent-topic; threshold {best_t:.3f} "
          f"puts {best_ok} of {len(pos) + len(neg)} on the right side")
    return 0


def _rank_by_weight(
    ranked: list[tuple[str, list[tuple[Quote, str]], list[bool]]], corpus: Corpus
) -> None:
    """Print, per weight of the quote against its context, how well `_topic_relevance` ranks
    each question's gold statements above the person's others."""
    print(f"{len(ranked)} topic questions with gold and non-gold statements of the person")
    for w in (0.0, 0.25, 0.5, 0.75, 1.0):
        answer_module.QUOTE_CONTEXT_WEIGHT = w
        aps, first, rprec = [], 0, []
        for topic, st, gold in ranked:
            sc = _topic_relevance(st, topic, corpus)[0]
            order = sorted(range(len(st)), key=lambda i: (-sc[i], st[i][0].doc_id,
                                                          st[i][0].start))
            hits, ap = 0, 0.0
            for rank, i in enumerate(order, 1):
                if gold[i]:
                    hits += 1
                    ap += hits / rank
            n = sum(gold)
            aps.append(ap / n)
            first += gold[order[0]]
            rprec.append(sum(gold[i] for i in order[:n]) / n)
        print(f"  quote weight {w:.2f}: MAP {sum(aps) / len(aps):.3f}  gold first "
              f"{first}/{len(ranked)}  R-precision {sum(rprec) / len(rprec):.3f}")


if __name__ == "__main__":
    sys.exit(main())
