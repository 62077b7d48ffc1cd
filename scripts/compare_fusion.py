"""Compare fusions of the BM25 and dense rankings on every collection the project measures.

Step 1 (``collect``, once per collection): each query's vector, its BM25 top `BM25_DEPTH` and a
title-boosted BM25 top `DEEP`, cached as JSON + .npy in --cache (default /tmp/qa-fusion, never
the repository); the dense side is ranked from the cached vectors at load time (any depth, and
with context vectors mixed in). Step 2 (``table``): every fusion is replayed offline over the
cached lists with the engine's own `index.fusion` functions and scored as the evaluations score
them: SciFact nDCG@10 (documents merged by best chunk, `qa.evaluation.compute_metrics`), SQuAD
dev paragraph Recall@1/@5, seed dev set Recall@1/@5 (the criterion of tests/index/test_search.py),
labelled BBC questions Recall@1/@5 (a passage holding a gold statement's start). Settings are
chosen on the train splits only: SciFact train and the SQuAD *tune* articles (even article
numbers of dev-v1.1.json, every `TUNE_EVERY`th question; the held-out half is the odd article
numbers, so no held-out question or paragraph is ever seen while tuning).

    PYTHONPATH=$PWD .venv/bin/python scripts/compare_fusion.py collect [--only NAME]
    PYTHONPATH=$PWD .venv/bin/python scripts/compare_fusion.py table [--no-learned] [--json F]
        [--families 'minmax;rrf'] [--memo F] [--no-baselines]   # families run in parallel
    PYTHONPATH=$PWD .venv/bin/python scripts/compare_fusion.py question   # per-question weights

``question`` replays the QA layer's per-question fusion (`qa.fusion_choice`) over a grid of
its two weights, tuned on SciFact train, SQuAD tune and the labelled BBC dev questions, and
reports the held-out cells (SciFact test, SQuAD held-out, seeds, held-out BBC questions).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

Ranking = list[tuple[str, float]]
DEPTH = 100  # candidates per side: HybridIndex.search's default fusion depth
DEEP = 300  # the deepest candidate lists compared (top 200 / 300 per side)
BM25_DEPTH = 1000  # cached BM25 list: true BM25 scores for dense-only candidates (fill)
# Every 3rd question of the SQuAD tune articles is tuned on (1,799 of 5,397): time (hand-set).
TUNE_EVERY = 3
TITLE_BOOST = 1.0  # title/heading field weight of the title-boost variant (engine: 0.3)


@dataclass(frozen=True)
class Collection:
    """One query set over one corpus, with how its relevance is judged."""

    name: str
    corpus: Path
    key: str  # the corpus' cache sub-folder (its index lives in <cache>/<key>/idx)
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]  # qid -> {doc or gold key: relevance}
    split: str  # "train" (may tune on it) or "test" (report only)
    unit: str  # "doc": a document is relevant; "seed": seed gold entries (file prefix, text)
    need_all: frozenset[str] = frozenset()


def _squad_article(qrels_doc: str) -> int:
    return int(qrels_doc.split("-", 1)[0])


def collections(cache: Path) -> list[Collection]:
    """SciFact train/test, SQuAD dev tune/held-out halves (by article), the seed dev set."""
    from qa.evaluation import load_beir, read_squad, write_jsonl_corpus

    out = []
    scifact = SHARED / "benchmarks" / "scifact"
    for split, role in (("train", "train"), ("test", "test")):
        q, r = load_beir(scifact, split)
        out.append(Collection(f"scifact-{split}", scifact, "scifact", q, r, role, "doc"))
    records, questions = read_squad(SHARED / "benchmarks" / "squad" / "dev-v1.1.json")
    squad_dir = cache / "squad" / "corpus"
    write_jsonl_corpus(records, squad_dir)
    for half, parity, role in (("tune", 0, "train"), ("heldout", 1, "test")):
        qs = [x for x in questions if _squad_article(x.doc_id) % 2 == parity]
        if half == "tune":
            qs = qs[::TUNE_EVERY]
        out.append(Collection(f"squad-{half}", squad_dir, "squad", {x.qid: x.question for x in qs},
                              {x.qid: {x.doc_id: 1} for x in qs}, role, "doc"))
    dev = [json.loads(line) for line in
           (SHARED / "eval" / "seeds_dev.jsonl").read_text().splitlines() if line.strip()]
    dev = [d for d in dev if d["need"] != "none"]
    out.append(Collection(
        "seeds", ROOT / "seeds", "seeds", {d["id"]: d["question"] for d in dev},
        {d["id"]: {json.dumps(g): 1 for g in d["gold"]} for d in dev}, "test", "seed",
        frozenset(d["id"] for d in dev if d["need"] == "all")))
    out.append(bbc_questions(cache))
    out.append(bbc_heldout(cache))
    return out


def bbc_heldout(cache: Path) -> Collection:
    """The held-out BBC questions (tests/data/retrieval_heldout, never tuned on) over their 30
    articles plus the 80 dev articles, copied into the cache as scripts/eval_bbc_retrieval.py
    --set heldout does; relevance as in `bbc_questions`."""
    from qa.evaluation import article_list, copy_articles, load_passage_set

    queries, articles = load_passage_set(ROOT / "tests" / "data" / "retrieval_heldout")
    corpus = cache / "bbc-heldout" / "corpus"
    dev = article_list(SHARED / "eval" / "bbc_dev_articles.txt")
    copy_articles(SHARED / "corpora" / "bbc-full", [*articles, *dev], corpus)
    return Collection("bbc-heldout", corpus, "bbc-heldout", {q.qid: q.question for q in queries},
                      {q.qid: {json.dumps([g.path, g.start]): 1 for g in q.gold}
                       for q in queries}, "test", "span")


def bbc_questions(cache: Path) -> Collection:
    """The labelled BBC speaker questions (tests/data/statements) over the 80 dev articles,
    copied into the cache as scripts/eval_statements does. A passage is relevant when it holds
    the start of a gold statement; questions without gold statements are left out."""
    from qa.evaluation.dev_articles import article_list, copy_articles
    from qa.evaluation.statement_set import load_questions, load_statements

    data = ROOT / "tests" / "data" / "statements"
    labels = {lab.id: lab for lab in load_statements(data / "statements.jsonl")}
    corpus = cache / "bbc" / "corpus"
    copy_articles(SHARED / "corpora" / "bbc-full",
                  article_list(SHARED / "eval" / "bbc_dev_articles.txt"), corpus)
    queries: dict[str, str] = {}
    qrels: dict[str, dict[str, int]] = {}
    for i, q in enumerate(load_questions(data / "questions.jsonl")):
        if q.gold:
            queries[f"b{i:03d}"] = q.question
            qrels[f"b{i:03d}"] = {json.dumps([labels[g].path, labels[g].start]): 1
                                  for g in q.gold}
    return Collection("bbc", corpus, "bbc", queries, qrels, "test", "span")


# ---------------------------------------------------------------- step 1: collect


def collect(c: Collection, cache: Path, depth: int) -> None:
    """Embed every query once and cache its vector and BM25 lists.

    Cached per query: BM25 top `BM25_DEPTH` with the engine's field weights (deep enough that a
    dense-only candidate's true BM25 score can be read off it) and BM25 top `depth` with the
    title/heading weight `TITLE_BOOST` (the title-boost variant). The dense side needs no list:
    `load` ranks every chunk by the exact cosine of the cached query vector.
    """
    from index.keyword import FIELD_WEIGHTS, query_terms
    from index.search import HybridIndex

    target = cache / f"{c.name}.json"
    if target.is_file():
        print(f"{c.name}: cached", file=sys.stderr)
        return
    index = HybridIndex.open(c.corpus, cache / c.key / "idx")
    qids = list(c.queries)
    qvecs = index.embed([c.queries[q][:4000] for q in qids])
    kw = index._gen.keyword()
    boosted = {f: (w if f == "text" else TITLE_BOOST) for f, w in FIELD_WEIGHTS.items()}
    runs = {}
    for i, qid in enumerate(qids):
        terms = query_terms(c.queries[qid])
        kw.weights = dict(FIELD_WEIGHTS)
        bm = kw.search(terms, BM25_DEPTH)
        kw.weights = boosted
        bt = kw.search(terms, depth)
        runs[qid] = {"bm25": bm, "bm25_title": bt}
        if i % 500 == 0:
            print(f"{c.name}: {i}/{len(qids)}", file=sys.stderr)
    kw.weights = dict(FIELD_WEIGHTS)
    np.save(cache / f"{c.name}.npy", qvecs)
    target.write_text(json.dumps(runs))
    index.close()


# ---------------------------------------------------------------- step 2: replay and score


@dataclass
class Cached:
    """A collection's cached lists, with the corpus facts the features need.

    ``runs[q]``: ``bm25`` (top `DEPTH`, what the engine fuses), ``bm25_deep`` (top
    `BM25_DEPTH`), ``bm25_title`` (title boost, top `DEEP`), ``dense`` (top `DEPTH`),
    ``dense_deep`` (top `DEEP`). `ctx` holds each chunk's context vector per variant.
    """

    c: Collection
    runs: dict[str, dict[str, Ranking]]
    qvecs: np.ndarray
    index: Any  # HybridIndex (opened without a model: the vectors are on disk)
    ctx: dict[str, np.ndarray] = field(default_factory=dict)
    mixed: dict[tuple[str, float], list[Ranking]] = field(default_factory=dict)


def _top(scores: np.ndarray, ids: Sequence[str], depth: int) -> Ranking:
    top = np.argpartition(-scores, min(depth, len(scores) - 1))[:depth]
    top = top[np.lexsort((top, -scores[top]))]
    return [(ids[j], float(scores[j])) for j in top]


def context_vectors(index: Any, how: str) -> np.ndarray:
    """Per chunk, a unit vector of its context: ``nb`` the sum of the previous and next chunk of
    its group, ``doc`` the mean of every chunk of its group (a chunk alone in its group gets its
    own vector). A group is the chunk's document; for SQuAD records (one paragraph each) it is
    the Wikipedia article, so that paragraphs have the neighbours a news article's would."""
    vecs = np.asarray(index._gen.vectors(), dtype=np.float32)
    groups: dict[str, list[int]] = {}
    for row, ch in enumerate(index.chunks):
        d = doc_of(ch.chunk_id)
        g = d.split("-", 1)[0] if re.fullmatch(r"\d+-\d+", d) else ch.doc_id
        groups.setdefault(g, []).append(row)
    out = vecs.copy()
    for g, rows in groups.items():
        if re.fullmatch(r"\d+", g):
            rows.sort(key=lambda r: int(doc_of(index.chunks[r].chunk_id).split("-")[1]))
        if len(rows) < 2:
            continue
        if how == "doc":
            m = vecs[rows].sum(axis=0)
            out[rows] = m
        else:
            for j, r in enumerate(rows):
                nb = [rows[x] for x in (j - 1, j + 1) if 0 <= x < len(rows)]
                out[r] = vecs[nb].sum(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)


