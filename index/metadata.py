"""Article metadata: title, author, publication date, URL, source (outlet), file encoding.

Read from YAML front matter of Markdown files, from fields of the same names in JSONL records,
and (by `index.corpus`) from the byline/date line of a .txt article. Dates become ISO dates
(``2022-01-29``) or None; a value that is not a date is a one-line warning, never an error.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

__all__ = [
    "ArticleMeta",
    "FieldMeta",
    "FrontMatter",
    "fields_of",
    "front_matter",
    "iso_date",
]

log = logging.getLogger(__name__)

# The metadata fields read from front matter and JSONL records (the names).
FIELDS = ("title", "date", "author", "url", "source")

_FRONT_MATTER_RE = re.compile(
    r"\A(?:\ufeff)?---[ \t]*(?:\r\n|\r|\n)(?P<body>(?:.*?(?:\r\n|\r|\n))??)"
    r"(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)",
    re.DOTALL,
)
_ORDINAL_RE = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_WEEKDAY_RE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b\.?",
    re.IGNORECASE,
)
_TEXT_DATE_FORMATS = ("%B %d %Y", "%d %B %Y", "%b %d %Y", "%d %b %Y", "%Y/%m/%d")


@dataclass(frozen=True)
class ArticleMeta:
    """What a citation carries about its article besides the path: None where unknown."""

    title: str = ""
    author: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    source: str | None = None  # the outlet
    encoding: str = "utf-8"

    def to_dict(self) -> dict[str, Any]:
        """The JSON fields added to each passage and quote."""
        return {
            "published": self.published, "author": self.author, "url": self.url,
            "source": self.source, "encoding": self.encoding,
        }


@dataclass(frozen=True)
class FieldMeta:
    """Metadata fields found in a front matter block or a record (raw date kept)."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class FrontMatter:
    """A YAML front matter block at the start of a file: its fields and where the body starts."""

    fields: FieldMeta
    end: int


class _StringDateLoader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: a bad date stays a string (and gets a warning)
    instead of failing the whole block."""


_StringDateLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def iso_date(value: object) -> str | None:
    """`value` as an ISO date (``YYYY-MM-DD``), or None when it is not a date.

    Accepts ISO dates and datetimes (``2022-01-29``, ``2022-01-29T10:00:00Z``) and English
    dates as news sites print them (``Saturday, January 29th, 2022``, ``29 Jan. 2022``)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    try:
        return datetime.fromisoformat(s).date().isoformat()
    except ValueError:
        pass
    s = _WEEKDAY_RE.sub(" ", _ORDINAL_RE.sub("", s))
    s = re.sub(r"\bSept\b", "Sep", s.replace(".", " "), flags=re.IGNORECASE)
    s = " ".join(s.replace(",", " ").replace("|", " ").split())
    for fmt in _TEXT_DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # "author: [A, B]"
        value = ", ".join(str(v) for v in value if v is not None)
    s = " ".join(str(value).split())
    return s or None


def fields_of(record: Mapping[str, Any], where: str) -> FieldMeta:
    """The metadata fields of a front matter mapping or a JSONL record; a date that is not a
    date is logged (one line naming `where`) and gives ``published`` None."""
    raw_date = record.get("date")
    published = iso_date(raw_date) if raw_date is not None else None
    if raw_date is not None and published is None:
        log.warning("%s: date %r is not a date; published left empty", where, raw_date)
    return FieldMeta(
        title=_text(record.get("title")),
        date=_text(raw_date),
        author=_text(record.get("author")),
        url=_text(record.get("url")),
        source=_text(record.get("source")),
        published=published,
    )


def front_matter(text: str, where: str) -> FrontMatter | None:
    """The YAML front matter opening `text` (``---`` … ``---``), or None if there is none.

    Unparseable YAML is a one-line warning: the block is still skipped as metadata (it is not
    article text) but gives no fields."""
    m = _FRONT_MATTER_RE.match(text)
    if m is None:
        return None
    try:
        data = yaml.load(m.group("body") or "", Loader=_StringDateLoader)  # noqa: S506 (safe)
    except yaml.YAMLError as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        log.warning("%s: front matter is not YAML (%s); its fields are ignored", where, first)
        return FrontMatter(FieldMeta(), m.end())
    if data is None:
        return FrontMatter(FieldMeta(), m.end())
    if not isinstance(data, dict):
        return None  # a "---" rule around prose, not front matter
    return FrontMatter(fields_of({str(k).lower(): v for k, v in data.items()}, where), m.end())
