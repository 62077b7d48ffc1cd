"""The REPL driven in-process through prompt-toolkit's pipe input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from qa.interfaces.repl import Repl, run_repl
from qa.retriever import Retriever

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture(scope="module")
def retriever(seeds_retriever: Retriever) -> Retriever:
    return seeds_retriever


def _session(retriever: Retriever, keys: str, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    buf = io.StringIO()
    console = Console(file=buf, width=120, soft_wrap=True)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        code = run_repl(lambda: retriever, input=pipe, output=DummyOutput(), console=console,
                        interactive=True)
    return code, buf.getvalue()


def test_question_commands_and_ctrl_d(retriever: Retriever, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch):
    keys = (
        "what did Grushko say?\r"
        ":k 3\r:mode bm25\r"
        "Who is the US ambassador to Russia?\r"
        ":explain 1\r:open 1\r:sources\r:speakers\r:json\r:nope\r:k zero\r:explain 99\r"
        "\x04"  # Ctrl-D
    )
    code, out = _session(retriever, keys, tmp_path, monkeypatch)
    assert code == 0
    assert "003_a2eee6b2b378d7e4" in out and "004_e38e69d9be152fb8" in out
    assert "k = 3" in out and "mode = bm25" in out
    assert "bm25" in out and "rank" in out  # :explain
    assert "»»" in out and "Sullivan" in out  # :open marks the passage
    assert "5 documents" in out  # :sources
    assert "Grushko" in out  # :speakers
    assert "JSON output on" in out
    assert "unknown command :nope" in out
    assert ":k takes a positive number" in out
    assert "passage number from 1 to" in out
    assert (tmp_path / "qa-index" / "history").exists()


def test_quit_command(retriever: Retriever, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    code, out = _session(retriever, ":help\r:quit\r", tmp_path, monkeypatch)
    assert code == 0 and ":explain N" in out


def test_errors_never_end_the_session(retriever: Retriever):
    buf = io.StringIO()
    repl = Repl(lambda: retriever, Console(file=buf, width=120))
    repl.start_loading()
    repl.handle("?!?")
    repl.handle(":open 1")
    repl.handle("what did Grushko say?")
    out = buf.getvalue()
    assert out.count("error:") == 2 and "Grushko" in out


def test_loading_failure_is_reported_per_question():
    buf = io.StringIO()

    def broken() -> Retriever:
        raise FileNotFoundError("no such corpus")

    repl = Repl(broken, Console(file=buf, width=120))
    repl.start_loading()
    repl.handle("anything")
    assert "could not open the corpus: no such corpus" in buf.getvalue()


def test_more_shows_the_rest_of_the_statements(retriever: Retriever):
    buf = io.StringIO()
    repl = Repl(lambda: retriever, Console(file=buf, width=120))
    repl.start_loading()
    repl.handle(":more")  # nothing asked yet
    repl.handle(":k 1")
    repl.handle("what did Grushko say?")
    repl.handle(":more")
    out = buf.getvalue()
    assert "error: ask a question first" in out
    total = len(repl.last["quotes"]) if repl.last else 0
    assert total >= 2  # the seeds quote Grushko several times
    assert f"the 1 most relevant of {total}" in out
    assert f"Statements 2-{total} of {total}" in out
