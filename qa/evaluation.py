"""Retrieval quality on public test collections: BEIR folders (e.g. SciFact) and SQuAD paragraphs.

Readers and metric code are small pure functions; metrics come from `ir_measures` (pytrec_eval),
never computed by hand. A document is the retrieval unit: the chunk hits of one document are
merged by their best rank. Query ``metadata`` is never read (in SciFact it leaks evidence ids).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import ir_measures
from ir_measures import Qrel, ScoredDoc

if TYPE_CHECKING:
    from index.search import Hit, HybridIndex

__all__ = [
    "BEIR_MEASURES",
    "MODES",
    "SQUAD_MEASURES",
    "AnswerSentenceFn",
    "EvalError",
    "EvalResult",
    "ModeResult",
    "Progress",
    "SquadQuestion",
    "answer_in_sentence",
    "compute_metrics",
    "doc_ranking",
    "evaluate_beir",
    "evaluate_squad",
    "load_beir",
    "qa_answer_sentence",
    "read_beir_queries",
    "read_qrels",
    "read_squad",
    "resolve_modes",
    "run_queries",
    "squad_corpus_dir",
    "write_jsonl_corpus",
]

MODES: tuple[str, ...] = ("bm25", "dense", "hybrid")
BEIR_MEASURES: tuple[str, ...] = ("nDCG@10", "R@100", "RR@10")
SQUAD_MEASURES: tuple[str, ...] = ("R@1", "R@5", "R@20", "RR@10")

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called while indexing and while querying."""

AnswerSentenceFn = Callable[[str, "Hit"], tuple[int, int] | None]
"""answer_sentence(question, hit) -> (start, end) of the chosen sentence in the document."""


class EvalError(ValueError):
    """Unusable evaluation input (missing folder/file, bad format, unknown mode)."""


@dataclass(frozen=True)
class ModeResult:
    """Metrics of one retrieval mode over one query set."""

    mode: str
    metrics: Mapping[str, float]
    queries: int
    seconds: float
    extra: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class EvalResult:
    """The outcome of one evaluation run: collection facts and per-mode metrics."""

    dataset: str
    split: str
    documents: int
    chunks: int
    queries: int
    index_seconds: float
    results: tuple[ModeResult, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)

    def metric(self, mode: str, name: str) -> float:
        """One metric of one mode, e.g. ``result.metric("hybrid", "nDCG@10")``."""
        for r in self.results:
            if r.mode == mode:
                return r.metrics[name]
        raise KeyError(mode)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (what ``qa eval --json`` prints)."""
        d = asdict(self)
        d["results"] = {r.mode: _mode_dict(r) for r in self.results}
        d["settings"] = dict(self.settings)
        return d


def _mode_dict(r: ModeResult) -> dict[str, Any]:
    out: dict[str, Any] = {k: round(v, 4) for k, v in r.metrics.items()}
    out.update({k: round(v, 4) for k, v in r.extra.items()})
    out["queries"] = r.queries
    out["seconds"] = round(r.seconds, 2)
    return out


# ---------------------------------------------------------------- readers (I/O at the edge)


def resolve_modes(mode: str) -> tuple[str, ...]:
    """``"all"`` → every mode; a single valid mode → itself; otherwise EvalError."""
    if mode == "all":
        return MODES
    if mode not in MODES:
        raise EvalError(f"unknown mode {mode!r}: use one of {', '.join(MODES)} or all")
    return (mode,)


def read_beir_queries(path: Path) -> dict[str, str]:
    """``{query_id: text}`` from a BEIR ``queries.jsonl``; ``metadata`` is deliberately dropped."""
    if not path.is_file():
        raise EvalError(f"{path}: no such file (a BEIR folder needs queries.jsonl)")
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                qid, text = str(rec["_id"]), rec["text"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise EvalError(f"{path}:{lineno}: not a BEIR query (needs _id and text)") from None
            if not isinstance(text, str):
                raise EvalError(f"{path}:{lineno}: query text is not a string")
            out[qid] = text
    return out


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """``{query_id: {doc_id: relevance}}`` from a BEIR qrels TSV (header line, CRLF tolerated)."""
    if not path.is_file():
        raise EvalError(f"{path}: no such file (a BEIR folder needs qrels/<split>.tsv)")
    out: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) == 4:  # TREC style: qid 0 docid rel
                cols = [cols[0], cols[2], cols[3]]
            if len(cols) != 3:
                raise EvalError(f"{path}:{lineno}: expected query-id, corpus-id, score")
            qid, did, score = (c.strip() for c in cols)
            try:
                rel = int(score)
            except ValueError:
                if lineno == 1:  # the header line
                    continue
                raise EvalError(f"{path}:{lineno}: score {score!r} is not an integer") from None
            out.setdefault(qid, {})[did] = rel
    if not out:
        raise EvalError(f"{path}: no relevance judgements")
    return out


@dataclass(frozen=True)
class SquadQuestion:
    """One SQuAD question: its paragraph's record id and gold answers as (start, text)."""

    qid: str
    question: str
    doc_id: str
    answers: tuple[tuple[int, str], ...]


