"""Paragraph chunks and sentence spans with exact character offsets.

Invariant everywhere: ``chunk.text == document.text[chunk.start:chunk.end]`` and the same for
every `Span`. The chunker only ever slices the document; it never rewrites text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from index.boilerplate import LineKind, classify_line, heading_text
from index.corpus import Document

__all__ = [
    "DEFAULT_MAX_WORDS",
    "Chunk",
    "Span",
    "chunk_document",
    "paragraph_spans",
    "sentence_spans",
]

# Paragraphs over this many words are cut at sentence boundaries: hand-set, not calibrated
# (all-MiniLM-L6-v2 reads at most 256 word pieces of a chunk).
DEFAULT_MAX_WORDS = 200
# A block whose lines are all at most this long, and mostly not sentence-final, is hard-wrapped
# (hand-set, not calibrated).
_WRAP_WIDTH = 100
_SENTENCE_END = tuple(".!?:;…\"'”’»)")


@dataclass(frozen=True)
class Span:
    """A piece of a document: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """One paragraph (or part of a long one) of an article, with exact offsets."""

    doc_id: str
    path: str
    title: str
    heading: str | None
    paragraph: int  # 1-based number of the paragraph within the article body
    start: int
    end: int
    text: str

    @property
    def chunk_id(self) -> str:
        """Stable identifier: the document and the start offset."""
        return f"{self.doc_id}@{self.start}"

    @property
    def citation(self) -> str:
        """A human-checkable reference: ``file ¶n [start:end]``."""
        return f"{self.doc_id} ¶{self.paragraph} [{self.start}:{self.end}]"


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _blocks(text: str, start: int) -> Iterator[list[tuple[int, int]]]:
    """Blank-line separated blocks from `start`, each a list of (start, end) of its lines."""
    block: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text[start:]):
        if m.start() == m.end():
            break
        s = start + m.start()
        e = s + len(m.group().rstrip("\r\n"))
        if text[s:e].strip():
            block.append((s, e))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when the lines of a block are one paragraph wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    lengths = [len(text[s:e].rstrip()) for s, e in lines]
    if max(lengths) > _WRAP_WIDTH:
        return False
    inner = lines[:-1]
    open_ended = sum(not text[s:e].rstrip().endswith(_SENTENCE_END) for s, e in inner)
    return open_ended * 2 >= len(inner)


def paragraph_spans(text: str, start: int = 0) -> list[Span]:
    """The paragraphs of `text` from `start`: blank-line blocks, or lines of unwrapped blocks."""
    out: list[Span] = []
    for lines in _blocks(text, start):
        groups = [(lines[0][0], lines[-1][1])] if _is_hard_wrapped(text, lines) else lines
        for s, e in groups:
            s, e = _strip_span(text, s, e)
            if s < e:
                out.append(Span(s, e, text[s:e]))
    return out


# pysbd builds a regex per abbreviation it meets, more than Python's `re` cache holds (512),
# so every paragraph recompiled most of them: a cache this size took one segmentation pass
# over 112 bbc-full articles from ~115 to ~75 ms/article (under load, /tmp bench in the
# throughput branch notes; README "Indexing speed"). Hand-set above the patterns pysbd makes.
_RE_CACHE = 4096
# Regions whose sentences are remembered: the QA layer segments each chunk again (people, then
# statements) and answers segment retrieved chunks; hand-set (a few thousand paragraphs).
_SENTENCE_MEMO = 4096


@lru_cache(maxsize=1)
def _segmenter() -> Any:  # pysbd's Segmenter builds its rules once; reuse it
    import pysbd
    from pysbd.utils import TextSpan

    from index.pysbd_english import FastAbbreviationEnglish

    if getattr(re, "_MAXCACHE", _RE_CACHE) < _RE_CACHE:
        re._MAXCACHE = _RE_CACHE  # type: ignore[attr-defined]

    class Segmenter(pysbd.Segmenter):  # type: ignore[misc]  # (pysbd has no type hints)
        """pysbd's, finding each sentence in the text with `str.find` where pysbd (0.3.4)
        compiles a regex per sentence (the escaped sentence and trailing whitespace): the same spans
        (tests/index/test_chunking.py compares them), without a compile per sentence that
        also pushed pysbd's abbreviation patterns out of `re`'s cache."""

        def sentences_with_char_spans(self, sentences: list[str]) -> list[Any]:
            text = self.original_text
            return [TextSpan(text[s:e], s, e) for s, e in _find_in_order(text, sentences)]

    seg = Segmenter(language="en", clean=False)
    seg.language_module = FastAbbreviationEnglish  # the same sentences, fewer regex scans
    return seg


