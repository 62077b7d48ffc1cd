"""Statement dates and timelines in the interfaces: `qa ask` (text, --json, --timeline) and
the REPL (`:timeline`), on the seeds."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from qa.interfaces.cli import app
from qa.interfaces.repl import Repl
from qa.retriever import Retriever

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


pytestmark = pytest.mark.usefixtures("fake_model")  # fixtures: conftest.py


def ask(idx: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, ["ask", *args, "--corpus", str(SEEDS), "--index-dir", str(idx),
                                 "--mode", "bm25"])
    return r.exit_code, r.stdout, r.stderr


def test_text_answers_show_a_date_under_each_statement(seeds_index: Path):
    code, out, _ = ask(seeds_index, "what did Stoltenberg say?", "--all-statements")
    assert code == 0
    assert "said 2022-01-26 (“on Wednesday (26 January)”)" in out
    assert "said on or before 2022-01-29 (article date)" in out
    assert "date unknown" in out  # statements of the undated seeds


def test_json_quotes_carry_said_on(seeds_index: Path):
    code, out, _ = ask(seeds_index, "what did Stoltenberg say?", "--json")
    assert code == 0
    quotes = json.loads(out)["quotes"]
    dated = [q["said_on"] for q in quotes if q["said_on"] and q["said_on"]["basis"] ==
             "expression"]
    assert {"date": "2022-01-26", "basis": "expression", "expression":
            "on Wednesday (26 January)"}.items() <= dated[0].items()


def test_ask_timeline_text_and_json(seeds_index: Path):
    code, out, _ = ask(seeds_index, "what did Stoltenberg say?", "--timeline")
    assert code == 0
    assert "Timeline: Jens Stoltenberg" in out
    lines = out.splitlines()
    first = next(i for i, ln in enumerate(lines) if "2022-01-26 Wed" in ln)
    undated = next(i for i, ln in enumerate(lines) if ln.startswith("Undated"))
    assert first < undated  # dated first, undated last and said so
    assert "By source:" in out
    code, out, _ = ask(seeds_index, "what did Stoltenberg say?", "--timeline", "--json")
    tl = json.loads(out)
    assert tl["speaker"]["name"] == "Jens Stoltenberg"
    assert tl["entries"][0]["said_on"]["date"] == "2022-01-26"
    assert tl["entries"][-1]["said_on"] is None and tl["undated"] > 0
    assert all(e["citation"] and e["path"] for e in tl["entries"])


@pytest.mark.parametrize(("args", "needle"), [
    (["How many troops are at the border?", "--timeline"], "needs a question about a person"),
    (["what did Stoltenberg say?", "--timeline", "--format", "csv"], "text or json"),
])
def test_timeline_errors_are_one_line(seeds_index: Path, args: list[str], needle: str):
    code, _, err = ask(seeds_index, *args)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 1 and len(lines) == 1 and needle in lines[0] and "Traceback" not in err


def test_repl_timeline(seeds_retriever: Retriever):
    buf = io.StringIO()
    repl = Repl(lambda: seeds_retriever, Console(file=buf, width=120))
    repl.start_loading()
    repl.handle(":timeline")  # nothing asked yet
    repl.handle("what did Stoltenberg say?")
    repl.handle(":timeline")
    repl.handle(":timeline Grushko")
    repl.handle(":timeline Nobody Atall")
    out = buf.getvalue()
    assert "error: ask about a person first" in out
    assert "Timeline: Jens Stoltenberg" in out and "Timeline: Alexander Grushko" in out
    assert "said 2022-01-26" in out  # the answer itself shows dates
    assert "error: no person named 'Nobody Atall'" in out
