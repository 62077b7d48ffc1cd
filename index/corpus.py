"""Reading a corpus folder into `Document`s: .txt and .md articles and BEIR `corpus.jsonl`.

Files are decoded as UTF-8, else in the encoding `index.encoding` detects, with ``newline=""``
so that every offset computed later indexes the decoded file exactly as it lies on disk (CRLF
included). Metadata (title, author, date, URL, source) comes from the byline/date line of a
.txt, the YAML front matter of a .md (`index.metadata`) and the fields of a JSONL record.
Unreadable files are skipped with a warning naming them; reading never crashes on one bad file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from index.encoding import BinaryFileError, read_decoded
from index.metadata import ArticleMeta, FieldMeta, fields_of, front_matter, iso_date

__all__ = [
    "ARTICLE_SUFFIXES",
    "Document",
    "SourceFile",
    "iter_source_files",
    "parse_file",
    "read_corpus",
    "read_text",
]

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
JSONL_NAME = "corpus.jsonl"

# "Written by | Saturday, January 29th, 2022", "By Jane Doe", "Published: 2022-01-29"
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE_RE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b"
)
_BYLINE_RE = re.compile(
    r"^\s*(?:[Ww]ritten\s+by|[Bb]y)\b[\s:|]*"
    r"(?P<who>(?:[A-Z][\w.'’-]*(?:\s+|$)){0,4})(?P<rest>[^\n]*)$"
)
_WEEKDAY_RE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b\.?",
    re.IGNORECASE,
)
_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
# Only the first lines of an article are searched for a byline or a date.
_HEADER_LINES = 4


@dataclass(frozen=True)
class Document:
    """One article. `text` is what every offset indexes into.

    For .txt/.md files `text` is the whole file and `doc_id` is its path relative to the
    corpus root; for a BEIR record `text` is the record's ``text`` field and `doc_id` is
    ``"<path>#<_id>"``. The article body (what gets chunked) starts at `body_start`.
    """

    doc_id: str
    path: str
    title: str
    text: str
    body_start: int = 0
    date: str | None = None  # as written in the article
    byline: str | None = None  # the author
    published: str | None = None  # `date` as an ISO date, None when unknown or not a date
    url: str | None = None
    source: str | None = None  # the outlet
    encoding: str = "utf-8"  # what the file was decoded with (offsets index that text)

    @property
    def meta(self) -> ArticleMeta:
        """The metadata a citation carries."""
        return ArticleMeta(self.title, self.byline, self.published, self.url, self.source,
                           self.encoding)

    @property
    def record_id(self) -> str | None:
        """The BEIR ``_id`` of a JSONL record, or None for a whole file."""
        return self.doc_id.split("#", 1)[1] if "#" in self.doc_id else None


@dataclass(frozen=True)
class SourceFile:
    """A corpus file found on disk, with what the index needs to see whether it changed."""

    path: str  # relative to the corpus root, POSIX separators
    abspath: Path
    size: int
    mtime_ns: int


def iter_source_files(root: Path) -> Iterator[SourceFile]:
    """Yield the corpus files below `root` in a stable (sorted) order; hidden entries skipped."""
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not p.is_file():
            continue
        if p.suffix.lower() in ARTICLE_SUFFIXES or p.name == JSONL_NAME:
            st = p.stat()
            yield SourceFile(rel.as_posix(), p, st.st_size, st.st_mtime_ns)


def read_text(path: Path) -> str:
    """Decode a file exactly as on disk (UTF-8, else the detected encoding: `index.encoding`);
    ValueError (BinaryFileError) for a binary file."""
    # newline="" semantics: bytes decoded as-is, no newline translation; a UTF-8 BOM is kept so
    # that offsets stay those of the file, but it is not part of the title.
    return read_decoded(path).text


def content_hash(text: str) -> str:
    """A short stable hash of a text (used for change detection and caches)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def parse_file(rel_path: str, text: str, encoding: str = "utf-8") -> list[Document]:
    """Turn one decoded file into documents: one article, or one per JSONL record."""
    if rel_path.rsplit("/", 1)[-1] == JSONL_NAME:
        docs = list(_parse_jsonl(rel_path, text))
    else:
        markdown = rel_path.lower().endswith((".md", ".markdown"))
        docs = [_parse_article(rel_path, text, markdown=markdown)]
    return docs if encoding == "utf-8" else [replace(d, encoding=encoding) for d in docs]