def _find_in_order(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each piece found in `text` with the whitespace after it, as pysbd's
    `sentences_with_char_spans` finds them: the first non-overlapping occurrence from the
    text's start that ends after the last span found; a piece with none is skipped."""
    out: list[tuple[int, int]] = []
    prior = 0
    n = len(text)
    for piece in pieces:
        if not piece:  # pysbd's own search (its pattern is then r"\s*")
            m = next((m for m in re.finditer(r"\s*", text) if m.end() > prior), None)
            if m:
                out.append(m.span())
                prior = m.end()
            continue
        pos = 0
        while (i := text.find(piece, pos)) >= 0:
            j = i + len(piece)
            while j < n and text[j].isspace():  # r"\s": the same characters as str.isspace
                j += 1
            if j > prior:
                out.append((i, j))
                prior = j
                break
            pos = j
    return out


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences of ``text[start:end]`` with offsets into `text` (pysbd boundaries)."""
    end = len(text) if end is None else end
    return [
        Span(start + s, start + e, text[start + s : start + e])
        for s, e in _region_sentences(text[start:end])
    ]


@lru_cache(maxsize=_SENTENCE_MEMO)
def _region_sentences(region: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of `region`, relative to it; remembered by content."""
    if not region.strip():
        return ()
    end = len(region)
    out: list[tuple[int, int]] = []
    cursor = 0
    for seg in _segmenter().segment(region):
        piece = seg.strip()
        if not piece:
            continue
        at = region.find(piece, cursor)
        if at < 0:  # pysbd altered the text; resynchronise on the segment's first word
            head = piece.split()[0]
            at = region.find(head, cursor)
            if at < 0:
                continue
        s = at
        e = min(at + len(piece), end)
        if out and s < out[-1][1]:
            s = out[-1][1]
        s, e = _strip_span(region, s, e)
        if s < e:
            out.append((s, e))
            cursor = e
    if not out:
        return (_strip_span(region, 0, end),)
    # Sentences tile the region: each runs to the next one's start, and a boundary never cuts
    # a word (pysbd may put one between "." and a closing quote).
    cuts = [0]
    for s, _e in out[1:]:
        b = s
        while b < end and not region[b - 1].isspace():
            b += 1
        if b > cuts[-1]:
            cuts.append(b)
    cuts.append(end)
    fixed: list[tuple[int, int]] = []
    for s, e in zip(cuts, cuts[1:], strict=False):
        s, e = _strip_span(region, s, e)
        if s < e:
            fixed.append((s, e))
    return tuple(fixed)


def _split_long(text: str, para: Span, max_words: int) -> list[Span]:
    """Cut a long paragraph at sentence boundaries into pieces of at most ~max_words words."""
    if len(para.text.split()) <= max_words:
        return [para]
    pieces: list[Span] = []
    cur_start: int | None = None
    cur_end = para.start
    words = 0
    for sent in sentence_spans(text, para.start, para.end):
        n = len(sent.text.split())
        if cur_start is not None and words + n > max_words:
            pieces.append(Span(cur_start, cur_end, text[cur_start:cur_end]))
            cur_start, words = None, 0
        if cur_start is None:
            cur_start = sent.start
        cur_end, words = sent.end, words + n
    if cur_start is not None:
        pieces.append(Span(cur_start, cur_end, text[cur_start:cur_end]))
    return pieces


def chunk_document(doc: Document, max_words: int = DEFAULT_MAX_WORDS) -> list[Chunk]:
    """One chunk per body paragraph; furniture dropped, short subheadings kept as `heading`."""
    text = doc.text
    paras = paragraph_spans(text, doc.body_start)
    kinds = [classify_line(p.text) for p in paras]
    # A heading must head some prose; a trailing run of short lines is page furniture.
    last_prose = max((i for i, k in enumerate(kinds) if k is LineKind.PROSE), default=-1)
    if last_prose < 0:  # a body of short lines only (a note, a list): keep them as prose
        kinds = [LineKind.PROSE if k is LineKind.HEADING else k for k in kinds]
        last_prose = len(kinds) - 1
    chunks: list[Chunk] = []
    heading: str | None = None
    number = 0
    for i, (para, kind) in enumerate(zip(paras, kinds, strict=True)):
        if kind is LineKind.FURNITURE or i > last_prose:
            continue
        if kind is LineKind.HEADING:
            # Consecutive headings (a section, then a subsection) are kept together.
            text_ = heading_text(para.text)
            after_heading = i > 0 and kinds[i - 1] is LineKind.HEADING and heading
            heading = f"{heading} / {text_}" if after_heading else text_
            continue
        number += 1
        for piece in _split_long(text, para, max_words):
            chunks.append(
                Chunk(doc.doc_id, doc.path, doc.title, heading, number, piece.start, piece.end,
                      piece.text)
            )
    return chunks