def load(c: Collection, cache: Path) -> Cached:
    from index.search import HybridIndex

    runs = json.loads((cache / f"{c.name}.json").read_text())
    runs = {q: {s: [(k, float(v)) for k, v in r[s]] for s in r} for q, r in runs.items()}
    qvecs = np.load(cache / f"{c.name}.npy")
    index = HybridIndex.open(c.corpus, cache / c.key / "idx")
    ids = [ch.chunk_id for ch in index.chunks]
    sims = qvecs @ np.asarray(index._gen.vectors(), dtype=np.float32).T
    for i, q in enumerate(runs):
        deep = runs[q]["bm25"]
        runs[q]["bm25_deep"] = deep
        runs[q]["bm25"] = deep[:DEPTH]
        runs[q]["dense_deep"] = _top(sims[i], ids, DEEP)
        runs[q]["dense"] = runs[q]["dense_deep"][:DEPTH]
    return Cached(c, runs, qvecs, index)


def mixed_dense(cd: Cached, how: str, w: float) -> list[Ranking]:
    """Per query, the dense top `DEEP` by (1 - w) cos(q, chunk) + w cos(q, context)."""
    key = (how, w)
    if key not in cd.mixed:
        if how not in cd.ctx:
            cd.ctx[how] = context_vectors(cd.index, how)
        vecs = np.asarray(cd.index._gen.vectors(), dtype=np.float32)
        sims = (1 - w) * (cd.qvecs @ vecs.T) + w * (cd.qvecs @ cd.ctx[how].T)
        ids = [ch.chunk_id for ch in cd.index.chunks]
        cd.mixed[key] = [_top(sims[i], ids, DEEP) for i in range(len(cd.qvecs))]
    return cd.mixed[key]