def read_corpus(root: Path) -> Iterator[Document]:
    """Read every document under `root`; unreadable files are logged and skipped."""
    for sf in iter_source_files(root):
        try:
            decoded = read_decoded(sf.abspath)
        except (OSError, BinaryFileError) as e:
            log.warning("%s", e)
            continue
        if not decoded.text.strip():
            log.warning("%s: empty file, skipped", sf.path)
            continue
        yield from parse_file(sf.path, decoded.text, decoded.encoding)


def _lines(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, line) for each line of `text` from `start`, end excluding the newline."""
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text[start:]):
        if m.start() == m.end():
            break
        raw = m.group()
        line = raw.rstrip("\r\n")
        yield start + m.start(), start + m.start() + len(line), line


class _LineCache:
    """`_lines` of a text, split only as far as a reader goes: an article's title and header
    lines are near the top, and splitting a whole article costs more than the rest of a lazy
    document read (cProfile of hybrid queries at 10k chunks, scripts/time_query_stages.py)."""

    def __init__(self, text: str, start: int) -> None:
        self._source = _lines(text, start)
        self._seen: list[tuple[int, int, str]] = []

    def from_line(self, i: int) -> Iterator[tuple[int, int, str]]:
        """The lines from the i-th (0-based) on."""
        while True:
            while i >= len(self._seen):
                line = next(self._source, None)
                if line is None:
                    return
                self._seen.append(line)
            yield self._seen[i]
            i += 1


def _parse_article(rel_path: str, text: str, *, markdown: bool) -> Document:
    title = ""
    body_start = 0
    date = byline = None
    fm = front_matter(text, rel_path) if markdown else None
    fields = fm.fields if fm else FieldMeta()
    if fm:
        body_start = fm.end
    lines = _LineCache(text, body_start)
    first = 0
    if markdown:
        for i, (_, end, line) in enumerate(lines.from_line(0)):
            m = _MD_HEADING_RE.match(line)
            if m:
                title, body_start, first = m.group("title"), end, i + 1
                break
            if line.strip() and not line.strip().startswith("---"):
                break  # front matter or prose before any heading: fall back to first line
        if not title and fields.title:
            title = fields.title  # the body starts right after the front matter
    if not title:
        for i, (_, end, line) in enumerate(lines.from_line(0)):
            if line.strip():
                title, body_start, first = line.strip().lstrip("\ufeff#").strip(), end, i + 1
                break
    # A byline/date line right under the title is metadata, not body.
    seen = 0
    for _start, end, line in lines.from_line(first):
        if not line.strip():
            continue
        seen += 1
        if seen > _HEADER_LINES:
            break
        d = _DATE_RE.search(line)
        b = _BYLINE_RE.match(line)
        # A date line is metadata only when the date is nearly all of it ("Published 2 May 2021").
        date_only = d and len(_WEEKDAY_RE.sub("", _DATE_RE.sub("", line)).strip(" |,:-")) <= 12
        # "By Jane Doe" or "Written by | <date>": the rest of a byline line is a date or nothing.
        if b and b.group("rest").strip() and not _DATE_RE.search(b.group("rest")):
            b = None
        if len(line.split()) <= 12 and (b or date_only):
            date = date or (d.group() if d else None)
            if b and b.group("who").strip(" |,"):
                who = _WEEKDAY_RE.sub("", _DATE_RE.sub("", b.group("who"))).strip(" |,")
                byline = byline or (who or None)
            body_start = end
            continue
        break
    if fields.title:
        title = fields.title
    published = fields.published
    if fields.date is None and date is not None:
        published = iso_date(date)
    return Document(
        rel_path, rel_path, title, text, body_start,
        date=fields.date or date, byline=fields.author or byline, published=published,
        url=fields.url, source=fields.source,
    )


def _parse_jsonl(rel_path: str, text: str) -> Iterator[Document]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            rid, body = str(rec["_id"]), rec.get("text") or ""
        except (json.JSONDecodeError, KeyError, TypeError):
            log.warning("%s:%d: not a BEIR record (needs _id and text), skipped", rel_path, lineno)
            continue
        if not isinstance(body, str):
            log.warning("%s:%d: text is not a string, skipped", rel_path, lineno)
            continue
        meta = fields_of(rec, f"{rel_path}:{lineno}")
        yield Document(
            f"{rel_path}#{rid}", rel_path, meta.title or "", body, 0, date=meta.date,
            byline=meta.author, published=meta.published, url=meta.url, source=meta.source,
        )
