"""Answers for people (`qa.interfaces.render`, `formats`): the "sources differ" lines."""

from __future__ import annotations

import io

from rich.console import Console

from qa.interfaces.render import emit, render_answer


def _answer() -> dict:
    quote = {
        "speaker": "Elin Vask", "text": "Vask said work would begin on 12 March.",
        "path": "gazette.md", "start": 10, "end": 49, "citation": "gazette.md ¶2 [10:49]",
        "cue": "said", "confidence": 0.8,
        "corroborated_by": [{"path": "herald.md", "start": 5, "end": 44,
                             "citation": "herald.md ¶2 [5:44]"}],
        "differs": [{"what": "date", "this": "12 March", "this_start": 39, "this_end": 47,
                     "this_citation": "gazette.md ¶2 [10:49]", "other": "21 March",
                     "other_start": 34, "other_end": 42, "other_path": "herald.md",
                     "other_citation": "herald.md ¶2 [5:44]"}],
    }
    return {"query": "what did Elin Vask say?", "answered": True, "reason": None,
            "speaker": {"name": "Elin Vask", "aliases": []}, "quotes": [quote],
            "passages": []}


def test_a_group_whose_sources_differ_says_so_under_it():
    console = Console(file=io.StringIO(), width=200)
    emit(console, render_answer(_answer()))
    lines = console.file.getvalue().splitlines()
    at = next(i for i, line in enumerate(lines) if "also reported: herald.md" in line)
    assert lines[at + 1].strip() == ("sources differ (date): “12 March” (gazette.md ¶2 [10:49]) "
                                     "vs “21 March” (herald.md ¶2 [5:44])")


def test_markdown_notes_say_where_sources_differ():
    from qa.interfaces.formats import answer_markdown

    md = answer_markdown(_answer()).splitlines()
    assert "  - **sources differ** (date): “12 March” (`gazette.md ¶2 [10:49]`) vs “21 March” " \
        "(`herald.md ¶2 [5:44]`)" in md
