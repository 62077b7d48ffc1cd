"""Dates of statements for a person to read: the line under each statement, and the compact
text timeline of `qa ask --timeline` and the REPL's `:timeline`.

Presentation only: everything shown comes from `SaidOn.to_dict()` / `Timeline.to_dict()`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

__all__ = ["render_timeline", "said_on_text"]

_SNIPPET_CHARS = 62


def said_on_text(said_on: dict[str, Any] | None) -> str:
    """``said 2022-01-26 (on Wednesday (26 January))``, ``said 2024-05-01 to 2024-05-31 (last
    month)``, ``said on or before 2022-01-29 (article date)``, ``date unknown``."""
    if said_on is None:
        return "date unknown (undated article, no date in the text)"
    if said_on["basis"] == "article date":
        return f"said on or before {said_on['date']} (article date)"
    when = said_on.get("date") or f"{said_on['from']} to {said_on['to']}"
    return f"said {when} (“{said_on['expression']}”)"


def _when(said_on: dict[str, Any]) -> str:
    if "date" in said_on:
        day = date.fromisoformat(said_on["date"])
        return f"{said_on['date']} {day.strftime('%a')}"
    return f"{said_on['from']}…{said_on['to'][5:]}"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET_CHARS else text[:_SNIPPET_CHARS - 1].rstrip() + "…"


def render_timeline(timeline: dict[str, Any]) -> Group:
    """A compact timeline, earliest first, two lines a statement (its date, citation, outlet
    and time expression; then the start of its words: 80 columns wide); "≤" marks a date that
    is only the article's; undated statements last; then a line per source (outlet, else file)
    with the dates it reports."""
    parts: list[RenderableType] = []
    head = Text("Timeline: ", style="bold")
    head.append(timeline["speaker"]["name"], style="bold cyan")
    head.append(f"  ({timeline['statements']} statements, {timeline['dated']} dated, "
                f"{timeline['undated']} undated)", style="dim")
    parts.append(head)
    by_source: dict[str, list[str]] = {}
    shown_undated = False
    for e in timeline["entries"]:
        s = e["said_on"]
        source = e.get("source") or e["path"]
        if s is None and not shown_undated:
            parts.append(Text("Undated (no article date and no date in the text):",
                              style="bold"))
            shown_undated = True
        line = Text("")
        if s is None:
            line.append(f"{'?':<17}", style="dim")
        else:
            mark = "≤" if s["basis"] == "article date" else " "
            line.append(f"{mark}{_when(s):<16}", style="yellow" if mark == " " else "dim")
            by_source.setdefault(source, []).append(mark.strip() + _when(s).split()[0])
        line.append(e["citation"], style="green")
        if e.get("source"):
            line.append(f"  {e['source']}", style="bold")
        if s is not None and s["basis"] == "expression":
            line.append(f"  “{s['expression']}”", style="dim")
        parts.append(line)
        parts.append(Text(f"{'':17}{_snippet(e['text'])}"))
    if by_source:
        parts.append(Text("By source:", style="bold"))
        for source, dates in by_source.items():
            parts.append(Text(f"  {source}: {', '.join(dict.fromkeys(dates))}"))
    parts.append(Text("≤: said on or before the article's date (no date in the text)",
                      style="dim"))
    return Group(*parts)
