"""Answers as text people paste elsewhere: Markdown notes and CSV rows; corpus facts as lines.

Presentation only, from the JSON form (`Answer.to_dict()`), like `qa.interfaces.render`: every
text is the answer's extractive text, every citation and date (`said_on`) the answer's own.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from qa.interfaces.timeline_view import said_on_text

__all__ = [
    "CSV_COLUMNS", "answer_csv", "answer_markdown", "corpus_fact_lines", "differs_cell",
    "said_on_cells",
]

# The first seven are the columns; `source` is the file (what the offsets index);
# `said_on` / `said_on_basis` are the JSON `said_on` in two cells (`said_on_cells`); `differs`
# the JSON `differs` in one (`differs_cell`).
CSV_COLUMNS = (
    "speaker", "text", "source", "paragraph", "start", "end", "published",
    "title", "outlet", "url", "cue", "citation", "said_on", "said_on_basis", "differs",
)
# How many file names a `qa stats` line spells out (hand-set: a line stays readable).
NAMED_FILES = 5
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Text on one line with Markdown's special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def said_on_cells(said_on: dict[str, Any] | None) -> tuple[str, str]:
    """The JSON `said_on` as (when, basis): ``("2022-01-26", "expression")``, a span
    ``("2024-05-01..2024-05-31", "expression")``, ``("2024-03-05", "article date")`` (said on or
    before), ``("", "")`` when unknown (null)."""
    if said_on is None:
        return "", ""
    when = said_on.get("date") or f"{said_on['from']}..{said_on['to']}"
    return when, said_on["basis"]


def differs_cell(differs: list[dict[str, Any]] | None) -> str:
    """The JSON `differs` of a statement in one cell, as the terminal words it: ``number: “…”
    vs “…” (snow.txt ¶2 [123:212])``, several joined by `` | ``; empty when none."""
    return " | ".join(f"{d['what']}: “{d['this']}” vs “{d['other']}” ({d['other_citation']})"
                      for d in differs or [])


def _cite(item: dict[str, Any], title: str | None) -> str:
    """`*Title* · Outlet · 2022-01-29 · citation` (the citation linked when there is a URL)."""
    parts = []
    if title:
        parts.append(f"*{_md(title)}*")
    if item.get("author"):
        parts.append(_md(item["author"]))
    if item.get("source"):
        parts.append(_md(item["source"]))
    if item.get("published"):
        parts.append(item["published"])
    cite = f"`{item['citation']}`"
    parts.append(f"[{cite}]({item['url']})" if item.get("url") else cite)
    return " · ".join(parts)


def answer_markdown(answer: dict[str, Any]) -> str:
    """A quote list for notes: each statement (or answer sentence) with speaker and citation."""
    out = [f"### {_md(answer['query'])}", ""]
    if not answer["answered"]:
        out += [f"_No answer: {_md(answer.get('reason') or 'no good evidence')}_", ""]
    if answer["quotes"]:
        for q in answer["quotes"]:
            out.append(f"- “{_md(q['text'])}” — **{_md(q['speaker'])}** ({_md(q['cue'])}), "
                       f"{_cite(q, q.get('title'))}")
            if q.get("said_on") is not None:  # the terminal's line; none when unknown
                out.append(f"  - {_md(said_on_text(q['said_on']))}")
            for other in q.get("corroborated_by") or []:
                out.append(f"  - also reported: {_cite(other, None)}")
            for d in q.get("differs") or []:
                out.append(f"  - **sources differ** ({d['what']}): “{_md(d['this'])}” "
                           f"(`{d['this_citation']}`) vs “{_md(d['other'])}” "
                           f"(`{d['other_citation']}`)")
    else:
        if answer["passages"] and not answer["answered"]:
            out += ["Nearest passages:", ""]
        for p in answer["passages"]:
            text = (p.get("answer") or {}).get("text") or p["text"]
            out.append(f"- “{_md(text)}” — {_cite(p, p['title'])}")
    if len(out) == 2 or (not answer["quotes"] and not answer["passages"]):
        out.append("_Nothing in the corpus matches._")
    return "\n".join(out) + "\n"


def answer_csv(answer: dict[str, Any]) -> str:
    """One row per statement (`CSV_COLUMNS`, header first); an answer without statements gives
    one row per passage's answer sentence, with an empty speaker."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    rows: list[dict[str, Any]] = []
    for q in answer["quotes"]:
        when, basis = said_on_cells(q.get("said_on"))
        rows.append({**q, "source": q["path"], "outlet": q.get("source"), "said_on": when,
                     "said_on_basis": basis, "differs": differs_cell(q.get("differs"))})
    if not answer["quotes"]:
        for p in answer["passages"]:
            a = p.get("answer") or {"text": p["text"], "start": p["start"], "end": p["end"]}
            rows.append({**p, **a, "speaker": "", "cue": "", "source": p["path"],
                         "outlet": p.get("source"), "said_on": "", "said_on_basis": "",
                         "differs": ""})
    for r in rows:
        w.writerow(["" if r.get(c) is None else r.get(c) for c in CSV_COLUMNS])
    return buf.getvalue()


def corpus_fact_lines(facts: dict[str, Any]) -> list[str]:
    """`qa stats` lines for dates, encodings, ignored and skipped files."""

    def names(paths: list[str]) -> str:
        more = f", … {len(paths) - NAMED_FILES} more" if len(paths) > NAMED_FILES else ""
        return ", ".join(paths[:NAMED_FILES]) + more

    lines = [f"{'dated documents':<16}{facts['dated_documents']} of {facts['documents']}"]
    enc = ", ".join(f"{e} {n}" for e, n in facts["encodings"].items())
    not_utf8 = facts["not_utf8"]
    if not_utf8:
        enc += f"  (not UTF-8: {names([f'{p} {e}' for p, e in not_utf8.items()])})"
    lines.append(f"{'encodings':<16}{enc}")
    ignored = facts["ignored"]
    lines.append(f"{'ignored files':<16}{sum(len(v) for v in ignored.values())}  (rules: "
                 "README, LICENSE, SOURCES… files by default; .qaignore; --exclude)")
    for reason, paths in ignored.items():
        lines.append(f"  {len(paths):>4}  {reason}: {names(paths)}")
    skipped = facts["skipped"]
    lines.append(f"{'skipped files':<16}{len(skipped)}" + (f"  ({names(skipped)})" if skipped
                                                            else ""))
    return lines
