"""Turning an answer (its JSON form) into text for a person: rich in a terminal, plain in a pipe.

Presentation only: every fact shown here comes from `Answer.to_dict()`, the same contract the
JSON output prints, so the CLI, the REPL and `--json` can never disagree.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from qa.interfaces.timeline_view import said_on_text

__all__ = ["emit", "render_answer", "render_article", "render_explain"]

_INDENT = 6


def _indented(text: Text, indent: int = _INDENT) -> Padding:
    """Wrapped lines keep their indent in a terminal."""
    return Padding(text, (0, 0, 0, indent), expand=False)

_PREVIEW_CHARS = 600


def emit(console: Console, renderable: RenderableType) -> None:
    """Print; outside a terminal, without the padding spaces rich adds at line ends."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as cap:
        console.print(renderable)
    console.file.write("\n".join(line.rstrip() for line in cap.get().split("\n")))


def _cut(text: str, limit: int = _PREVIEW_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _passage_text(p: dict[str, Any]) -> Text:
    """The passage with its answer sentence highlighted (offsets are file offsets)."""
    text, ans = p["text"], p.get("answer")
    out = Text()
    if ans and p["start"] <= ans["start"] < ans["end"] <= p["end"]:
        a, b = ans["start"] - p["start"], ans["end"] - p["start"]
        before, middle, after = text[:a], text[a:b], text[b:]
        out.append(_cut(before, 200) + (" " if before.strip() else ""), style="dim")
        out.append(" ".join(middle.split()), style="bold yellow")
        out.append((" " if after.strip() else "") + _cut(after, 200), style="dim")
    else:
        out.append(_cut(text))
    return out


def _quotes(quotes: list[dict[str, Any]], first: int = 1) -> list[RenderableType]:
    """Statements grouped by the source that carries them, each with its citation and its
    rank in the answer (numbered from `first`)."""
    lines: list[RenderableType] = []
    by_source: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for i, q in enumerate(quotes, first):
        by_source.setdefault(q["path"], []).append((i, q))
    for path, items in by_source.items():
        lines.append(Text(f"  {path}", style="bold"))
        for i, q in items:
            line = Text(f"[{i}] ")
            line.append(f"{q['speaker']}: ", style="cyan")
            line.append(_cut(q["text"], 400))
            line.append(f"  ({q['cue']}, confidence {q['confidence']:.2f})", style="dim")
            lines.append(_indented(line, 4))
            lines.append(Text(f"        {q['citation']}", style="green"))
            if "said_on" in q:
                lines.append(Text(f"        {said_on_text(q['said_on'])}", style="yellow"))
            for other in q.get("corroborated_by") or []:
                lines.append(Text(f"        also reported: {other['citation']}", style="green"))
            lines.extend(_indented(_differs(d), 8) for d in q.get("differs") or [])
    return lines


def _differs(d: dict[str, Any]) -> Text:
    """A "sources differ" line: what differs, each report's words and citation."""
    line = Text(f"sources differ ({d['what']}): ", style="bold red")
    line.append(f"“{d['this']}” ({d['this_citation']}) vs “{d['other']}” "
                f"({d['other_citation']})", style="red")
    return line


def render_more(answer: dict[str, Any], shown: int) -> Group:
    """The statements of an answer after the first `shown` (the REPL's `:more`)."""
    rest = answer["quotes"][shown:]
    if not rest:
        return Group(Text("No more statements.", style="dim"))
    return Group(Text(f"Statements {shown + 1}-{len(answer['quotes'])} of "
                      f"{len(answer['quotes'])}, by source:", style="bold"),
                 *_quotes(rest, shown + 1))


def render_answer(answer: dict[str, Any], max_quotes: int | None = None,
                  inline: bool = False) -> Group:
    """A whole answer: status, speaker statements (if any; the first `max_quotes`, most
    relevant first, None: all), then the ranked passages.

    `inline` (a terminal: styles are visible) highlights each answer sentence inside its
    paragraph; otherwise (a pipe) the sentence gets a line of its own above the paragraph."""
    parts: list[RenderableType] = []
    speaker = answer.get("speaker")
    if not answer["answered"]:
        parts.append(Text(f"No answer: {answer.get('reason') or 'no good evidence'}",
                          style="bold red"))
        if answer["passages"]:
            parts.append(Text("Nearest passages, for you to judge:", style="dim"))
    if speaker:
        aliases = ", ".join(a for a in speaker.get("aliases", []) if a != speaker["name"])
        head = Text("Speaker: ", style="bold")
        head.append(speaker["name"], style="bold cyan")
        if aliases:
            head.append(f"  (also: {aliases})", style="dim")
        parts.append(head)
    if answer["quotes"]:
        total = len(answer["quotes"])
        shown = answer["quotes"] if max_quotes is None else answer["quotes"][:max_quotes]
        head_text = (f"Statements ({total}), by source:" if len(shown) == total else
                     f"Statements (the {len(shown)} most relevant of {total}), by source:")
        parts.append(Text(head_text, style="bold"))
        parts.extend(_quotes(shown))
        if len(shown) < total:
            parts.append(Text(f"  … {total - len(shown)} more statements: :more in the REPL, "
                              "qa ask --all-statements", style="dim"))
        parts.append(Text(""))
    if answer["passages"]:
        parts.append(Text("Passages:", style="bold"))
    for p in answer["passages"]:
        head = Text(f"{p['rank']:>2}. ", style="bold")
        head.append(p["citation"], style="green")
        head.append(f"  score {p['score']:.4f}  ", style="dim")
        head.append(p["title"], style="italic")
        if p.get("heading"):
            head.append(f" › {p['heading']}", style="italic dim")
        about = [p[f] for f in ("source", "published") if p.get(f)]
        if about:
            head.append(f"  ({', '.join(about)})", style="dim")
        parts.append(head)
        ans = p.get("answer")
        if inline:  # one paragraph, its answer sentence highlighted in place
            parts.append(_indented(_passage_text(p), 4))
            continue
        if ans:  # the answering sentence on its own line: visible in a pipe too
            line = Text("» ", style="bold yellow")
            line.append(" ".join(ans["text"].split()), style="bold")
            parts.append(_indented(line, 4))
        if not ans or ans["end"] - ans["start"] < len(p["text"].strip()):
            parts.append(_indented(_passage_text(p)))
    if not answer["passages"] and not answer["quotes"]:
        parts.append(Text("Nothing in the corpus matches.", style="dim"))
    return Group(*parts)


def render_explain(p: dict[str, Any], mode: str, statements: bool = False) -> Text:
    """Why a passage ranked where it did: both sides' ranks and scores and the fused score."""
    s = p["scores"]
    how = ("   (reciprocal rank fusion: sum of 1/(60 + rank))" if mode == "hybrid" else "")
    if statements:
        how = "   (speaker answer: passages holding statements first, by statement relevance)"

    def side(name: str, score: float | None, rank: int | None) -> str:
        if score is None:
            return f"  {name:<6} not retrieved by this side"
        return f"  {name:<6} rank {rank:>3}   score {score:.4f}"

    return Text("\n".join([
        f"#{p['rank']} {p['citation']}  ({mode})",
        side("bm25", s["bm25"], s["bm25_rank"]),
        side("dense", s["dense"], s["dense_rank"]),
        f"  passage score {p['score']:.4f}{how}",
    ]))


def render_article(text: str, start: int, end: int, title: str) -> Text:
    """A whole article with one passage marked (reverse video in a terminal, »» «« in a pipe)."""
    out = Text()
    out.append(f"== {title} ==\n", style="bold")
    out.append(text[:start])
    out.append("»»", style="bold")
    out.append(text[start:end], style="reverse")
    out.append("««", style="bold")
    out.append(text[end:])
    return out
