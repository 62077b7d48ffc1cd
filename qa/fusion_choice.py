"""Which fusion a question gets: more weight on BM25 for "what did X say?" questions.

A speaker question is about a name, which BM25 matches exactly; the dense side ranks quotes of
other people on the same subject first (labelled BBC dev questions: hybrid R@1 0.740, BM25
0.795). A name the corpus does not hold as typed (a misspelling: "Alex Fergusn") cannot be
matched by BM25, so such a question keeps more of the dense side. A speaker question is fused
by min-max (`index.fusion.MINMAX_FUSION` with its own BM25 weight: scores 0..1); everything else
gets `index.fusion.DEFAULT_FUSION`. The choice reads only the question and the corpus
vocabulary, never which corpus it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from index.fusion import DEFAULT_FUSION, MINMAX_FUSION, Fusion
from qa.question import analyze

__all__ = ["SPEAKER_BM25_WEIGHT", "UNKNOWN_NAME_BM25_WEIGHT", "fusion_for"]

# BM25 weights of the min-max fusion for a speaker question whose name the corpus holds, and
# for one whose name has a word no passage holds. Chosen by `scripts/compare_fusion.py
# question` (README "Fusion, third round"): the grid 0.7-1.0 x 0.6-0.8 tuned on the labelled
# BBC dev questions, the SQuAD tune questions and SciFact train by the worst gain over the
# better single side; 0.9/0.7, 0.9/0.8, 1.0/0.7 and 1.0/0.8 tie there (+0, equal on every tune
# cell). Through the engine itself (int8 candidates; scripts/eval_bbc_retrieval.py on the dev
# questions) only x/0.8 keeps BM25's R@1 (0.7945; x/0.7: 0.7808), and 0.9 is the smaller
# departure from 0.6. SQuAD held-out, SciFact test, the seeds and the held-out BBC questions
# were only reported.
SPEAKER_BM25_WEIGHT = 0.9
UNKNOWN_NAME_BM25_WEIGHT = 0.8


def fusion_for(
    question: str,
    unknown_terms: Callable[[str], Sequence[str]],
    *,
    speaker_weight: float = SPEAKER_BM25_WEIGHT,
    unknown_name_weight: float = UNKNOWN_NAME_BM25_WEIGHT,
) -> Fusion:
    """The fusion for `question`; `unknown_terms(text)` lists the words of `text` that no
    passage of the corpus holds (`HybridIndex.unknown_terms`). The weights are parameters so
    that scripts/compare_fusion.py can replay other settings through this same function."""
    q = analyze(question)
    if q.kind != "speaker" or not q.speaker:
        return DEFAULT_FUSION
    weight = unknown_name_weight if unknown_terms(q.speaker) else speaker_weight
    return replace(MINMAX_FUSION, bm25_weight=weight)
