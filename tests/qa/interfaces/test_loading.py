"""Leaving the REPL at once while the index or model still loads, and questions that wait for
the model. No timing thresholds: a hang is caught by a generous subprocess timeout."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from qa.interfaces.repl import Repl, run_repl

REPO = Path(__file__).resolve().parents[3]

# A load that never ends and, like native libraries' worker threads, keeps a non-daemon thread
# alive: an interpreter that ended normally would wait for it forever.
_NEVER_ENDING = textwrap.dedent("""
    import sys, threading
    from qa.interfaces.repl import run_repl

    def never_ends():
        forever = threading.Event()
        threading.Thread(target=forever.wait, daemon=False).start()
        print("loading", flush=True)
        forever.wait()

    sys.exit(run_repl(never_ends, interactive=False, exit_now=EXIT_NOW))
""")


def _quit_while_loading(exit_now: bool) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _NEVER_ENDING.replace("EXIT_NOW", str(exit_now))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=REPO,
    )
    assert proc.stdin is not None and proc.stdout is not None
    assert proc.stdout.readline() == "loading\n"  # the load is under way
    proc.stdin.write(":quit\n")
    proc.stdin.close()
    return proc


def test_quit_while_the_load_never_ends_ends_the_process():
    proc = _quit_while_loading(exit_now=True)
    assert proc.wait(timeout=120) == 0  # a hang detector, not a speed limit
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]


def test_without_exit_now_such_a_load_keeps_the_process():
    """The case above is a real one: an interpreter ending normally waits for the load."""
    proc = _quit_while_loading(exit_now=False)
    try:
        proc.wait(timeout=3)  # a short look: passing needs it NOT to have ended
        ended = True
    except subprocess.TimeoutExpired:
        ended = False
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    assert not ended


def test_ctrl_d_returns_while_the_load_never_ends(tmp_path: Path, monkeypatch: Any):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    release = threading.Event()
    buf = io.StringIO()
    try:
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            pipe.send_text("\x04")
            code = run_repl(release.wait, input=pipe, output=DummyOutput(),  # type: ignore[arg-type]
                            console=Console(file=buf), interactive=True)
    finally:
        release.set()
    assert code == 0


class _SlowModel:
    """An embedder whose model loads when `ready` is set."""

    def __init__(self) -> None:
        self.ready = threading.Event()

    @property
    def loaded(self) -> bool:
        return self.ready.is_set()


class _Index:
    def __init__(self) -> None:
        self.embedder = _SlowModel()

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.embedder.ready.wait()
        return [[1.0] for _ in texts]


class _Answer:
    def __init__(self, question: str) -> None:
        self.question = question

    def to_dict(self) -> dict[str, Any]:
        return {"answered": self.question}


class _Retriever:
    def __init__(self) -> None:
        self.index = _Index()

    def ask(self, question: str, k: int, mode: str) -> _Answer:
        self.index.embed([question])  # waits for the model, as the real one does
        return _Answer(question)


def test_a_question_asked_while_the_model_loads_is_answered_when_it_is_ready():
    retriever = _Retriever()
    buf = io.StringIO()
    repl = Repl(lambda: retriever, Console(file=buf))  # type: ignore[arg-type,return-value]
    repl.as_json = True
    repl.start_loading()
    asking = threading.Thread(target=repl.handle, args=("who said it?",))
    asking.start()
    retriever.index.embedder.ready.wait(timeout=0.01)  # lets the question start waiting
    assert "answered" not in buf.getvalue()
    retriever.index.embedder.ready.set()
    asking.join(timeout=120)
    assert not asking.is_alive()
    out = buf.getvalue()
    assert "who said it?" in out
    assert out.index("loading the index and the model") < out.index("who said it?")
