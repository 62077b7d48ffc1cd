"""SQuAD v1.1 paragraph retrieval, and whether the QA layer picks the answer sentence.

Every paragraph is a document (a BEIR-style corpus.jsonl in a cache folder); each question must
find its own paragraph.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from index.fusion import DEFAULT_FUSION
from qa.evaluation.beir import chunks_needed, open_index
from qa.evaluation.metrics import (
    SQUAD_MEASURES,
    EvalError,
    EvalResult,
    ModeResult,
    Progress,
    answer_in_sentence,
    compute_metrics,
    doc_ranking,
    resolve_modes,
    search_options,
)

if TYPE_CHECKING:
    from index.search import Hit, HybridIndex

__all__ = [
    "AnswerSentenceFn",
    "SquadQuestion",
    "evaluate_squad",
    "qa_answer_sentence",
    "read_squad",
    "squad_corpus_dir",
    "write_jsonl_corpus",
]

AnswerSentenceFn = Callable[[str, "Hit"], tuple[int, int] | None]
"""answer_sentence(question, hit) -> (start, end) of the chosen sentence in the document."""


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
    index, index_seconds = open_index(folder, index_dir, embedder, progress)
    if answer_sentence == "qa":
        answer_sentence = qa_answer_sentence(index)
    chosen: dict[tuple[str, str], tuple[int, int] | None] = {}  # the same across modes
    qrels = {q.qid: {q.doc_id: 1} for q in questions}
    by_id = {q.qid: q for q in questions}
    k = chunks_needed(index, 20)
    results = []
    for m in modes:
        t0 = time.perf_counter()
        run: dict[str, dict[str, float]] = {}
        gold_hits: dict[str, Hit] = {}
        for i, q in enumerate(questions, 1):
            hits = _search_or_empty(index, q.question, k=k, alpha=alpha,
                                    **search_options(m, q.question, index))
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
        settings={"alpha": alpha, "fusion": DEFAULT_FUSION.label, "top_chunks": k,
                  "articles": articles, "limit": limit},
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
