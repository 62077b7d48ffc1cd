"""Calibrate the QA layer's abstain rules on SQuAD v1.1 dev (not on the seed questions).

By default, for each sampled question, the evidence is the highest cosine similarity
(all-MiniLM-L6-v2) between the question and a sentence of the candidate passages (the former
rule; the QA layer now combines it with coverage: see --combined).
- answerable: the sentences of the question's own paragraph;
- unanswerable: the sentences of every paragraph of other articles (the corpus lacks the answer,
  so the best it can offer is the nearest wrong sentence).
The script prints both distributions and the threshold that maximises balanced accuracy.

With --lexical it calibrates LEXICAL_ABSTAIN_THRESHOLD instead (mode "bm25", no model): the
evidence is the best sentence's idf-weighted coverage of the question's content terms
(`qa.lexical.coverage`, `qa.answer_types.content_terms`), with idf over the paragraphs of the
corpus the question is asked of (all sampled articles when answerable, the other articles when
not). It also prints how often the sentence `best_sentence` picks without a model holds a gold
answer (vs. a random sentence).

With --combined it measures rules for hybrid/dense that combine both evidences per sentence
(cosine and coverage): cosine or coverage alone, "cos >= t1 OR cov >= t2", "max over sentences
of w*cos + (1-w)*cov >= t" and "cos >= t1 OR (cov >= t2 AND cos >= t3)"; for each, the best
balanced accuracy and the most answerable questions answered without more unanswerable ones
answered than the cosine rule; --check prints given rules' figures (e.g. on another --seed).

With --answer-types it measures the answer-type bonus of `best_sentence` ("how many" → a
sentence with a number): how often the sentence chosen in the question's own paragraph holds a
gold answer, by expected answer type, for several bonuses (--all-questions: every question of
the sampled articles, not only the calibration sample).

Embeddings are cached on disk (`qa.evaluation.calibration.encode_cached`).

    .venv/bin/python scripts/calibrate_abstain.py [--articles 20] [--per-article 20] [--seed 0]
        [--lexical | --combined [--check RULE ...] | --answer-types [--all-questions]]
        [--type-terms drop|keep|cover]

Measured (20 articles, 400 questions, seed 0): see the constants' comments in qa/answer.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from qa.evaluation.calibration import (
    best_balanced_threshold,
    encode_cached,
    sentence_coverage,
)
from qa.evaluation.metrics import answer_in_sentence
from qa.lexical import term_set_idf

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SQUAD = ROOT.parent / "shared" / "benchmarks" / "squad" / "dev-v1.1.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--squad", type=Path, default=DEFAULT_SQUAD)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--per-article", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lexical", action="store_true",
                    help="calibrate the model-free threshold (idf-weighted term coverage)")
    ap.add_argument("--combined", action="store_true",
                    help="rules combining cosine and lexical coverage (hybrid/dense modes)")
    ap.add_argument("--type-terms", choices=("drop", "keep", "cover"), default="drop",
                    help="with --combined/--lexical, the words that ask for an answer type "
                         "('many' of 'how many'): dropped from the question's terms as the QA "
                         "layer does (qa.answer_types.content_terms), kept, or covered by a "
                         "sentence holding that type")
    ap.add_argument("--check", action="append", default=[], metavar="RULE",
                    help="with --combined: also print a rule's figures, e.g. 'weighted 0.7 0.46',"
                         " 'or 0.55 0.61', 'guarded 0.56 0.54 0.3', 'cosine 0.53' (repeatable)")
    ap.add_argument("--answer-types", action="store_true",
                    help="answer-sentence hit rate with and without the answer-type bonus")
    ap.add_argument("--all-questions", action="store_true",
                    help="with --answer-types: every question of the sampled articles")
    args = ap.parse_args()
    if not args.squad.is_file():
        sys.exit(f"error: SQuAD dev file not found: {args.squad}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.chunking import sentence_spans

    rng = random.Random(args.seed)
    data = json.loads(args.squad.read_text(encoding="utf-8"))["data"]
    articles = rng.sample(data, min(args.articles, len(data)))
    sents: list[str] = []
    owner: list[tuple[int, int]] = []  # (article, paragraph) of each sentence
    questions: list[tuple[str, int, int]] = []
    answers: dict[tuple[str, int, int], list[tuple[int, str]]] = {}
    for a, art in enumerate(articles):
        qs = []
        for p, para in enumerate(art["paragraphs"]):
            for s in sentence_spans(para["context"]):
                sents.append(s.text)
                owner.append((a, p))
            qs.extend((qa["question"], a, p) for qa in para["qas"])
            for qa in para["qas"]:
                answers[qa["question"], a, p] = [(x["answer_start"], x["text"])
                                                 for x in qa["answers"]]
        questions.extend(rng.sample(qs, min(args.per_article, len(qs))))
    if args.lexical:
        pos, neg = _lexical_evidence(articles, sents, owner, questions, answers,
                                     args.type_terms)
        _report(np.array(pos), np.array(neg), np.arange(0.05, 1.0, 0.01),
                (0.3, 0.35, 0.4, 0.45, 0.5, 0.55))
        return
    print(f"embedding {len(sents)} sentences and {len(questions)} questions ...", flush=True)
    sv = encode_cached(sents)
    qv = encode_cached([q for q, _, _ in questions])
    if args.combined:
        _combined(articles, sents, owner, questions, sv, qv, args.type_terms,
                  [_parse_rule(r) for r in args.check])
        return
    if args.answer_types:
        every = [(qa["question"], a, p) for a, art in enumerate(articles)
                 for p, para in enumerate(art["paragraphs"]) for qa in para["qas"]]
        _answer_types(articles, sents, sv, every if args.all_questions else questions, answers)
        return
    own_article = np.array([a for a, _ in owner])
    own_para = np.array([hash(o) for o in owner])
    pos, neg = [], []
    for (_, a, p), v in zip(questions, qv, strict=True):
        cos = sv @ v
        pos.append(float(cos[own_para == hash((a, p))].max()))
        neg.append(float(cos[own_article != a].max()))
    _report(np.array(pos), np.array(neg), np.arange(0.2, 0.8, 0.01), (0.3, 0.35, 0.4, 0.45, 0.5))


def _report(pos_a: np.ndarray, neg_a: np.ndarray, grid: np.ndarray,
            marks: tuple[float, ...]) -> None:
    """Print both distributions and the threshold that maximises balanced accuracy."""
    for name, arr in (("answerable (own paragraph)", pos_a), ("unanswerable (other articles)",
                                                               neg_a)):
        q = np.percentile(arr, [5, 25, 50, 75, 95])
        print(f"{name:32s} n={len(arr)} mean={arr.mean():.3f} p5/25/50/75/95="
              + "/".join(f"{x:.3f}" for x in q))
    t, acc = best_balanced_threshold(pos_a, neg_a, grid)
    print(f"threshold maximising balanced accuracy: {t:.2f} (balanced accuracy {acc:.3f}; "
          f"answerable kept {(pos_a >= t).mean():.3f}, unanswerable abstained "
          f"{(neg_a < t).mean():.3f})")
    for t2 in marks:
        print(f"  at {t2:.2f}: answerable kept {(pos_a >= t2).mean():.3f}, "
              f"unanswerable abstained {(neg_a < t2).mean():.3f}")


def _lexical_evidence(
    articles: list[dict], sents: list[str], owner: list[tuple[int, int]],
    questions: list[tuple[str, int, int]],
    answers: dict[tuple[str, int, int], list[tuple[int, str]]], type_terms: str = "drop",
) -> tuple[list[float], list[float]]:
    """Best-sentence lexical coverage of each question: own paragraph vs. other articles; and
    the share of questions whose `best_sentence` (no model) holds a gold answer."""
    from index.chunking import sentence_spans
    from index.keyword import tokenize
    from qa.answer import best_sentence
    from qa.answer_types import content_terms
    from qa.lexical import coverage, unknown_idf

    paras = [(a, set(tokenize(para["context"])))
             for a, art in enumerate(articles) for para in art["paragraphs"]]
    idf_all = term_set_idf([t for _, t in paras])
    idf_without = {a: term_set_idf([t for b, t in paras if b != a]) for a in range(len(articles))}
    terms = [tokenize(s) for s in sents]
    by_article: dict[int, list[int]] = {}
    for i, (a, _) in enumerate(owner):
        by_article.setdefault(a, []).append(i)
    pos, neg = [], []
    hit = random_rate = 0.0
    for question, a, p in questions:
        qt = content_terms(question, tokenize) if type_terms == "drop" else tokenize(question)
        unk_all, idf_neg = unknown_idf(idf_all), idf_without[a]
        unk_neg = unknown_idf(idf_neg)
        own = [i for i in by_article[a] if owner[i] == (a, p)]
        pos.append(max(coverage(qt, terms[i], idf_all, unk_all) for i in own))
        neg.append(max(coverage(qt, terms[i], idf_neg, unk_neg)
                       for b, ids in by_article.items() if b != a for i in ids))
        context = articles[a]["paragraphs"][p]["context"]
        got = best_sentence(context, 0, len(context), question, embed=None, tokenize=tokenize,
                            idf=idf_all)
        gold = answers[question, a, p]
        if got is not None and answer_in_sentence((got[0].start, got[0].end), gold):
            hit += 1
        spans = [(s.start, s.end) for s in sentence_spans(context)]
        random_rate += sum(answer_in_sentence(span, gold) for span in spans) / len(spans)
    print(f"answer sentence without a model holds a gold answer: {hit / len(questions):.3f} "
          f"(random sentence: {random_rate / len(questions):.3f})")
    return pos, neg



def _parse_rule(text: str) -> tuple:
    """'weighted 0.7 0.46' → ("weighted", 0.7, 0.46)."""
    kind, *params = text.split()
    return (kind, *map(float, params))


def _combined(
    articles: list[dict], sents: list[str], owner: list[tuple[int, int]],
    questions: list[tuple[str, int, int]], sv: np.ndarray, qv: np.ndarray,
    type_terms: str = "drop", checks: Sequence[tuple] = (),
) -> None:
    """Rules that combine the best sentence's cosine and lexical coverage (hybrid/dense), on
    the same answerable (own paragraph) / unanswerable (other articles) sentence sets."""
    from index.keyword import tokenize
    from qa.answer import ABSTAIN_THRESHOLD, EVIDENCE_RULE
    from qa.answer_types import ANSWER_TYPES, content_terms, expected_answer, has_answer_type

    paras = [(a, set(tokenize(para["context"])))
             for a, art in enumerate(articles) for para in art["paragraphs"]]
    idf_all = term_set_idf([t for _, t in paras])
    idf_without = {a: term_set_idf([t for b, t in paras if b != a]) for a in range(len(articles))}
    terms = [set(tokenize(s)) for s in sents]
    postings: dict[str, list[int]] = {}
    for i, ts in enumerate(terms):
        for t in ts:
            postings.setdefault(t, []).append(i)
    # Per question: (cosines, coverages) of the answerable and the unanswerable sentences.
    pos: list[tuple[np.ndarray, np.ndarray]] = []
    neg: list[tuple[np.ndarray, np.ndarray]] = []
    has_type = {k: np.array([has_answer_type(s, k) for s in sents]) for k in ANSWER_TYPES}
    for (question, a, p), v in zip(questions, qv, strict=True):
        qt = content_terms(question, tokenize) if type_terms == "drop" else tokenize(question)
        exp = expected_answer(question) if type_terms == "cover" else None
        typed = set(tokenize(exp.phrase)) & set(qt) if exp else set()
        has = has_type[exp.kind] if exp else None
        own = [i for i, o in enumerate(owner) if o == (a, p)]
        other = [i for i, o in enumerate(owner) if o[0] != a]
        pos.append((sv[own] @ v, sentence_coverage(qt, own, terms, postings, idf_all,
                                                    typed, has)))
        neg.append((sv[other] @ v, sentence_coverage(qt, other, terms, postings,
                                                      idf_without[a], typed, has)))
    n = len(questions)
    print(f"{n} questions; unanswerable sets hold {np.mean([len(c) for c, _ in neg]):.0f} "
          "sentences on average")

    def rates(answer_pos: np.ndarray, answer_neg: np.ndarray) -> tuple[float, float, float]:
        kept, false = float(answer_pos.mean()), float(answer_neg.mean())
        return (kept + 1 - false) / 2, kept, false

    def show(name: str, r: tuple[float, float, float], params: str) -> None:
        print(f"  {name:34s} {params:28s} balanced {r[0]:.3f}  answerable answered "
              f"{r[1]:.3f}  unanswerable answered {r[2]:.3f}")

    grid = np.round(np.arange(0.20, 1.001, 0.01), 2)
    pcos = np.array([c.max() for c, _ in pos])
    ncos = np.array([c.max() for c, _ in neg])
    pcov = np.array([v.max() for _, v in pos])
    ncov = np.array([v.max() for _, v in neg])
    base = rates(pcos >= ABSTAIN_THRESHOLD, ncos >= ABSTAIN_THRESHOLD)
    print("rules (answer when ...), best balanced accuracy, and the most answerable answered "
          f"with no more unanswerable answered than the cosine rule ({base[2]:.3f}):")
    show("cosine >= t (current)", base, f"t={ABSTAIN_THRESHOLD:.2f}")
    cands: dict[str, list[tuple[tuple[float, float, float], str]]] = {}
    cands["cosine >= t"] = [(rates(pcos >= t, ncos >= t), f"t={t:.2f}") for t in grid]
    cands["coverage >= t"] = [(rates(pcov >= t, ncov >= t), f"t={t:.2f}") for t in grid]
    cands["cosine >= t1 OR coverage >= t2"] = [
        (rates((pcos >= t1) | (pcov >= t2), (ncos >= t1) | (ncov >= t2)),
         f"t1={t1:.2f} t2={t2:.2f}") for t1 in grid for t2 in grid]
    weighted = []
    for w in np.round(np.arange(0.0, 1.001, 0.05), 2):
        pw = np.array([(w * c + (1 - w) * v).max() for c, v in pos])
        nw = np.array([(w * c + (1 - w) * v).max() for c, v in neg])
        weighted += [(rates(pw >= t, nw >= t), f"w={w:.2f} t={t:.2f}") for t in grid]
    cands["max(w*cos + (1-w)*cov) >= t"] = weighted
    # OR with a floor: a sentence's coverage counts only when its cosine reaches t3.
    guarded = []
    for t3 in np.round(np.arange(0.0, 0.55, 0.05), 2):
        pg = np.array([v[c >= t3].max(initial=0.0) for c, v in pos])
        ng = np.array([v[c >= t3].max(initial=0.0) for c, v in neg])
        guarded += [(rates((pcos >= t1) | (pg >= t2), (ncos >= t1) | (ng >= t2)),
                     f"t1={t1:.2f} t2={t2:.2f} t3={t3:.2f}") for t1 in grid[::2]
                    for t2 in grid[::2]]
    cands["cos>=t1 OR (cov>=t2 AND cos>=t3)"] = guarded
    for name, rs in cands.items():
        best = max(rs, key=lambda x: x[0][0])
        show(name, best[0], best[1] + " [best bal.]")
        capped = [x for x in rs if x[0][2] <= base[2] + 1e-9]
        if capped:
            bc = max(capped, key=lambda x: (x[0][1], x[0][0]))
            show(name, bc[0], bc[1] + " [capped]")
    for rule in [EVIDENCE_RULE, *checks]:
        kind, *params = rule
        label = "implemented (qa/answer.py)" if rule is EVIDENCE_RULE else "checked"
        if kind == "cosine":
            (t,) = params
            show(label, rates(pcos >= t, ncos >= t), f"cosine t={t:.2f}")
        elif kind == "or":
            t1, t2 = params
            show(label, rates((pcos >= t1) | (pcov >= t2), (ncos >= t1) | (ncov >= t2)),
                 f"or t1={t1:.2f} t2={t2:.2f}")
        elif kind == "weighted":
            w, t = params
            pw = np.array([(w * c + (1 - w) * v).max() for c, v in pos])
            nw = np.array([(w * c + (1 - w) * v).max() for c, v in neg])
            show(label, rates(pw >= t, nw >= t), f"weighted w={w:.2f} t={t:.2f}")
        elif kind == "guarded":
            t1, t2, t3 = params
            pg = np.array([v[c >= t3].max(initial=0.0) for c, v in pos])
            ng = np.array([v[c >= t3].max(initial=0.0) for c, v in neg])
            show(label, rates((pcos >= t1) | (pg >= t2), (ncos >= t1) | (ng >= t2)),
                 f"guarded t1={t1:.2f} t2={t2:.2f} t3={t3:.2f}")


def _answer_types(
    articles: list[dict], sents: list[str], sv: np.ndarray,
    questions: list[tuple[str, int, int]],
    answers: dict[tuple[str, int, int], list[tuple[int, str]]],
) -> None:
    """How often `best_sentence` on the question's own paragraph picks a sentence holding a
    gold answer, by expected answer type, without and with the answer-type bonus."""
    from index.keyword import tokenize
    from qa.answer import ANSWER_TYPE_BONUS, best_sentence
    from qa.answer_types import expected_answer

    paras = [set(tokenize(para["context"])) for art in articles for para in art["paragraphs"]]
    idf = term_set_idf(paras)
    qv = encode_cached([q for q, _, _ in questions])
    vec = dict(zip(sents, sv, strict=True))
    vec.update(zip([q for q, _, _ in questions], qv, strict=True))

    def embed(texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in vec]
        if missing:
            vec.update(zip(missing, encode_cached(missing), strict=True))
        return np.stack([vec[t] for t in texts])

    kinds = [getattr(expected_answer(q), "kind", "other") for q, _, _ in questions]
    print(f"{len(questions)} questions: " + ", ".join(
        f"{k} {kinds.count(k)}" for k in sorted(set(kinds))))
    bonuses = sorted({0.0, 0.05, 0.1, 0.15, 0.2, ANSWER_TYPE_BONUS})
    import qa.answer

    def all_terms(question: str, tok: Callable[[str], list[str]]) -> list[str]:
        return tok(question)

    product_terms = qa.answer.content_terms
    runs = [(label, emb, terms) for label, emb in (("hybrid/dense", embed), ("bm25", None))
            for terms in ("content terms", "all terms")]
    for label, emb, which in runs:
        qa.answer.content_terms = product_terms if which == "content terms" else all_terms
        hits = {b: Counter() for b in bonuses}
        for (question, a, p), kind in zip(questions, kinds, strict=True):
            context = articles[a]["paragraphs"][p]["context"]
            for b in bonuses:
                got = best_sentence(context, 0, len(context), question, embed=emb,
                                    tokenize=tokenize, idf=idf, type_bonus=b)
                ok = got is not None and answer_in_sentence((got[0].start, got[0].end),
                                                            answers[question, a, p])
                hits[b][kind] += ok
                hits[b]["all"] += ok
        print(f"{label}, question's {which}: answer sentence holds a gold answer (by bonus)")
        for kind in sorted(set(kinds)) + ["all"]:
            n = len(kinds) if kind == "all" else kinds.count(kind)
            print(f"  {kind:9s} n={n:5d} " + "  ".join(
                f"{b:.2f}:{hits[b][kind] / n:.3f}" for b in bonuses))
    qa.answer.content_terms = product_terms


if __name__ == "__main__":
    main()
