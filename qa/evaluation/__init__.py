"""Evaluation: BEIR and SQuAD retrieval quality, the seed dev set, calibration helpers.

`scripts/` and `qa eval` call these; nothing in the domain (`qa`) or the engine imports them.
"""

from qa.evaluation.beir import evaluate_beir, load_beir, read_beir_queries, read_qrels
from qa.evaluation.dev_set import DevQuestion, DevResult, load_dev_set, score_answer, summarize
from qa.evaluation.metrics import (
    BEIR_MEASURES,
    MODES,
    SQUAD_MEASURES,
    EvalError,
    EvalResult,
    ModeResult,
    Progress,
    answer_in_sentence,
    compute_metrics,
    doc_ranking,
    resolve_modes,
    run_queries,
)
from qa.evaluation.squad import (
    AnswerSentenceFn,
    SquadQuestion,
    evaluate_squad,
    qa_answer_sentence,
    read_squad,
    squad_corpus_dir,
    write_jsonl_corpus,
)

__all__ = [
    "BEIR_MEASURES",
    "MODES",
    "SQUAD_MEASURES",
    "AnswerSentenceFn",
    "DevQuestion",
    "DevResult",
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
    "load_dev_set",
    "qa_answer_sentence",
    "read_beir_queries",
    "read_qrels",
    "read_squad",
    "resolve_modes",
    "run_queries",
    "score_answer",
    "squad_corpus_dir",
    "summarize",
    "write_jsonl_corpus",
]