def cosines(cd: Cached, i: int, keys: Sequence[str], vecs: np.ndarray | None = None
            ) -> dict[str, float]:
    """The exact cosine of the query to any chunk (the vectors are all in the index), or to
    another vector per chunk (`vecs`, e.g. context vectors)."""
    rows = [cd.index.row_of(k) for k in keys]
    table = cd.index._gen.vectors() if vecs is None else vecs
    vals = np.asarray(table[rows]) @ cd.qvecs[i]
    return dict(zip(keys, map(float, vals), strict=True))


def doc_of(chunk_id: str) -> str:
    """Chunk id ``corpus.jsonl#<_id>@<start>`` → record id; a plain file's chunk → file."""
    d = chunk_id.rsplit("@", 1)[0]
    return d.split("#", 1)[1] if "#" in d else d


def score_collection(cd: Cached, fused: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """Metrics of one fused chunk order per query."""
    from qa.evaluation import compute_metrics

    c = cd.c
    if c.unit == "doc":
        run = {}
        for q, keys in fused.items():
            order: dict[str, None] = {}
            for k in keys:
                order.setdefault(doc_of(k), None)
                if len(order) == 100:
                    break
            run[q] = {d: float(len(order) - i) for i, d in enumerate(order)}
        measures = ("nDCG@10",) if c.name.startswith("scifact") else ("R@1", "R@5")
        return compute_metrics(c.qrels, run, measures)
    out = {}
    hit = _span_hit if c.unit == "span" else _seed_hit
    for k in (1, 5):
        ok = []
        for q, keys in fused.items():
            chunks = [cd.index.chunk(x) for x in keys[:k]]
            found = [any(hit(ch, json.loads(g)) for ch in chunks) for g in c.qrels[q]]
            ok.append(all(found) if q in c.need_all else any(found))
        out[f"R@{k}"] = sum(ok) / len(ok)
    return out


def _span_hit(chunk: Any, gold: list[Any]) -> bool:
    """A labelled statement ``[path, start]`` starts inside the chunk."""
    path, start = gold
    return bool(chunk.path == path and chunk.start <= start < chunk.end)


def _seed_hit(chunk: Any, gold: list[str]) -> bool:
    prefix, needle = gold
    return chunk.path.rsplit("/", 1)[-1].startswith(prefix) and (
        " ".join(needle.split()) in " ".join(chunk.text.split()))


# ---------------------------------------------------------------- the fusions compared

Fuse = Callable[[Cached, int, str], list[str]]


def _keys(fused: Sequence[Any]) -> list[str]:
    return [f.key for f in fused]


def single(side: str, ctx: tuple[str, float] | None = None) -> Fuse:
    if ctx is not None:
        return lambda cd, i, q: [k for k, _ in mixed_dense(cd, *ctx)[i]]
    return lambda cd, i, q: [k for k, _ in cd.runs[q][side]]


def rrf(k: int, depth: int = DEPTH) -> Fuse:
    from index.fusion import reciprocal_rank_fusion

    return lambda cd, i, q: _keys(reciprocal_rank_fusion(
        [cd.runs[q]["bm25_deep"][:depth], cd.runs[q]["dense_deep"][:depth]], k=k))


@dataclass(frozen=True)
class Variant:
    """A weighted score fusion and the candidate lists it fuses.

    `fill_cos`: a candidate only BM25 found takes its true dense score; `fill_bm25`: one only
    dense found takes its true BM25 score (from the cached top `BM25_DEPTH`, else the floor);
    `depth`: candidates per side; `title`: the BM25 list with title boost `TITLE_BOOST`; `ctx`:
    the dense side mixes in the context vector (variant, weight).
    """

    how: str
    alpha: float
    fill_cos: bool = False
    fill_bm25: bool = False
    depth: int = DEPTH
    title: bool = False
    ctx: tuple[str, float] | None = None
    dense_how: str | None = None  # the dense side's scale when not `how` (e.g. raw cosine)

    @property
    def family(self) -> str:
        parts = [self.how if self.dense_how is None
                 else f"bm25 {self.how} + dense {self.dense_how}"]
        if self.fill_cos or self.fill_bm25:
            parts.append("fill " + "+".join(x for x, on in (("cos", self.fill_cos),
                                                             ("bm25", self.fill_bm25)) if on))
        if self.depth != DEPTH:
            parts.append(f"top {self.depth}")
        if self.title:
            parts.append(f"title boost {TITLE_BOOST:g}")
        if self.ctx:
            parts.append(f"dense + {self.ctx[0]} context {self.ctx[1]:g}")
        return ", ".join(parts)

    @property
    def name(self) -> str:
        return f"{self.family}, bm25={self.alpha:g}"


def scored(v: Variant) -> Fuse:
    """Weighted fusion of scaled scores as `v` says; alpha weighs BM25."""
    from index.fusion import score_fusion

    def fuse(cd: Cached, i: int, q: str) -> list[str]:
        bm = cd.runs[q]["bm25_title" if v.title else "bm25_deep"][: v.depth]
        dn = (mixed_dense(cd, *v.ctx)[i] if v.ctx else cd.runs[q]["dense_deep"])[: v.depth]
        fill: list[Mapping[str, float] | None] = [None, None]
        if v.fill_cos:
            in_dn = {k for k, _ in dn}
            missing = [k for k, _ in bm if k not in in_dn]
            cos = cosines(cd, i, missing)
            if v.ctx:
                ctx = cosines(cd, i, missing, cd.ctx[v.ctx[0]])
                cos = {k: (1 - v.ctx[1]) * cos[k] + v.ctx[1] * ctx[k] for k in missing}
            fill[1] = cos
        if v.fill_bm25 and not v.title:
            fill[0] = dict(cd.runs[q]["bm25_deep"])
        how = v.how if v.dense_how is None else (v.how, v.dense_how)
        return _keys(score_fusion([bm, dn], [v.alpha, 1 - v.alpha], how, fill))

    return fuse


def question_weighted(speaker: float, unknown_name: float, base: Any = None) -> Fuse:
    """The engine's fusion as the QA layer picks it per question (`qa.fusion_choice`), with
    these BM25 weights for speaker questions whose name is known / has an unknown word, and
    `base` (an `index.fusion.Fusion`; default: min-max 0.6, `MINMAX_FUSION`) for every other
    question."""
    from index.fusion import DEFAULT_FUSION, MINMAX_FUSION
    from index.fusion import fuse as engine_fuse
    from qa.fusion_choice import fusion_for

    def fuse(cd: Cached, i: int, q: str) -> list[str]:
        chosen = fusion_for(cd.c.queries[q], cd.index.unknown_terms, speaker_weight=speaker,
                            unknown_name_weight=unknown_name)
        if chosen is DEFAULT_FUSION:
            chosen = base if base is not None else MINMAX_FUSION
        return _keys(engine_fuse(cd.runs[q]["bm25"], cd.runs[q]["dense"], chosen,
                                 cosine=lambda keys: cosines(cd, i, keys)))

    return fuse


def question_table(cds: Sequence[Cached]) -> None:
    """The question-dependent weight grid: each setting's worst gain over the better single
    side on the tuning cells (SciFact train, SQuAD tune, labelled BBC dev questions) and its
    figures on the held-out cells (SciFact test, SQuAD held-out, seeds, held-out BBC)."""
    from index.fusion import Fusion

    tune = [cd for cd in cds if cd.c.split == "train" or cd.c.name == "bbc"]
    held = [cd for cd in cds if cd not in tune]
    tu_bm, tu_dn = (cells(evaluate(tune, single(s), s)) for s in ("bm25", "dense"))
    he_bm, he_dn = (cells(evaluate(held, single(s), s)) for s in ("bm25", "dense"))
    rows = [("bm25", single("bm25")), ("dense", single("dense")),
            ("min-max 0.6 for every question (round 2 default)", question_weighted(0.6, 0.6))]
    rows += [(f"speaker questions: name known {k:g}, unknown word {u:g}", question_weighted(k, u))
             for k in (0.7, 0.8, 0.9, 1.0) for u in (0.6, 0.7, 0.8)]
    # The raw-cosine fusion of the second round (best SQuAD figures, lost on BBC speaker
    # questions) for every other question: the rows of the shipped default (DEFAULT_FUSION).
    for w in (0.3, 0.4):
        raw = Fusion("scores", bm25_weight=w, scale="minmax", fill_cosine=True, dense_scale="raw")
        rows += [(f"speaker {k:g}/{u:g}, others {raw.label}", question_weighted(k, u, raw))
                 for k, u in ((0.9, 0.7), (0.9, 0.8))]
    head = None
    for name, f in rows:
        tu, he = cells(evaluate(tune, f, name)), cells(evaluate(held, f, name))
        if head is None:
            head = [*tu, *he]
            print("| fusion | tune worst gain | " + " | ".join(head) + " | held-out worst gain |")
            print("|---" * (len(head) + 3) + "|")
        both = {**tu, **he}
        print(f"| {name} | {worst_gain(tu, tu_bm, tu_dn):+.4f} | " +
              " | ".join(f"{both[k]:.4f}" for k in head) +
              f" | {worst_gain(he, he_bm, he_dn):+.4f} |", flush=True)


class Lexical:
    """Per corpus: each chunk's text and title terms, and term idf over chunks (for features)."""

    def __init__(self, index: Any) -> None:
        from index.keyword import tokenize

        self.tokenize = tokenize
        self.text = {c.chunk_id: set(tokenize(c.text)) for c in index.chunks}
        self.title = {c.chunk_id: set(tokenize(" ".join(filter(None, (c.title, c.heading)))))
                      for c in index.chunks}
        df: dict[str, int] = {}
        for terms in self.text.values():
            for t in terms:
                df[t] = df.get(t, 0) + 1
        n = len(self.text)
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.unknown = math.log(1 + (n + 0.5) / 0.5)

    def coverage(self, q_terms: Sequence[str], terms: set[str]) -> float:
        w = [self.idf.get(t, self.unknown) for t in q_terms]
        total = sum(w)
        hit = sum(x for t, x in zip(q_terms, w, strict=True) if t in terms)
        return hit / total if total else 0.0


FEATURES = ("cos", "cos_gap", "bm25_rel", "bm25_z", "bm25_rr", "dense_rr", "in_bm25",
            "coverage", "title_cov")


def features(cd: Cached, lex: Lexical | None, i: int, q: str) -> tuple[list[str], np.ndarray]:
    """The union of both lists and a row of `FEATURES` per candidate (query-relative values, so
    that one model serves every corpus)."""
    bm, dn = cd.runs[q]["bm25"], cd.runs[q]["dense"]
    keys = list(dict.fromkeys([k for k, _ in bm] + [k for k, _ in dn]))
    cos = cosines(cd, i, keys)
    top_cos = dn[0][1] if dn else 0.0
    b = dict(bm)
    br = {k: r for r, (k, _) in enumerate(bm, 1)}
    dr = {k: r for r, (k, _) in enumerate(dn, 1)}
    bvals = np.array([s for _, s in bm]) if bm else np.zeros(1)
    bmax, bmean, bstd = float(bvals.max()), float(bvals.mean()), float(bvals.std()) or 1.0
    bmin_z = (float(bvals.min()) - bmean) / bstd
    q_terms = list(dict.fromkeys(lex.tokenize(cd.c.queries[q]))) if lex else []
    rows = []
    for k in keys:
        rows.append([
            cos[k], cos[k] - top_cos,
            b[k] / bmax if k in b and bmax > 0 else 0.0,
            (b[k] - bmean) / bstd if k in b else bmin_z,
            1.0 / math.log2(1 + br[k]) if k in br else 0.0,
            1.0 / math.log2(1 + dr[k]) if k in dr else 0.0,
            1.0 if k in b else 0.0,
            lex.coverage(q_terms, lex.text[k]) if lex else 0.0,
            lex.coverage(q_terms, lex.title[k]) if lex else 0.0,
        ])
    return keys, np.array(rows, dtype=np.float64)


def relevant(cd: Cached, q: str, key: str) -> bool:
    if cd.c.unit == "doc":
        return doc_of(key) in cd.c.qrels[q]
    ch = cd.index.chunk(key)
    hit = _span_hit if cd.c.unit == "span" else _seed_hit
    return any(hit(ch, json.loads(g)) for g in cd.c.qrels[q])


def learned(model: Any, lexes: Mapping[str, Lexical | None], cols: Sequence[int]) -> Fuse:
    """Candidates ordered by a fitted linear model's score (ties: the key)."""

    def fuse(cd: Cached, i: int, q: str) -> list[str]:
        keys, x = features(cd, lexes.get(cd.c.key), i, q)
        s = model.decision_function(x[:, cols])
        order = sorted(range(len(keys)), key=lambda j: (-s[j], keys[j]))
        return [keys[j] for j in order]

    return fuse


def fit_learned(train: Sequence[Cached], lexes: Mapping[str, Lexical | None],
                cols: Sequence[int]) -> Any:
    """Logistic regression (relevant chunk or not) on the train splits' candidates, each
    collection weighted equally; features standardised inside the pipeline."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    xs, ys, ws = [], [], []
    for cd in train:
        n0 = len(xs)
        for i, q in enumerate(cd.c.queries):
            keys, x = features(cd, lexes.get(cd.c.key), i, q)
            xs.extend(x[:, cols])
            ys.extend(relevant(cd, q, k) for k in keys)
        ws.extend([1.0 / (len(xs) - n0)] * (len(xs) - n0))
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    w = np.array(ws) * len(ws) / sum(ws)
    model.fit(np.array(xs), np.array(ys, dtype=int), logisticregression__sample_weight=w)
    return model


_MEMO: dict[str, dict[str, float]] = {}


def evaluate(cds: Sequence[Cached], fuse: Fuse, name: str | None = None
             ) -> dict[str, dict[str, float]]:
    """Metrics per collection; results of a named (deterministic) fusion are memoised."""
    out = {}
    for cd in cds:
        key = f"{cd.c.name}|{len(cd.c.queries)}|{name}"
        if name is None or key not in _MEMO:
            _MEMO[key] = score_collection(
                cd, {q: fuse(cd, i, q) for i, q in enumerate(cd.c.queries)})
        out[cd.c.name] = _MEMO[key]
    return out


def cells(res: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Flatten to ``{"scifact-test nDCG@10": x, ...}``."""
    return {f"{c} {m}": v for c, ms in res.items() for m, v in ms.items()}


def worst_gain(row: Mapping[str, float], bm: Mapping[str, float], dn: Mapping[str, float],
               skip: Sequence[str] = ()) -> float:
    """min over cells of (row - the better single side)."""
    return min(v - max(bm[k], dn[k]) for k, v in row.items() if k not in skip)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("step", choices=["collect", "table", "question"])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/qa-fusion"))
    ap.add_argument("--only", default=None, help="collect: only this collection")
    ap.add_argument("--json", type=Path, default=None, help="table: also write rows here")
    ap.add_argument("--families", default=None,
                    help="table: only these families (';'-separated names as printed)")
    ap.add_argument("--memo", type=Path, default=None,
                    help="table: file of memoised scores (default <cache>/scores.json)")
    ap.add_argument("--no-baselines", action="store_true", help="table: no baseline rows")
    ap.add_argument("--no-learned", action="store_true", help="table: skip the learned rows")
    a = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    a.cache.mkdir(parents=True, exist_ok=True)
    cols = collections(a.cache)
    if a.step == "collect":
        for c in cols:
            if a.only is None or c.name == a.only:
                collect(c, a.cache, DEEP)
        return 0
    memo = a.memo or a.cache / "scores.json"
    if memo.is_file():
        _MEMO.update(json.loads(memo.read_text()))
    missing = [c.name for c in cols if not (a.cache / f"{c.name}.json").is_file()]
    if missing:
        print(f"not collected yet, left out: {', '.join(missing)}", file=sys.stderr)
    cds = [load(c, a.cache) for c in cols if c.name not in missing]
    if a.step == "question":
        question_table(cds)
        memo.write_text(json.dumps(_MEMO))
        return 0
    train = [cd for cd in cds if cd.c.split == "train"]
    test = [cd for cd in cds if cd.c.split == "test"]
    # Train-side criterion: worst gain over the better single side on SciFact train nDCG@10 and
    # SQuAD tune R@1 / R@5.
    tr_bm = cells(evaluate(train, single("bm25"), "bm25"))
    tr_dn = cells(evaluate(train, single("dense"), "dense"))
    alphas = (0.5, 0.6, 0.7)
    candidates: dict[str, list[tuple[str, Fuse]]] = {
        "rrf": [(f"RRF k={k}", rrf(k)) for k in (1, 60)],
    }
    families: list[tuple[dict[str, Any], tuple[float, ...]]] = [
        (dict(how="minmax"), alphas),
        (dict(how="minmax", fill_cos=True), alphas),
        (dict(how="minmax", fill_cos=True, fill_bm25=True, depth=DEEP), alphas),
        (dict(how="zscore"), alphas),
        (dict(how="minmax", title=True), (0.6,)),
        (dict(how="minmax", dense_how="raw", fill_cos=True), (0.3, 0.4, 0.5, 0.6)),
        (dict(how="minmax", dense_how="raw", fill_cos=True, depth=DEEP), (0.4, 0.5)),
        (dict(how="minmax", fill_cos=True, ctx=("nb", 0.1)), (0.6,)),
        (dict(how="minmax", fill_cos=True, ctx=("nb", 0.2)), (0.6,)),
        (dict(how="minmax", fill_cos=True, ctx=("doc", 0.2)), (0.6,)),
    ]
    for fam, grid in families:
        vs = [Variant(alpha=al, **fam) for al in grid]
        candidates[vs[0].family] = [(v.name, scored(v)) for v in vs]
    if a.families:
        candidates = {k: v for k, v in candidates.items() if k in a.families.split(";")}
    rows: list[dict[str, Any]] = []
    chosen: list[tuple[str, Fuse, float]] = []
    for opts in candidates.values():
        best = None
        for name, fuse in opts:
            tr = cells(evaluate(train, fuse, name))
            memo.write_text(json.dumps(_MEMO))
            g = worst_gain(tr, tr_bm, tr_dn)
            print(f"train {name:<48} worst gain {g:+.4f}  " +
                  "  ".join(f"{k} {v:.4f}" for k, v in tr.items()), file=sys.stderr)
            if best is None or g > best[2]:
                best = (name, fuse, g)
        chosen.append(best)  # type: ignore[arg-type]
    if not a.no_learned:
        lexes = {cd.c.key: Lexical(cd.index) for cd in cds}
        for label, names in (("learned (scores, ranks)", FEATURES[:7]),
                             ("learned (+ coverage, title)", FEATURES)):
            idx = [FEATURES.index(n) for n in names]
            model = fit_learned(train, lexes, idx)
            coef = model[-1].coef_[0] / model[0].scale_
            print(label, dict(zip(names, np.round(coef, 3), strict=True)),
                  "intercept", model[-1].intercept_, file=sys.stderr)
            fuse = learned(model, lexes, idx)
            g = worst_gain(cells(evaluate(train, fuse)), tr_bm, tr_dn)
            chosen.append((label, fuse, g))
    te_bm = cells(evaluate(test, single("bm25"), "bm25"))
    te_dn = cells(evaluate(test, single("dense"), "dense"))
    baselines: list[tuple[str, Fuse]] = [("bm25", single("bm25")), ("dense", single("dense"))]
    baselines += [(f"dense + {c} context {w:g} (alone)", single("dense", (c, w)))
                  for c, w in (("nb", 0.1), ("nb", 0.2), ("doc", 0.2))]
    baselines += [("RRF k=60 (previous default)", rrf(60)),
                  (Variant(how="minmax", alpha=0.6).name + " (current default)",
                   scored(Variant(how="minmax", alpha=0.6)))]
    for name, fuse in [] if a.no_baselines else baselines:
        te = cells(evaluate(test, fuse, name))
        tr = cells(evaluate(train, fuse, name))
        rows.append({"fusion": name, "train_worst_gain": worst_gain(tr, tr_bm, tr_dn), **te,
                     "test_worst_gain": worst_gain(te, te_bm, te_dn)})
    for name, fuse, g in chosen:
        te = cells(evaluate(test, fuse, None if name.startswith("learned") else name))
        rows.append({"fusion": name, "train_worst_gain": g, **te,
                     "test_worst_gain": worst_gain(te, te_bm, te_dn)})
    keys = [k for k in rows[0] if k not in ("fusion", "train_worst_gain", "test_worst_gain")]
    print("| fusion (chosen on train) | train worst gain | " + " | ".join(keys) +
          " | test worst gain |")
    print("|---" * (len(keys) + 3) + "|")
    for r in rows:
        tg = "–" if r["train_worst_gain"] is None else f"{r['train_worst_gain']:+.4f}"
        print(f"| {r['fusion']} | {tg} | " + " | ".join(f"{r[k]:.4f}" for k in keys) +
              f" | {r['test_worst_gain']:+.4f} |")
    memo.write_text(json.dumps(_MEMO))
    if a.json:
        a.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