def read_squad(
    path: Path, *, articles: int | None = None
) -> tuple[list[dict[str, str]], list[SquadQuestion]]:
    """SQuAD v1.1 JSON → (BEIR corpus records, questions); `articles` keeps only the first N.

    Each paragraph becomes a record ``{"_id": "<article>-<paragraph>", "title", "text"}`` whose
    text is the context verbatim, so gold ``answer_start`` offsets index the document text.
    """
    if not path.is_file():
        raise EvalError(f"{path}: no such file (expected SQuAD v1.1 dev-v1.1.json)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError):
        raise EvalError(f"{path}: not a SQuAD v1.1 JSON file") from None
    records: list[dict[str, str]] = []
    questions: list[SquadQuestion] = []
    for ai, art in enumerate(data[:articles] if articles else data):
        title = str(art.get("title", "")).replace("_", " ")
        for pi, para in enumerate(art["paragraphs"]):
            rid = f"{ai}-{pi}"
            records.append({"_id": rid, "title": title, "text": para["context"]})
            for qa in para["qas"]:
                answers = tuple((int(a["answer_start"]), a["text"]) for a in qa["answers"])
                questions.append(SquadQuestion(str(qa["id"]), qa["question"], rid, answers))
    return records, questions


def write_jsonl_corpus(records: Iterable[Mapping[str, str]], folder: Path) -> Path:
    """Write records as ``folder/corpus.jsonl``; an identical existing file is left untouched."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "corpus.jsonl"
    body = "".join(json.dumps(dict(r), ensure_ascii=False) + "\n" for r in records)
    if target.is_file() and target.read_text(encoding="utf-8") == body:
        return target  # keep mtime so an existing index stays up to date
    tmp = target.with_suffix(".tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, target)
    return target


def squad_corpus_dir(squad_path: Path, articles: int | None = None) -> Path:
    """A cache folder (never the repo) for the SQuAD paragraphs corpus, keyed by file and size."""
    import platformdirs

    h = hashlib.sha1(f"{squad_path.resolve()}:{squad_path.stat().st_size}".encode()).hexdigest()
    name = f"squad-{h[:12]}" + (f"-a{articles}" if articles else "")
    return Path(platformdirs.user_cache_dir("qa-index")) / "benchmarks" / name / "corpus"


# ---------------------------------------------------------------- pure core


def doc_ranking(hits: Sequence[Hit], limit: int | None = None) -> dict[str, float]:
    """Merge chunk hits into documents by their best rank: ``{record_id: score}``, best first.

    Scores are strictly decreasing in first-appearance order (``n, n-1, ...``), which equals
    max-score merging for hits sorted by score and avoids ties in the metric library.
    """
    order: list[str] = []
    seen: set[str] = set()
    for h in hits:
        rid = h.doc_id.split("#", 1)[1] if "#" in h.doc_id else h.doc_id
        if rid not in seen:
            seen.add(rid)
            order.append(rid)
            if limit is not None and len(order) >= limit:
                break
    n = len(order)
    return {rid: float(n - i) for i, rid in enumerate(order)}


def compute_metrics(
    qrels: Mapping[str, Mapping[str, int]],
    run: Mapping[str, Mapping[str, float]],
    measures: Sequence[str] = BEIR_MEASURES,
) -> dict[str, float]:
    """Mean of each measure over every judged query (a query missing from `run` scores 0)."""
    parsed = [ir_measures.parse_measure(m) for m in measures]
    qrel_list = [Qrel(q, d, r) for q, docs in qrels.items() for d, r in docs.items()]
    run_list = [
        ScoredDoc(q, d, s) for q, docs in run.items() if q in qrels for d, s in docs.items()
    ]
    sums = dict.fromkeys(measures, 0.0)
    names = {str(p): m for p, m in zip(parsed, measures, strict=True)}
    for metric in ir_measures.iter_calc(parsed, qrel_list, run_list):
        sums[names[str(metric.measure)]] += metric.value
    n = len(qrels)
    return {m: sums[m] / n for m in measures}


def run_queries(
    search: Callable[[str], Sequence[Hit]],
    queries: Mapping[str, str],
    *,
    docs: int = 100,
    progress: Progress | None = None,
    stage: str = "querying",
) -> dict[str, dict[str, float]]:
    """Run every query; ``{query_id: {record_id: score}}`` with at most `docs` documents each.

    A query the engine rejects (e.g. nothing searchable in it) gets an empty ranking (scores 0).
    """
    from index.search import QueryError

    run: dict[str, dict[str, float]] = {}
    total = len(queries)
    for i, (qid, text) in enumerate(queries.items(), 1):
        try:
            run[qid] = doc_ranking(search(text), docs)
        except QueryError:
            run[qid] = {}
        if progress:
            progress(stage, i, total)
    return run


def answer_in_sentence(sentence: tuple[int, int], answers: Iterable[tuple[int, str]]) -> bool:
    """True when one gold answer span lies inside the sentence's [start, end)."""
    s, e = sentence
    return any(s <= a and a + len(t) <= e for a, t in answers)


# ---------------------------------------------------------------- drivers


def _chunks_needed(index: HybridIndex, docs: int) -> int:
    """How many chunk hits to ask for so that ~`docs` distinct documents come back."""
    per_doc = len(index.chunks) / max(1, len(index.documents))
    return max(docs, min(len(index.chunks), int(docs * per_doc * 1.5) + 20))


def _open(corpus: Path, index_dir: Path | None, embedder: Any, progress: Progress | None):
    from index.search import HybridIndex

    t0 = time.perf_counter()
    index = HybridIndex.open(corpus, index_dir, embedder=embedder, progress=progress)
    return index, time.perf_counter() - t0


def load_beir(folder: str | Path, split: str) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
    """Check a BEIR folder and read the judged queries of `split`: (queries, qrels)."""
    root = Path(folder)
    if not root.is_dir():
        raise EvalError(f"{root}: not a folder")
    if not (root / "corpus.jsonl").is_file():
        raise EvalError(f"{root}: no corpus.jsonl (not a BEIR folder)")
    qrels = read_qrels(root / "qrels" / f"{split}.tsv")
    all_queries = read_beir_queries(root / "queries.jsonl")
    queries = {q: all_queries[q] for q in qrels if q in all_queries}
    if not queries:
        raise EvalError(f"{root}: no query of qrels/{split}.tsv is in queries.jsonl")
    return queries, {q: qrels[q] for q in queries}


def evaluate_beir(
    folder: str | Path,
    mode: str = "hybrid",
    split: str = "test",
    *,
    index_dir: str | Path | None = None,
    embedder: Any = None,
    progress: Progress | None = None,
    alpha: float | None = None,
    limit: int | None = None,
) -> EvalResult:
    """Evaluate a BEIR folder (corpus.jsonl, queries.jsonl, qrels/<split>.tsv).

    Only queries judged in the split are run (``limit`` keeps the first N of them).
    Metrics: nDCG@10, R@100, RR@10 (MRR@10) per mode. Hybrid nDCG@10/MRR@10 come from a search
    at the engine's default fusion depth (what users get); R@100 from a deeper search.
    """
    root = Path(folder)
    modes = resolve_modes(mode)
    queries, qrels = load_beir(root, split)
    if limit:
        queries = dict(list(queries.items())[:limit])
    qrels = {q: qrels[q] for q in queries}
    index, index_seconds = _open(root, _path(index_dir), embedder, progress)
    deep = _chunks_needed(index, 100)
    top = _chunks_needed(index, 10)
    results = []
    for m in modes:
        t0 = time.perf_counter()

        def search_deep(text: str, m: str = m) -> Sequence[Hit]:
            return index.search(text, k=deep, mode=m, alpha=alpha, depth=deep)

        def search_top(text: str, m: str = m) -> Sequence[Hit]:
            return index.search(text, k=top, mode=m, alpha=alpha)  # the engine's own depth

        run = run_queries(search_deep, queries, docs=100, progress=progress,
                          stage=f"querying {m}")
        metrics = compute_metrics(qrels, run, ("R@100",))
        if m == "hybrid":  # fusion depends on depth: score the top as users get it
            run = run_queries(search_top, queries, docs=10, progress=progress,
                              stage=f"querying {m} top")
        metrics.update(compute_metrics(qrels, run, ("nDCG@10", "RR@10")))
        metrics = {name: metrics[name] for name in BEIR_MEASURES}
        results.append(ModeResult(m, metrics, len(queries), time.perf_counter() - t0))
    return EvalResult(
        dataset=root.resolve().name,
        split=split,
        documents=len(index.documents),
        chunks=len(index.chunks),
        queries=len(queries),
        index_seconds=index_seconds,
        results=tuple(results),
        settings={"alpha": alpha, "top_chunks": top, "deep_chunks": deep},
    )


def evaluate_squad(
    path: str | Path,
    mode: str = "all",
    *,
    articles: int | None = None,
    limit: int | None = None,
    corpus_dir: str | Path | None = None,
    index_dir: str | Path | None = None,
    embedder: Any = None,
    progress: Progress | None = None,
    alpha: float | None = None,
    answer_sentence: AnswerSentenceFn | Literal["qa"] | None = None,
) -> EvalResult:
    """SQuAD paragraph retrieval: every paragraph is a document, each question must find its own.

    Recall@1/@5/@20 and MRR@10 per mode. With `answer_sentence` (a chooser, or ``"qa"`` for the
    QA layer's `best_sentence`), also ``answer_sentence_hit``: among questions whose paragraph is
    in the top 5, the share whose chosen sentence holds a gold answer span
    (``answer_sentence_n`` questions); ``answer_sentence_random`` is the same share expected
    from picking a sentence of the passage at random (the baseline).
    """
    src = Path(path)
    modes = resolve_modes(mode)
    records, questions = read_squad(src, articles=articles)
    if limit:
        questions = questions[:limit]
    folder = Path(corpus_dir) if corpus_dir else squad_corpus_dir(src, articles)
    write_jsonl_corpus(records, folder)
    index, index_seconds = _open(folder, _path(index_dir), embedder, progress)
    if answer_sentence == "qa":
        answer_sentence = qa_answer_sentence(index)
    chosen: dict[tuple[str, str], tuple[int, int] | None] = {}  # the same across modes
    qrels = {q.qid: {q.doc_id: 1} for q in questions}
    by_id = {q.qid: q for q in questions}
    k = _chunks_needed(index, 20)
    results = []
    for m in modes:
        t0 = time.perf_counter()
        run: dict[str, dict[str, float]] = {}
        gold_hits: dict[str, Hit] = {}
        for i, q in enumerate(questions, 1):
            hits = _search_or_empty(index, q.question, k=k, mode=m, alpha=alpha)
            run[q.qid] = doc_ranking(hits, 20)
            top = _gold_hit(hits, q, run[q.qid], within=5)
            if top is not None:
                gold_hits[q.qid] = top
            if progress:
                progress(f"querying {m}", i, len(questions))
        extra: dict[str, float] = {}
        if answer_sentence is not None:
            extra = _answer_sentence_rate(answer_sentence, by_id, gold_hits, index, chosen)
        results.append(
            ModeResult(
                m,
                compute_metrics(qrels, run, SQUAD_MEASURES),
                len(questions),
                time.perf_counter() - t0,
                extra,
            )
        )
    return EvalResult(
        dataset="squad-dev-paragraphs",
        split="dev",
        documents=len(index.documents),
        chunks=len(index.chunks),
        queries=len(questions),
        index_seconds=index_seconds,
        results=tuple(results),
        settings={"alpha": alpha, "top_chunks": k, "articles": articles, "limit": limit},
    )


def _search_or_empty(index: HybridIndex, text: str, **kw: Any) -> Sequence[Hit]:
    from index.search import QueryError

    try:
        return index.search(text, **kw)
    except QueryError:
        return []


def _gold_hit(
    hits: Sequence[Hit], q: SquadQuestion, ranking: Mapping[str, float], within: int
) -> Hit | None:
    """The best hit from the question's own paragraph when it ranks in the top `within`."""
    if q.doc_id not in list(ranking)[:within]:
        return None
    return next((h for h in hits if h.doc_id.split("#", 1)[-1] == q.doc_id), None)


def _answer_sentence_rate(
    choose: AnswerSentenceFn,
    questions: Mapping[str, SquadQuestion],
    gold_hits: Mapping[str, Hit],
    index: HybridIndex,
    cache: dict[tuple[str, str], tuple[int, int] | None],
) -> dict[str, float]:
    from index.chunking import sentence_spans

    n = hit = 0
    random_rate = 0.0
    for qid, h in gold_hits.items():
        q = questions[qid]
        key = (qid, h.chunk_id)
        if key not in cache:
            cache[key] = choose(q.question, h)
        n += 1
        span = cache[key]
        if span is not None and answer_in_sentence(span, q.answers):
            hit += 1
        sents = sentence_spans(index.documents[h.doc_id].text, h.start, h.end)
        if sents:
            good = sum(answer_in_sentence((s.start, s.end), q.answers) for s in sents)
            random_rate += good / len(sents)
    return {
        "answer_sentence_hit": hit / n if n else 0.0,
        "answer_sentence_random": random_rate / n if n else 0.0,
        "answer_sentence_n": float(n),
    }


def qa_answer_sentence(index: HybridIndex) -> AnswerSentenceFn:
    """The QA layer's chooser (`qa.answer.best_sentence`, as `Retriever.ask` scores sentences)."""
    from index.keyword import tokenize
    from qa.answer import best_sentence
    from qa.lexical import passage_idf

    idf = passage_idf((c.text for c in index.chunks), tokenize)

    def choose(question: str, hit: Hit) -> tuple[int, int] | None:
        text = index.documents[hit.doc_id].text
        best = best_sentence(text, hit.start, hit.end, question, embed=index.embed,
                             tokenize=tokenize, idf=idf)
        return None if best is None else (best[0].start, best[0].end)

    return choose


def _path(p: str | Path | None) -> Path | None:
    return Path(p) if p is not None else None
